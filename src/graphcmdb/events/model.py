"""One monitoring event, whatever system sent it, and the identifiers it names a CI by."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from graphcmdb.graph.enums import AlertState, CIClass, CIStatus
from graphcmdb.identity import normalise
from graphcmdb.identity.keys import Identity

#: what a source key reads when an event names nothing identifying
NO_IDENTIFIERS = "(no identifiers)"


def blank(value: str | None) -> str | None:
    """None for empty text and for a macro the sender left unexpanded ("{HOST.IP}",
    Zabbix's "*UNKNOWN*", PRTG's "%host")."""
    text = (value or "").strip()
    if not text or text == "*UNKNOWN*" or (text.startswith("{") and text.endswith("}")):
        return None
    return None if text.startswith("%") else text


@dataclass(frozen=True)
class Identifiers:
    """What an event says about the thing it is about, as sent (normalised on use)."""

    ci_id: str | None = None
    #: host names, short or fully qualified
    hosts: tuple[str, ...] = ()
    ips: tuple[str, ...] = ()
    serial: str | None = None

    @classmethod
    def of(
        cls,
        ci_id: str | None = None,
        hosts: tuple[str | None, ...] = (),
        ips: tuple[str | None, ...] = (),
        serial: str | None = None,
    ) -> Identifiers:
        """Blanks and unexpanded macros dropped; an address given as a host is an address."""
        names = [h for h in map(blank, hosts) if h]
        addresses = [i for i in map(blank, ips) if i]
        addresses += [h for h in names if normalise.ip(h) is not None]
        names = [h for h in names if normalise.ip(h) is None]
        return cls(
            ci_id=blank(ci_id),
            hosts=tuple(dict.fromkeys(names)),
            ips=tuple(dict.fromkeys(addresses)),
            serial=blank(serial),
        )

    @cached_property
    def identity(self) -> Identity:
        """The identity engine's view: a device (events come about machines; a logical
        CI is named by its CI id), normalised as every other source's rows are."""
        return Identity.of(
            CIClass.SERVER, None, host_names=self.hosts, serial=self.serial, ips=self.ips
        )

    @property
    def source_key(self) -> str:
        """The identifiers as one text, normalised: what the unknown sources report
        counts by (``HOST:web01 IP:10.0.0.5``; ``CI:<id>`` for an explicit id)."""
        keys = [f"CI:{self.ci_id}"] if self.ci_id else []
        keys += list(self.identity.key_texts())
        return " ".join(keys) or NO_IDENTIFIERS


def digest_of(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def canonical(raw: object) -> str:
    """The raw payload as stored: JSON with sorted keys (equal payloads, equal text)."""
    return json.dumps(raw, sort_keys=True, separators=(",", ":"), default=str)


@dataclass(frozen=True)
class IncomingEvent:
    """One alert's notification, read from a vendor payload (``events/<vendor>.py``)."""

    source: str
    alert_name: str
    state: AlertState
    severity: str | None
    #: what the alert does to its CI while it fires (None: nothing, e.g. "info")
    effect: CIStatus | None
    identifiers: Identifiers
    #: the alert's identity across notifications (de-duplication, resolution)
    fingerprint: str
    summary: str | None
    starts_at: datetime | None
    ends_at: datetime | None
    #: the event's raw payload (canonical JSON)
    raw: str

    @property
    def digest(self) -> str:
        """The same notification posted again has the same digest: it changes nothing."""
        return digest_of(self.source, self.fingerprint, self.raw)


def computed_fingerprint(source: str, identifiers: Identifiers, alert_name: str) -> str:
    """For senders without one: source + key + alert name."""
    return f"{source}:{digest_of(source, identifiers.source_key, alert_name)[:32]}"


def one_shot(
    source: str,
    alert: tuple[str, str],
    state: AlertState,
    severity: tuple[str | None, CIStatus | None],
    identifiers: Identifiers,
    summary: str | None,
    raw: object,
) -> IncomingEvent:
    """An event of a sender that posts one notification per request, without times or a
    fingerprint of its own (Zabbix, PRTG): ``alert`` is (name, the key that stays the
    same across its notifications); ``severity`` (word, effect)."""
    name, key = alert
    word, effect = severity
    return IncomingEvent(
        source=source,
        alert_name=name,
        state=state,
        severity=word,
        effect=effect,
        identifiers=identifiers,
        fingerprint=computed_fingerprint(source, identifiers, key),
        summary=summary,
        starts_at=None,
        ends_at=None,
        raw=canonical(raw),
    )
