"""Webhook signatures: HMAC-SHA256 over ``<timestamp>.<body>`` with the subscription's
secret, sent as ``X-Graphcmdb-Signature: sha256=<hex>`` beside ``X-Graphcmdb-Timestamp``
(Unix seconds). A receiver recomputes it over the raw body it received and refuses a
timestamp too far from its own clock (a replayed request)."""

from __future__ import annotations

import hashlib
import hmac
import secrets

SIGNATURE_HEADER = "X-Graphcmdb-Signature"
TIMESTAMP_HEADER = "X-Graphcmdb-Timestamp"
DELIVERY_HEADER = "X-Graphcmdb-Delivery"
KIND_HEADER = "X-Graphcmdb-Kind"
#: how far a receiver may trust a timestamp from its own clock, by default
TOLERANCE_S = 300


def new_secret() -> str:
    """A signing secret: 256 random bits, URL-safe text with a recognisable prefix."""
    return "whsec_" + secrets.token_urlsafe(32)


def signature(secret: str, timestamp: int, body: bytes) -> str:
    signed = str(timestamp).encode("ascii") + b"." + body
    return "sha256=" + hmac.new(secret.encode("utf-8"), signed, hashlib.sha256).hexdigest()


def verify(
    secret: str, timestamp: str, body: bytes, sent: str, now: float, tolerance: int = TOLERANCE_S
) -> bool:
    """True when ``sent`` signs ``body`` at ``timestamp``, within ``tolerance`` of ``now``."""
    try:
        at = int(timestamp)
    except ValueError:
        return False
    if abs(now - at) > tolerance:
        return False
    return hmac.compare_digest(signature(secret, at, body), sent)
