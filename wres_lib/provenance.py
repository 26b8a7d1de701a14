"""Provenance travels with every output: which data, which code, whether it is synthetic."""

from __future__ import annotations

import subprocess
from functools import cache
from pathlib import Path
from typing import Any

from wres_lib.dataset import DatasetMetadata

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


def provenance(metadata: DatasetMetadata) -> dict[str, Any]:
    """Dataset name, vintage, source, content checksum, synthetic flag and library version."""
    from wres_lib import __version__

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
