"""A listing sends its dates and times as ISO text (``cypher_gen.listed_projection``):
each record must hold the very value a read through the driver's temporal types gives,
to the microsecond and with the same offset, whatever the stored value's form."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from pydantic import BaseModel

from graphcmdb.db.database import Database
from graphcmdb.domain.specs import CI_SPEC, DISCOVERY_RUN_SPEC
from graphcmdb.graph.cypher_gen import list_statement
from graphcmdb.graph.enums import Label
from graphcmdb.graph.node_spec import NodeSpec
from graphcmdb.services import nodes
from graphcmdb.services.actor import system_actor
from graphcmdb.services.paging import PageRequest, decode_cursor

ACTOR = system_actor("listed-temporals")

#: stored forms: nanoseconds, a named zone (its offset in summer), an offset, none
STORED = {
    "firstSeen": "datetime('2026-07-01T10:00:00.123456789Z')",
    "lastSeen": "datetime('2026-07-01T12:30:00.5[Europe/Paris]')",
    "createdAt": "datetime('2026-01-02T03:04:05-05:30')",
    "updatedAt": "null",
}


class _Timed(BaseModel):
    name: str
    at: datetime
    on: date | None = None
    seen: list[datetime] = []
    maybe: datetime | int | None = None


def test_the_temporal_properties_are_the_records_dates_and_times() -> None:
    assert CI_SPEC.temporal == ("createdAt", "updatedAt", "firstSeen", "lastSeen")
    assert "toString(n.lastSeen)" in list_statement(CI_SPEC)
    timed = NodeSpec(Label.CI, "timed", _Timed, fields=_Timed, common=False)
    # a list, or a union with something else, is never sent as text (toString fails)
    assert timed.temporal == ("at", "on")


async def test_a_listed_record_equals_the_record_read_by_id(db: Database) -> None:
    created = await nodes.create(db, ACTOR, CI_SPEC, {"name": "clock-1", "ciClass": "Server"})
    sets = ", ".join(f"n.{p} = {value}" for p, value in STORED.items())
    await db.run_raw(f"MATCH (n:CI {{id: $id}}) SET {sets}", id=created.id)

    [listed] = (
        await nodes.list_page(db, CI_SPEC, {"nameContains": "clock"}, PageRequest(5, None))
    ).items
    read = (await nodes.get_many(db, CI_SPEC, [created.id]))[created.id]

    assert listed == read
    assert listed.firstSeen == datetime.fromisoformat("2026-07-01T10:00:00.123456+00:00")
    for name in ("firstSeen", "lastSeen", "createdAt"):
        mine, theirs = getattr(listed, name), getattr(read, name)
        assert mine.utcoffset() == theirs.utcoffset(), name
    assert listed.lastSeen is not None
    assert listed.lastSeen.utcoffset() == timedelta(hours=2)
    assert listed.updatedAt is None


async def test_a_time_ordered_listing_pages_through_equal_times(db: Database) -> None:
    """Discovery runs list newest first by a datetime: the cursor carries the listed
    text, nanoseconds included, and ties go on by id."""
    for n in range(5):
        props = {"name": f"run-{n}", "source": "snmp", "state": "DONE"}
        await nodes.create(db, ACTOR, DISCOVERY_RUN_SPEC, props)
    await db.run_raw(
        "MATCH (n:DiscoveryRun) SET n.startedAt = datetime('2026-07-01T10:00:00.123456789Z')"
    )
    seen: list[str] = []
    after = None
    while True:
        page = await nodes.list_page(db, DISCOVERY_RUN_SPEC, {}, PageRequest(2, after))
        seen += [run.id for run in page.items]
        if not page.has_next:
            break
        after = decode_cursor(page.cursors[-1])
    assert len(seen) == len(set(seen)) == 5
