"""DESIGN's impact rules one by one, the worked example, cycles and witness paths."""

from __future__ import annotations

import random

import pytest

from graphcmdb.graph.enums import RelType
from graphcmdb.impact.engine import Impacted, evaluate
from graphcmdb.impact.model import Need, NeedsGraph, NodeInfo, Status
from graphcmdb.impact.reference import reference_statuses
from tests.impact import ci, cluster, hard, hosted_on, runs_on, service, soft, worked_example

DOWN, DEGRADED = Status.DOWN, Status.DEGRADED


def statuses(
    g: NeedsGraph, down: list[str], degraded: list[str] | None = None
) -> dict[str, Status]:
    """The engine's statuses, checked against the naive reference on the way."""
    got = {k: v.status for k, v in evaluate(g, down, degraded or []).items()}
    assert got == reference_statuses(g, down, degraded or [])
    return got


# -- rule 1 -------------------------------------------------------------------------------


def test_inputs_are_down_or_degraded_and_down_wins() -> None:
    g = NeedsGraph()
    ci(g, "a"), ci(g, "b"), ci(g, "c")
    assert statuses(g, ["a"], ["b"]) == {"a": DOWN, "b": DEGRADED}
    assert statuses(g, ["a"], ["a"]) == {"a": DOWN}


def test_unknown_input_is_a_bug() -> None:
    g = NeedsGraph()
    ci(g, "a")
    with pytest.raises(AssertionError, match="unknown node"):
        evaluate(g, ["nope"])


def test_nothing_failed_nothing_impacted() -> None:
    assert evaluate(worked_example(), []) == {}


# -- rule 2 -------------------------------------------------------------------------------


def quorum_graph(min_available: int | None, outside: int = 0) -> NeedsGraph:
    g = NeedsGraph()
    for m in ("m1", "m2", "m3"):
        ci(g, m)
    cluster(g, "c", ["m1", "m2", "m3"], min_available, outside=outside)
    return g


@pytest.mark.parametrize(
    ("down", "degraded", "expected"),
    [
        (["m1"], [], DEGRADED),  # 2 of 3 up, quorum 2 holds
        (["m1", "m2"], [], DOWN),  # 1 of 3 up
        ([], ["m1", "m2", "m3"], DEGRADED),  # DEGRADED members never break quorum
        (["m1"], ["m2"], DEGRADED),
    ],
)
def test_cluster_quorum(down: list[str], degraded: list[str], expected: Status) -> None:
    assert statuses(quorum_graph(2), down, degraded)["c"] is expected


def test_members_outside_the_loaded_region_are_never_down() -> None:
    g = quorum_graph(2, outside=2)  # 5 members, 3 loaded
    assert statuses(g, ["m1", "m2", "m3"])["c"] is DEGRADED  # 2 outside still up
    g = quorum_graph(3, outside=2)
    assert statuses(g, ["m1", "m2", "m3"])["c"] is DOWN


def test_min_available_defaults_to_one() -> None:
    assert statuses(quorum_graph(None), ["m1", "m2"])["c"] is DEGRADED
    assert statuses(quorum_graph(None), ["m1", "m2", "m3"])["c"] is DOWN


def test_quorum_above_member_count_means_every_member_is_needed() -> None:
    """Documented convention: an already-broken cluster is not DOWN with nothing failed."""
    g = quorum_graph(5)
    assert statuses(g, [], []) == {}
    assert statuses(g, ["m1"])["c"] is DOWN


def test_cluster_non_member_needs_follow_rule_3() -> None:
    g = quorum_graph(2)
    ci(g, "lb"), ci(g, "dns"), ci(g, "san")
    hard(g, "c", "lb")
    soft(g, "c", "dns")
    assert statuses(g, ["lb"])["c"] is DOWN  # members all fine
    assert statuses(g, ["dns"])["c"] is DEGRADED
    assert statuses(g, ["dns", "m1", "m2"])["c"] is DOWN  # max of quorum and rule 3


def test_member_that_is_also_a_direct_hard_dependency() -> None:
    g = worked_example()
    ci(g, "report", labels=("CI", "Application"))
    hard(g, "report", "web1")
    got = statuses(g, ["web1"])
    assert (got["report"], got["web"], got["shop"]) == (DOWN, DEGRADED, DEGRADED)


