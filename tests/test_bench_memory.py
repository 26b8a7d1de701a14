"""The build benchmark's memory sampler: a worker is its own process tree, and a child that has
not yet started its own program (which shows its parent's memory) is not counted as one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from benchmarks.bench_build import PeakMemory

MiB = 1024**2
# A parent holding 200 MiB, with two children: one forked and never exec'd (as a child is
# between fork and exec), one running a program of its own.
PARENT = """
import os, subprocess, sys, time
ballast = bytearray(200 * 2**20)
for i in range(0, len(ballast), 4096):
    ballast[i] = 1
own = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
if os.fork() == 0:
    time.sleep(60)
    os._exit(0)
time.sleep(1)  # the exec'd child has replaced its copy of this program
print("ready", flush=True)
time.sleep(60)
"""


@pytest.mark.slow
def test_a_child_not_yet_started_is_left_out_and_a_started_one_counted() -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        assert parent.stdout is not None and parent.stdout.readline() == "ready\n"
        with PeakMemory(parent.pid) as memory:
            time.sleep(1)
    finally:
        os.killpg(parent.pid, signal.SIGKILL)
        parent.wait()

    assert len(memory.peaks) == 1  # only the child running its own program
    (peak,) = memory.peaks.values()
    assert 0 < peak.rss < 100 * MiB
    assert len(peak.parts) == 1  # it has no child
    assert memory.left_out > 150 * MiB  # the forked child showed the parent's 200 MiB
