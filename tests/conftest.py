"""Shared fixtures."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from dataset_factory import write_tiny_dataset

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "sample"


@pytest.fixture
def tiny_dataset(tmp_path: Path) -> Path:
    """A freshly written, valid two-trust dataset folder."""
    return write_tiny_dataset(tmp_path / "tiny")
