"""Single points of failure, root-cause candidates and change risk on hand-built graphs."""

from __future__ import annotations

import pytest

from graphcmdb.impact.maintenance import maintenance_risk
from graphcmdb.impact.model import NeedsGraph, Status
from graphcmdb.impact.rootcause import root_cause_candidates
from graphcmdb.impact.spof import at_least, single_points_of_failure, spof_reference
from tests.impact import ci, cluster, hard, hosted_on, service, soft, worked_example
from tests.impact.test_engine_rules import chain

DOWN, DEGRADED = Status.DOWN, Status.DEGRADED

# -- single points of failure -------------------------------------------------------------


def spofs(g: NeedsGraph, target: str) -> list[str]:
    got = single_points_of_failure(g, target)
    assert got == spof_reference(g, target)
    return got


def test_worked_example_spofs() -> None:
    """h1 carries two of three web VMs: losing it breaks the quorum of 2."""
    assert spofs(worked_example(), "shop") == ["h1", "web"]


def test_soft_needs_and_services_are_never_spofs() -> None:
    g = NeedsGraph()
    service(g, "shop"), service(g, "payments")
    ci(g, "db"), ci(g, "cdn")
    hard(g, "shop", "payments"), hard(g, "payments", "db"), soft(g, "shop", "cdn")
    assert spofs(g, "shop") == ["db"]  # payments is a Service, not a CI; cdn is soft


def test_redundant_pair_on_one_host_is_not_redundant() -> None:
    g = NeedsGraph()
    ci(g, "app"), ci(g, "a"), ci(g, "b"), ci(g, "host")
    cluster(g, "pair", ["a", "b"], 1)
    hosted_on(g, "a", "host"), hosted_on(g, "b", "host")
    hard(g, "app", "pair")
    assert spofs(g, "app") == ["host", "pair"]


def test_spof_through_a_cycle_and_target_excluded() -> None:
    g = NeedsGraph()
    ci(g, "t"), ci(g, "a"), ci(g, "b"), ci(g, "x"), ci(g, "y")
    hard(g, "t", "a"), hard(g, "a", "b"), hard(g, "b", "a"), hard(g, "b", "x")
    soft(g, "a", "y")
    assert spofs(g, "t") == ["a", "b", "x"]


def test_cluster_with_members_in_a_cycle() -> None:
    g = NeedsGraph()
    ci(g, "m1"), ci(g, "m2"), ci(g, "h")
    cluster(g, "c", ["m1", "m2"], 2)
    hard(g, "m1", "c"), hard(g, "m2", "h")
    assert spofs(g, "c") == ["h", "m1", "m2"]


def test_deep_chain_needs_no_recursion() -> None:
    g = chain(5000)
    got = single_points_of_failure(g, "n4999")
    assert len(got) == 4999
    assert got[0] == "n0"


@pytest.mark.parametrize(
    ("threshold", "expected"),
    [(0, 0b1111), (1, 0b0111), (2, 0b0011), (3, 0b0001), (4, 0)],
)
def test_at_least_counts_bits_over_masks(threshold: int, expected: int) -> None:
    assert at_least([0b0111, 0b0011, 0b0001], threshold, 0b1111) == expected


# -- root-cause candidates ----------------------------------------------------------------


def test_worked_example_root_cause() -> None:
    found = root_cause_candidates(worked_example(), ["shop", "web1", "web2"])
    assert [(c.ids, c.extra_impacted) for c in found] == [(("h1",), 2)]  # h1 and web
    assert found[0].statuses == {"shop": DOWN, "web1": DOWN, "web2": DOWN}
    assert found[0].explains == 3


def test_most_specific_explanation_first() -> None:
    found = root_cause_candidates(worked_example(), ["shop"], limit=3)
    assert [(c.names, c.extra_impacted) for c in found] == [
        (("web",), 1),
        (("web1",), 2),
        (("web2",), 2),
    ]
    assert found[0].statuses == {"shop": DOWN}
    assert found[1].statuses == {"shop": DEGRADED}


def test_observed_down_rules_out_candidates_that_only_degrade() -> None:
    found = root_cause_candidates(worked_example(), ["shop"], observed_down=["shop"])
    assert [c.ids for c in found] == [("web",), ("h1",)]


