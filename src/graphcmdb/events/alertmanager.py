"""Prometheus Alertmanager's webhook payload, version 4.

Fields as documented at https://prometheus.io/docs/alerting/latest/configuration/#webhook_config
(``version``, ``groupKey``, ``truncatedAlerts``, ``status``, ``receiver``, ``groupLabels``,
``commonLabels``, ``commonAnnotations``, ``externalURL`` and ``alerts`` with ``status``,
``labels``, ``annotations``, ``startsAt``, ``endsAt``, ``generatorURL``, ``fingerprint``).
An alert names its CI through its labels (see :data:`CI_ID_LABELS` and the others).
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from graphcmdb.events.model import Identifiers, IncomingEvent, canonical
from graphcmdb.events.reading import check_count, moment, validated
from graphcmdb.events.severity import effect_of
from graphcmdb.graph.enums import AlertState

SOURCE = "alertmanager"
CI_ID_LABELS = ("graphcmdb_ci_id", "ci_id", "ciId")
HOST_LABELS = ("fqdn", "hostname", "host", "nodename", "instance")
IP_LABELS = ("ip", "ip_address", "address")
SERIAL_LABELS = ("serial", "serial_number", "serialNumber")
MAX_TEXT = 4096


class AMAlert(BaseModel):
    model_config = ConfigDict(extra="allow")

    status: Literal["firing", "resolved"]
    labels: dict[str, str]
    annotations: dict[str, str] = Field(default_factory=dict)
    startsAt: datetime | None = None
    endsAt: datetime | None = None
    generatorURL: str = ""
    fingerprint: str = Field(default="", max_length=200)


class AMPayload(BaseModel):
    model_config = ConfigDict(extra="allow")

    version: Literal["4"]
    status: Literal["firing", "resolved"]
    receiver: str = ""
    alerts: list[AMAlert]


def _first(labels: dict[str, str], names: tuple[str, ...]) -> str | None:
    return next((labels[n] for n in names if labels.get(n)), None)


def _host(value: str) -> str:
    """``instance`` is usually ``host:port`` (an IPv6 address keeps its colons)."""
    if value.startswith("["):
        return value[1:].split("]")[0]
    head, sep, tail = value.rpartition(":")
    return head if sep and tail.isdigit() and ":" not in head else value


def identifiers_of(labels: dict[str, str]) -> Identifiers:
    hosts = tuple(_host(labels[n]) for n in HOST_LABELS if labels.get(n))
    return Identifiers.of(
        ci_id=_first(labels, CI_ID_LABELS),
        hosts=hosts,
        ips=tuple(labels[n] for n in IP_LABELS if labels.get(n)),
        serial=_first(labels, SERIAL_LABELS),
    )


def _event(alert: AMAlert) -> IncomingEvent:
    identifiers = identifiers_of(alert.labels)
    severity = alert.labels.get("severity")
    name = alert.labels.get("alertname", "")
    summary = alert.annotations.get("summary") or alert.annotations.get("description")
    return IncomingEvent(
        source=SOURCE,
        alert_name=name,
        state=AlertState.FIRING if alert.status == "firing" else AlertState.RESOLVED,
        severity=severity,
        effect=effect_of(severity),
        identifiers=identifiers,
        # Alertmanager's own fingerprint (a hash of the label set), or the labels' text
        fingerprint=f"{SOURCE}:{alert.fingerprint or canonical(alert.labels)}",
        summary=summary[:MAX_TEXT] if summary else None,
        starts_at=moment(alert.startsAt),
        ends_at=moment(alert.endsAt),
        raw=canonical(alert.model_dump(mode="json")),
    )


def read(data: object, max_alerts: int) -> list[IncomingEvent]:
    if isinstance(data, dict) and isinstance(data.get("alerts"), list):
        check_count(len(data["alerts"]), max_alerts)
    payload = validated(AMPayload, data, "Alertmanager (webhook version 4)")
    return [_event(a) for a in payload.alerts]
