"""Zabbix: the JSON the graphcmdb webhook media type's script posts (README, "Events").

Each field is a media type parameter filled with a documented Zabbix macro
(https://www.zabbix.com/documentation/current/en/manual/appendix/macros/supported_by_location):
``eventId`` {EVENT.ID}, ``eventName`` {EVENT.NAME}, ``status`` {EVENT.STATUS} ("PROBLEM"
or "RESOLVED"), ``eventValue`` {EVENT.VALUE} (1 problem, 0 recovery), ``severity``
{EVENT.SEVERITY} (Not classified … Disaster), ``nseverity`` {EVENT.NSEVERITY} (0 … 5),
``triggerId`` {TRIGGER.ID}, ``host`` {HOST.HOST}, ``hostName`` {HOST.NAME}, ``hostIp``
{HOST.IP}, ``hostDns`` {HOST.DNS}, ``serial`` {INVENTORY.SERIALNO.A}, ``message``
{ALERT.MESSAGE}, ``eventTime`` {EVENT.DATE} {EVENT.TIME}; ``ciId`` is a host macro of
your own ({$GRAPHCMDB_CI_ID}). Macros Zabbix could not expand arrive as written and are
ignored. One event per request.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from graphcmdb.events.model import Identifiers, IncomingEvent, blank, one_shot
from graphcmdb.events.reading import validated
from graphcmdb.events.severity import ZABBIX_NUMERIC, effect_of
from graphcmdb.graph.enums import AlertState

SOURCE = "zabbix"
Text = str | None
RESOLVED_STATUSES = frozenset({"RESOLVED", "OK"})


class ZabbixEvent(BaseModel):
    model_config = ConfigDict(extra="allow")

    eventName: str = Field(min_length=1, max_length=2048)
    status: str = Field(min_length=1, max_length=32)
    eventId: Text = None
    eventValue: Text = None
    severity: Text = None
    nseverity: Text = None
    triggerId: Text = None
    host: Text = None
    hostName: Text = None
    hostIp: Text = None
    hostDns: Text = None
    serial: Text = None
    ciId: Text = None
    message: Text = None
    eventTime: Text = None


def _state(event: ZabbixEvent) -> AlertState:
    value = blank(event.eventValue)
    if value is not None:
        return AlertState.RESOLVED if value == "0" else AlertState.FIRING
    resolved = event.status.strip().upper() in RESOLVED_STATUSES
    return AlertState.RESOLVED if resolved else AlertState.FIRING


def _severity(event: ZabbixEvent) -> str | None:
    named = blank(event.severity)
    numeric = blank(event.nseverity)
    if named is None and numeric is not None:
        return ZABBIX_NUMERIC.get(numeric) or "information"
    return named


def read(data: object) -> list[IncomingEvent]:
    event = validated(ZabbixEvent, data, "Zabbix media type")
    identifiers = Identifiers.of(
        ci_id=event.ciId,
        hosts=(event.hostDns, event.host, event.hostName),
        ips=(event.hostIp,),
        serial=event.serial,
    )
    severity = _severity(event)
    # the trigger stays the same while its name may carry values ({ITEM.LASTVALUE})
    name = blank(event.triggerId) or event.eventName
    raw = event.model_dump(mode="json", exclude_none=True)
    return [
        one_shot(
            SOURCE,
            (event.eventName, name),
            _state(event),
            (severity, effect_of(severity)),
            identifiers,
            blank(event.message),
            raw,
        )
    ]
