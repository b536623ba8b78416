"""Named SNMP credential sets (``CredentialSet`` nodes).

Only ``for_scanner`` reads the secrets, to hand them to the scanner; every other read
and every audit entry carries the public fields alone (``discovery/credential_sets.py``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from graphcmdb.db.database import Database, Tx
from graphcmdb.db.queries import Q
from graphcmdb.discovery.credential_policy import outside_ranges
from graphcmdb.discovery.credential_sets import CredentialSetCreate, SnmpCredentials
from graphcmdb.domain.specs import CREDENTIAL_SET_SPEC
from graphcmdb.domain.system_records import CredentialSetRecord
from graphcmdb.errors import Duplicate, Forbidden, NotFound
from graphcmdb.services import audit, nodes
from graphcmdb.services.actor import Actor


def _duplicate(name: str) -> Duplicate:
    return Duplicate(f"A credential set named '{name}' already exists.", field="name", name=name)


async def create_credential_set(
    db: Database, actor: Actor, data: CredentialSetCreate
) -> CredentialSetRecord:
    async def work(tx: Tx) -> CredentialSetRecord:
        row = await tx.one(Q.CREDENTIAL_CREATE, id=str(uuid.uuid4()), props=data.graph_props())
        assert row is not None
        created = dict(row["credentialSet"])
        after = {"id": created["id"]} | data.audit_view()
        await audit.record(tx, actor, "createCredentialSet", [created["id"]], None, after)
        return nodes.as_record(CREDENTIAL_SET_SPEC, created)

    return await nodes.write_unique(db, work, lambda: _duplicate(data.name))


async def update_credential_set(
    db: Database, actor: Actor, set_id: str, data: CredentialSetCreate
) -> CredentialSetRecord:
    """Replace a set's fields (secrets included: they are never shown, so never merged)."""

    async def work(tx: Tx) -> CredentialSetRecord:
        row = await tx.one(Q.CREDENTIAL_UPDATE, id=set_id, props=data.graph_props())
        if row is None:
            raise NotFound("CredentialSet", [set_id])
        after = {"id": set_id} | data.audit_view()
        await audit.record(tx, actor, "updateCredentialSet", [set_id], row["before"], after)
        return nodes.as_record(CREDENTIAL_SET_SPEC, row["credentialSet"])

    return await nodes.write_unique(db, work, lambda: _duplicate(data.name))


async def delete_credential_set(db: Database, actor: Actor, set_id: str) -> CredentialSetRecord:
    async def work(tx: Tx) -> CredentialSetRecord:
        row = await tx.one(Q.CREDENTIAL_DELETE, id=set_id)
        if row is None:
            raise NotFound("CredentialSet", [set_id])
        await audit.record(tx, actor, "deleteCredentialSet", [set_id], row["before"], None)
        return nodes.as_record(CREDENTIAL_SET_SPEC, row["before"])

    return await db.write(work)


async def list_credential_sets(db: Database) -> list[CredentialSetRecord]:
    rows = await db.read(Q.CREDENTIAL_LIST)
    return [nodes.as_record(CREDENTIAL_SET_SPEC, r["credentialSet"]) for r in rows]


async def credentials_for_run(db: Database, name: str) -> SnmpCredentials:
    row = await db.read(Q.CREDENTIAL_SECRETS_BY_NAME, name=name.strip())
    if not row:
        raise NotFound("CredentialSet", [name])
    return SnmpCredentials.of(row[0]["credentialSet"])


def check_targets(credentials: SnmpCredentials, targets: Sequence[str]) -> None:
    """Refuse a scan with ``credentials`` that would reach beyond the set's target ranges
    (``discovery/credential_policy.py``): nothing is scanned, nothing recorded."""
    name = credentials.name
    if not credentials.target_ranges:
        raise Forbidden(
            f"Credential set '{name}' is bound to no target ranges, so it cannot be used: "
            "an admin sets its targetRanges (updateCredentialSet).",
            credentialSet=name,
        )
    outside = outside_ranges(targets, credentials.target_ranges)
    if outside:
        shown = ", ".join(outside[:5]) + (
            f" and {len(outside) - 5} more" if len(outside) > 5 else ""
        )
        raise Forbidden(
            f"{len(outside)} target(s) lie outside the ranges of credential set '{name}' "
            f"({', '.join(credentials.target_ranges[:10])}): {shown}. Give addresses or CIDR "
            "ranges inside them (host names and target files cannot be checked, so they are "
            "refused).",
            credentialSet=name,
            targets=outside[:100],
            ranges=list(credentials.target_ranges),
        )
