"""Property tests: the engine against the naive reference on random needs graphs.

Random graphs have cycles, self-loops, clusters with any ``min_available`` (including
none, zero and above the member count) and members outside the loaded region, hard and
soft DEPENDS_ON, RUNS_ON and HOSTED_ON, duplicate names, and random DOWN/DEGRADED inputs.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from graphcmdb.graph.enums import RelType
from graphcmdb.impact.engine import evaluate
from graphcmdb.impact.model import Need, NeedsGraph, NodeInfo, Status
from graphcmdb.impact.reference import reference_statuses
from graphcmdb.impact.rootcause import Upstream, root_cause_candidates
from graphcmdb.impact.spof import single_points_of_failure, spof_reference
from tests.impact.test_engine_rules import rebuilt

EDGES = [
    (RelType.DEPENDS_ON, True),
    (RelType.DEPENDS_ON, False),
    (RelType.RUNS_ON, True),
    (RelType.HOSTED_ON, True),
]


@dataclass
class Case:
    graph: NeedsGraph
    down: list[str]
    degraded: list[str]


@st.composite
def graphs(draw: st.DrawFn, max_nodes: int = 9) -> NeedsGraph:
    n = draw(st.integers(1, max_nodes))
    ids = [f"n{i}" for i in range(n)]
    pick = st.sampled_from(ids)
    g = NeedsGraph()
    for node_id in ids:
        kind = draw(st.sampled_from(["ci", "ci", "ci", "service", "cluster"]))
        name = draw(st.sampled_from("abcdef"))  # duplicate names exercise the id tie-break
        if kind != "cluster":
            labels = ("Service",) if kind == "service" else ("CI", "Server")
            g.add_node(NodeInfo(node_id, name, labels))
            continue
        members = draw(st.lists(pick, unique=True, max_size=4))
        total = len(members) + draw(st.integers(0, 2))
        quorum = draw(st.none() | st.integers(0, total + 1))
        labels = ("CI", "Cluster")
        g.add_node(NodeInfo(node_id, name, labels, min_available=quorum, member_count=total))
        for m in members:
            g.add_need(Need(node_id, m, RelType.MEMBER_OF, True))
            if draw(st.booleans()):  # a second edge to the same member still counts once
                g.add_need(Need(node_id, m, RelType.MEMBER_OF, False))
    edges = st.lists(st.tuples(pick, pick, st.sampled_from(EDGES)), max_size=2 * n)
    for a, b, (rel, is_hard) in draw(edges):
        g.add_need(Need(a, b, rel, is_hard))
    return g


@st.composite
def cases(draw: st.DrawFn) -> Case:
    g = draw(graphs())
    ids = sorted(g.nodes)
    down = draw(st.lists(st.sampled_from(ids), unique=True, max_size=3))
    degraded = draw(st.lists(st.sampled_from(ids), unique=True, max_size=3))
    return Case(g, down, degraded)


@settings(max_examples=400, deadline=None)
@given(cases())
def test_engine_matches_reference(case: Case) -> None:
    got = evaluate(case.graph, case.down, case.degraded)
    assert {k: v.status for k, v in got.items()} == reference_statuses(
        case.graph, case.down, case.degraded
    )


def justified_by(g: NeedsGraph, status: dict[str, Status], node: str) -> set[str]:
    """The needs of ``node`` whose final status explains its own (DESIGN, spelled out)."""
    mine = status[node]
    needs = g.needs.get(node, [])
    if mine is Status.DEGRADED:
        return {n.dependency for n in needs if n.dependency in status}
    members = {n.dependency for n in needs if n.is_membership and n.dependency in g.nodes}
    total = max(g.nodes[node].member_count, len(members))
    quorum = g.nodes[node].min_available
    quorum = max(0, min(1 if quorum is None else quorum, total))
    down = {m for m in members if status.get(m) is Status.DOWN}
    by_quorum = down if total - len(down) < quorum else set()
    hard = {
        n.dependency
        for n in needs
        if not n.is_membership
        and (n.hard or n.type is not RelType.DEPENDS_ON)
        and status.get(n.dependency) is Status.DOWN
    }
    return by_quorum | hard


def reference_witnesses(g: NeedsGraph, case: Case) -> dict[str, tuple[str, ...]]:
    """Distances by naive relaxation; then parent = smallest (name, id) one step nearer."""
    status = reference_statuses(g, case.down, case.degraded)
    given_status = dict.fromkeys(case.degraded, Status.DEGRADED)
    given_status |= dict.fromkeys(case.down, Status.DOWN)
    dist = {i: 0 for i, s in given_status.items() if status[i] is s}
    changed = True
    while changed:
        changed = False
        for node in status:
            for d in justified_by(g, status, node):
                if d in dist and dist[d] + 1 < dist.get(node, len(g.nodes) + 1):
                    dist[node] = dist[d] + 1
                    changed = True
    paths: dict[str, tuple[str, ...]] = {}
    for node in sorted(dist, key=dist.__getitem__):
        nearer = [d for d in justified_by(g, status, node) if dist.get(d) == dist[node] - 1]
        parent = min(nearer, key=lambda d: (g.nodes[d].name, d)) if dist[node] else None
        paths[node] = (*paths[parent], node) if parent else (node,)
    return paths


@settings(max_examples=300, deadline=None)
@given(cases())
def test_witness_paths_are_the_specified_shortest_chains(case: Case) -> None:
    g = case.graph
    got = evaluate(g, case.down, case.degraded)
    assert {k: v.path_ids for k, v in got.items()} == reference_witnesses(g, case)
    for node_id, hit in got.items():
        assert hit.id == node_id
        assert len(hit.path_ids) == len(hit.path) == hit.distance + 1
        assert hit.path == tuple(g.nodes[i].name for i in hit.path_ids)
        for dependency, dependent in zip(hit.path_ids, hit.path_ids[1:], strict=False):
            assert any(n.dependency == dependency for n in g.needs[dependent])


@settings(max_examples=150, deadline=None)
@given(cases(), st.integers(0, 4), st.integers(0, 1000))
def test_max_depth_and_insertion_order(case: Case, depth: int, seed: int) -> None:
    full = evaluate(case.graph, case.down, case.degraded)
    cut = evaluate(case.graph, case.down, case.degraded, max_depth=depth)
    assert cut == {k: v for k, v in full.items() if v.distance <= depth}
    shuffled = evaluate(rebuilt(case.graph, seed), case.down[::-1], case.degraded[::-1])
    assert list(shuffled.items()) == list(full.items())


@settings(max_examples=250, deadline=None)
@given(graphs(max_nodes=12), st.data())
def test_spof_matches_brute_force(g: NeedsGraph, data: st.DataObject) -> None:
    target = data.draw(st.sampled_from(sorted(g.nodes)))
    assert single_points_of_failure(g, target) == spof_reference(g, target)


def impacted_by(g: NeedsGraph, ids: tuple[str, ...]) -> dict[str, Status]:
    return reference_statuses(g, ids)


@settings(max_examples=200, deadline=None)
@given(graphs(), st.data())
def test_root_cause_finds_the_true_single_failure(g: NeedsGraph, data: st.DataObject) -> None:
    cis = sorted(i for i, node in g.nodes.items() if node.is_ci)
    if not cis:
        return
    x = data.draw(st.sampled_from(cis))
    truth = impacted_by(g, (x,))
    symptoms = data.draw(st.lists(st.sampled_from(sorted(truth)), unique=True, min_size=1))
    downs = sorted(i for i in symptoms if truth[i] is Status.DOWN)
    observed = data.draw(st.lists(st.sampled_from(downs), unique=True)) if downs else []
    found = root_cause_candidates(g, symptoms, observed, limit=5)
    assert found
    assert all(len(c.ids) == 1 for c in found)
    true_extra = len(set(truth) - set(symptoms))
    for c in found:  # every answer really explains, and its numbers are right
        predicted = impacted_by(g, c.ids)
        assert set(symptoms) <= set(predicted)
        assert all(predicted[o] is Status.DOWN for o in observed)
        assert c.extra_impacted == len(set(predicted) - set(symptoms))
        assert c.statuses == {s: predicted[s] for s in symptoms}
    assert (x,) in [c.ids for c in found] or (
        len(found) == 5 and all(c.extra_impacted <= true_extra for c in found)
    )


@settings(max_examples=80, deadline=None)
@given(graphs(max_nodes=7), st.data())
def test_root_cause_ranking_matches_brute_force(g: NeedsGraph, data: st.DataObject) -> None:
    """Smallest explaining size and the best (extra, names) against exhaustive search."""
    cis = sorted(i for i, node in g.nodes.items() if node.is_ci)
    failed = (
        tuple(data.draw(st.lists(st.sampled_from(cis), unique=True, max_size=3))) if cis else ()
    )
    truth = impacted_by(g, failed)
    if not truth:
        return
    symptoms = data.draw(st.lists(st.sampled_from(sorted(truth)), unique=True, min_size=1))
    limit = data.draw(st.integers(1, 3))
    found = root_cause_candidates(g, symptoms, limit=limit)
    best: list[tuple[int, tuple[str, ...], tuple[str, ...]]] = []
    for size in range(1, 4):
        for ids in combinations(cis, size):
            predicted = impacted_by(g, ids)
            if set(symptoms) <= set(predicted):
                ordered = tuple(sorted(ids, key=lambda i: (g.nodes[i].name, i)))
                names = tuple(g.nodes[i].name for i in ordered)
                best.append((len(set(predicted) - set(symptoms)), names, ordered))
        if best:
            break
    best.sort()
    assert [(c.extra_impacted, c.names, c.ids) for c in found] == best[:limit]


@settings(max_examples=120, deadline=None)
@given(graphs(), st.data())
def test_root_cause_searches_sharing_closures_answer_as_alone(
    g: NeedsGraph, data: st.DataObject
) -> None:
    """An evaluator's pass searches many incidents over one region with one ``Upstream``:
    the closures one search computed change no other search's answer."""
    nodes = sorted(g.nodes)
    shared = Upstream(g)
    for _ in range(3):
        symptoms = data.draw(st.lists(st.sampled_from(nodes), unique=True, min_size=1, max_size=4))
        observed = data.draw(st.lists(st.sampled_from(symptoms), unique=True))
        alone = root_cause_candidates(g, symptoms, observed, limit=3)
        together = root_cause_candidates(g, symptoms, observed, limit=3, upstream=shared)
        assert [(c, c.statuses) for c in together] == [(c, c.statuses) for c in alone]
