"""The package's layout, read from its imports (issue 19): no import circle,
the core never imports MkDocs, the two adapters stand apart over the core."""

from __future__ import annotations

import ast
from pathlib import Path

import lessonkit

PACKAGE = Path(lessonkit.__file__).parent

EXTENSION = ("lessonkit.markdown", "lessonkit.markdown_host")
"""The Python-Markdown extension's adapter: the extension and how it reads its engine."""
ADAPTERS = ("lessonkit.mkdocs_plugin", *EXTENSION)
"""An engine's adapter over the core (:mod:`lessonkit.pipeline`)."""
MKDOCS_SIDE = (*ADAPTERS, "lessonkit.sitelayout", "lessonkit.ci_command")
"""What may import MkDocs: the plugin, the extension (run by MkDocs, it stops
MkDocs' way), and the commands that read ``mkdocs.yml`` or run ``mkdocs build``."""


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, at any depth (a function's too), not for annotations only."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, ast.Import):
                found.update(alias.name for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    parent = package.split(".")
                    parent = parent[: len(parent) - (child.level - 1)]
                    base = ".".join([*parent, base] if base else parent)
                found.add(base)
                found.update(f"{base}.{alias.name}" for alias in child.names)
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    return {name: {found for found in _imports(path) if found in modules and found != name} for name, path in modules.items()}


def _within(name: str, groups: tuple[str, ...]) -> bool:
    return any(name == group or name.startswith(group + ".") for group in groups)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each import circle, as the path that closes it (depth-first search)."""
    found: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(name: str) -> None:
        state[name] = 1
        stack.append(name)
        for other in sorted(graph[name]):
            # A package's __init__ importing its own modules is how packages are made.
            if other.startswith(name + "."):
                continue
            if state.get(other) == 1:
                found.append([*stack[stack.index(other):], other])
            elif other not in state:
                visit(other)
        stack.pop()
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)
    return found


def test_the_graph_is_read():
    graph = _graph()
    assert "lessonkit.pipeline" in graph["lessonkit.markdown"]
    assert "lessonkit.pipeline" in graph["lessonkit.mkdocs_plugin.plugin"]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]


def test_no_import_circle():
    assert _cycles(_graph()) == []


def test_the_core_does_not_import_mkdocs():
    offenders = {
        name: sorted(found for found in _imports(path) if found == "mkdocs" or found.startswith("mkdocs."))
        for path in PACKAGE.rglob("*.py")
        if not _within(name := _module_name(path), MKDOCS_SIDE)
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def test_the_adapters_stand_apart():
    graph = _graph()
    plugin = {name for name in graph if _within(name, ("lessonkit.mkdocs_plugin",))}
    extension = {name for name in graph if _within(name, EXTENSION)}
    assert extension == set(EXTENSION)
    assert not any(_within(found, EXTENSION) for name in plugin for found in graph[name])
    assert not any(_within(found, ("lessonkit.mkdocs_plugin",)) for name in extension for found in graph[name])
    assert not any(_within(found, ADAPTERS) for found in graph["lessonkit.cli"])
    core = [name for name in graph if not _within(name, (*ADAPTERS, "lessonkit.ci_command", "lessonkit.cli"))]
    assert {name: sorted(graph[name] & {*plugin, *extension}) for name in core if graph[name] & {*plugin, *extension}} == {}
