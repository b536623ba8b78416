"""Single points of failure: the CIs whose failure alone takes a target DOWN.

Running the engine once per CI costs (CIs x blast radius). Instead every node v gets
its *killer set* K(v) = {x : x failing alone makes v DOWN}, as an int bitset over the
CIs, in one pass over the target's downstream closure:

    K(v) = {v} | union of K(h) over v's hard non-member needs h
               | {x : x in K(m) for at least t members m},  t = total - min_available + 1

Soft needs and DEGRADED never lead to DOWN, so they do not appear. Bit x of every K is
exactly the DOWN part of the engine's fixpoint for the single input x, which is why
the equations are solved per strongly connected component, dependencies first, and
to their *least* fixpoint inside a cycle (a cycle with nothing failed stays up). The
quorum clamp of :mod:`graphcmdb.impact.engine` makes t >= 1: an already-broken cluster
is out of scope, as it is for the engine.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphcmdb.impact.engine import is_hard, members_of, propagate_statuses, quorum
from graphcmdb.impact.model import NeedsGraph, Status


def single_points_of_failure(graph: NeedsGraph, target: str) -> list[str]:
    """CI ids (not the target) whose failure alone makes ``target`` DOWN, by name then id.

    ``graph`` must hold the target's downstream closure with every cluster's members.
    Memory is one bitset per node still needed by an unfinished component: a K(v) is
    dropped as soon as every node that needs v has been solved.
    """
    assert target in graph.nodes, f"unknown node {target!r}"
    components = list(strongly_connected(graph, target))
    killers = _Killers(graph, target, [x for component in components for x in component])
    for component in components:
        killers.solve(component)
    found = killers.ids(killers.k[target])
    return sorted((x for x in found if x != target), key=lambda x: (graph.nodes[x].name, x))


def spof_reference(graph: NeedsGraph, target: str) -> list[str]:
    """Brute force for the tests: fail each CI alone and look at the target."""
    found = [
        x
        for x, node in graph.nodes.items()
        if node.is_ci and x != target and propagate_statuses(graph, [x]).get(target) is Status.DOWN
    ]
    return sorted(found, key=lambda x: (graph.nodes[x].name, x))


def at_least(masks: list[int], threshold: int, universe: int) -> int:
    """Bits set in at least ``threshold`` of ``masks``; counters c_j = "in >= j masks so far"."""
    if threshold < 1:
        return universe
    if threshold > len(masks):
        return 0
    counters = [universe] + [0] * threshold
    for seen, mask in enumerate(masks, start=1):
        for j in range(min(threshold, seen), 0, -1):
            counters[j] |= counters[j - 1] & mask
    return counters[threshold]


def _dependencies(graph: NeedsGraph, node: str) -> list[str]:
    return [n.dependency for n in graph.needs.get(node, []) if n.dependency in graph.nodes]


def strongly_connected(graph: NeedsGraph, root: str) -> Iterator[list[str]]:
    """Iterative Tarjan over ``needs`` from ``root``: components come dependencies first.

    No recursion, because dependency chains in a CMDB can be far deeper than Python's
    recursion limit.
    """
    index: dict[str, int] = {root: 0}
    low: dict[str, int] = {root: 0}
    stack, on_stack = [root], {root}
    work = [(root, iter(_dependencies(graph, root)))]
    while work:
        node, successors = work[-1]
        for succ in successors:
            if succ not in index:
                index[succ] = low[succ] = len(index)
                stack.append(succ)
                on_stack.add(succ)
                work.append((succ, iter(_dependencies(graph, succ))))
                break
            if succ in on_stack:
                low[node] = min(low[node], index[succ])
        else:
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while not component or component[-1] != node:
                    component.append(stack.pop())
                    on_stack.discard(component[-1])
                yield component


class _Killers:
    """K(v) bitsets over the target's closure, solved one component at a time."""

    def __init__(self, graph: NeedsGraph, target: str, closure: list[str]) -> None:
        self.graph = graph
        self.target = target
        # bit positions, not 1 << i ints: those would cost O(n^2) bits on a big closure
        self.by_bit = sorted(x for x in closure if graph.nodes[x].is_ci)
        self.position = {x: i for i, x in enumerate(self.by_bit)}
        self.universe = (1 << len(self.by_bit)) - 1
        self.k: dict[str, int] = {}
        # how many not-yet-solved nodes still read K(v): v is forgotten at zero
        self.readers: dict[str, int] = {}

    def own(self, node: str) -> int:
        position = self.position.get(node)
        return 0 if position is None else 1 << position

    def solve(self, component: list[str]) -> None:
        inside = set(component)
        for node in component:
            self.k[node] = self.own(node)
        cyclic = len(component) > 1 or component[0] in _dependencies(self.graph, component[0])
        if not cyclic:
            self.k[component[0]] = self._equation(component[0])
        else:
            self._iterate(component, inside)
        self._release(component, inside)

    def _iterate(self, component: list[str], inside: set[str]) -> None:
        """Chaotic iteration from the bottom: monotone, so it stops at the least fixpoint."""
        pending = sorted(component)
        queued = set(pending)
        while pending:
            node = pending.pop()
            queued.discard(node)
            new = self._equation(node)
            if new == self.k[node]:
                continue
            self.k[node] = new
            for need in self.graph.needed_by.get(node, []):
                if need.dependent in inside and need.dependent not in queued:
                    queued.add(need.dependent)
                    pending.append(need.dependent)

    def _equation(self, node: str) -> int:
        killers = self.own(node)
        for need in self.graph.needs.get(node, []):
            if not need.is_membership and is_hard(need):
                killers |= self.k.get(need.dependency, 0)
        members = sorted(members_of(self.graph, node))
        if members:
            total, wanted = quorum(self.graph.nodes[node], len(members))
            masks = [self.k.get(m, 0) for m in members]
            killers |= at_least(masks, total - wanted + 1, self.universe)
        return killers

    def _release(self, component: list[str], inside: set[str]) -> None:
        """Forget K(v) once every node that reads it is solved (distinct readers)."""
        for node in component:
            self.readers[node] = len(
                {n.dependent for n in self.graph.needed_by.get(node, [])} - inside
            )
        for node in component:
            for dep in set(_dependencies(self.graph, node)) - inside:
                left = self.readers[dep] = self.readers[dep] - 1
                if left <= 0 and dep != self.target:
                    del self.k[dep]

    def ids(self, killers: int) -> list[str]:
        """Set bits in one linear pass (shifting a big int per bit would be quadratic)."""
        bits = format(killers, "b")[::-1]
        return [self.by_bit[i] for i, bit in enumerate(bits) if bit == "1"]
