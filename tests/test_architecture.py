"""The library's plan: imports flow one way, from data to render, and no module is too long.

The stages, lowest first: foundation (errors, files, version) → data → stats → indicators →
models → analysis → present → briefings and tables → render → cli. A module may import its own
stage and the stages below it, never above; briefings and tables never import each other. Every
import counts, including those inside functions (lazy imports), so ``wres validate`` can never
be made to load the indicator engine by accident.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "wres_lib"
STAGES = {
    "errors": 0, "files": 0, "version": 0,
    "data": 1, "stats": 1,
    "indicators": 2,
    "models": 3,
    "analysis": 4,
    "present": 5,
    "briefings": 6, "tables": 6,
    "render": 7,
    "cli": 8,
}  # fmt: skip
DATA_MAY_IMPORT = {"data", "errors", "files", "version"}
MAX_LINES = 400


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str) -> set[str]:
    """Every wres_lib module ``name`` imports, anywhere in its code."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in MODULES else base)
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: imports_of(name) for name in MODULES}


def stage_of(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else None


def test_every_module_has_a_stage() -> None:
    unstaged = sorted(n for n in MODULES if n != "wres_lib" and stage_of(n) not in STAGES)
    assert not unstaged, f"modules outside the plan: {unstaged}"


def test_no_import_cycle() -> None:
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(GRAPH[node]):
            if state.get(target) == 1:
                cycles.append([*trail[trail.index(target) :], target])
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = 2

    for name in sorted(MODULES):
        if name not in state:
            visit(name, [name])
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_imports_flow_downwards() -> None:
    upward = []
    for name, targets in GRAPH.items():
        if name == "wres_lib":
            continue
        for target in targets:
            if target == "wres_lib":
                upward.append(f"{name} imports the package root (import the module instead)")
            elif STAGES[stage_of(target)] > STAGES[stage_of(name)]:
                upward.append(f"{name} -> {target}")
            elif {stage_of(name), stage_of(target)} == {"briefings", "tables"}:
                upward.append(f"{name} -> {target} (briefings and tables are siblings)")
    assert not upward, "imports against the flow: " + ", ".join(sorted(upward))


def test_data_layer_imports_only_data() -> None:
    wrong = sorted(
        f"{name} -> {target}"
        for name, targets in GRAPH.items()
        if stage_of(name) == "data"
        for target in targets
        if stage_of(target) not in DATA_MAY_IMPORT
    )
    assert not wrong, f"the data layer imports analysis code: {wrong}"


def test_the_check_sees_lazy_imports(tmp_path: Path) -> None:
    """Control: an import inside a function is an edge of the graph."""
    assert "wres_lib.data.succession" in GRAPH["wres_lib.data.validation"]
    source = "def f():\n    from wres_lib.indicators import compute_indicators\n"
    tree = ast.parse(source)
    lazy = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert lazy and lazy[0].module == "wres_lib.indicators"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_module_is_at_most_400_lines(name: str) -> None:
    lines = MODULES[name].read_text().count("\n")
    assert lines <= MAX_LINES, f"{MODULES[name].relative_to(PACKAGE.parent)}: {lines} lines"
