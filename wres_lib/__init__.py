"""wres_lib: the tested library behind the WRES briefings.

The library is staged as the data flows (``docs/methods.md`` has the plan):
``data`` (files → validated dataset) → ``stats`` → ``indicators`` → ``models`` →
``analysis`` (the shared work of one dataset and year) → ``present`` (English, charts, HTML
fragments) → ``briefings`` and ``tables`` → ``render`` (notebook → HTML/PDF) → ``cli``.

The names below are the public API. They are imported when first used, so that ``import
wres_lib.data`` (``wres validate``, the importers) does not load the indicator engine.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from wres_lib.version import __version__

_PUBLIC = {
    "BoardHistory": "wres_lib.models.board_history",
    "board_history": "wres_lib.models.board_history",
    "Dataset": "wres_lib.data.dataset",
    "DatasetMetadata": "wres_lib.data.metadata",
    "load_dataset": "wres_lib.data.dataset",
    "write_dataset": "wres_lib.data.dataset",
    "BandGroups": "wres_lib.indicators.disparity_ratios",
    "racial_disparity_ratios": "wres_lib.indicators.disparity_ratios",
    "DataValidationError": "wres_lib.errors",
    "Violation": "wres_lib.errors",
    "WresError": "wres_lib.errors",
    "Funnel": "wres_lib.models.funnels",
    "funnel_limits": "wres_lib.models.funnels",
    "funnel_positions": "wres_lib.models.funnels",
    "indicator_funnel": "wres_lib.models.funnels",
    "compute_indicators": "wres_lib.indicators.compute",
    "RelativeLikelihood": "wres_lib.stats.relative_likelihood",
    "Wording": "wres_lib.stats.relative_likelihood",
    "relative_likelihood": "wres_lib.stats.relative_likelihood",
    "model_employer": "wres_lib.models.model_employer",
    "SentenceError": "wres_lib.present.narrative",
    "check_sentence": "wres_lib.present.narrative",
    "peer_comparison": "wres_lib.models.peers",
    "SmallNumberRule": "wres_lib.stats.small_numbers",
    "trend": "wres_lib.models.trends",
}

__all__ = [
    "BandGroups",
    "BoardHistory",
    "DataValidationError",
    "Dataset",
    "DatasetMetadata",
    "Funnel",
    "RelativeLikelihood",
    "SentenceError",
    "SmallNumberRule",
    "Violation",
    "Wording",
    "WresError",
    "__version__",
    "board_history",
    "check_sentence",
    "compute_indicators",
    "funnel_limits",
    "funnel_positions",
    "indicator_funnel",
    "load_dataset",
    "model_employer",
    "peer_comparison",
    "racial_disparity_ratios",
    "relative_likelihood",
    "trend",
    "write_dataset",
]

if TYPE_CHECKING:
    from wres_lib.data.dataset import Dataset, load_dataset, write_dataset
    from wres_lib.data.metadata import DatasetMetadata
    from wres_lib.errors import DataValidationError, Violation, WresError
    from wres_lib.indicators.compute import compute_indicators
    from wres_lib.indicators.disparity_ratios import BandGroups, racial_disparity_ratios
    from wres_lib.models.board_history import BoardHistory, board_history
    from wres_lib.models.funnels import (
        Funnel,
        funnel_limits,
        funnel_positions,
        indicator_funnel,
    )
    from wres_lib.models.model_employer import model_employer
    from wres_lib.models.peers import peer_comparison
    from wres_lib.models.trends import trend
    from wres_lib.present.narrative import SentenceError, check_sentence
    from wres_lib.stats.relative_likelihood import RelativeLikelihood, Wording, relative_likelihood
    from wres_lib.stats.small_numbers import SmallNumberRule


def __getattr__(name: str) -> Any:
    """Import a public name from its module the first time it is asked for."""
    if name not in _PUBLIC:
        raise AttributeError(f"module 'wres_lib' has no attribute {name!r}")
    value = getattr(importlib.import_module(_PUBLIC[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_PUBLIC])
