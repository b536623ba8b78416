"""What is notified (kinds), over what (channels), where a delivery is (states), what a
notice says (``Subject``) and when a failed delivery is tried again (``retry_at``)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

#: a value a notice's facts may carry (JSON scalars)
Fact = str | int | float | bool | None


class NotificationKind(StrEnum):
    INCIDENT_OPENED = "INCIDENT_OPENED"
    INCIDENT_RESOLVED = "INCIDENT_RESOLVED"
    #: a service's SLA error budget for the month is used up to the threshold setting
    SLA_AT_RISK = "SLA_AT_RISK"
    #: a contract's notice date is within the lead time (or passed, before its end)
    CONTRACT_NOTICE = "CONTRACT_NOTICE"
    #: an asset's warranty ends within the lead time
    WARRANTY_NOTICE = "WARRANTY_NOTICE"
    #: a software product's license position is negative
    LICENSE_OVER_DEPLOYED = "LICENSE_OVER_DEPLOYED"


class NotificationChannel(StrEnum):
    WEBHOOK = "WEBHOOK"
    EMAIL = "EMAIL"


class DeliveryState(StrEnum):
    #: enqueued, not tried yet
    PENDING = "PENDING"
    #: claimed by a dispatcher (its lease runs until ``leaseUntil``)
    SENDING = "SENDING"
    #: failed, tried again at ``nextAttemptAt``
    RETRYING = "RETRYING"
    DELIVERED = "DELIVERED"
    #: failed ``notify_max_attempts`` times (or its subscription is gone)
    GAVE_UP = "GAVE_UP"


#: the states a dispatcher claims once ``nextAttemptAt`` has come
DUE_STATES = (DeliveryState.PENDING, DeliveryState.RETRYING)


@dataclass(frozen=True)
class Subject:
    """What one notice is about, as every subscriber of its kind receives it."""

    title: str
    #: the text of an e-mail, one line each
    lines: tuple[str, ...] = ()
    #: the CIs and services it concerns: whom it reaches (service, owner and team filters)
    target_ids: tuple[str, ...] = ()
    #: the incident, contract, asset, product or service it is about
    object_id: str | None = None
    facts: Mapping[str, Fact] = field(default_factory=dict)

    def stored(self) -> str:
        """The JSON text kept on each delivery (what is sent, whenever it is sent)."""
        return json.dumps(
            {
                "title": self.title,
                "text": "\n".join(self.lines),
                "objectId": self.object_id,
                "targetIds": list(self.target_ids),
                "facts": dict(self.facts),
            },
            sort_keys=True,
        )


@dataclass(frozen=True)
class Message:
    """One delivery as a sender sends it."""

    delivery_id: str
    kind: NotificationKind
    key: str
    title: str
    text: str
    #: the JSON body of a webhook (what its signature covers)
    body: bytes


def message(
    delivery_id: str, kind: NotificationKind, key: str, stored: str, at: datetime
) -> Message:
    """A delivery's message from the subject stored on it."""
    subject = json.loads(stored)
    payload = {
        "deliveryId": delivery_id,
        "kind": kind.value,
        "key": key,
        "createdAt": at.isoformat(),
        "subject": subject,
    }
    body = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return Message(delivery_id, kind, key, subject["title"], subject["text"], body)


@dataclass(frozen=True)
class Outcome:
    """What one attempt came to; ``error`` names what failed, never a secret."""

    delivered: bool
    error: str | None = None


def retry_at(attempts: int, now: datetime, base_s: float, cap_s: float) -> datetime:
    """When a delivery that failed its ``attempts``-th try is tried again: the base
    delay doubled after each failure, capped."""
    delay = min(cap_s, base_s * 2 ** max(0, attempts - 1))
    return now + timedelta(seconds=delay)
