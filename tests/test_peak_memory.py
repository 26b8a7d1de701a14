"""The build benchmark's memory sampler (``benchmarks/peak_memory.py``): a worker is counted
with its own children, and a fresh child still running its parent's program (which shows its
parent's memory) is left out, unless it lives on, when its memory is its own."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from benchmarks import peak_memory
from benchmarks.peak_memory import PeakMemory

MiB = 1024**2
# A worker of 60 MiB with a child forked from it and never exec'd.
WORKER = """
import os, time
ballast = bytearray(60 * 2**20)
for i in range(0, len(ballast), 4096):
    ballast[i] = 1
if os.fork() == 0:
    time.sleep(30)
    os._exit(0)
print("ready", flush=True)
time.sleep(30)
"""
# A build of 200 MiB with that worker and a child forked from it and never exec'd.
BUILD = f"""
import os, subprocess, sys, time
ballast = bytearray(200 * 2**20)
for i in range(0, len(ballast), 4096):
    ballast[i] = 1
worker = subprocess.Popen([sys.executable, "-c", {WORKER!r}], stdout=subprocess.PIPE, text=True)
assert worker.stdout.readline() == "ready\\n"
if os.fork() == 0:
    time.sleep(30)
    os._exit(0)
print("ready", flush=True)
time.sleep(30)
"""


def sample_build(seconds: float) -> PeakMemory:
    """``BUILD`` sampled for ``seconds`` once its children are forked, then stopped."""
    with subprocess.Popen(
        [sys.executable, "-c", BUILD], stdout=subprocess.PIPE, text=True, start_new_session=True
    ) as build:
        try:
            assert build.stdout is not None and build.stdout.readline() == "ready\n"
            with PeakMemory(build.pid) as memory:
                time.sleep(seconds)
        finally:
            os.killpg(build.pid, signal.SIGKILL)
    return memory


@pytest.mark.slow
def test_a_fresh_child_running_its_parents_program_is_left_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(peak_memory, "FORK_GRACE_SECONDS", 60.0)  # however slow the machine
    memory = sample_build(0.6)

    assert len(memory.peaks) == 1  # the worker; not the build's forked child
    (peak,) = memory.peaks.values()
    assert len(peak.parts) == 1  # the worker's forked child is left out too
    assert 50 * MiB < peak.rss < 120 * MiB  # the worker alone, not its forked copy too
    assert memory.left_out > 190 * MiB  # the build's child showed the build's 200 MiB


@pytest.mark.slow
def test_a_forked_child_that_lives_on_is_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(peak_memory, "FORK_GRACE_SECONDS", 0.0)
    memory = sample_build(0.6)

    sizes = sorted(peak.rss for peak in memory.peaks.values())
    assert len(sizes) == 2 and sizes[1] > 190 * MiB  # the build's forked child, counted
    worker = next(peak for peak in memory.peaks.values() if len(peak.parts) == 2)
    assert worker.rss > 100 * MiB  # the worker and its forked child
    assert memory.left_out == 0
