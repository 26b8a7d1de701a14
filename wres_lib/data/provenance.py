"""Provenance travels with every output: which data, which code, whether it is synthetic."""

from __future__ import annotations

import hashlib
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

from wres_lib.data.metadata import DatasetMetadata
from wres_lib.version import __version__

SYNTHETIC_LABEL = "SYNTHETIC DATA: invented organisations and figures, not real NHS statistics"


@cache
def git_commit() -> str:
    """The commit of the wres_lib source tree, or ``"unknown"`` outside a git checkout."""
    source = Path(__file__).resolve().parent
    try:
        result = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=source, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return result.stdout.strip() if result.returncode == 0 else "unknown"


@cache
def library_hash() -> str:
    """A hash of wres_lib's own code and templates: it changes whenever an output could.

    Computed once per process: the code a process runs is the code it imported at start.
    """
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parents[1]  # the wres_lib package
    files = sorted([*root.rglob("*.py"), *(root / "templates").rglob("*")])
    for path in (p for p in files if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def provenance(metadata: DatasetMetadata) -> dict[str, Any]:
    """Dataset name, vintage, source, content checksum, synthetic flag and library version."""
    return {
        "dataset": metadata.name,
        "vintage": metadata.vintage,
        "source": metadata.source,
        "licence": metadata.licence,
        "synthetic": metadata.synthetic,
        "data_label": SYNTHETIC_LABEL if metadata.synthetic else "",
        "dataset_sha256": metadata.content_hash,
        "wres_lib_version": __version__,
        "git_commit": git_commit(),
    }