def two_stacks() -> NeedsGraph:
    g = NeedsGraph()
    for side in ("a", "b"):
        service(g, f"svc-{side}"), ci(g, f"app-{side}"), ci(g, f"host-{side}")
        hard(g, f"svc-{side}", f"app-{side}"), hosted_on(g, f"app-{side}", f"host-{side}")
    return g


def test_two_unrelated_failures_need_a_pair() -> None:
    g = two_stacks()
    symptoms = ["svc-a", "app-a", "host-a", "svc-b", "app-b", "host-b"]
    found = root_cause_candidates(g, symptoms)
    assert all(len(c.ids) == 2 for c in found)
    assert found[0].ids == ("host-a", "host-b")
    assert found[0].extra_impacted == 0
    assert len(found) == 1


def test_observed_down_can_force_a_larger_set() -> None:
    """app-a alone impacts svc-a and svc-b (soft), but svc-b is seen DOWN."""
    g = two_stacks()
    soft(g, "svc-b", "app-a")
    found = root_cause_candidates(g, ["svc-a", "svc-b"], observed_down=["svc-b"])
    assert found[0].ids == ("app-a", "app-b")
    assert all(len(c.ids) == 2 for c in found)
    assert root_cause_candidates(g, ["svc-a", "svc-b"], max_size=1, observed_down=["svc-b"]) == []


def test_root_cause_limit_and_empty_inputs() -> None:
    g = worked_example()
    assert len(root_cause_candidates(g, ["shop"], limit=2)) == 2
    assert root_cause_candidates(g, []) == []
    with pytest.raises(AssertionError, match="unknown node"):
        root_cause_candidates(g, ["nope"])


# -- maintenance risk ---------------------------------------------------------------------


def test_maintenance_of_one_web_vm_loses_redundancy() -> None:
    risk = maintenance_risk(worked_example(), ["web3"])
    assert risk.risk == "MEDIUM"
    assert [s.id for s in risk.services_degraded] == ["shop"]
    assert risk.services_down == ()
    (loss,) = risk.redundancy_lost
    assert (loss.id, loss.min_available, loss.member_count, loss.members_down) == ("web", 2, 3, 1)
    assert [s.id for s in loss.services] == ["shop"]
    assert risk.impacted_count == 3


def test_maintenance_of_a_hypervisor_takes_the_shop_down() -> None:
    risk = maintenance_risk(worked_example(), ["h1"])
    assert risk.risk == "HIGH"
    assert [(s.id, s.path) for s in risk.services_down] == [("shop", ("h1", "web1", "web", "shop"))]
    assert risk.redundancy_lost == ()  # the cluster is DOWN, not at quorum


def test_maintenance_with_no_service_impact_is_low() -> None:
    g = worked_example()
    ci(g, "printer")
    assert maintenance_risk(g, ["printer"]).risk == "LOW"


def test_quorum_counts_members_outside_the_region_and_lists_running_services() -> None:
    g = NeedsGraph()
    ci(g, "m1"), ci(g, "m2"), ci(g, "app"), ci(g, "other")
    cluster(g, "db", ["m1", "m2"], 2, outside=2)  # 4 members, 2 loaded
    service(g, "crm", criticality=2, users=10)
    service(g, "erp", criticality=5, users=5)
    service(g, "hr", criticality=5, users=50)
    service(g, "gone", criticality=5, users=500)
    hard(g, "app", "db"), hard(g, "crm", "app"), soft(g, "erp", "app"), hard(g, "hr", "db")
    hard(g, "gone", "app"), hard(g, "gone", "other")
    risk = maintenance_risk(g, ["m1", "m2", "other"])
    assert risk.risk == "HIGH"
    assert [s.id for s in risk.services_down] == ["gone"]
    assert [s.id for s in risk.services_degraded] == ["hr", "erp", "crm"]
    (loss,) = risk.redundancy_lost
    assert (loss.members_down, loss.member_count, loss.min_available) == (2, 4, 2)
    assert [s.id for s in loss.services] == ["hr", "erp", "crm"]


def test_cluster_still_with_spare_members_is_not_reported() -> None:
    g = NeedsGraph()
    for m in ("m1", "m2", "m3"):
        ci(g, m)
    cluster(g, "c", ["m1", "m2", "m3"], 1)
    assert maintenance_risk(g, ["m1"]).redundancy_lost == ()
    assert [x.id for x in maintenance_risk(g, ["m1", "m2"]).redundancy_lost] == ["c"]
