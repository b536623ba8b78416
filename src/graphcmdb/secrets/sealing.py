"""Seal and open one text with AES-256-GCM, bound to its place.

A sealed value is text: ``gcs1:<key id>:<base64(nonce + ciphertext and tag)>``. The key
id is the first 16 hex digits of the key's SHA-256 (it names the key, it does not reveal
it); the nonce is 96 random bits, fresh for every seal. The associated data is the
value's place (``"<credential set id>:<field>"``), so a sealed value copied to another
set or field does not open. Pure functions: keys come in as bytes.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from collections.abc import Mapping

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from graphcmdb.errors import SecretKeyUnavailable

PREFIX = "gcs1"
KEY_BYTES = 32
NONCE_BYTES = 12
KEY_ID_HEX = 16


def key_id(key: bytes) -> str:
    return hashlib.sha256(key).hexdigest()[:KEY_ID_HEX]


def is_sealed(value: str) -> bool:
    return value.startswith(PREFIX + ":")


def seal(key: bytes, plain: str, place: str) -> str:
    nonce = os.urandom(NONCE_BYTES)
    body = AESGCM(key).encrypt(nonce, plain.encode("utf-8"), place.encode("utf-8"))
    return f"{PREFIX}:{key_id(key)}:{base64.b64encode(nonce + body).decode('ascii')}"


def unseal(keys: Mapping[str, bytes], sealed: str, place: str) -> str:
    """Open ``sealed`` with the key it names; a missing key, an altered value or one
    moved from another place is :class:`SecretKeyUnavailable`, never the key itself."""
    kid, blob = _parts(sealed, place)
    key = keys.get(kid)
    if key is None:
        raise SecretKeyUnavailable(
            f"The secret {place} was sealed with key {kid}, which this process does not "
            f"have (known: {', '.join(sorted(keys)) or 'none'}). Restore that key file "
            "(or GRAPHCMDB_SECRET_KEY) and retry.",
            keyId=kid,
            place=place,
        )
    try:
        plain = AESGCM(key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], place.encode("utf-8"))
    except InvalidTag as exc:
        raise SecretKeyUnavailable(
            f"The secret {place} does not open with key {kid}: it was altered, or it was "
            "copied from another credential set or field. Store it again.",
            keyId=kid,
            place=place,
        ) from exc
    return plain.decode("utf-8")


def _parts(sealed: str, place: str) -> tuple[str, bytes]:
    prefix, _, rest = sealed.partition(":")
    kid, _, body = rest.partition(":")
    try:
        blob = base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        blob = b""
    if prefix != PREFIX or len(kid) != KEY_ID_HEX or len(blob) <= NONCE_BYTES:
        raise SecretKeyUnavailable(
            f"The secret {place} is not a sealed value of this version ({PREFIX}:<key id>:"
            "<base64>). Store it again.",
            keyId=kid or None,
            place=place,
        )
    return kid, blob
