"""PRTG: its "Execute HTTP Action" notification, with placeholders in the payload.

The fields are PRTG's documented notification placeholders
(https://www.paessler.com/manuals/prtg/list_of_placeholders_for_notifications):
``device`` %device, ``host`` %host (the device's IP address or DNS name), ``status``
%status ("Up", "Down", "Warning", "Unusual", "Paused", "Down (Partial)" …), ``message``
%message, ``sensorid`` %sensorid, ``sensor`` %name, ``deviceid`` %deviceid, ``datetime``
%datetime, ``priority`` %priority, ``laststatus`` %laststatus, and ``ciid`` for a CI id
(a device comment or tag of your own). Sent form-encoded (PRTG's default) or as JSON.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from graphcmdb.events.model import Identifiers, IncomingEvent, blank, one_shot
from graphcmdb.events.reading import validated
from graphcmdb.graph.enums import AlertState, CIStatus

SOURCE = "prtg"
Text = str | None


class PrtgNotification(BaseModel):
    model_config = ConfigDict(extra="allow")

    status: str = Field(min_length=1, max_length=200)
    device: Text = None
    host: Text = None
    sensorid: Text = None
    sensor: Text = None
    deviceid: Text = None
    message: Text = None
    datetime: Text = None
    priority: Text = None
    laststatus: Text = None
    ciid: Text = None


def state_and_effect(status: str) -> tuple[AlertState, CIStatus | None]:
    """PRTG's sensor status: Up (or "… ended") clears, Down* fires DOWN (partial:
    DEGRADED), Warning and Unusual fire DEGRADED, anything else (Paused) holds nothing."""
    word = status.strip().lower()
    if word.startswith("up") or "ended" in word:
        return AlertState.RESOLVED, None
    if word.startswith("down"):
        return AlertState.FIRING, CIStatus.DEGRADED if "partial" in word else CIStatus.DOWN
    if word.startswith(("warning", "unusual")):
        return AlertState.FIRING, CIStatus.DEGRADED
    return AlertState.FIRING, None


def read(data: object) -> list[IncomingEvent]:
    note = validated(PrtgNotification, data, "PRTG notification")
    identifiers = Identifiers.of(ci_id=note.ciid, hosts=(note.host, note.device))
    state, effect = state_and_effect(note.status)
    sensor = blank(note.sensorid) or blank(note.sensor) or "sensor"
    raw = note.model_dump(mode="json", exclude_none=True)
    return [
        one_shot(
            SOURCE,
            (blank(note.sensor) or sensor, sensor),
            state,
            (note.status.strip(), effect),
            identifiers,
            blank(note.message),
            raw,
        )
    ]
