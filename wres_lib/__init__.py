"""wres_lib: the tested library behind the WRES briefings."""

from wres_lib.board_history import BoardHistory, board_history
from wres_lib.dataset import Dataset, DatasetMetadata, load_dataset, write_dataset
from wres_lib.disparity import BandGroups, racial_disparity_ratios
from wres_lib.errors import DataValidationError, Violation, WresError
from wres_lib.funnel import Funnel, funnel_limits, funnel_positions, indicator_funnel
from wres_lib.indicators import compute_indicators
from wres_lib.likelihood import RelativeLikelihood, Wording, relative_likelihood
from wres_lib.model_employer import model_employer
from wres_lib.narrative import SentenceError, check_sentence
from wres_lib.peers import peer_comparison
from wres_lib.small_numbers import SmallNumberRule
from wres_lib.trends import trend

__version__ = "0.1.0"

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
