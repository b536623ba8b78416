"""Tests assert behaviour, never wall-clock time: a timing bound that holds on a quiet
machine fails a clean-clone run on a busy one. Speed is measured in ``benchmarks/``.

This reads every test module and fails on an ``assert`` that depends on a time elapsed:
the difference of two readings of ``time.perf_counter()``, ``time.monotonic()``,
``time.time()`` or an event loop's ``time()``, directly or through the names it was
stored in."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).parent
CLOCKS = {"perf_counter", "perf_counter_ns", "monotonic", "monotonic_ns"}
#: ``time()`` is a clock on the ``time`` module and on an event loop (a datetime's
#: ``.time()`` is not)
LOOP_OR_MODULE = {"time", "loop", "get_running_loop", "get_event_loop"}


def _receiver(func: ast.Attribute) -> str:
    value = func.value
    if isinstance(value, ast.Call):
        value = value.func
    if isinstance(value, ast.Attribute):
        return value.attr
    return value.id if isinstance(value, ast.Name) else ""


def _is_clock(call: ast.Call) -> bool:
    func = call.func
    if call.args:
        return False
    if isinstance(func, ast.Name):
        return func.id in CLOCKS
    if not isinstance(func, ast.Attribute):
        return False
    if func.attr in CLOCKS:
        return True
    return func.attr in {"time", "time_ns"} and _receiver(func) in LOOP_OR_MODULE


def _reads_clock(node: ast.AST) -> bool:
    """``time.perf_counter()``, ``loop.time()``, ``monotonic()`` … anywhere in ``node``."""
    return any(isinstance(call, ast.Call) and _is_clock(call) for call in ast.walk(node))


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _targets(node: ast.Assign | ast.AnnAssign | ast.AugAssign) -> set[str]:
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    return {n for t in targets for n in _names(t)}


def _assignments(tree: ast.AST) -> list[ast.Assign | ast.AnnAssign | ast.AugAssign]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign) and node.value
    ]


def clock_assertions(source: str) -> list[int]:
    """Line numbers of asserts that depend on a time elapsed: the difference of two clock
    readings (a reading minus an earlier one), directly or through the names it was stored in.
    A single reading used as a base (``deadline == started + 15``) is arithmetic, not a
    measurement, and passes."""
    tree = ast.parse(source)
    assignments = _assignments(tree)
    readings = {
        name
        for node in assignments
        if node.value is not None and _reads_clock(node.value)
        for name in _targets(node)
    }

    def reads(node: ast.AST) -> bool:
        return _reads_clock(node) or bool(_names(node) & readings)

    def elapsed(node: ast.AST) -> bool:
        return any(
            isinstance(op, ast.BinOp)
            and isinstance(op.op, ast.Sub)
            and reads(op.left)
            and reads(op.right)
            for op in ast.walk(node)
        )

    timed: set[str] = set()
    for _ in range(3):  # follow assignments a few steps (elapsed -> ratio -> verdict)
        for node in assignments:
            if node.value is not None and (elapsed(node.value) or _names(node.value) & timed):
                timed |= _targets(node)
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Assert) and (elapsed(node.test) or _names(node.test) & timed)
    ]


def test_no_test_asserts_on_wall_clock_time() -> None:
    found = {
        str(path.relative_to(TESTS)): lines
        for path in sorted(TESTS.rglob("*.py"))
        if path.name != Path(__file__).name
        and (lines := clock_assertions(path.read_text(encoding="utf-8")))
    }
    assert not found, f"asserts on wall-clock time (measure speed in benchmarks/): {found}"


def test_the_check_finds_a_timing_assertion() -> None:
    """The check itself can fail: each spelling of a timing bound is caught. (The samples
    name their clocks and their comparisons through placeholders, so no line of this
    file reads like a timing bound to a text search.)"""

    def sample(*lines: str) -> str:
        clocks = {"pc": "time.perf_counter()", "lt": "loop.time()", "mono": "monotonic()"}
        return "\n".join(line.format(**clocks, below="<", above=">") for line in lines) + "\n"

    direct = sample("import time", "t0 = {pc}", "work()", "assert {pc} - t0 {below} 2")
    stored = sample("start = {lt}", "work()", "took = {lt} - start", "assert took {below} 2.1")
    chained = sample("t = {mono}", "d = {mono} - t", "slow = d {above} 3", "assert not slow")
    behaviour = sample("import time", "t0 = {pc}", "result = work()", "assert result == 3")
    base = sample("started = {lt}", "d = Deadline(started, 15)", "assert d.when == started + 15")
    assert clock_assertions(direct) == [4]
    assert clock_assertions(stored) == [4]
    assert clock_assertions(chained) == [4]
    assert clock_assertions(behaviour) == []
    assert clock_assertions(base) == []  # a reading as a base value, no time measured
