"""Sealing keys on disk: one base64 line in an owner-only file.

The current key is the key file itself (``secret.key``); a previous key is kept next to
it as ``secret.key.<key id>``, and a new key is written under its id before anything is
sealed with it. Loading reads every one of them, so no value is ever left without its
key. A key file that group or others may read is refused, not used.
"""

from __future__ import annotations

import base64
import binascii
import re
from pathlib import Path

from graphcmdb.errors import SecretKeyUnavailable
from graphcmdb.private_files import open_to_others, write_private
from graphcmdb.secrets.sealing import KEY_BYTES, KEY_ID_HEX, key_id

_KEPT = re.compile(rf"\.[0-9a-f]{{{KEY_ID_HEX}}}$")


def decode_key(text: str, where: str) -> bytes:
    """The 32 bytes of a base64 key; anything else is a clear error naming ``where``."""
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != KEY_BYTES:
        raise SecretKeyUnavailable(
            f"{where} does not hold a sealing key (base64 of {KEY_BYTES} bytes).", source=where
        )
    return key


def encode_key(key: bytes) -> bytes:
    return base64.b64encode(key) + b"\n"


def kept_path(current: Path, kid: str) -> Path:
    """Where the key of id ``kid`` is kept when it is not (or no longer) the current one."""
    return current.with_name(f"{current.name}.{kid}")


def kept_paths(current: Path) -> list[Path]:
    """Every ``<key file>.<key id>`` next to the key file, in name order."""
    if not current.parent.is_dir():
        return []
    return sorted(
        p
        for p in current.parent.glob(f"{current.name}.*")
        if _KEPT.fullmatch(p.name[len(current.name) :])
    )


def read_key(path: Path) -> bytes:
    """The key in ``path``, refused when group or others may read it."""
    try:
        if open_to_others(path):
            raise SecretKeyUnavailable(
                f"The key file {path} may be read by other users (mode "
                f"{path.stat().st_mode & 0o777:04o}); it is not used. Run `chmod 600 {path}` "
                "(and check who read it), then retry.",
                source=str(path),
            )
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise SecretKeyUnavailable(
            f"The key file {path} cannot be read ({type(exc).__name__}).", source=str(path)
        ) from exc
    return decode_key(text, f"The key file {path}")


def write_key(path: Path, key: bytes, *, replace: bool = False) -> bool:
    """Store ``key`` in ``path`` (0600, directory 0700); without ``replace`` an existing
    file is kept and False returned."""
    try:
        return write_private(path, encode_key(key), replace=replace)
    except OSError as exc:
        raise SecretKeyUnavailable(
            f"The key file {path} cannot be written ({type(exc).__name__}: {exc.strerror}); "
            "nothing was sealed. Check the directory's owner and permissions.",
            source=str(path),
        ) from exc


def read_all(current: Path) -> tuple[bytes | None, dict[str, bytes]]:
    """The current key (None when there is no key file yet) and every key present by id."""
    keys: dict[str, bytes] = {}
    for path in kept_paths(current):
        kept = read_key(path)
        keys[key_id(kept)] = kept
    key = read_key(current) if current.exists() else None
    if key is not None:
        keys[key_id(key)] = key
    return key, keys
