"""Relationships between CIs and services from an import (``--kind relationships``).

A row: ``fromClass, fromName, type, toClass, toName`` and the relationship's properties
(``kind`` for DEPENDS_ON, ``localPort``/``remotePort`` for CONNECTED_TO). Its ends are
references (``node_refs.py``): CIs found by the identification engine, services by
name; nothing is created. Only the types ``relate`` draws (the generic ones of the
relationship specs) are imported, and each pair is checked as ``relate`` checks it, so a
row the API would refuse is a row problem with the same message. The natural key is
(from, type, to): one relationship per pair and type; a re-import changes nothing.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from graphcmdb.db.database import Database, Tx
from graphcmdb.db.queries import Q
from graphcmdb.domain.models import Name, RelateInput, ShortText
from graphcmdb.domain.rel_specs import GENERIC_TYPES, REL_SPECS
from graphcmdb.errors import IllegalRelationship
from graphcmdb.graph.enums import DependencyKind, RelType
from graphcmdb.services import audit, node_refs
from graphcmdb.services.actor import Actor
from graphcmdb.services.audit import ImportSource, import_note
from graphcmdb.services.bulk import UpsertResult
from graphcmdb.services.node_refs import NodeRef
from graphcmdb.services.relations import check_pair, edge_props, endpoint_labels
from graphcmdb.services.row_checks import Prepared, Problem, RowProblem, RowsRefused, check_each

#: the relationship types an import draws: those ``relate`` draws
TYPES: tuple[RelType, ...] = GENERIC_TYPES


class RelationshipImport(BaseModel):
    model_config = ConfigDict(extra="forbid")

    fromClass: ShortText
    fromName: Name
    type: RelType
    toClass: ShortText
    toName: Name
    kind: DependencyKind | None = None
    localPort: ShortText | None = None
    remotePort: ShortText | None = None


def prepare_relationship(raw: dict[str, Any]) -> Prepared:
    record = RelationshipImport.model_validate(raw)
    if not REL_SPECS[record.type].generic:
        raise RowProblem("type", f"{record.type.value} is not imported as a relationship")
    source = node_refs.node_ref("fromClass", record.fromClass, record.fromName)
    target = node_refs.node_ref("toClass", record.toClass, record.toName)
    data = RelateInput(
        fromId="?",
        type=record.type,
        toId="?",
        kind=record.kind,
        localPort=record.localPort,
        remotePort=record.remotePort,
    )
    try:
        props = edge_props(data)
    except IllegalRelationship as exc:
        raise RowProblem(str(exc.details.get("field", "type")), exc.message) from exc
    return {
        "key": (source, record.type.value, target),
        "source": source,
        "target": target,
        "data": data,
        "props": props,
    }


def check_relationship_rows(
    rows: list[dict[str, Any]],
) -> tuple[list[Prepared | None], list[Problem]]:
    return check_each(rows, prepare_relationship, "toName")


async def _ends(tx: Tx, rows: list[Prepared]) -> tuple[dict[NodeRef, str], list[Problem]]:
    """Each end's node id, and the rows whose ends are unknown or illegal as a pair."""
    refs = [r["source"] for r in rows] + [r["target"] for r in rows]
    found = await node_refs.resolve(tx, refs)
    problems: list[Problem] = []
    for i, row in enumerate(rows):
        for column, end in (("fromName", row["source"]), ("toName", row["target"])):
            if end in found.missing:
                problems.append({"row": i, "field": column, "reason": found.missing[end]})
    located = [r for r in rows if r["source"] in found.ids and r["target"] in found.ids]
    ids = sorted({found.ids[r[end]] for r in located for end in ("source", "target")})
    labels = await endpoint_labels(tx, ids) if ids else {}
    for i, row in enumerate(rows):
        if row["source"] not in found.ids or row["target"] not in found.ids:
            continue
        data: RelateInput = row["data"]
        pair = data.model_copy(
            update={"fromId": found.ids[row["source"]], "toId": found.ids[row["target"]]}
        )
        try:
            check_pair(pair, labels)
        except IllegalRelationship as exc:
            problems.append({"row": i, "field": "type", "reason": str(exc)})
    return found.ids, problems


async def relationship_problems(tx: Tx, rows: list[Prepared]) -> list[Problem]:
    return (await _ends(tx, rows))[1]


async def write_relationships(
    db: Database, actor: Actor, rows: list[Prepared], lines: list[int], source: ImportSource
) -> UpsertResult:
    """One batch in one transaction: the ends found again (a CI may have gone since the
    file was checked), the relationships merged, one ``importRelationships`` entry."""
    now = datetime.now(UTC)

    async def work(tx: Tx) -> UpsertResult:
        ids, problems = await _ends(tx, rows)
        if problems:
            raise RowsRefused(problems)
        params = [
            {
                "key": i,
                "fromId": ids[r["source"]],
                "toId": ids[r["target"]],
                "type": r["data"].type.value,
                "relId": str(uuid.uuid4()),
                "props": r["props"],
            }
            for i, r in enumerate(rows)
        ]
        written = await tx.run(Q.EXCHANGE_RELATIONSHIP_MERGE, rows=params, now=now)
        created = sum(1 for w in written if w["created"])
        changed = [w for w in written if w["changed"]]
        if changed:
            await audit.record(
                tx,
                actor,
                "importRelationships",
                sorted({str(w[end]) for w in changed for end in ("fromId", "toId")}),
                None,
                {
                    "created": created,
                    "updated": len(changed) - created,
                    "unchanged": len(written) - len(changed),
                    "rows": [
                        dict(w["after"]) | {"from": w["fromId"], "to": w["toId"]} for w in changed
                    ],
                }
                | import_note(source),
            )
        order = sorted(written, key=lambda w: int(w["key"]))
        return UpsertResult.counted([str(w["fromId"]) for w in order], created, len(changed))

    return await db.write(work)
