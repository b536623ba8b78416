"""Everything one agent tells about its device, as an :class:`Observation`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from graphcmdb.discovery.classify import Classifier, DeviceFacts
from graphcmdb.discovery.mibs import addresses, entity, host, interfaces, lldp, system
from graphcmdb.discovery.observation import Observation
from graphcmdb.discovery.oids import Oid
from graphcmdb.discovery.session import Session, Table
from graphcmdb.discovery.software import SoftwareRules
from graphcmdb.discovery.vendors import Vendors


@dataclass(frozen=True)
class Knowledge:
    """The rule tables a scan applies (loaded once)."""

    classifier: Classifier
    software: SoftwareRules
    vendors: Vendors


@lru_cache(maxsize=1)
def packaged_knowledge() -> Knowledge:
    return Knowledge(Classifier.load(), SoftwareRules.load(), Vendors.load())


async def _chassis(session: Session) -> entity.Chassis:
    row = entity.chassis_row(await session.walk(entity.CLASS_COLUMNS))
    return entity.parse(row, await session.get(entity.detail_names(row)))


async def _lldp(session: Session) -> tuple[Table, dict[Oid, Any]]:
    remote = await session.walk(lldp.REMOTE_COLUMNS)
    return remote, await session.get(lldp.local_port_names(remote))


async def observe(session: Session, knowledge: Knowledge) -> Observation:
    """One GET of the system group (which also proves the credentials), then the tables,
    one request at a time: a device is never asked more than one thing at once (small
    switches drop requests under load, and ``concurrency`` then bounds the load)."""
    sys_info = system.parse(await session.get(system.SCALARS))
    chassis = await _chassis(session)
    ifs = await session.walk(interfaces.COLUMNS)
    ips = await session.walk(addresses.COLUMNS)
    remote, local = await _lldp(session)
    hr = await session.walk(host.COLUMNS)
    ports = interfaces.parse(ifs)
    manufacturer = knowledge.vendors.manufacturer(chassis.manufacturer, sys_info.object_id)
    facts = DeviceFacts(
        sys_info.object_id, sys_info.descr, sys_info.services, manufacturer, chassis.model
    )
    return Observation(
        target=str(session.target),
        address=session.address,
        observed_at=datetime.now(UTC),
        ci_class=knowledge.classifier.classify(facts).ci_class,
        sys_name=sys_info.name,
        sys_descr=sys_info.descr,
        sys_object_id=sys_info.object_id,
        sys_uptime_ticks=sys_info.uptime_ticks,
        sys_contact=sys_info.contact,
        sys_location=sys_info.location,
        sys_services=sys_info.services,
        serial_number=chassis.serial_number,
        manufacturer=manufacturer,
        model=chassis.model,
        cores=host.cores(hr),
        interfaces=ports,
        ip_addresses=addresses.parse(ips),
        neighbours=lldp.parse(remote, local, ports),
        software=host.software(hr, knowledge.software),
        lldp_chassis_id=sys_info.lldp_chassis_id,
    )
