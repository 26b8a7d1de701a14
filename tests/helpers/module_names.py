"""The public names a module defines itself (not those it imports), read from its source."""

from __future__ import annotations

import ast
import inspect
from types import ModuleType


def public_names(module: ModuleType) -> set[str]:
    """Names of the module's top-level functions, classes and assignments without a leading _."""
    names = set()
    for node in ast.parse(inspect.getsource(module)).body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names |= {target.id for target in node.targets if isinstance(target, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return {name for name in names if not name.startswith("_")}
