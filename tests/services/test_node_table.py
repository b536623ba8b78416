"""One test table for every node type with generated CRUD (NetBox style).

Each spec in ``CRUD_SPECS`` must have a row in ``CASES``: a new node type fails here
until it is covered. Every row gets the same checks through the generic node service:
create / get / list / count / update / delete, each write audited in its transaction
with the node as a target, not-found, and the natural key's duplicate refusal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from pydantic import BaseModel

from graphcmdb.db.database import Database
from graphcmdb.domain.specs import CRUD_SPECS
from graphcmdb.errors import Duplicate, NotFound
from graphcmdb.graph.enums import Label
from graphcmdb.graph.node_spec import NodeSpec, Writable
from graphcmdb.services import nodes
from graphcmdb.services.actor import system_actor
from graphcmdb.services.paging import PageRequest

ACTOR = system_actor("node-table")


@dataclass(frozen=True)
class Case:
    #: a valid input of the spec's field model
    sample: dict[str, Any]
    #: one property an update changes, and its new value
    update: tuple[str, Any]
    #: properties only the server sets, given here as the entity service would
    system: dict[str, Any] = field(default_factory=dict)


CASES: dict[Label, Case] = {
    Label.CI: Case({"name": "web-1", "ciClass": "Server"}, ("os", "Debian 12")),
    Label.SERVICE: Case({"name": "Shop", "users": 10}, ("users", 20)),
    Label.ASSET: Case(
        {"assetTag": "A-1", "name": "laptop", "lifecycleState": "IN_STOCK"}, ("model", "T14")
    ),
    Label.VENDOR: Case({"name": "Acme"}, ("website", "https://acme.example")),
    Label.LOCATION: Case({"name": "DC1"}, ("address", "1 Main St")),
    Label.PERSON: Case({"name": "Ada", "email": "ada@example.org"}, ("department", "Ops")),
    Label.CONTRACT: Case({"number": "C-1", "kind": "SUPPORT"}, ("noticeDays", 30)),
    Label.SOFTWARE_PRODUCT: Case(
        {"publisher": "Acme", "product": "Widget", "version": "1.0"}, ("version", "1.0")
    ),
    Label.LICENSE: Case(
        {"productId": "p", "metric": "PER_DEVICE", "quantity": 5, "reference": "L-1"},
        ("quantity", 7),
        system={"name": "Widget (PER_DEVICE)"},
    ),
    Label.INCIDENT: Case(
        {"title": "Down", "priority": "P2", "affects": ["x"]},
        ("title", "Still down"),
        system={"number": "INC9000001", "name": "INC9000001", "state": "NEW"},
    ),
    Label.CHANGE: Case(
        {
            "title": "Patch",
            "plannedStart": "2026-01-01T00:00:00Z",
            "plannedEnd": "2026-01-01T02:00:00Z",
            "modifies": ["x"],
        },
        ("title", "Patch again"),
        system={"number": "CHG9000001", "name": "CHG9000001", "state": "DRAFT"},
    ),
    Label.DISCOVERY_RUN: Case(
        {}, ("message", "done"), system={"name": "run", "source": "snmp", "state": "DONE"}
    ),
    Label.RECONCILIATION_TASK: Case(
        {},
        ("reason", "MAC matches 2 CIs"),
        system={"name": "t", "key": "CI:1", "state": "OPEN", "source": "snmp", "reason": "?"},
    ),
}


def props_of(spec: NodeSpec, case: Case) -> dict[str, Any]:
    """What the entity service would store: the validated fields (links aside)."""
    stored = dict(case.system)
    if spec.fields is not None:
        record = spec.fields.model_validate(case.sample)
        assert isinstance(record, Writable)
        stored |= {k: v for k, v in record.graph_props().items() if k not in spec.links}
    return stored


def test_every_crud_spec_has_a_row() -> None:
    missing = [s.label.value for s in CRUD_SPECS if s.label not in CASES]
    assert not missing, f"node types without a test-table row: {missing}"


async def operations_on(db: Database, node_id: str) -> list[str]:
    rows = await db.run_raw(
        "MATCH (a:AuditEntry) WHERE $id IN a.targetIds RETURN a.operation AS op ORDER BY a.at",
        id=node_id,
    )
    return [r["op"] for r in rows]


def plain(node: object) -> dict[str, Any]:
    """A service answer as its properties: a record's (by stored name) or a plain row."""
    if isinstance(node, BaseModel):
        return node.model_dump(by_alias=True, exclude_none=True)
    assert isinstance(node, dict)
    return node


@pytest.mark.parametrize("spec", CRUD_SPECS, ids=lambda s: s.label.value)
async def test_crud_round_trip_is_audited(db: Database, spec: NodeSpec) -> None:
    case = CASES[spec.label]
    created = plain(await nodes.create(db, ACTOR, spec, props_of(spec, case)))
    node_id = created["id"]
    assert spec.label.value in created["labels"]
    assert not set(spec.hidden) & set(created)

    got = await nodes.get_many(db, spec, [node_id, "no-such-id"])
    assert list(got) == [node_id]
    assert all(isinstance(n, spec.record) for n in got.values())
    page = await nodes.list_page(db, spec, {}, PageRequest(10, None))
    assert [plain(n)["id"] for n in page.items] == [node_id]
    assert await nodes.count(db, spec, {}) == 1

    prop, value = case.update
    updated = plain(await nodes.update(db, ACTOR, spec, node_id, {prop: value}))
    assert updated[prop] == value
    assert updated["updatedAt"] >= created["updatedAt"]

    before = plain(await nodes.delete(db, ACTOR, spec, node_id))
    assert before["id"] == node_id
    assert await nodes.get_many(db, spec, [node_id]) == {}
    op = spec.operation
    assert await operations_on(db, node_id) == [f"create{op}", f"update{op}", f"delete{op}"]


@pytest.mark.parametrize("spec", CRUD_SPECS, ids=lambda s: s.label.value)
async def test_unknown_ids_are_not_found_and_change_nothing(db: Database, spec: NodeSpec) -> None:
    prop, value = CASES[spec.label].update
    with pytest.raises(NotFound, match="no-such-id"):
        await nodes.update(db, ACTOR, spec, "no-such-id", {prop: value})
    with pytest.raises(NotFound, match="no-such-id"):
        await nodes.delete(db, ACTOR, spec, "no-such-id")
    assert await db.run_raw("MATCH (a:AuditEntry) RETURN count(a) AS n") == [{"n": 0}]


KEYED = [s for s in CRUD_SPECS if s.key or s.unique]


@pytest.mark.parametrize("spec", KEYED, ids=lambda s: s.label.value)
async def test_a_second_node_with_the_same_key_is_refused(db: Database, spec: NodeSpec) -> None:
    props = props_of(spec, CASES[spec.label])
    await nodes.create(db, ACTOR, spec, props)
    with pytest.raises(Duplicate):
        await nodes.create(db, ACTOR, spec, props)
    assert await nodes.count(db, spec, {}) == 1
