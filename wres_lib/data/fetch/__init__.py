"""Download public source files into a local cache: resumable, checked and recorded.

:mod:`~wres_lib.data.fetch.sources` reads the configured sources,
:mod:`~wres_lib.data.fetch.download` fetches a year's file of one and
:mod:`~wres_lib.data.fetch.content` checks that what arrived is of the kind its name says.
"""

from wres_lib.data.fetch.download import (
    DEFAULT_CACHE,
    DEFAULT_TIMEOUT,
    Fetched,
    fetch_source,
)
from wres_lib.data.fetch.sources import (
    RECORD,
    USER_CONFIG,
    FetchError,
    Source,
    default_config,
    load_sources,
)

__all__ = [
    "DEFAULT_CACHE",
    "DEFAULT_TIMEOUT",
    "RECORD",
    "USER_CONFIG",
    "FetchError",
    "Fetched",
    "Source",
    "default_config",
    "fetch_source",
    "load_sources",
]