# -- rule 3 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edge", "dep_down", "expected"),
    [
        ("hard", True, DOWN),
        ("hard", False, DEGRADED),
        ("soft", True, DEGRADED),
        ("soft", False, DEGRADED),
    ],
)
def test_hard_and_soft_needs(edge: str, dep_down: bool, expected: Status) -> None:
    g = NeedsGraph()
    ci(g, "app"), ci(g, "db")
    (hard if edge == "hard" else soft)(g, "app", "db")
    got = statuses(g, ["db"]) if dep_down else statuses(g, [], ["db"])
    assert got["app"] is expected


@pytest.mark.parametrize("rel", [RelType.RUNS_ON, RelType.HOSTED_ON])
def test_runs_on_and_hosted_on_are_always_hard(rel: RelType) -> None:
    g = NeedsGraph()
    ci(g, "vm"), ci(g, "host")
    g.add_need(Need("vm", "host", rel, hard=False))  # a sloppy flag does not make it soft
    assert statuses(g, ["host"])["vm"] is DOWN


def test_service_depending_on_a_service() -> None:
    g = NeedsGraph()
    service(g, "shop"), service(g, "payments"), service(g, "newsletter")
    ci(g, "db"), ci(g, "app")
    hard(g, "shop", "payments")
    soft(g, "newsletter", "shop")
    runs_on(g, "app", "db")
    hard(g, "payments", "app")
    got = statuses(g, ["db"])
    assert (got["payments"], got["shop"], got["newsletter"]) == (DOWN, DOWN, DEGRADED)


# -- the worked example, multi-failure, cycles --------------------------------------------


def test_worked_example_hypervisor_down() -> None:
    got = evaluate(worked_example(), ["h1"])
    assert [(i.id, i.status, i.distance, i.path) for i in got.values()] == [
        ("h1", DOWN, 0, ("h1",)),
        ("web1", DOWN, 1, ("h1", "web1")),
        ("web2", DOWN, 1, ("h1", "web2")),
        ("web", DOWN, 2, ("h1", "web1", "web")),
        ("shop", DOWN, 3, ("h1", "web1", "web", "shop")),
    ]


def test_worked_example_one_vm_down() -> None:
    got = evaluate(worked_example(), ["web3"])
    assert got["web"] == Impacted("web", DEGRADED, 1, ("web3", "web"), ("web3", "web"))
    assert got["shop"].status is DEGRADED
    assert got["shop"].path == ("web3", "web", "shop")


def test_multiple_failures() -> None:
    g = worked_example()
    assert statuses(g, ["web1", "web3"])["shop"] is DOWN  # 1 of 3 left
    got = evaluate(g, ["h1", "h2"])
    assert {k: v.status for k, v in got.items()} == dict.fromkeys(got, DOWN)
    assert len(got) == 7
    assert got["web3"].path == ("h2", "web3")


def test_cycle_without_input_stays_ok_and_terminates() -> None:
    g = NeedsGraph()
    ci(g, "a"), ci(g, "b"), ci(g, "x")
    hard(g, "a", "b"), hard(g, "b", "a"), hard(g, "a", "a")
    assert statuses(g, ["x"]) == {"x": DOWN}


def test_cycle_with_input_propagates_around() -> None:
    g = NeedsGraph()
    ci(g, "a"), ci(g, "b"), ci(g, "c"), ci(g, "x")
    hard(g, "a", "b"), hard(g, "b", "c"), soft(g, "c", "a"), hard(g, "b", "x")
    got = evaluate(g, ["x"])
    assert {k: v.status for k, v in got.items()} == {"x": DOWN, "b": DOWN, "a": DOWN, "c": DEGRADED}
    assert got["c"].path == ("x", "b", "a", "c")  # the soft need closes the loop
    got = evaluate(g, [], ["x"])
    assert {k: v.status for k, v in got.items()} == dict.fromkeys("xbac", DEGRADED)


def test_cycle_through_a_cluster_reaches_the_least_fixpoint() -> None:
    """m1 needs its own cluster: a DOWN sibling degrades, never self-justifies DOWN."""
    g = NeedsGraph()
    ci(g, "m1"), ci(g, "m2")
    cluster(g, "c", ["m1", "m2"], 1)
    hard(g, "m1", "c")
    assert statuses(g, ["m2"]) == {"m2": DOWN, "c": DEGRADED, "m1": DEGRADED}


# -- witness paths ------------------------------------------------------------------------


