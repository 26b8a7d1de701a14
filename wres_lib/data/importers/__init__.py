"""Importers: published and hand-made files turned into validated dataset folders.

- :mod:`~wres_lib.data.importers.ods_reference`: the NHS ODS trust reference file (``etr.csv``)
  as the organisations table;
- :mod:`~wres_lib.data.importers.template` and :mod:`~wres_lib.data.importers.workbook`: a
  data-entry workbook with one sheet per table, and reading it back once filled;
- :mod:`~wres_lib.data.importers.mapped`: CSV, XLSX or ODS files laid out another way, read through
  a mapping file (:mod:`~wres_lib.data.importers.mapping`; examples in
  ``wres_lib/templates/mappings/``);
- :mod:`~wres_lib.data.importers.output`: writing the result, new or merged, all or nothing.
"""

from wres_lib.data.importers.grid import InputError
from wres_lib.data.importers.mapped import read_mapped
from wres_lib.data.importers.mapping import MappingError, load_mapping, mapping_path
from wres_lib.data.importers.ods_reference import read_ods_reference
from wres_lib.data.importers.output import ImportOptions, ImportResult, write_import
from wres_lib.data.importers.template import write_template
from wres_lib.data.importers.workbook import read_filled_workbook

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
