"""SNMP secrets at rest, against the real Neo4j: sealed before they are sent, bound to
their set and field, opened only for a run; values stored in clear by older versions
sealed at start-up; the key rotated in one transaction without losing a key."""

from __future__ import annotations

import json
import stat
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from graphcmdb.api.app import create_app
from graphcmdb.db.database import Database
from graphcmdb.discovery.credential_sets import CredentialSetCreate
from graphcmdb.errors import SecretKeyUnavailable
from graphcmdb.secrets import key_files, rotation
from graphcmdb.secrets.keyring import load_keyring
from graphcmdb.services import credential_secrets, discovery_credentials
from graphcmdb.services.actor import system_actor
from tests.conftest import GQL
from tests.discovery.test_runs import CREATE_SET, START

ACTOR = system_actor("test")
V2C = {
    "name": "lab",
    "version": "V2C",
    "community": "c0mmunity-of-the-lab",
    "allowInsecure": True,
    "targetRanges": ["10.0.0.0/8"],
}
V3 = {
    "name": "core",
    "version": "V3",
    "v3User": "monitor",
    "authProtocol": "SHA-256",
    "authKey": "auth-k3y-of-core",
    "privProtocol": "AES",
    "privKey": "priv-k3y-of-core",
}
SECRETS = ("c0mmunity-of-the-lab", "auth-k3y-of-core", "priv-k3y-of-core")


@pytest.fixture
async def sdb(db: Database, tmp_path: Path) -> AsyncIterator[Database]:
    """The wiped test database, with a key file of this test's own."""
    settings = db.settings.model_copy(update={"secret_key_file": tmp_path / "keys" / "secret.key"})
    own = Database(settings, db.catalogue)
    yield own
    await own.close()


async def create(db: Database, fields: dict[str, Any]) -> str:
    record = await discovery_credentials.create_credential_set(
        db, ACTOR, CredentialSetCreate.model_validate(fields)
    )
    return record.id


async def stored(db: Database) -> dict[str, dict[str, Any]]:
    rows = await db.run_raw("MATCH (s:CredentialSet) RETURN properties(s) AS p")
    return {r["p"]["name"]: r["p"] for r in rows}


async def test_stored_secrets_are_sealed_and_open_only_for_a_run(sdb: Database) -> None:
    lab, core = await create(sdb, V2C), await create(sdb, V3)
    graph = await stored(sdb)
    assert not [s for s in SECRETS if s in json.dumps(graph, default=str)]
    current = load_keyring(sdb.settings).current_id
    assert current is not None
    for name, field in [("lab", "community"), ("core", "authKey"), ("core", "privKey")]:
        assert graph[name][field].startswith(f"gcs1:{current}:")
    assert "community" not in graph["core"]

    run = await discovery_credentials.credentials_for_run(sdb, "core")
    assert (run.auth_key, run.priv_key, run.user) == (
        "auth-k3y-of-core",
        "priv-k3y-of-core",
        "monitor",
    )
    assert (await discovery_credentials.credentials_for_run(sdb, "lab")).community == V2C[
        "community"
    ]
    listed = await discovery_credentials.list_credential_sets(sdb)
    assert not [
        s for s in SECRETS if s in json.dumps([r.model_dump() for r in listed], default=str)
    ]

    await discovery_credentials.update_credential_set(
        sdb, ACTOR, core, CredentialSetCreate.model_validate(V3 | {"authKey": "n3w-auth-k3y"})
    )
    resealed = (await stored(sdb))["core"]
    assert resealed["privKey"] != graph["core"]["privKey"]  # a fresh nonce on every write
    assert "n3w-auth-k3y" not in json.dumps(resealed, default=str)
    assert (await discovery_credentials.credentials_for_run(sdb, "core")).auth_key == "n3w-auth-k3y"
    assert lab != core


async def test_a_sealed_value_moved_to_another_set_or_field_does_not_open(sdb: Database) -> None:
    await create(sdb, V2C)
    await create(sdb, V2C | {"name": "other", "community": "another-community"})
    await sdb.run_raw(
        "MATCH (a:CredentialSet {name: 'lab'}), (b:CredentialSet {name: 'other'}) "
        "SET b.community = a.community"
    )
    with pytest.raises(SecretKeyUnavailable) as moved:
        await discovery_credentials.credentials_for_run(sdb, "other")
    assert "c0mmunity" not in moved.value.message
    await create(sdb, V3)
    await sdb.run_raw(
        "MATCH (s:CredentialSet {name: 'core'}) SET s.authKey = s.privKey, s.privKey = s.authKey"
    )
    with pytest.raises(SecretKeyUnavailable):
        await discovery_credentials.credentials_for_run(sdb, "core")


async def test_a_missing_key_is_named_never_a_traceback(sdb: Database) -> None:
    await create(sdb, V2C)
    kid = load_keyring(sdb.settings).current_id
    sdb.settings.secret_key_path.rename(sdb.settings.secret_key_path.with_suffix(".lost"))
    with pytest.raises(SecretKeyUnavailable) as refused:
        await discovery_credentials.credentials_for_run(sdb, "lab")
    assert refused.value.code == "SECRET_KEY_UNAVAILABLE"
    assert refused.value.details["keyId"] == kid
    assert f"key {kid}" in refused.value.message


LEGACY = (
    "CREATE (:CredentialSet {id: 'legacy-1', name: 'legacy', version: 'V3', v3User: 'old', "
    "authProtocol: 'SHA', authKey: $auth, privProtocol: 'AES', privKey: $priv})"
)


