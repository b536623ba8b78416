"""The planner: per row CREATE / UPDATE / UNCHANGED / AMBIGUOUS / REFUSED, rows of one run
seeing each other, field policy, and the token a preview promises."""

from __future__ import annotations

import uuid
from typing import Any

from graphcmdb.domain.specs import CI_SPEC
from graphcmdb.graph.enums import CIClass
from graphcmdb.identity.keys import Identity
from graphcmdb.identity.plan import Action, CIPlanner, CIRow, plan_token
from tests.identity.test_match import ci


def row(name: str, ci_class: CIClass = CIClass.SERVER, **props: Any) -> CIRow:
    tags = tuple(props.pop("tags", ()))
    return CIRow(ci_class, name, props, {"status": "OPERATIONAL"}, tags)


def planner() -> CIPlanner:
    return CIPlanner(CI_SPEC.identity)


def test_two_rows_about_one_device_plan_one_ci() -> None:
    p = planner()
    first = p.plan(0, row("web1", serialNumber="SN1"), [], lambda: "new-1")
    second = p.plan(
        1, row("web1.corp.example", serialNumber="sn-1", os="Debian"), [], lambda: "new-2"
    )
    assert first.action is Action.CREATE
    assert first.ci is not None
    assert first.ci.id == "new-1"
    assert (second.action, second.rule) == (Action.UPDATE, "SERIAL")
    assert second.ci is not None
    assert second.ci.id == "new-1"
    assert [(c.field, c.after) for c in second.changes] == [("os", "Debian")]


def test_a_row_that_says_nothing_new_is_unchanged() -> None:
    existing = ci("a", "web1", serialNumber="SN1", os="Debian")
    plan = planner().plan(0, row("WEB1", serialNumber="SN1", os="Debian"), [existing], lambda: "n")
    assert (plan.action, plan.rule, plan.changes) == (Action.UNCHANGED, "SERIAL", ())
    assert plan.notes == ("named 'web1' in the CMDB (the row says 'WEB1'; kept)",)


def test_addresses_accumulate() -> None:
    existing = ci("a", "web1", ipAddresses=["10.0.0.1"])
    plan = planner().plan(0, row("web1", ipAddresses=["10.0.0.2"]), [existing], lambda: "n")
    assert [(c.field, c.before, c.after) for c in plan.changes] == [
        ("ipAddresses", ["10.0.0.1"], ["10.0.0.1", "10.0.0.2"])
    ]


def test_a_taken_name_of_another_box_is_refused_with_the_reason() -> None:
    old = ci("old", "web1", serialNumber="OLD")
    plan = planner().plan(0, row("web1", serialNumber="NEW"), [old], lambda: "n")
    assert plan.action is Action.REFUSED
    assert plan.reason is not None
    assert "taken by another Server (old)" in plan.reason


def test_ambiguity_names_the_candidates() -> None:
    a, b = ci("a", "web1"), ci("b", "web1", CIClass.VIRTUAL_MACHINE)
    plan = planner().plan(0, row("web1"), [a, b], lambda: "n")
    assert plan.action is Action.AMBIGUOUS
    assert {c.id for c in plan.candidates} == {"a", "b"}


def test_a_new_ci_takes_the_one_free_asset_its_tag_names() -> None:
    assert (
        planner().plan(0, row("x", tags=("A-1",)), [], lambda: "n", ["asset-1"]).track_asset
        == "asset-1"
    )
    assert planner().plan(0, row("x", tags=("A-1",)), [], lambda: "n", []).track_asset is None


def test_the_token_ignores_new_ids_but_not_what_is_written() -> None:
    def plans(new_id: str, os: str) -> str:
        p = planner()
        existing = ci("a", "web1", serialNumber="SN1")
        rows = [
            p.plan(0, row("db1", serialNumber="SN2"), [], lambda: new_id),
            p.plan(1, row("web1", serialNumber="SN1", os=os), [existing], lambda: "x"),
        ]
        return plan_token(rows)

    assert plans("id-1", "Debian") == plans("id-2", "Debian")
    assert plans("id-1", "Debian") != plans("id-1", "Ubuntu")


def test_a_fork_plans_on_without_touching_the_original_until_absorbed() -> None:
    p = planner()
    p.plan(0, row("web1", serialNumber="SN1"), [], lambda: "new-1")
    trial = p.fork()
    again = trial.plan(1, row("WEB1.corp", serialNumber="sn1", os="Debian"), [], lambda: "x")
    assert again.ci is not None
    assert (again.action, again.ci.id) == (Action.UPDATE, "new-1")  # sees its parent
    trial.plan(2, row("db1", serialNumber="SN2"), [], lambda: "new-2")
    assert set(p.planned) == {"new-1"}
    assert p.latest("new-2") is None
    p.absorb(trial)
    assert set(p.planned) == {"new-1", "new-2"}
    latest = p.latest("new-1")
    assert latest is not None
    assert latest.stored.get("os") == "Debian"


def test_the_token_holds_when_later_rows_name_a_ci_the_run_creates() -> None:
    def token() -> str:
        p = planner()
        rows = [
            p.plan(0, row("web1", serialNumber="SN1"), [], lambda: str(uuid.uuid4())),
            p.plan(
                1, row("web1.corp", serialNumber="sn-1", os="Debian"), [], lambda: str(uuid.uuid4())
            ),
        ]
        assert [r.action for r in rows] == [Action.CREATE, Action.UPDATE]
        return plan_token(rows)

    assert token() == token()


def test_a_name_that_gives_no_key_is_still_refused_when_taken() -> None:
    """Discovery names an unnamed box by its address; finance's row of that name is
    another box unless an identifier says otherwise."""
    taken = ci("a", "10.0.0.5", CIClass.NETWORK_DEVICE, serialNumber="SW-A")
    plan = planner().plan(0, row("10.0.0.5", CIClass.NETWORK_DEVICE, serialNumber="SW-B"),
                          [taken], "n")  # fmt: skip
    assert plan.action is Action.REFUSED


def test_a_candidate_takes_the_row_identity_only_when_made_of_the_same_values() -> None:
    given = {
        "serialNumber": "sn-1",
        "macAddresses": ["00:1A:2B:3C:4D:5E"],
        "ipAddresses": ["10.0.0.1"],
    }
    the_row = row("web1", os="Debian 13", **given)
    same = ci("a", "web1", os="Debian 12", **given)
    moved = ci("b", "web1", **{**given, "ipAddresses": ["10.0.0.2"]})
    assert the_row.shared_by(same).identity is the_row.identity
    assert the_row.shared_by(moved).identity is not the_row.identity
    for candidate in (same, moved):  # either way, what the CI's own values normalise to
        values = {**candidate.stored.values, "ciClass": candidate.ci_class, "name": candidate.name}
        assert candidate.identity == Identity.of_ci(values, candidate.asset_tags)
    assert moved.identity.ips == ("10.0.0.2",)
