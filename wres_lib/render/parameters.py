"""Declared parameter schemas for each briefing notebook, checked before any kernel starts."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from wres_lib.errors import ParameterError


@dataclass(frozen=True)
class Parameter:
    """One notebook parameter: its type, whether it is required, and what it means."""

    name: str
    kind: type
    description: str
    required: bool = True
    choices: tuple[str, ...] | None = None


_COMMON = (
    Parameter("year", int, "WRES year (31 March snapshot)"),
    Parameter("data_dir", str, "dataset folder"),
    Parameter(
        "run_date",
        str,
        "run date, YYYY-MM-DD (default: SOURCE_DATE_EPOCH or today)",
        required=False,
    ),
)

SCHEMAS: dict[str, tuple[Parameter, ...]] = {
    "trust": (Parameter("org_code", str, "trust code"), *_COMMON),
    "system": (
        Parameter("level", str, "icb or region", choices=("icb", "region")),
        Parameter("code", str, "ICB or region code"),
        *_COMMON,
    ),
    "national": _COMMON,
}

NOTEBOOKS = {
    "trust": "trust_briefing.ipynb",
    "system": "system_briefing.ipynb",
    "national": "national_briefing.ipynb",
}


def default_run_date() -> str:
    """The run date: from ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC).date().isoformat()
        except ValueError as error:
            raise ParameterError(
                f"SOURCE_DATE_EPOCH must be whole seconds since 1970, got {epoch!r}"
            ) from error
    return date.today().isoformat()


def validate_parameters(notebook: str, parameters: dict[str, Any]) -> dict[str, Any]:
    """Check ``parameters`` against the schema of ``notebook``; return them with defaults.

    Raises :class:`~wres_lib.errors.ParameterError` naming every unknown, missing or
    ill-typed parameter.

    >>> validate_parameters("national", {"year": 2025, "data_dir": "data/sample",
    ...                                  "run_date": "2025-06-30"})["year"]
    2025
    """
    if notebook not in SCHEMAS:
        raise ParameterError(f"unknown briefing {notebook!r}; expected one of {', '.join(SCHEMAS)}")
    schema = {p.name: p for p in SCHEMAS[notebook]}
    problems = [
        f"unknown parameter {name!r} (expected: {', '.join(schema)})"
        for name in parameters
        if name not in schema
    ]
    for name, spec in schema.items():
        if name not in parameters:
            if spec.required:
                problems.append(f"missing parameter {name!r}: {spec.description}")
            continue
        value = parameters[name]
        if (spec.kind is int and isinstance(value, bool)) or not isinstance(value, spec.kind):
            problems.append(
                f"parameter {name!r} must be {spec.kind.__name__}, got {type(value).__name__} "
                f"{value!r}"
            )
        elif spec.choices and value not in spec.choices:
            problems.append(f"parameter {name!r} must be one of {', '.join(spec.choices)}")
    run_date = parameters.get("run_date")
    if isinstance(run_date, str):
        try:
            date.fromisoformat(run_date)
        except ValueError:
            problems.append(f"parameter 'run_date' must be a date as YYYY-MM-DD, got {run_date!r}")
    if problems:
        raise ParameterError(f"{notebook} briefing: " + "; ".join(problems))
    return {**parameters, "run_date": parameters.get("run_date") or default_run_date()}
