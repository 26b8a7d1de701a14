"""The library's version, in one place (read by the package, provenance and fetch)."""

__version__ = "0.1.0"
