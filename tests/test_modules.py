"""How the modules of ocrfix depend on each other: no import circle.

Every import counts, also one made only for type checking or inside a function:
a module that needs another one's names stands above it, never beside it.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "ocrfix"


def _imports(path: Path) -> set[str]:
    """The ocrfix modules ``path`` imports ("__init__" for the package itself)."""
    modules = {p.stem for p in PACKAGE.glob("*.py")}
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 or (node.level == 0 and (node.module or "").split(".")[0] == "ocrfix"):
                parts = (node.module or "").split(".")[node.level == 0 :]
                if parts and parts[0]:
                    found.add(parts[0])
                else:  # "from . import x": a module, or a name of the package
                    found.update(a.name if a.name in modules else "__init__" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("ocrfix."))
    return found & modules


def _circle(graph: dict[str, set[str]]) -> list[str] | None:
    """One circle of ``graph``, as the modules along it, or None."""
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> list[str] | None:
        if module in path:
            return path[path.index(module) :] + [module]
        if module in done:
            return None
        for dep in sorted(graph[module]):
            if circle := visit(dep, path + [module]):
                return circle
        done.add(module)
        return None

    for module in sorted(graph):
        if circle := visit(module, []):
            return circle
    return None


def test_no_import_circle():
    graph = {p.stem: _imports(p) for p in PACKAGE.glob("*.py")}
    assert "correct" in graph["layout"]  # an import for type checking only counts,
    assert "parallel" in graph["pipeline"]  # and so does one inside a function
    circle = _circle(graph)
    assert circle is None, " -> ".join(circle or [])


def test_the_walk_finds_a_circle():
    assert _circle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert _circle({"a": {"b"}, "b": set()}) is None
