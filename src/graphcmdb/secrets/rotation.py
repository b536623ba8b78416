"""Replacing the sealing key without ever losing one (the files' side of a rotation).

1. ``stage``: a new key is written next to the key file as ``secret.key.<new id>`` (0600,
   synced) before anything is sealed with it;
2. the caller re-seals every stored value with it in one transaction;
3. ``promote``: the key file in place is kept as ``secret.key.<its id>``, then the new
   key's file is renamed over ``secret.key`` (atomic).

Whatever step a crash stops at, every key a stored value names is still on disk, and
the keyring loads them all. One rotation at a time (a lock file next to the key).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from graphcmdb.config import Settings
from graphcmdb.errors import ValidationFailed
from graphcmdb.private_files import private_dir, sync_dir
from graphcmdb.secrets import key_files
from graphcmdb.secrets.keyring import ENV_KEY, Keyring, load_keyring, new_key
from graphcmdb.secrets.sealing import key_id


@dataclass(frozen=True)
class Staged:
    """The keyring to re-seal with (every key, the new one current) and the new key."""

    keyring: Keyring
    new: bytes = field(repr=False)
    previous_id: str | None

    @property
    def new_id(self) -> str:
        return key_id(self.new)


@contextmanager
def rotation_lock(settings: Settings) -> Iterator[None]:
    """Held for a whole rotation; a second one waits (same machine, same key file)."""
    path = settings.secret_key_path
    private_dir(path.parent)
    fd = os.open(path.with_name(f".{path.name}.lock"), os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def stage(settings: Settings) -> Staged:
    if settings.secret_key is not None:
        raise ValidationFailed(
            f"The sealing key comes from {ENV_KEY}: `rotate-key` replaces a key file. Unset "
            f"{ENV_KEY} to rotate the key file, or keep the environment's key.",
            field=ENV_KEY,
        )
    before = load_keyring(settings)
    new = new_key(settings.secret_key_path, current=False)
    keyring = Keyring(before.source, new, before.keys | {key_id(new): new})
    return Staged(keyring, new, before.current_id)


def promote(settings: Settings, staged: Staged) -> None:
    """Make the staged key current, keeping the key file in place under its id."""
    path = settings.secret_key_path
    if path.exists():
        previous = key_files.read_key(path)
        key_files.write_key(key_files.kept_path(path, key_id(previous)), previous)
    key_files.kept_path(path, staged.new_id).replace(path)
    sync_dir(path.parent)
