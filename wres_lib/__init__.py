"""wres_lib: the tested library behind the WRES briefings."""

from wres_lib.dataset import Dataset, DatasetMetadata, load_dataset, write_dataset
from wres_lib.errors import DataValidationError, Violation, WresError

__version__ = "0.1.0"

__all__ = [
    "DataValidationError",
    "Dataset",
    "DatasetMetadata",
    "Violation",
    "WresError",
    "__version__",
    "load_dataset",
    "write_dataset",
]
