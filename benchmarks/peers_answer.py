"""The answer every peer of ``benchmarks.peers`` must give, and the client side of it.

An answer is ``{node id: "DOWN" | "DEGRADED"}`` for every node the failed inputs push
above OK (inputs included): DESIGN's impact rules, the project's engine as reference.

Under those rules every node that needs a failed node, transitively, along any
dependency (hard or soft, or a cluster through a member), is at least DEGRADED; so a
peer that can compute that closure only has to find which of its nodes are DOWN — the
least fixpoint of "a hard need is DOWN" and "a cluster has fewer than its quorum of
members up" — which :func:`statuses` does in the client from, per closure node, the ids
of its hard needs and of its members (a cluster's ``minAvailable`` of ``memberCount``,
the k-of-n redundancy; the engine's quorum convention, ``impact/engine.py``).
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Sequence

import neo4j

from benchmarks.impact import fetch_region
from graphcmdb.impact.engine import evaluate

Answer = dict[str, str]
#: one closure node: id, minAvailable (clusters), hard needs' ids, members' ids (one per
#: MEMBER_OF relationship)
ClosureRow = tuple[str, int | None, Sequence[str], Sequence[str]]

DOWN, DEGRADED = "DOWN", "DEGRADED"


def statuses(down: Iterable[str], closure: Iterable[ClosureRow]) -> Answer:
    """k-of-n in the client: which closure nodes are DOWN, the rest DEGRADED."""
    answer: Answer = {}
    hard_dependents: defaultdict[str, list[str]] = defaultdict(list)
    clusters_of: defaultdict[str, list[str]] = defaultdict(list)
    quorum: dict[str, tuple[int, int]] = {}
    for node, min_available, hard, members in closure:
        answer[node] = DEGRADED
        for need in hard:
            hard_dependents[need].append(node)
        if members:
            total = len(members)  # memberCount: never less than the distinct members
            wanted = 1 if min_available is None else min_available
            quorum[node] = (total, max(0, min(wanted, total)))
            for member in set(members):
                clusters_of[member].append(node)
    queue = deque(dict.fromkeys(down))
    for node in queue:
        answer[node] = DOWN
    members_down: defaultdict[str, int] = defaultdict(int)
    while queue:
        node = queue.popleft()
        for dependent in hard_dependents.get(node, ()):
            if answer[dependent] != DOWN:
                answer[dependent] = DOWN
                queue.append(dependent)
        for cluster in clusters_of.get(node, ()):
            members_down[cluster] += 1
            total, wanted = quorum[cluster]
            if answer[cluster] != DOWN and total - members_down[cluster] < wanted:
                answer[cluster] = DOWN
                queue.append(cluster)
    return answer


def reference(driver: neo4j.Driver, database: str, down: list[str]) -> Answer:
    """The project's engine on the region ``benchmarks.impact``'s baseline fetches."""
    graph = fetch_region(driver, database, down)
    return {i.id: i.status.name for i in evaluate(graph, set(down)).values()}


def difference(expected: Answer, got: Answer) -> str:
    """A short account of how ``got`` differs from ``expected`` ("" when equal)."""
    if expected == got:
        return ""
    missing = sorted(set(expected) - set(got))
    extra = sorted(set(got) - set(expected))
    wrong = sorted(k for k in set(expected) & set(got) if expected[k] != got[k])
    return (
        f"{len(expected)} expected, {len(got)} given; missing {missing[:5]} ({len(missing)}), "
        f"extra {extra[:5]} ({len(extra)}), wrong status {wrong[:5]} ({len(wrong)})"
    )
