"""Sealing one value (pure): the format, the round trip, and every way a value is refused
(another place, altered, an unknown key, not a sealed value) as the typed error."""

from __future__ import annotations

import base64
import hashlib
import os
import re

import pytest

from graphcmdb.errors import SecretKeyUnavailable
from graphcmdb.secrets.sealing import is_sealed, key_id, seal, unseal

KEY = os.urandom(32)
KEYS = {key_id(KEY): KEY}
PLACE = "set-1:community"


def test_round_trip_and_format() -> None:
    sealed = seal(KEY, "pübl1c community", PLACE)
    assert re.fullmatch(r"gcs1:[0-9a-f]{16}:[A-Za-z0-9+/]+=*", sealed)
    assert sealed.split(":")[1] == hashlib.sha256(KEY).hexdigest()[:16] == key_id(KEY)
    assert is_sealed(sealed)
    assert not is_sealed("public")
    assert unseal(KEYS, sealed, PLACE) == "pübl1c community"
    blob = base64.b64decode(sealed.split(":")[2])
    assert len(blob) == 12 + len("pübl1c community".encode()) + 16  # nonce, text, tag


def test_every_seal_has_a_fresh_nonce() -> None:
    first, second = seal(KEY, "same", PLACE), seal(KEY, "same", PLACE)
    assert first != second
    assert base64.b64decode(first.split(":")[2])[:12] != base64.b64decode(second.split(":")[2])[:12]


@pytest.mark.parametrize("elsewhere", ["set-2:community", "set-1:authKey", "set-1:community "])
def test_a_value_moved_to_another_place_does_not_open(elsewhere: str) -> None:
    sealed = seal(KEY, "public", PLACE)
    with pytest.raises(SecretKeyUnavailable) as refused:
        unseal(KEYS, sealed, elsewhere)
    assert refused.value.details["keyId"] == key_id(KEY)
    assert key_id(KEY) in refused.value.message
    assert "public" not in refused.value.message


def test_an_altered_value_does_not_open() -> None:
    prefix, kid, body = seal(KEY, "public", PLACE).split(":")
    blob = bytearray(base64.b64decode(body))
    blob[-1] ^= 1
    tampered = f"{prefix}:{kid}:{base64.b64encode(bytes(blob)).decode()}"
    with pytest.raises(SecretKeyUnavailable) as refused:
        unseal(KEYS, tampered, PLACE)
    assert refused.value.code == "SECRET_KEY_UNAVAILABLE"


def test_an_unknown_key_id_is_named() -> None:
    other = os.urandom(32)
    sealed = seal(other, "public", PLACE)
    with pytest.raises(SecretKeyUnavailable) as refused:
        unseal(KEYS, sealed, PLACE)
    assert refused.value.details["keyId"] == key_id(other)
    assert f"key {key_id(other)}" in refused.value.message
    assert base64.b64encode(KEY).decode() not in refused.value.message


@pytest.mark.parametrize(
    "broken",
    ["gcs1:", "gcs1:abc:AAAA", f"gcs1:{key_id(KEY)}:not base64!", f"gcs1:{key_id(KEY)}:AAAA"],
)
def test_a_malformed_value_is_the_typed_error(broken: str) -> None:
    with pytest.raises(SecretKeyUnavailable):
        unseal(KEYS, broken, PLACE)
