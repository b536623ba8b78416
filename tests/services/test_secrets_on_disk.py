"""Nothing secret on disk: after a credential set is stored, no file under the test
Neo4j's data and logs directories holds its community or keys, while a plain value
written as a node property is found there (the control that shows the search would see a
secret if one were written). Neo4j forces the transaction log to disk at every commit,
so that is where a value is found first; the store files follow at the next checkpoint
(``db.checkpoint()`` is an Enterprise procedure), and hold what the log held."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.discovery.credential_sets import CredentialSetCreate
from graphcmdb.services import discovery_credentials
from graphcmdb.services.actor import system_actor

CHUNK = 16 * 1024 * 1024


def long_random() -> str:
    """80 characters: too long for an inlined short string, so Neo4j writes the value as
    UTF-8 bytes of a dynamic string record (in the store and the transaction log)."""
    return secrets.token_urlsafe(60)


def files_holding(roots: list[Path], needles: list[str]) -> dict[str, list[Path]]:
    """For each needle, the files under ``roots`` whose bytes contain it (chunked, with an
    overlap, so a value across a chunk boundary is found too)."""
    wanted = {n: n.encode("utf-8") for n in needles}
    overlap = max(len(b) for b in wanted.values())
    found: dict[str, list[Path]] = {n: [] for n in needles}
    for path in sorted(p for root in roots for p in root.rglob("*") if p.is_file()):
        tail = b""
        seen: set[str] = set()
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                window = tail + chunk
                seen |= {n for n, b in wanted.items() if b in window}
                tail = window[-overlap:]
        for needle in seen:
            found[needle].append(path)
    return found


async def test_no_secret_reaches_neo4j_files(settings: Settings, db: Database) -> None:
    if not settings.managed_neo4j:
        pytest.skip("the files of an external Neo4j are not on this machine")
    community, auth, priv, control = (long_random() for _ in range(4))
    actor = system_actor("test")
    v2c = {
        "name": "disk-v2c",
        "version": "V2C",
        "community": community,
        "allowInsecure": True,
        "targetRanges": ["10.0.0.0/8"],
    }
    await discovery_credentials.create_credential_set(
        db, actor, CredentialSetCreate.model_validate(v2c)
    )
    v3 = {
        "name": "disk-v3",
        "version": "V3",
        "v3User": "monitor",
        "authProtocol": "SHA-256",
        "authKey": auth,
        "privProtocol": "AES",
        "privKey": priv,
    }
    await discovery_credentials.create_credential_set(
        db, actor, CredentialSetCreate.model_validate(v3)
    )
    await db.run_raw("CREATE (:DiskControl {value: $value})", value=control)
    assert (await discovery_credentials.credentials_for_run(db, "disk-v3")).auth_key == auth

    roots = [settings.neo4j_dir / "data", settings.neo4j_dir / "logs"]
    found = files_holding(roots, [community, auth, priv, control])
    assert found[control], "the control value was not found: the search cannot see a secret"
    leaked = {name: paths for name, paths in found.items() if paths and name != control}
    assert not leaked, f"secrets in Neo4j's files: {leaked}"
