"""Statements with a label or type slot are sent with it written as the enum's value.

Neo4j 5.26 plans ``MATCH (n:$($label))`` and ``MERGE (n:$($label) {...})`` as a scan of
every node with a filter (no label scan, no index): an ITSM import's MERGE per row read
the whole graph once per row. Written as a label, the same text seeks.
"""

from __future__ import annotations

from typing import Any

import pytest

from graphcmdb.db.catalogue import get_catalogue
from graphcmdb.db.database import Database
from graphcmdb.db.queries import Fixed, Q, fixed
from graphcmdb.db.slots import fill_slots, starts_at_slot
from graphcmdb.graph.enums import Label, RelType
from tests.db.test_capture_plan import operators

#: the catalogue's statements whose pattern starts at a dynamic label or type, and the
#: slots their callers fix (services/graph_dump.py, itsm_bulk.py, importing/kinds.py)
FIXED_AT_CALL_SITES: dict[Q, Fixed] = {
    Q.EXCHANGE_ITSM_EXISTING: fixed(Q.EXCHANGE_ITSM_EXISTING, label=Label.INCIDENT),
    Q.EXCHANGE_ITSM_UPSERT: fixed(Q.EXCHANGE_ITSM_UPSERT, label=Label.CHANGE),
    Q.EXCHANGE_ITSM_EXPORT: fixed(
        Q.EXCHANGE_ITSM_EXPORT, label=Label.INCIDENT, link=RelType.AFFECTS
    ),
    Q.EXCHANGE_DUMP_NODES: fixed(Q.EXCHANGE_DUMP_NODES, label=Label.CI),
    Q.EXCHANGE_DUMP_RELATIONSHIPS: fixed(Q.EXCHANGE_DUMP_RELATIONSHIPS, type=RelType.DEPENDS_ON),
    Q.EXCHANGE_OFFLINE_FIXUP_NODES: fixed(Q.EXCHANGE_OFFLINE_FIXUP_NODES, label=Label.CI),
    Q.EXCHANGE_OFFLINE_FIXUP_RELATIONSHIPS: fixed(
        Q.EXCHANGE_OFFLINE_FIXUP_RELATIONSHIPS, type=RelType.DEPENDS_ON
    ),
}
PARAMS: dict[str, Any] = {
    "numbers": ["INC0000001"], "keys": ["ext-1"], "now": "2026-01-01T00:00:00Z",
    "rows": [{"idx": 0, "number": "CHG0000001", "id": "x", "defaults": {}, "props": {}}],
    "afterKey": None, "afterId": None, "limit": 100, "props": {},
}  # fmt: skip


def test_fixing_writes_the_slots_as_quoted_enum_values() -> None:
    query = fixed(Q.EXCHANGE_ITSM_EXPORT, label=Label.CHANGE, link=RelType.MODIFIES)
    text = get_catalogue()[query]
    assert "MATCH (n:`Change`)" in text
    assert "-[:`MODIFIES`]->" in text
    assert "$($" not in text
    plain = get_catalogue().text(Q.EXCHANGE_ITSM_EXPORT.value)
    assert "MATCH (n:$($label))" in plain  # the file itself is unchanged


def test_a_slot_the_statement_lacks_is_refused_even_when_a_comment_names_it() -> None:
    with pytest.raises(KeyError, match=r"no \$\(\$type\) slot"):
        get_catalogue()[fixed(Q.EXCHANGE_DUMP_NODES, type=RelType.DEPENDS_ON)]
    commented = "// MATCH (n:$($label)) was slow\nMATCH (n:CI) RETURN n"
    with pytest.raises(KeyError, match=r"no \$\(\$label\) slot"):
        fill_slots(commented, fixed(Q.EXCHANGE_DUMP_NODES, label=Label.CI))


def test_a_statement_starting_at_a_slot_is_refused_unless_fixed() -> None:
    with pytest.raises(KeyError, match="fixed"):
        get_catalogue()[Q.EXCHANGE_ITSM_UPSERT]


def test_every_statement_starting_at_a_slot_is_one_the_callers_fix() -> None:
    assert get_catalogue().must_fix == {q.value for q in FIXED_AT_CALL_SITES}
    assert not starts_at_slot("MATCH (a {id: $id}) CREATE (a)-[r:$($type)]->(b)")
    assert starts_at_slot("MERGE (n:$($label) {number: $n})")


@pytest.mark.parametrize("query", list(FIXED_AT_CALL_SITES), ids=lambda q: q.value)
async def test_a_fixed_statement_scans_no_more_than_its_label(db: Database, query: Q) -> None:
    text = get_catalogue()[FIXED_AT_CALL_SITES[query]]
    async with db.driver.session(database=db.database) as session:
        result = await session.run("CYPHER replan=force EXPLAIN " + text, **PARAMS)
        plan = (await result.consume()).plan
    assert plan is not None
    found = operators(plan)
    assert not [op for op in found if op.startswith("All") or "AllRelationships" in op]
    if query in (Q.EXCHANGE_ITSM_EXISTING, Q.EXCHANGE_ITSM_UPSERT):  # by number: a seek
        assert [op for op in found if "IndexSeek" in op], found
