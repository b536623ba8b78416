"""Credential secrets at rest: sealed on their way to Neo4j, opened only for a run.

Each of ``community``, ``authKey`` and ``privKey`` is stored as a sealed text
(``secrets/sealing.py``) whose associated data is ``"<set id>:<field>"`` (``place``).
``discovery_credentials`` seals a set's secrets before each write and opens them for the
scanner; this module seals the values older versions stored in clear (a start-up step),
re-seals everything for a key rotation and counts what is sealed under which key.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from graphcmdb.db.database import Database, Tx
from graphcmdb.db.queries import Q
from graphcmdb.discovery.credential_sets import SECRET_FIELDS
from graphcmdb.secrets import rotation
from graphcmdb.secrets.keyring import Keyring, load_keyring
from graphcmdb.secrets.sealing import PREFIX, is_sealed

log = logging.getLogger("graphcmdb.secrets")


def place(set_id: str, field: str) -> str:
    """A sealed value's associated data: it opens in this set and field only."""
    return f"{set_id}:{field}"


@dataclass(frozen=True)
class SealedCount:
    key_id: str
    secrets: int
    #: whether this process has the key (a value under a missing key cannot be used)
    available: bool


@dataclass(frozen=True)
class SecretStatus:
    key_id: str | None
    #: the key file's path, or ``GRAPHCMDB_SECRET_KEY``
    source: str
    key_ids: tuple[str, ...]
    sealed: tuple[SealedCount, ...]
    plain: int


@dataclass(frozen=True)
class Rotation:
    new_key_id: str
    previous_key_id: str | None
    sets: int
    #: secrets re-sealed, of which ``plain`` were still stored in clear
    secrets: int
    plain: int


async def secret_status(db: Database) -> SecretStatus:
    keyring = load_keyring(db.settings)
    counts = await db.read(Q.CREDENTIAL_SECRET_COUNTS, prefix=PREFIX + ":")
    plain = sum(r["secrets"] for r in counts if r["keyId"] is None)
    sealed = tuple(
        SealedCount(r["keyId"], r["secrets"], r["keyId"] in keyring.keys)
        for r in counts
        if r["keyId"] is not None
    )
    return SecretStatus(keyring.current_id, keyring.source, tuple(keyring.key_ids), sealed, plain)


async def _reseal_all(db: Database, keyring: Keyring, only_plain: bool) -> tuple[int, int, int]:
    """(sets, secrets, plain) written: every stored secret (``only_plain``: each one
    still in clear) sealed with the keyring's current key, read and written in one
    transaction (the read locks the sets)."""

    async def work(tx: Tx) -> tuple[int, int, int]:
        rows: list[dict[str, Any]] = []
        secrets = plain = 0
        for row in await tx.run(Q.CREDENTIAL_SECRETS_LOCKED):
            stored: dict[str, Any] = row["secrets"]
            resealed = dict(stored)
            for name in SECRET_FIELDS:
                value = stored[name]
                if value is None or (only_plain and is_sealed(value)):
                    continue
                where = place(stored["id"], name)
                resealed[name] = keyring.seal(keyring.open(value, where), where)
                secrets, plain = secrets + 1, plain + (not is_sealed(value))
            if resealed != stored:
                rows.append(resealed)
        if rows:
            await tx.run(Q.CREDENTIAL_SET_SECRETS, rows=rows)
        return len(rows), secrets, plain

    return await db.write(work)


async def seal_plain_secrets(db: Database) -> int:
    """Seal the secrets older versions stored in clear (idempotent; run at start-up next
    to the schema migrations); returns how many were sealed. No key is read or made
    when there is nothing to seal."""
    counts = await db.read(Q.CREDENTIAL_SECRET_COUNTS, prefix=PREFIX + ":")
    if not any(r["keyId"] is None for r in counts):
        return 0
    _, _, plain = await _reseal_all(db, load_keyring(db.settings, create=True), True)
    if plain:
        log.info("sealed %d credential secret(s) stored in clear by an older version", plain)
    return plain


async def rotate_key(db: Database) -> Rotation:
    """A new key, every stored secret re-sealed with it in one transaction, then the new
    key made current (``secrets/rotation.py``: no step loses a key)."""
    with rotation.rotation_lock(db.settings):
        staged = rotation.stage(db.settings)
        sets, secrets, plain = await _reseal_all(db, staged.keyring, False)
        rotation.promote(db.settings, staged)
    log.info("sealing key rotated to %s (%d secrets re-sealed)", staged.new_id, secrets)
    return Rotation(staged.new_id, staged.previous_id, sets, secrets, plain)
