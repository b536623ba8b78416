"""SNMPv2-MIB system group, plus the LLDP local chassis ID (both scalars, one GET)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphcmdb.discovery import oids, values
from graphcmdb.discovery.mibs.lldp import chassis_id
from graphcmdb.discovery.oids import Oid

SCALARS: tuple[Oid, ...] = tuple(
    (*column, 0)
    for column in (
        oids.SYS_DESCR,
        oids.SYS_OBJECT_ID,
        oids.SYS_UPTIME,
        oids.SYS_CONTACT,
        oids.SYS_NAME,
        oids.SYS_LOCATION,
        oids.SYS_SERVICES,
        oids.LLDP_LOC_CHASSIS_ID_SUBTYPE,
        oids.LLDP_LOC_CHASSIS_ID,
    )
)


@dataclass(frozen=True)
class SystemInfo:
    descr: str | None = None
    object_id: str | None = None
    uptime_ticks: int | None = None
    contact: str | None = None
    name: str | None = None
    location: str | None = None
    services: int | None = None
    lldp_chassis_id: str | None = None


def parse(scalars: dict[Oid, Any]) -> SystemInfo:
    def get(column: Oid) -> Any:
        return scalars.get((*column, 0))

    return SystemInfo(
        descr=values.text(get(oids.SYS_DESCR)),
        object_id=values.object_id(get(oids.SYS_OBJECT_ID)),
        uptime_ticks=values.integer(get(oids.SYS_UPTIME)),
        contact=values.text(get(oids.SYS_CONTACT)),
        name=values.text(get(oids.SYS_NAME)),
        location=values.text(get(oids.SYS_LOCATION)),
        services=values.integer(get(oids.SYS_SERVICES)),
        lldp_chassis_id=chassis_id(
            values.integer(get(oids.LLDP_LOC_CHASSIS_ID_SUBTYPE)), get(oids.LLDP_LOC_CHASSIS_ID)
        ),
    )
