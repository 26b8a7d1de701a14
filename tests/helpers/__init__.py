"""Helpers shared by the tests: paths, small datasets and importer plumbing."""
