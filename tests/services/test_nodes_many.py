"""Several nodes written in one statement each way (``services/nodes_many``): each node
audited by an entry of its own, versioned like one written alone; an id that names no
node refuses the whole write."""

from __future__ import annotations

import json

import pytest

from graphcmdb.db.database import Database, Tx
from graphcmdb.domain.records import IncidentRecord
from graphcmdb.domain.specs import INCIDENT_SPEC
from graphcmdb.errors import NotFound
from graphcmdb.services import nodes_many
from graphcmdb.services.actor import system_actor
from graphcmdb.services.nodes_many import NewNode, NodeChange

ACTOR = system_actor("test")
ENTRIES = """
MATCH (a:AuditEntry) WHERE a.operation IN ['openIt', 'moveIt']
RETURN a.operation AS op, a.targetIds AS targets, a.before AS before, a.after AS after
ORDER BY op, targets[0]
"""
VERSIONS = "MATCH (:Timeline {id: $id})-[v:STATE]->() RETURN count(v) AS n"


def new(number: str) -> NewNode:
    props = {"number": number, "name": number, "title": f"t{number}", "priority": "P3"}
    return NewNode(props | {"state": "NEW"}, "openIt", {"affects": [f"ci-{number}"]})


async def create(db: Database, numbers: list[str]) -> list[IncidentRecord]:
    async def work(tx: Tx) -> list[IncidentRecord]:
        return await nodes_many.create_in(tx, ACTOR, INCIDENT_SPEC, [new(n) for n in numbers])

    return await db.write(work)


async def test_each_node_has_its_own_entry_and_version(db: Database) -> None:
    made = await create(db, ["I1", "I2", "I3"])
    assert [m.number for m in made] == ["I1", "I2", "I3"]  # in the order given

    async def move(tx: Tx) -> list[IncidentRecord]:
        changes = [NodeChange(m.id, {"state": "IN_PROGRESS"}, "moveIt") for m in made[1:]]
        return await nodes_many.update_in(tx, ACTOR, INCIDENT_SPEC, changes)

    moved = await db.write(move)
    assert [(m.number, m.state.value) for m in moved] == [
        ("I2", "IN_PROGRESS"),
        ("I3", "IN_PROGRESS"),
    ]
    entries = await db.run_raw(ENTRIES)
    opened = [e for e in entries if e["op"] == "openIt"]
    assert sorted(e["targets"] for e in opened) == sorted([m.id] for m in made)
    for e in opened:
        after = json.loads(e["after"])
        assert after["affects"] == [f"ci-{after['number']}"]
        assert e["before"] is None
    changed = [e for e in entries if e["op"] == "moveIt"]
    assert sorted(e["targets"] for e in changed) == sorted([m.id] for m in made[1:])
    assert {json.loads(e["before"])["state"] for e in changed} == {"NEW"}
    counts = [(await db.run_raw(VERSIONS, id=m.id))[0]["n"] for m in made]
    assert counts == [1, 2, 2]


async def test_an_unknown_id_refuses_the_whole_update(db: Database) -> None:
    [made] = await create(db, ["I9"])

    async def move(tx: Tx) -> list[IncidentRecord]:
        changes = [
            NodeChange(made.id, {"state": "IN_PROGRESS"}, "moveIt"),
            NodeChange("no-such-incident", {"state": "IN_PROGRESS"}, "moveIt"),
        ]
        return await nodes_many.update_in(tx, ACTOR, INCIDENT_SPEC, changes)

    with pytest.raises(NotFound, match="no-such-incident"):
        await db.write(move)
    [row] = await db.run_raw("MATCH (i:Incident {id: $id}) RETURN i.state AS s", id=made.id)
    assert row["s"] == "NEW"
    assert [e["op"] for e in await db.run_raw(ENTRIES)] == ["openIt"]
