"""Where a dataset folder named by a relative path is, wherever a notebook happens to run.

``wres build`` runs its notebooks from the folder it was started in, so ``data/sample`` names
the sample there. JupyterLab, and papermill given ``cwd``, start the kernel in the notebook's own
folder (``wres_lib/notebooks``), where the same words name nothing; the first folder above it
holding ``data/sample`` is the project's root. The sample is not shipped inside the installed
package: with a package installed from a wheel, pass the dataset's full path.
"""

from __future__ import annotations

from pathlib import Path

from wres_lib.errors import DataValidationError, Violation


def find_data_dir(data_dir: str | Path, start: str | Path | None = None) -> Path:
    """The dataset folder ``data_dir`` names: itself if absolute, else the first existing
    ``<folder>/<data_dir>`` for ``start`` (default: the current folder) and each folder above it.

    Raises :class:`~wres_lib.errors.DataValidationError` when there is none.
    """
    path = Path(data_dir).expanduser()
    if path.is_absolute():
        return path
    here = Path(start if start is not None else Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / path).is_dir():
            return folder / path
    expected = f"a dataset folder at {path} in {here} or a folder above it (or a full path)"
    raise DataValidationError(str(path), [Violation(str(path), None, None, None, expected)])
