"""Posting a delivery to a webhook: the JSON body, signed, with a timeout."""

from __future__ import annotations

import httpx

from graphcmdb.notify.model import Message, Outcome
from graphcmdb.notify.signing import (
    DELIVERY_HEADER,
    KIND_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    signature,
)


def headers(message: Message, secret: str, timestamp: int) -> dict[str, str]:
    return {
        "Content-Type": "application/json",
        "User-Agent": "graphcmdb-notify",
        DELIVERY_HEADER: message.delivery_id,
        KIND_HEADER: message.kind.value,
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: signature(secret, timestamp, message.body),
    }


async def post(
    client: httpx.AsyncClient,
    url: str,
    secret: str,
    message: Message,
    timestamp: int,
    timeout_s: float,
) -> Outcome:
    """Delivered on any 2xx answer; anything else (an answer, a timeout, a refused
    connection) is an error naming what happened, never the URL or the secret."""
    try:
        answer = await client.post(
            url,
            content=message.body,
            headers=headers(message, secret, timestamp),
            timeout=timeout_s,
        )
    except httpx.TimeoutException as exc:
        return Outcome(False, f"timed out after {timeout_s:g} s ({type(exc).__name__})")
    except httpx.HTTPError as exc:
        return Outcome(False, f"{type(exc).__name__}: the request was not answered")
    if 200 <= answer.status_code < 300:
        return Outcome(True)
    return Outcome(False, f"HTTP {answer.status_code}")