def test_degraded_input_that_becomes_down_gets_its_path_through_the_dependency() -> None:
    g = NeedsGraph()
    ci(g, "app"), ci(g, "db"), ci(g, "cache")
    hard(g, "app", "db")
    got = evaluate(g, ["db"], ["app", "cache"])
    assert got["app"] == Impacted("app", DOWN, 1, ("db", "app"), ("db", "app"))
    assert got["cache"] == Impacted("cache", DEGRADED, 0, ("cache",), ("cache",))


def test_witness_prefers_shortest_then_name_then_id() -> None:
    g = NeedsGraph()
    ci(g, "top"), ci(g, "x")
    ci(g, "id2", "alpha"), ci(g, "id1", "beta"), ci(g, "id3", "alpha")
    for mid in ("id1", "id2", "id3"):
        hard(g, "top", mid), hard(g, mid, "x")
    ci(g, "long1"), ci(g, "long2")
    hard(g, "top", "long2"), hard(g, "long2", "long1"), hard(g, "long1", "x")
    got = evaluate(g, ["x"])["top"]
    assert (got.distance, got.path, got.path_ids) == (2, ("x", "alpha", "top"), ("x", "id2", "top"))


def test_witness_only_uses_edges_that_carry_the_status() -> None:
    """DOWN comes through the hard need, even when a soft need is nearer by name."""
    g = NeedsGraph()
    ci(g, "app"), ci(g, "a-soft"), ci(g, "z-hard"), ci(g, "x")
    soft(g, "app", "a-soft"), hard(g, "app", "z-hard")
    hard(g, "a-soft", "x"), hard(g, "z-hard", "x")
    assert evaluate(g, ["x"])["app"].path == ("x", "z-hard", "app")


def test_quorum_down_cluster_is_reached_from_a_down_member_only() -> None:
    g = quorum_graph(2)
    got = evaluate(g, ["m2", "m3"], ["m1"])
    assert got["c"].path_ids == ("m2", "c")


def chain(length: int) -> NeedsGraph:
    g = NeedsGraph()
    for i in range(length):
        ci(g, f"n{i}")
        if i:
            hard(g, f"n{i}", f"n{i - 1}")
    return g


def test_max_depth_cuts_the_listing_not_the_propagation() -> None:
    g = chain(6)
    service(g, "svc")
    hard(g, "svc", "n5")
    soft(g, "svc", "n1")  # nearer by the soft need, but DOWN only via the hard chain
    full = evaluate(g, ["n0"])
    assert full["svc"].status is DOWN
    assert full["svc"].distance == 6
    cut = evaluate(g, ["n0"], max_depth=2)
    assert list(cut) == ["n0", "n1", "n2"]
    assert all(cut[k] == full[k] for k in cut)
    assert list(evaluate(g, ["n0"], max_depth=0)) == ["n0"]


def test_deep_chain_no_recursion() -> None:
    got = evaluate(chain(3000), ["n0"], max_depth=10)
    assert len(got) == 11
    assert len(evaluate(chain(3000), ["n0"])) == 3000


def test_listing_order_is_distance_then_name_then_id() -> None:
    g = NeedsGraph()
    ci(g, "x")
    for node_id, name in (("c", "b"), ("a", "b"), ("b", "a"), ("d", "z")):
        ci(g, node_id, name)
        hard(g, node_id, "x")
    hard(g, "d", "a")
    assert list(evaluate(g, ["x"])) == ["x", "b", "a", "c", "d"]


def test_dangling_edges_are_ignored() -> None:
    g = NeedsGraph()
    ci(g, "a")
    hard(g, "a", "missing")
    hard(g, "ghost", "a")
    assert statuses(g, ["a"]) == {"a": DOWN}


def rebuilt(g: NeedsGraph, seed: int) -> NeedsGraph:
    rng = random.Random(seed)
    nodes: list[NodeInfo] = list(g.nodes.values())
    needs = [n for ns in g.needs.values() for n in ns]
    rng.shuffle(nodes)
    rng.shuffle(needs)
    out = NeedsGraph()
    for node in nodes:
        out.add_node(node)
    for need in needs:
        out.add_need(need)
    return out


def test_same_answer_whatever_the_insertion_order() -> None:
    g = worked_example()
    ci(g, "h3", "h1")  # same name as h1: ties fall back to ids
    ci(g, "web4", "web1", labels=("CI", "VirtualMachine"))
    hosted_on(g, "web4", "h3")
    g.add_need(Need("web", "web4", RelType.MEMBER_OF, True))
    expected = list(evaluate(g, ["h1", "h3"]).items())
    for seed in range(20):
        assert list(evaluate(rebuilt(g, seed), ["h3", "h1"]).items()) == expected
