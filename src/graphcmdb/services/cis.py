"""Configuration items: create, read, update, delete, list."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from graphcmdb.db.database import Database, Row, Tx
from graphcmdb.db.queries import Q
from graphcmdb.discovery.precedence import claim_fields
from graphcmdb.domain.models import CICreate, CIUpdate
from graphcmdb.errors import Duplicate, HasDependents, NotFound, ValidationFailed
from graphcmdb.graph.enums import CIClass, CIStatus, Environment
from graphcmdb.services import audit
from graphcmdb.services.actor import Actor
from graphcmdb.services.paging import Page, PageRequest, make_page


@dataclass(frozen=True)
class CIFilter:
    ciClass: CIClass | None = None
    status: CIStatus | None = None
    environment: Environment | None = None
    nameContains: str | None = None
    text: str | None = None

    def params(self) -> dict[str, object]:
        return {
            "ciClass": self.ciClass.value if self.ciClass else None,
            "status": self.status.value if self.status else None,
            "environment": self.environment.value if self.environment else None,
            "nameContains": self.nameContains or None,
        }


LUCENE_SPECIAL = set('+-&|!(){}[]^"~*?:\\/')


def lucene_terms(text: str) -> str:
    """User text to a safe full-text query: each word escaped, matched as a prefix."""
    words = []
    for word in text.split():
        escaped = "".join(f"\\{ch}" if ch in LUCENE_SPECIAL else ch for ch in word)
        words.append(f"{escaped}*")
    return " AND ".join(words)


async def get_cis(db: Database, ids: list[str]) -> dict[str, Row]:
    rows = await db.read(Q.CI_GET_BY_IDS, ids=ids)
    return {r["ci"]["id"]: r["ci"] for r in rows}


async def require_ci(tx: Tx, ci_id: str) -> Row:
    row = await tx.one(Q.CI_GET_BY_IDS, ids=[ci_id])
    if row is None:
        raise NotFound("CI", [ci_id])
    return dict(row["ci"])


async def create_ci(db: Database, actor: Actor, data: CICreate) -> Row:
    async def work(tx: Tx) -> Row:
        row = await tx.one(
            Q.CI_CREATE,
            id=str(uuid.uuid4()),
            ciClass=data.ciClass.value,
            props=data.graph_props(),
        )
        assert row is not None
        ci = dict(row["ci"])
        await audit.record(tx, actor, "createCI", [ci["id"]], None, ci)
        return ci

    try:
        return await db.write(work)
    except Duplicate as exc:
        raise Duplicate(
            f"A {data.ciClass.value} named '{data.name}' already exists.",
            ciClass=data.ciClass.value,
            name=data.name,
        ) from exc


async def update_ci(db: Database, actor: Actor, ci_id: str, data: CIUpdate) -> Row:
    props = data.graph_props()

    async def work(tx: Tx) -> Row:
        current = await require_ci(tx, ci_id)
        if "minAvailable" in props and current["ciClass"] != CIClass.CLUSTER.value:
            raise ValidationFailed("minAvailable applies to clusters only.", field="minAvailable")
        # a person's edit takes the field back from discovery (source precedence)
        edit = props | claim_fields(current, props)
        row = await tx.one(Q.CI_UPDATE, id=ci_id, props=edit)
        assert row is not None
        ci = dict(row["ci"])
        await audit.record(tx, actor, "updateCI", [ci_id], row["before"], ci)
        return ci

    try:
        return await db.write(work)
    except Duplicate as exc:
        raise Duplicate(
            f"Another CI of the same class is named '{data.name}'.", name=data.name
        ) from exc


async def delete_node_guarded(
    tx: Tx, node_id: str, force: bool, query: Q, actor: Actor, operation: str
) -> Row:
    """Delete a CI or service unless others depend on it (``force`` overrides)."""
    dependents = await tx.run(Q.NODE_DEPENDENTS_BLOCKING_DELETE, id=node_id)
    if dependents and not force:
        names = ", ".join(f"{d['name']} ({d['type']})" for d in dependents[:10])
        more = f" and {len(dependents) - 10} more" if len(dependents) > 10 else ""
        raise HasDependents(
            f"{len(dependents)} node(s) depend on it: {names}{more}. "
            "Remove those relationships first or pass force: true.",
            dependents=[d["id"] for d in dependents],
        )
    row = await tx.one(query, id=node_id)
    assert row is not None
    await audit.record(
        tx,
        actor,
        operation,
        [node_id],
        row["before"],
        {"deleted": True, "force": force, "dependents": [d["id"] for d in dependents]},
    )
    return dict(row["before"])


async def delete_ci(db: Database, actor: Actor, ci_id: str, force: bool = False) -> Row:
    async def work(tx: Tx) -> Row:
        await require_ci(tx, ci_id)
        return await delete_node_guarded(tx, ci_id, force, Q.CI_DELETE, actor, "deleteCI")

    return await db.write(work)


async def list_cis(db: Database, flt: CIFilter, req: PageRequest) -> Page[Row]:
    after_name, after_id = req.after if req.after else (None, None)
    params = flt.params() | {"afterName": after_name, "afterId": after_id, "limit": req.fetch}
    if flt.text:
        rows = await db.read(Q.CI_SEARCH_TEXT, text=lucene_terms(flt.text), **params)
    else:
        rows = await db.read(Q.CI_LIST, **params)
    return make_page([r["ci"] for r in rows], req, "name")


async def count_cis(db: Database, flt: CIFilter) -> int:
    if flt.text:
        rows = await db.read(Q.CI_COUNT_TEXT, text=lucene_terms(flt.text), **flt.params())
    else:
        rows = await db.read(Q.CI_COUNT, **flt.params())
    return int(rows[0]["total"])
