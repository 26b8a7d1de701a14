"""Shared fixtures.

The sample fixtures are built once per test session and shared by every test that asks for
them: treat them as read-only, and copy before changing anything.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.helpers.dataset_factory import write_tiny_dataset
from tests.helpers.paths import SAMPLE
from wres_lib.analysis.context import BriefingContext, load_context
from wres_lib.data.dataset import Dataset, load_dataset
from wres_lib.indicators.compute import compute_indicators


@pytest.fixture(scope="session", autouse=True)
def user_cache(tmp_path_factory: pytest.TempPathFactory):
    """The commands' per-user cache of computed tables, in a folder of this session, never the
    real user's (a test that needs a fresh cache passes --cache-dir or --no-cache)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WRES_CACHE_DIR", str(tmp_path_factory.mktemp("user-cache")))
        yield


@pytest.fixture
def tiny_dataset(tmp_path: Path) -> Path:
    """A freshly written, valid two-trust dataset folder."""
    return write_tiny_dataset(tmp_path / "tiny")


@pytest.fixture(scope="session")
def sample_dataset() -> Dataset:
    """The bundled synthetic sample (``data/sample``), loaded once."""
    return load_dataset(SAMPLE)


@pytest.fixture(scope="session")
def sample_context() -> BriefingContext:
    """The sample's briefing context, the one ``load_context`` gives every briefing."""
    return load_context(SAMPLE)


@pytest.fixture(scope="session")
def sample_indicators(sample_dataset: Dataset) -> pd.DataFrame:
    """The sample's indicator table for trusts and the nation, every year."""
    return pd.concat(
        [compute_indicators(sample_dataset, level=level) for level in ("trust", "national")],
        ignore_index=True,
    )


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """Five briefings of the sample rendered into one output folder, with its index."""
    from tests.helpers.rendering import render_all  # rendering imports are heavy; only here

    return render_all(tmp_path_factory.mktemp("outputs"))
