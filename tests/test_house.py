"""House rules that keep the codebase readable: checked over the whole package, not by hand."""

from __future__ import annotations

import ast
import re

from conftest import ROOT

PACKAGE = ROOT / "timeline"
MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_LINES = 450
# The command line is the one place that reads the clock; it passes today's date in.
CLOCK_READERS = {"cli.py"}
CLOCK = re.compile(r"\b(?:date\.today|datetime\.now|datetime\.today|datetime\.utcnow)\(")


def _name(path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_module_reads_the_clock():
    readers = [
        p.relative_to(PACKAGE).as_posix() for p in MODULES if CLOCK.search(p.read_text("utf-8"))
    ]
    assert set(readers) <= CLOCK_READERS, f"only the CLI may read the clock: {readers}"


def test_no_module_is_over_the_size_guideline():
    long = {
        p.relative_to(PACKAGE).as_posix(): n
        for p in MODULES
        if (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"split by responsibility: {long}"


def test_modules_that_make_a_logger_use_it():
    unused = [
        p.relative_to(PACKAGE).as_posix()
        for p in MODULES
        if "log = logging.getLogger" in (text := p.read_text("utf-8"))
        and not re.search(r"\blog\.\w+\(", text)
    ]
    assert not unused, unused


def test_no_import_cycle_between_modules():
    """Imports at module level only: a function-level import is a deliberate lazy load."""
    graph: dict[str, set[str]] = {}
    names = {_name(p) for p in MODULES}
    for path in MODULES:
        module = _name(path)
        edges = graph.setdefault(module, set())
        for node in ast.parse(path.read_text("utf-8")).body:
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            edges.update(t for t in targets if t in names and t != module)
    # A package's __init__ re-exporting its modules is not a cycle with them.
    for module, edges in graph.items():
        edges -= {m for m in edges if m.startswith(module + ".")}

    state: dict[str, int] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                cycle = trail[trail.index(target) :] if target in trail else trail
                raise AssertionError(" -> ".join([*cycle, target]))
            if target not in state:
                visit(target, [*trail, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
