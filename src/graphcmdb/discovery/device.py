"""Everything one agent tells about its device, as an :class:`Observation`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from graphcmdb.discovery.classify import Classifier, DeviceFacts
from graphcmdb.discovery.mibs import addresses, entity, host, interfaces, lldp, system
from graphcmdb.discovery.observation import Observation
from graphcmdb.discovery.oids import Oid
from graphcmdb.discovery.session import Session
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


#: every table column a scan walks, side by side
COLUMNS: tuple[Oid, ...] = (
    *entity.CLASS_COLUMNS,
    *interfaces.COLUMNS,
    *addresses.COLUMNS,
    *lldp.REMOTE_COLUMNS,
    *host.COLUMNS,
)


async def observe(session: Session, knowledge: Knowledge) -> Observation:
    """The system group and every table in one walk (the scalars ride on its first
    request, which also proves the credentials), then one GET of the cells that walk
    pointed at: the chassis row's details and the local ports that have neighbours. A
    device is never asked more than one thing at once (small switches drop requests under
    load, and ``concurrency`` then bounds the load)."""
    scalars, tables = await session.survey(system.SCALARS, COLUMNS)
    sys_info = system.parse(scalars)
    row = entity.chassis_row(tables)
    cells = await session.get([*entity.detail_names(row), *lldp.local_port_names(tables)])
    chassis = entity.parse(row, cells)
    ports = interfaces.parse(tables)
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
        cores=host.cores(tables),
        interfaces=ports,
        ip_addresses=addresses.parse(tables),
        neighbours=lldp.parse(tables, cells, ports),
        software=host.software(tables, knowledge.software),
        lldp_chassis_id=sys_info.lldp_chassis_id,
    )
