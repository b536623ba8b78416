"""Root-cause candidates: the smallest sets of CIs whose failure explains the symptoms.

"Impacted at all" (status >= DEGRADED) is additive: impacted(A | B) = impacted(A) |
impacted(B). By the rules, a node that needs a non-OK node is itself non-OK whatever
the edge: a hard or soft need that is DOWN or DEGRADED gives at least DEGRADED (rule 3)
and so does a member that is DOWN or DEGRADED (rule 2); and nothing else makes a node
non-OK. So the impacted set of failed inputs is exactly everything that transitively
needs one of them, a reachability set, and the union of reachability sets is the
reachability set of the union. Hence coverage needs no evaluation at all: candidate x
covers symptom s iff s transitively needs x. Only DOWN is not additive (quorums), which
is why sets are checked against ``observed_down`` with the real engine.

Search: covers of size 1, else 2, else 3 (up to ``max_size``), over CIs that cover at
least one symptom, largest-closure element last so that the lower bound on a set's
extra impact (its largest member's closure) only grows: once ``limit`` answers are kept
and the bound exceeds the worst of them, the rest cannot rank. Two budgets keep
pathological inputs bounded (``max_combinations`` sets looked at per size,
``max_checks`` engine runs for ``observed_down``); when one runs out the answer is the
best found so far, still correct explanations but possibly not the best-ranked ones.

What a search costs: at 100,000 CIs the symptoms of one incident reach shared switches
whose upstream closure is most of the graph. So closures are computed only for the
candidates a size needs (size 1: those covering every symptom), once per graph for all
the searches sharing an :class:`Upstream` (an evaluator's pass searches many incidents of
one failure), and the engine checks sets on the symptoms' downstream closure alone: a
symptom's status depends on nothing else (statuses only propagate upwards). Sets of one
are looked at among the CIs covering every symptom only, so only those count against
``max_combinations`` there (before, every CI after the first covering prefix did).
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from itertools import combinations

from graphcmdb.impact.engine import propagate_statuses
from graphcmdb.impact.model import Need, NeedsGraph, Status

MAX_COMBINATIONS = 300_000
MAX_CHECKS = 2_000


@dataclass(frozen=True)
class Candidate:
    ids: tuple[str, ...]
    names: tuple[str, ...]
    #: how many of the symptoms (impacted + observed_down, distinct) it explains
    explains: int
    #: nodes it would impact that are not symptoms (itself included when not one)
    extra_impacted: int
    #: symptom id -> the status the engine predicts when ``ids`` fail together
    statuses: dict[str, Status] = field(compare=False)


def closure(graph: NeedsGraph, start: str, edges: dict[str, list[Need]], up: bool) -> set[str]:
    """``start`` and every graph node reachable from it along ``edges``."""
    seen = {start}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for need in edges.get(node, []):
            nxt = need.dependent if up else need.dependency
            if nxt not in seen and nxt in graph.nodes:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def root_cause_candidates(
    graph: NeedsGraph,
    impacted: Collection[str],
    observed_down: Collection[str] = (),
    max_size: int = 3,
    limit: int = 10,
    *,
    max_combinations: int = MAX_COMBINATIONS,
    max_checks: int = MAX_CHECKS,
    upstream: Upstream | None = None,
) -> list[Candidate]:
    """The best ``limit`` smallest CI sets explaining the symptoms, most specific first.

    A set explains when, failing together, it impacts every id in ``impacted`` and
    ``observed_down`` (an observed DOWN node is a symptom too) and makes every id in
    ``observed_down`` DOWN. Only sets of the smallest size that has any are returned,
    ranked by extra impact (fewer unreported impacted nodes first), then names, then ids.
    ``graph`` must hold the symptoms' downstream closure and the upstream closure of that;
    ``upstream``: the closures of searches over the same graph (one is made otherwise).
    """
    symptoms = list(dict.fromkeys([*impacted, *observed_down]))
    for node_id in symptoms:
        assert node_id in graph.nodes, f"unknown node {node_id!r}"
    if not symptoms or limit < 1:
        return []
    shared = upstream if upstream is not None else Upstream(graph)
    assert shared.graph is graph, "an Upstream serves the graph it was made for"
    search = _Search(shared, symptoms, list(dict.fromkeys(observed_down)), limit)
    search.max_combinations, search.max_checks = max_combinations, max_checks
    search.prepare()
    for size in range(1, max_size + 1):
        found = search.best(search.ordered(every=size > 1), size)
        if found:
            return [search.candidate(ids, extra) for extra, _, ids in found]
    return []


class Upstream:
    """Upstream closures of a graph's nodes as int bitsets (bit ``i``: the graph's
    ``i``-th node), each computed once, for any number of searches over that graph."""

    def __init__(self, graph: NeedsGraph) -> None:
        self.graph = graph
        self._index = {node: i for i, node in enumerate(graph.nodes)}
        self._bits: dict[str, int] = {}
        self._sizes: dict[str, int] = {}

    def of(self, node: str) -> int:
        bits = self._bits.get(node)
        if bits is None:
            # set in a bytearray, then one int: OR-ing 1 << i per node would copy a
            # growing int for each of (at 100,000 CIs) tens of thousands of nodes
            buf = bytearray((len(self._index) + 7) // 8)
            index = self._index
            for reached in closure(self.graph, node, self.graph.needed_by, up=True):
                i = index[reached]
                buf[i >> 3] |= 1 << (i & 7)
            bits = self._bits[node] = int.from_bytes(buf, "little")
            self._sizes[node] = bits.bit_count()
        return bits

    def size(self, node: str) -> int:
        if node not in self._sizes:
            self.of(node)
        return self._sizes[node]


_Key = tuple[int, tuple[str, ...], tuple[str, ...]]


class _Worst:
    """A key with its order reversed, so that heapq keeps the worst kept answer on top."""

    __slots__ = ("key",)

    def __init__(self, key: _Key) -> None:
        self.key = key

    def __lt__(self, other: _Worst) -> bool:
        return self.key > other.key


class _Search:
    """Candidates with their symptom coverage and upstream closure, both as int bitsets."""

    def __init__(
        self, upstream: Upstream, symptoms: list[str], observed_down: list[str], limit: int
    ) -> None:
        self.graph = upstream.graph
        self.upstream = upstream
        self.symptoms = symptoms
        self.observed_down = observed_down
        self.limit = limit
        self.max_combinations = MAX_COMBINATIONS
        self.max_checks = MAX_CHECKS
        self.coverage: dict[str, int] = {}
        #: the graph as the engine needs it for these symptoms: their downstream closure
        self.below = self.graph

    def prepare(self) -> None:
        """Which symptoms each CI below them covers; the symptoms' downstream closure."""
        region: set[str] = set()
        for i, symptom in enumerate(self.symptoms):
            reached = closure(self.graph, symptom, self.graph.needs, up=False)
            region |= reached
            for x in reached:
                if self.graph.nodes[x].is_ci:
                    self.coverage[x] = self.coverage.get(x, 0) | 1 << i
        nodes = self.graph.nodes
        self.below = NeedsGraph(
            {x: nodes[x] for x in region}, self.graph.needs, self.graph.needed_by
        )

    def ordered(self, every: bool) -> list[str]:
        """Candidates by closure size, the cheapest explanations first: those covering
        some symptom (``every``), else only those covering all of them (sets of one)."""
        full = (1 << len(self.symptoms)) - 1
        wanted = [x for x in self.coverage if every or self.coverage[x] == full]
        size, nodes = self.upstream.size, self.graph.nodes
        return sorted(wanted, key=lambda x: (size(x), nodes[x].name, x))

    def covers(self, ordered: list[str], size: int) -> Iterator[tuple[int, tuple[str, ...]]]:
        """(lower bound of extra impact, set) for covering sets; the bound never decreases."""
        full = (1 << len(self.symptoms)) - 1
        reach = 0
        budget = self.max_combinations
        for last, x in enumerate(ordered):
            reach |= self.coverage[x]
            if reach != full:
                continue  # the candidates up to `last` cannot cover everything together
            needed = full & ~self.coverage[x]
            bound = self.upstream.size(x) - len(self.symptoms)
            for rest in combinations(ordered[:last], size - 1):
                budget -= 1
                if budget < 0:
                    return
                got = 0
                for y in rest:
                    got |= self.coverage[y]
                if got & needed == needed:
                    yield bound, (*rest, x)

    def best(self, ordered: list[str], size: int) -> list[_Key]:
        """The ``limit`` best explaining sets of this size, best first."""
        kept: list[_Worst] = []
        checks = self.max_checks
        for bound, ids in self.covers(ordered, size):
            worst = kept[0].key if len(kept) >= self.limit else None
            if worst is not None and bound > worst[0]:
                break  # every later set has at least this much extra impact
            key = self._key(ids)
            if worst is not None and key >= worst:
                continue
            if self.observed_down:
                checks -= 1
                if checks < 0:
                    break
                if not self._downs_observed(ids):
                    continue
            heapq.heappush(kept, _Worst(key))
            if len(kept) > self.limit:
                heapq.heappop(kept)
        return sorted(item.key for item in kept)

    def _key(self, ids: tuple[str, ...]) -> _Key:
        bits = 0
        for x in ids:
            bits |= self.upstream.of(x)
        ordered = tuple(sorted(ids, key=lambda x: (self.graph.nodes[x].name, x)))
        names = tuple(self.graph.nodes[x].name for x in ordered)
        return bits.bit_count() - len(self.symptoms), names, ordered

    def _downs_observed(self, ids: tuple[str, ...]) -> bool:
        status = propagate_statuses(self.below, ids)
        return all(status.get(o) is Status.DOWN for o in self.observed_down)

    def candidate(self, ids: tuple[str, ...], extra: int) -> Candidate:
        status = propagate_statuses(self.below, ids)
        return Candidate(
            ids=ids,
            names=tuple(self.graph.nodes[x].name for x in ids),
            explains=len(self.symptoms),
            extra_impacted=extra,
            statuses={s: status.get(s, Status.OK) for s in self.symptoms},
        )
