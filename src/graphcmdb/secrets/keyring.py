"""The keys a process seals and opens with: the current one and every older one present.

The current key is ``GRAPHCMDB_SECRET_KEY`` when set, else the key file
(``secret_key_file``, default ``<state_dir>/secret.key``), created on the first seal.
Every key file present is loaded too, and a sealed value names the key that opens it,
so values sealed before a rotation (or by a process that had not seen it yet) still open.
Keys are never printed: a ``Keyring``'s repr shows key ids only.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from graphcmdb.config import Settings
from graphcmdb.errors import SecretKeyUnavailable
from graphcmdb.secrets import key_files
from graphcmdb.secrets.sealing import KEY_BYTES, is_sealed, key_id, seal, unseal

ENV_KEY = "GRAPHCMDB_SECRET_KEY"


@dataclass(frozen=True)
class Keyring:
    #: where the current key comes from: the key file's path or ``GRAPHCMDB_SECRET_KEY``
    source: str
    current: bytes | None = field(default=None, repr=False)
    keys: dict[str, bytes] = field(default_factory=dict, repr=False)

    @property
    def current_id(self) -> str | None:
        return key_id(self.current) if self.current is not None else None

    @property
    def key_ids(self) -> list[str]:
        return sorted(self.keys)

    def seal(self, plain: str, place: str) -> str:
        if self.current is None:
            raise SecretKeyUnavailable(
                f"No sealing key ({self.source}): nothing can be stored sealed.",
                source=self.source,
            )
        return seal(self.current, plain, place)

    def open(self, value: str, place: str) -> str:
        """A stored value in clear: sealed ones are opened, plain ones (stored before
        sealing, not yet sealed by the start-up step) are returned as they are."""
        return unseal(self.keys, value, place) if is_sealed(value) else value


def load_keyring(settings: Settings, *, create: bool = False) -> Keyring:
    """Every key present; with ``create``, a first key file is made when there is no
    current key (two processes doing so at once end up with the same one)."""
    path = settings.secret_key_path
    current, keys = key_files.read_all(path)
    if settings.secret_key is not None:
        env = key_files.decode_key(settings.secret_key.get_secret_value(), ENV_KEY)
        return Keyring(ENV_KEY, env, keys | {key_id(env): env})
    if current is None and create:
        new_key(path, current=True)
        current, keys = key_files.read_all(path)
    return Keyring(str(path), current, keys)


def new_key(path: Path, *, current: bool) -> bytes:
    """A fresh random key, written as the key file (``current``, unless one appeared
    meanwhile) or kept under its id next to it."""
    key = os.urandom(KEY_BYTES)
    target = path if current else key_files.kept_path(path, key_id(key))
    key_files.write_key(target, key)
    return key
