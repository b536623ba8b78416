"""Resolve what a person types (a name or an id) to node ids, refusing ambiguity."""

from __future__ import annotations

from collections import defaultdict

from graphcmdb.db.database import Database, Row
from graphcmdb.db.queries import Q
from graphcmdb.errors import NotFound, ValidationFailed


async def resolve(db: Database, keys: list[str]) -> list[str]:
    """Ids for names or ids of CIs and services, in input order."""
    rows = await db.read(Q.NODE_FIND_BY_NAME_OR_ID, keys=keys)
    found: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        found[r["key"]].append(r)
    missing = [k for k in keys if k not in found]
    if missing:
        raise NotFound("CI or service named", missing)
    ids = []
    for key in keys:
        matches = found[key]
        if len(matches) > 1:
            options = "; ".join(f"{'/'.join(m['labels'])} {m['name']} ({m['id']})" for m in matches)
            raise ValidationFailed(f"'{key}' is ambiguous: {options}. Pass the id.", field=key)
        ids.append(str(matches[0]["id"]))
    return ids


async def ci_ids(db: Database, keys: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Ids of the CIs among ``keys`` (ciClass, name) that exist."""
    rows = await db.read(Q.CI_BY_KEYS, keys=[{"ciClass": c, "name": n} for c, n in keys])
    return {(r["ciClass"], r["name"]): str(r["id"]) for r in rows}
