"""Where the keys live: the key file made on first use (0600 in a 0700 directory), a key
file others may read refused, the environment's key, keys never in a repr."""

from __future__ import annotations

import base64
import os
import stat
from pathlib import Path

import pytest
from pydantic import SecretStr

from graphcmdb.config import Settings
from graphcmdb.errors import SecretKeyUnavailable, ValidationFailed
from graphcmdb.secrets import key_files, rotation
from graphcmdb.secrets.keyring import load_keyring
from graphcmdb.secrets.sealing import key_id


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(state_dir=tmp_path / "state", neo4j_uri="bolt://unused:7687")


def test_the_key_file_defaults_under_the_state_dir(settings: Settings, tmp_path: Path) -> None:
    assert settings.secret_key_path == (tmp_path / "state" / "secret.key").resolve()
    other = settings.model_copy(update={"secret_key_file": tmp_path / "k" / "my.key"})
    assert other.secret_key_path == tmp_path / "k" / "my.key"


def test_the_first_seal_makes_a_private_key_file(settings: Settings) -> None:
    path = settings.secret_key_path
    empty = load_keyring(settings)
    assert (empty.current, empty.current_id, path.exists()) == (None, None, False)
    with pytest.raises(SecretKeyUnavailable):
        empty.seal("public", "s:community")

    made = load_keyring(settings, create=True)
    assert (mode(path), mode(path.parent)) == (0o600, 0o700)
    assert made.current is not None
    assert made.current_id == key_id(base64.b64decode(path.read_text()))
    again = load_keyring(settings, create=True)
    assert again.current == made.current  # made once, then read
    assert again.open(made.seal("public", "s:community"), "s:community") == "public"
    assert base64.b64encode(made.current).decode() not in repr(made)


def test_a_key_file_others_may_read_is_refused(settings: Settings) -> None:
    path = settings.secret_key_path
    load_keyring(settings, create=True)
    path.chmod(0o640)
    with pytest.raises(SecretKeyUnavailable) as refused:
        load_keyring(settings)
    assert "chmod 600" in refused.value.message
    assert str(path) in refused.value.message
    assert path.read_text().strip() not in refused.value.message


def test_plain_values_pass_through_without_a_key(settings: Settings) -> None:
    assert load_keyring(settings).open("stored before sealing", "s:community") == (
        "stored before sealing"
    )


def test_the_environment_key_is_current_and_key_files_still_open(settings: Settings) -> None:
    from_file = load_keyring(settings, create=True)
    sealed_before = from_file.seal("old", "s:authKey")
    env_key = os.urandom(32)
    env = settings.model_copy(update={"secret_key": SecretStr(base64.b64encode(env_key).decode())})
    keyring = load_keyring(env, create=True)
    assert (keyring.current_id, keyring.source) == (key_id(env_key), "GRAPHCMDB_SECRET_KEY")
    assert keyring.open(sealed_before, "s:authKey") == "old"
    assert keyring.seal("new", "s:authKey").split(":")[1] == key_id(env_key)
    with pytest.raises(ValidationFailed):
        rotation.stage(env)  # the environment's key is not a file to replace

    bad = settings.model_copy(update={"secret_key": SecretStr("c2hvcnQ=")})
    with pytest.raises(SecretKeyUnavailable) as refused:
        load_keyring(bad)
    assert "GRAPHCMDB_SECRET_KEY" in refused.value.message


def test_promote_keeps_the_previous_key_under_its_id(settings: Settings) -> None:
    path = settings.secret_key_path
    first = load_keyring(settings, create=True)
    staged = rotation.stage(settings)
    staged_file = key_files.kept_path(path, staged.new_id)
    assert mode(staged_file) == 0o600  # on disk before anything is sealed with it
    assert load_keyring(settings).current_id == first.current_id  # not current yet
    rotation.promote(settings, staged)
    after = load_keyring(settings)
    assert after.current_id == staged.new_id != first.current_id
    kept = key_files.kept_path(path, str(first.current_id))
    assert mode(kept) == 0o600
    assert key_id(key_files.read_key(kept)) == first.current_id
    assert not staged_file.exists()
    assert set(after.key_ids) == {first.current_id, staged.new_id}


def test_a_key_file_that_cannot_be_written_is_the_typed_error(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a directory")
    settings = Settings(secret_key_file=tmp_path / "a-file" / "secret.key", neo4j_uri="bolt://x:1")
    with pytest.raises(SecretKeyUnavailable) as refused:
        load_keyring(settings, create=True)
    assert "cannot be written (NotADirectoryError" in refused.value.message
    assert mode(tmp_path / "a-file") != 0o700  # a file is never "tightened" as a directory
