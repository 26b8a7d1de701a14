"""Importers: published and hand-made files turned into validated dataset folders.

- :mod:`~wres_lib.importers.ods_reference`: the NHS ODS trust reference file (``etr.csv``)
  as the organisations table;
- :mod:`~wres_lib.importers.template` and :mod:`~wres_lib.importers.workbook`: a data-entry
  workbook with one sheet per table, and reading it back once filled;
- :mod:`~wres_lib.importers.mapped`: CSV, XLSX or ODS files laid out another way, read through
  a mapping file (examples in ``wres_lib/templates/mappings/``);
- :mod:`~wres_lib.importers.output`: writing the result, new or merged, all or nothing.
"""

from wres_lib.importers.grid import InputError
from wres_lib.importers.mapped import MappingError, load_mapping, mapping_path, read_mapped
from wres_lib.importers.ods_reference import read_ods_reference
from wres_lib.importers.output import ImportOptions, ImportResult, write_import
from wres_lib.importers.template import write_template
from wres_lib.importers.workbook import read_filled_workbook

__all__ = [
    "ImportOptions",
    "ImportResult",
    "InputError",
    "MappingError",
    "load_mapping",
    "mapping_path",
    "read_filled_workbook",
    "read_mapped",
    "read_ods_reference",
    "write_import",
    "write_template",
]