async def test_values_stored_in_clear_read_meanwhile_and_are_sealed_at_start_up(
    sdb: Database,
) -> None:
    await sdb.run_raw(LEGACY, auth="plain-auth-key", priv="plain-priv-key")
    run = await discovery_credentials.credentials_for_run(sdb, "legacy")
    assert (run.auth_key, run.priv_key) == ("plain-auth-key", "plain-priv-key")
    assert not sdb.settings.secret_key_path.exists()  # reading plain values needs no key
    before = await credential_secrets.secret_status(sdb)
    assert (before.plain, before.sealed, before.key_id) == (2, (), None)

    app = create_app(sdb.settings, sdb)
    async with app.router.lifespan_context(app):  # the API's start-up seals them
        pass
    graph = (await stored(sdb))["legacy"]
    kid = load_keyring(sdb.settings).current_id
    assert graph["authKey"].startswith(f"gcs1:{kid}:")
    assert graph["privKey"].startswith("gcs1:")
    run = await discovery_credentials.credentials_for_run(sdb, "legacy")
    assert (run.auth_key, run.priv_key) == ("plain-auth-key", "plain-priv-key")
    assert await credential_secrets.seal_plain_secrets(sdb) == 0  # idempotent
    assert (await stored(sdb))["legacy"] == graph
    after = await credential_secrets.secret_status(sdb)
    assert (after.plain, after.key_id) == (0, kid)
    assert [(s.key_id, s.secrets, s.available) for s in after.sealed] == [(kid, 2, True)]


async def test_one_plain_field_is_sealed_and_the_sealed_ones_are_left(sdb: Database) -> None:
    await create(sdb, V3)
    sealed_priv = (await stored(sdb))["core"]["privKey"]
    await sdb.run_raw("MATCH (s:CredentialSet {name: 'core'}) SET s.authKey = 'plain-again'")
    assert await credential_secrets.seal_plain_secrets(sdb) == 1
    graph = (await stored(sdb))["core"]
    assert graph["privKey"] == sealed_priv
    assert graph["authKey"].startswith("gcs1:")
    assert (await discovery_credentials.credentials_for_run(sdb, "core")).auth_key == "plain-again"


async def test_rotate_key_reseals_everything_and_keeps_the_previous_key(sdb: Database) -> None:
    await create(sdb, V2C)
    await create(sdb, V3)
    await sdb.run_raw(LEGACY, auth="plain-auth-key", priv="plain-priv-key")
    path = sdb.settings.secret_key_path
    old = load_keyring(sdb.settings).current_id
    old_lab = (await stored(sdb))["lab"]["community"]

    done = await credential_secrets.rotate_key(sdb)
    assert (done.previous_key_id, done.sets, done.secrets, done.plain) == (old, 3, 5, 2)
    assert done.new_key_id != old
    assert load_keyring(sdb.settings).current_id == done.new_key_id
    graph = await stored(sdb)
    for name, field in [("lab", "community"), ("core", "authKey"), ("legacy", "privKey")]:
        assert graph[name][field].startswith(f"gcs1:{done.new_key_id}:")
    kept = key_files.kept_path(path, str(old))
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert base_text(kept) not in json.dumps(graph, default=str)

    # a value sealed with the old key (a process that had not seen the rotation) opens
    await sdb.run_raw("MATCH (s:CredentialSet {name: 'lab'}) SET s.community = $v", v=old_lab)
    assert (await discovery_credentials.credentials_for_run(sdb, "lab")).community == V2C[
        "community"
    ]
    status = await credential_secrets.secret_status(sdb)
    assert status.key_id == done.new_key_id
    assert {(s.key_id, s.secrets) for s in status.sealed} == {(done.new_key_id, 4), (old, 1)}


def base_text(path: Path) -> str:
    return path.read_text().strip()


async def test_a_crash_between_commit_and_rename_loses_no_key(
    sdb: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    await create(sdb, V3)
    old = load_keyring(sdb.settings).current_id

    def crash(*_: object) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(rotation, "promote", crash)
    with pytest.raises(RuntimeError):
        await credential_secrets.rotate_key(sdb)
    monkeypatch.undo()
    graph = (await stored(sdb))["core"]
    new = graph["authKey"].split(":")[1]
    assert new != old
    assert load_keyring(sdb.settings).current_id == old
    run = await discovery_credentials.credentials_for_run(sdb, "core")
    assert run.auth_key == V3["authKey"]  # the staged key file opens it
    again = await credential_secrets.rotate_key(sdb)
    assert again.previous_key_id == old
    assert (await discovery_credentials.credentials_for_run(sdb, "core")).priv_key == V3["privKey"]


async def test_over_graphql_a_value_that_does_not_open_is_a_typed_error(
    admin_gql: GQL, scan_gql: GQL, db: Database
) -> None:
    await admin_gql(CREATE_SET, {"input": V2C})
    await admin_gql(CREATE_SET, {"input": V2C | {"name": "other"}})
    await db.run_raw(
        "MATCH (a:CredentialSet {name: 'lab'}), (b:CredentialSet {name: 'other'}) "
        "SET b.community = a.community"
    )
    error = await scan_gql.error(START, {"targets": ["10.20.0.1"], "set": "other"})
    assert error["extensions"]["code"] == "SECRET_KEY_UNAVAILABLE"
    assert error["extensions"]["keyId"] == load_keyring(db.settings).current_id
    assert "Traceback" not in json.dumps(error)
    assert V2C["community"] not in json.dumps(error)
    assert (await db.run_raw("MATCH (r:DiscoveryRun) RETURN count(r) AS n")) == [{"n": 0}]
