"""Named SNMP credential sets (``CredentialSet`` nodes).

Secrets are sealed before they are sent to Neo4j (``credential_secrets``), and only
``credentials_for_run`` reads and opens them, to hand them to the scanner; every other
read and every audit entry carries the public fields alone
(``discovery/credential_sets.py``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from graphcmdb.db.database import Database, Tx
from graphcmdb.db.queries import Q
from graphcmdb.discovery.credential_policy import outside_ranges
from graphcmdb.discovery.credential_sets import SECRET_FIELDS, CredentialSetCreate, SnmpCredentials
from graphcmdb.domain.specs import CREDENTIAL_SET_SPEC
from graphcmdb.domain.system_records import CredentialSetRecord
from graphcmdb.errors import Duplicate, Forbidden, NotFound
from graphcmdb.secrets.keyring import load_keyring
from graphcmdb.secrets.sealing import is_sealed
from graphcmdb.services import audit, nodes
from graphcmdb.services.actor import Actor
from graphcmdb.services.credential_secrets import place


def _duplicate(name: str) -> Duplicate:
    return Duplicate(f"A credential set named '{name}' already exists.", field="name", name=name)


def _sealed_props(db: Database, set_id: str, data: CredentialSetCreate) -> dict[str, Any]:
    """The set's graph properties, every secret present sealed (a client's values are
    always clear text, even one that looks sealed); the first seal creates the key."""
    props = data.graph_props()
    present = [name for name in SECRET_FIELDS if props[name] is not None]
    if not present:
        return props
    keyring = load_keyring(db.settings, create=True)
    return props | {name: keyring.seal(props[name], place(set_id, name)) for name in present}


def _opened(db: Database, stored: dict[str, Any]) -> dict[str, Any]:
    """A stored set with its secrets in clear; a value stored in clear before sealing is
    taken as it is (no key needed for it)."""
    sealed = [n for n in SECRET_FIELDS if stored.get(n) is not None and is_sealed(stored[n])]
    if not sealed:
        return stored
    keyring = load_keyring(db.settings)
    return stored | {n: keyring.open(stored[n], place(stored["id"], n)) for n in sealed}


async def create_credential_set(
    db: Database, actor: Actor, data: CredentialSetCreate
) -> CredentialSetRecord:
    set_id = str(uuid.uuid4())  # before sealing: the sealed values are bound to it
    props = _sealed_props(db, set_id, data)

    async def work(tx: Tx) -> CredentialSetRecord:
        row = await tx.one(Q.CREDENTIAL_CREATE, id=set_id, props=props)
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
    props = _sealed_props(db, set_id, data)

    async def work(tx: Tx) -> CredentialSetRecord:
        row = await tx.one(Q.CREDENTIAL_UPDATE, id=set_id, props=props)
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
    """The scanner's credentials, secrets opened (a missing key: ``SECRET_KEY_UNAVAILABLE``)."""
    row = await db.read(Q.CREDENTIAL_SECRETS_BY_NAME, name=name.strip())
    if not row:
        raise NotFound("CredentialSet", [name])
    return SnmpCredentials.of(_opened(db, row[0]["credentialSet"]))


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
