"""Who may correct a CI's class: a source trusted at least as much as the one that set
it, never across the device / logical line; the planner applies it to matched rows."""

from __future__ import annotations

from dataclasses import replace

import pytest

from graphcmdb.domain.specs import CI_SPEC
from graphcmdb.graph.enums import CIClass
from graphcmdb.identity.class_precedence import ClassSource, refusal
from graphcmdb.identity.plan import Action, CIPlanner, FieldChange
from tests.identity.test_match import ci
from tests.identity.test_plan import row

S, N, A, D = CIClass.SERVER, CIClass.NETWORK_DEVICE, CIClass.APPLICATION, CIClass.DATABASE


@pytest.mark.parametrize(
    ("current", "wanted", "stored", "source", "allowed"),
    [
        (S, N, "import", ClassSource.IMPORT, True),  # a newer sheet fixes an older one
        (S, N, None, ClassSource.IMPORT, True),  # stored before classes had a source
        (S, N, "import", ClassSource.DISCOVERY, True),
        (S, N, "discovery", ClassSource.IMPORT, False),  # the scan saw what it is
        (S, N, "person", ClassSource.DISCOVERY, False),  # a person chose it
        (S, N, "person", ClassSource.PERSON, True),
        (A, D, "import", ClassSource.IMPORT, True),
        (S, A, "import", ClassSource.PERSON, False),  # a box is never an application
        (D, N, None, ClassSource.PERSON, False),
        (S, S, "person", ClassSource.IMPORT, True),  # nothing to change
    ],
)
def test_the_more_trusted_source_may_correct_a_class_within_its_family(
    current: CIClass, wanted: CIClass, stored: str | None, source: ClassSource, allowed: bool
) -> None:
    assert (refusal(current, wanted, stored, source) is None) is allowed


def test_an_import_row_reclassifies_the_ci_it_identifies() -> None:
    existing = ci("a", "edge-1", S, serialNumber="SN1", classSource="import")
    plan = CIPlanner(CI_SPEC.identity).plan(
        0, row("edge-1", N, serialNumber="SN1"), [existing], lambda: "n"
    )
    assert (plan.action, plan.rule) == (Action.UPDATE, "SERIAL")
    assert plan.changes == (FieldChange("ciClass", "Server", "NetworkDevice"),)
    assert plan.notes == ("reclassified from Server to NetworkDevice",)
    assert plan.after is not None
    assert plan.after["ciClass"] == "NetworkDevice"


def test_a_class_discovery_set_is_kept_and_said_so() -> None:
    existing = ci("a", "edge-1", N, serialNumber="SN1", classSource="discovery")
    plan = CIPlanner(CI_SPEC.identity).plan(
        0, row("edge-1", S, serialNumber="SN1", os="IOS"), [existing], lambda: "n"
    )
    assert [c.field for c in plan.changes] == ["os"]
    assert plan.notes == (
        "a NetworkDevice in the CMDB (the row says Server; kept: its class was set by "
        "discovery, which import does not override)",
    )


def test_a_class_is_kept_when_another_ci_of_that_class_has_the_name() -> None:
    existing = ci("a", "edge-1", S, serialNumber="SN1")
    namesake = ci("b", "edge-1", N, serialNumber="SN2")
    plan = CIPlanner(CI_SPEC.identity).plan(
        0, row("edge-1", N, serialNumber="SN1"), [existing, namesake], lambda: "n"
    )
    assert plan.action is Action.UNCHANGED
    assert "another NetworkDevice is named 'edge-1'" in plan.notes[0]


def test_a_class_is_kept_when_a_ci_found_by_name_only_in_the_graph_has_the_name() -> None:
    """The namesake is no candidate of the row (another name, no shared identifier): the
    candidates read says which classes hold the matched CI's name."""
    existing = replace(
        ci("a", "edge-1", S, serialNumber="SN1"), namesake_classes=("NetworkDevice",)
    )
    plan = CIPlanner(CI_SPEC.identity).plan(
        0, row("srv-123", N, serialNumber="SN1"), [existing], lambda: "n"
    )
    assert plan.action is Action.UNCHANGED
    assert "another NetworkDevice is named 'edge-1'" in plan.notes[1]


def test_an_empty_address_list_drops_nothing() -> None:
    existing = ci("a", "web1", S, serialNumber="SN1", ipAddresses=["10.0.0.1"])
    plan = CIPlanner(CI_SPEC.identity).plan(
        0, row("web1", S, serialNumber="SN1", ipAddresses=None, macAddresses=[]), [existing],
        lambda: "n",
    )  # fmt: skip
    assert plan.action is Action.UNCHANGED


def test_a_new_ci_says_which_source_set_its_class() -> None:
    plan = CIPlanner(CI_SPEC.identity, source=ClassSource.PERSON).plan(
        0, row("edge-1", S), [], lambda: "n"
    )
    assert plan.after is not None
    assert plan.after["classSource"] == "person"
