"""`graphcmdb secrets status|rotate-key` as a person runs them: key ids and counts on the
screen, never a key."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.discovery.credential_sets import CredentialSetCreate
from graphcmdb.secrets import key_files
from graphcmdb.secrets.keyring import load_keyring
from graphcmdb.services import discovery_credentials
from graphcmdb.services.actor import system_actor
from tests.cli.test_cli import CLI, cli_env


def secrets_cli(settings: Settings, key_file: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = cli_env(settings, GRAPHCMDB_SECRET_KEY_FILE=str(key_file))
    env.pop("GRAPHCMDB_SECRET_KEY", None)
    return subprocess.run(
        [*CLI, "secrets", *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )


LAB = {
    "name": "lab",
    "version": "V2C",
    "community": "cli-c0mmunity",
    "allowInsecure": True,
    "targetRanges": ["10.0.0.0/8"],
}


async def store_lab_set(db: Database) -> None:
    """A V2C set through the service: its community sealed with the test's key file."""
    data = CredentialSetCreate.model_validate(LAB)
    await discovery_credentials.create_credential_set(db, system_actor("test"), data)


async def test_status_and_rotate_key(settings: Settings, db: Database, tmp_path: Path) -> None:
    key_file = tmp_path / "keys" / "secret.key"
    own = settings.model_copy(update={"secret_key_file": key_file})
    odb = Database(own, db.catalogue)
    try:
        await store_lab_set(odb)
        await db.run_raw(
            "CREATE (:CredentialSet {id: 'old', name: 'old', version: 'V2C', community: 'plain-one'})"
        )
        old = load_keyring(own).current_id
        assert old is not None

        status = secrets_cli(settings, key_file, "status")
        assert status.returncode == 0, status.stdout + status.stderr
        assert old in status.stdout
        assert "plain" in status.stdout
        assert re.search(rf"sealed with {old}\s*│\s*1\s*│\s*yes", status.stdout)

        rotated = secrets_cli(settings, key_file, "rotate-key")
        assert rotated.returncode == 0, rotated.stdout + rotated.stderr
        new = load_keyring(own).current_id
        assert new is not None
        assert new != old
        assert (
            f"Re-sealed 2 secret(s) of 2 credential set(s) with key {new}, now in use; 1 of them had been stored in clear."
            in rotated.stdout
        )
        assert key_files.kept_path(key_file, old).exists()
        output = rotated.stdout + rotated.stderr + status.stdout + status.stderr
        for path in (key_file, key_files.kept_path(key_file, old)):
            assert path.read_text().strip() not in output
        assert LAB["community"] not in output
        assert "plain-one" not in output
        run = await discovery_credentials.credentials_for_run(odb, "old")
        assert run.community == "plain-one"

        after = secrets_cli(settings, key_file, "status")
        assert re.search(rf"sealed with {new}\s*│\s*2\s*│\s*yes", after.stdout), after.stdout
    finally:
        await odb.close()


async def test_a_missing_key_is_one_red_line(
    settings: Settings, db: Database, tmp_path: Path
) -> None:
    key_file = tmp_path / "keys" / "secret.key"
    own = settings.model_copy(update={"secret_key_file": key_file})
    odb = Database(own, db.catalogue)
    try:
        await store_lab_set(odb)
    finally:
        await odb.close()
    kid = load_keyring(own).current_id
    key_file.unlink()
    status = secrets_cli(settings, key_file, "status")
    assert status.returncode == 2
    assert re.search(rf"sealed with {kid}.*NO: key missing", status.stdout)
    rotated = secrets_cli(settings, key_file, "rotate-key")
    assert rotated.returncode == 1
    assert "SECRET_KEY_UNAVAILABLE" in rotated.stderr
    assert kid in rotated.stderr
    assert "Traceback" not in rotated.stderr
