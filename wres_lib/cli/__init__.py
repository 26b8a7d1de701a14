"""The ``wres`` command line: a thin layer over the library, one module per command group.

``wres = "wres_lib.cli:main"`` is the entry point.
"""

from wres_lib.cli.app import main

__all__ = ["main"]
