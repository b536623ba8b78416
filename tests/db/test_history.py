"""The versioned graph against the real Neo4j: a scripted week of changes through the
real writers (bulk upsert, the API's services, monitoring events, a merge), a snapshot
of the present graph after each step; then the graph as of each step equals that
step's snapshot, and the diff between any two steps is the difference of their
snapshots. Time is the database's injectable clock (no sleeping)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import combinations

from graphcmdb.db.database import Database
from graphcmdb.domain.itam_models import AssetCreate
from graphcmdb.domain.models import CIUpdate, RelateInput
from graphcmdb.events import generic
from graphcmdb.events.correlation import FlapRule
from graphcmdb.graph.enums import DependencyKind, RelType
from graphcmdb.services import (
    assets,
    bulk,
    cis,
    discovery_merge,
    events,
    history,
    history_retention,
    relations,
    sightings,
)
from graphcmdb.services.actor import system_actor
from tests.db.conftest import MONDAY, Clock
from tests.impact_fixtures import worked_example

ACTOR = system_actor("test")


async def week(db: Database, clock: Clock) -> list[tuple[datetime, history.Snapshot]]:
    """Seven days of changes; after each, (when it was done, the present graph)."""
    steps: list[tuple[datetime, history.Snapshot]] = []

    async def done() -> None:
        steps.append((clock.now, await history.snapshot(db, None)))
        clock.now += timedelta(days=1)

    ids = await worked_example(db)  # Monday: DESIGN's worked example
    await done()
    # Tuesday: web1 moves from h1 to h2 (a move), h1 is renamed
    await relations.unrelate(db, ACTOR, ids["web1"], RelType.HOSTED_ON, ids["h1"])
    await relations.relate(
        db, ACTOR, RelateInput(fromId=ids["web1"], type=RelType.HOSTED_ON, toId=ids["h2"])
    )
    await cis.update_ci(db, ACTOR, ids["h1"], CIUpdate(name="h1-old"))
    await done()
    # Wednesday: re-cabling (h2 connected to a switch, then to another port)
    sw = (await bulk.upsert_cis(db, ACTOR, [{"name": "sw1", "ciClass": "NetworkDevice"}])).ids[0]
    cable = {"fromId": ids["h2"], "type": RelType.CONNECTED_TO, "toId": sw}
    await relations.relate(
        db, ACTOR, RelateInput.model_validate(cable | {"localPort": "eth0", "remotePort": "1"})
    )
    await done()
    await relations.unrelate(db, ACTOR, ids["h2"], RelType.CONNECTED_TO, sw)
    await relations.relate(
        db, ACTOR, RelateInput.model_validate(cable | {"localPort": "eth1", "remotePort": "7"})
    )
    # ... and a monitoring alert takes web3 down (the event feed writes)
    body = {"source": "prom", "alertName": "HostDown", "status": "firing", "severity": "critical"}
    await events.ingest(
        db,
        ACTOR,
        generic.read({**body, "ciId": ids["web3"]}, 100),
        FlapRule(4, timedelta(minutes=15)),
        clock.now,
    )
    await done()
    # Friday: an import changes attributes (bulk upsert), the shop softly needs web2
    await bulk.upsert_cis(
        db, ACTOR, [{"name": "web2", "ciClass": "VirtualMachine", "criticality": 5}]
    )
    await relations.relate(
        db,
        ACTOR,
        RelateInput(
            fromId=ids["shop"], type=RelType.DEPENDS_ON, toId=ids["web2"], kind=DependencyKind.SOFT
        ),
    )
    await done()
    # Saturday: a duplicate of h2 appears and is merged into it
    dup = (await bulk.upsert_cis(db, ACTOR, [{"name": "h2-dup", "ciClass": "Server"}])).ids[0]
    await relations.relate(
        db, ACTOR, RelateInput(fromId=ids["web2"], type=RelType.HOSTED_ON, toId=dup)
    )
    await done()
    await discovery_merge.merge_cis(db, ACTOR, ids["h2"], [dup], force=True)
    # Sunday: h1 is decommissioned (deleted with what hangs on it)
    await relations.unrelate(db, ACTOR, ids["web2"], RelType.HOSTED_ON, ids["h1"])
    await cis.delete_ci(db, ACTOR, ids["h1"], force=True)
    await done()
    return steps


async def test_as_of_each_step_is_that_steps_snapshot_and_diffs_are_their_difference(
    db: Database, clock: Clock
) -> None:
    steps = await week(db, clock)
    assert len(steps) == 7
    for at, seen in steps:
        past = await history.snapshot(db, at + timedelta(hours=12))
        assert past.nodes == seen.nodes, at
        assert past.edges == seen.edges, at
    # the steps really differ (a test that cannot fail is a defect)
    assert len({frozenset(s.edges) for _, s in steps}) >= 5
    for (t1, s1), (t2, s2) in combinations(steps, 2):
        got = await history.graph_diff(db, t1 + timedelta(hours=1), t2 + timedelta(hours=1))
        assert got == history.diff(s1, s2), (t1, t2)


async def test_before_anything_existed_the_graph_is_empty(db: Database, clock: Clock) -> None:
    await worked_example(db)
    empty = await history.snapshot(db, MONDAY - timedelta(seconds=1))
    assert empty.nodes == {}
    assert empty.edges == {}
    now = await history.snapshot(db, MONDAY)
    assert {n.props["name"] for n in now.nodes.values()} >= {"h1", "web", "shop"}


async def test_a_rename_is_a_changed_node_with_before_and_after(db: Database, clock: Clock) -> None:
    ids = await worked_example(db)
    clock.now += timedelta(hours=1)
    await cis.update_ci(db, ACTOR, ids["h1"], CIUpdate(name="h1-old"))
    got = await history.graph_diff(db, MONDAY, clock.now, center_id=ids["web1"], depth=1)
    assert [
        (c.after.id, [(p.name, p.before, p.after) for p in c.changes]) for c in got.changed_nodes
    ] == [(ids["h1"], [("name", "h1", "h1-old")])]
    assert got.added_nodes == got.removed_nodes == ()


async def test_compaction_keeps_the_anchors_and_everything_after_the_cut_off(
    db: Database, clock: Clock
) -> None:
    steps = await week(db, clock)
    full = await history_retention.size(db)
    tuesday, thursday = steps[1][0] + timedelta(hours=12), steps[3][0]
    left = await history_retention.compact(db, thursday, [tuesday])
    assert left.versions < full.versions
    assert left.edge_versions < full.edge_versions
    for at, seen in [steps[1], *steps[3:]]:
        past = await history.snapshot(db, at + timedelta(hours=12))
        assert (past.nodes, past.edges) == (seen.nodes, seen.edges), at
    # Wednesday was neither kept whole nor an anchor: its cabling is gone from history
    wednesday = await history.snapshot(db, steps[2][0] + timedelta(hours=12))
    assert (wednesday.nodes, wednesday.edges) != (steps[2][1].nodes, steps[2][1].edges)


def test_month_ends_are_the_last_instant_of_each_month() -> None:
    ends = history_retention.month_ends(
        datetime(2026, 1, 15, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC)
    )
    assert [e.isoformat() for e in ends] == [
        "2026-01-31T23:59:59.999999+00:00",
        "2026-02-28T23:59:59.999999+00:00",
        "2026-03-31T23:59:59.999999+00:00",
    ]


async def test_a_batch_of_relationships_naming_more_than_its_audit_entry_is_all_versioned(
    db: Database, clock: Clock
) -> None:
    rows = [{"name": f"vm{i}", "ciClass": "VirtualMachine"} for i in range(1200)]
    ids = (await bulk.upsert_cis(db, ACTOR, rows)).ids
    pairs = [
        RelateInput(fromId=ids[i], type=RelType.DEPENDS_ON, toId=ids[i + 600]) for i in range(600)
    ]
    clock.now += timedelta(hours=1)
    assert await relations.relate_many(db, ACTOR, pairs) == 600
    shot = await history.snapshot(db, clock.now)
    assert len(shot.edges) == 600
    assert shot.edges == (await history.snapshot(db, None)).edges


async def test_a_property_a_write_adds_makes_a_version(db: Database, clock: Clock) -> None:
    """A version compares absent and present properties too: a sighting adds firstSeen
    and sources to a CI that had neither (null = value is null, not false, in Cypher)."""
    ids = await worked_example(db)
    clock.now += timedelta(hours=1)
    seen_at = clock.now
    await sightings.record(db, ACTOR, "inventory", [sightings.Sighting(ids["h1"], seen_at)])
    present = await history.snapshot(db, None)
    past = await history.snapshot(db, clock.now)
    assert past.nodes[ids["h1"]] == present.nodes[ids["h1"]]
    got = await history.graph_diff(db, MONDAY, clock.now, center_id=ids["h1"], depth=0)
    assert [(c.after.id, sorted(p.name for p in c.changes)) for c in got.changed_nodes] == [
        (ids["h1"], ["firstSeen", "sources"])
    ]
    opened = await db.run_raw(
        "MATCH (:Timeline {id: $id})-[v:STATE]->() RETURN count(v) AS n", id=ids["h1"]
    )
    assert opened[0]["n"] == 2


async def test_an_import_versions_what_it_changes_and_the_asset_link_it_makes(
    db: Database, clock: Clock
) -> None:
    """An identification batch versions the CIs it updates without walking their
    relationships (none between entities changes there); a CI it creates has no version
    yet and is captured in full, with the link to the asset whose tag the row gives."""
    asset = await assets.create_asset(db, ACTOR, AssetCreate(assetTag="AT-9", name="chassis"))
    web = (await bulk.upsert_cis(db, ACTOR, [{"name": "web9", "ciClass": "VirtualMachine"}])).ids
    clock.now += timedelta(hours=1)
    row = {"name": "srv9", "ciClass": "Server", "serialNumber": "SN-9", "assetTag": "AT-9"}
    [srv] = (await bulk.upsert_cis(db, ACTOR, [row])).ids
    await relations.relate(db, ACTOR, RelateInput(fromId=web[0], type=RelType.HOSTED_ON, toId=srv))
    linked = await history.snapshot(db, clock.now + timedelta(minutes=1))
    assert (asset.id, RelType.TRACKS.value, srv) in linked.edges
    clock.now += timedelta(hours=1)
    web_row = {"name": "web9", "ciClass": "VirtualMachine", "criticality": 4}
    await bulk.upsert_cis(db, ACTOR, [row | {"os": "Debian 13"}, web_row])
    present = await history.snapshot(db, None)
    past = await history.snapshot(db, clock.now + timedelta(minutes=1))
    assert (past.nodes, past.edges) == (present.nodes, present.edges)
    assert past.nodes[srv].props["os"] == "Debian 13"
    assert past.edges == linked.edges  # nothing between entities changed, nothing lost
    before = await history.snapshot(db, clock.now - timedelta(minutes=1))
    assert "os" not in before.nodes[srv].props
