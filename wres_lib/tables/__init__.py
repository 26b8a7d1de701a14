"""Press tables for journalists and researchers, their file formats and the story finder."""

from wres_lib.tables.press import PressTable
from wres_lib.tables.registry import TABLES, press_table

__all__ = ["TABLES", "PressTable", "press_table"]
