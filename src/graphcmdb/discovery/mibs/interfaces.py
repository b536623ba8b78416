"""IF-MIB ifTable + ifXTable: names, MACs, speeds, operational status."""

from __future__ import annotations

from graphcmdb.discovery import oids, values
from graphcmdb.discovery.observation import Interface
from graphcmdb.discovery.oids import Oid
from graphcmdb.discovery.session import Table

COLUMNS: tuple[Oid, ...] = (
    oids.IF_DESCR,
    oids.IF_SPEED,
    oids.IF_PHYS_ADDRESS,
    oids.IF_OPER_STATUS,
    oids.IF_NAME,
    oids.IF_HIGH_SPEED,
)
OPER_STATUS = {
    1: "up",
    2: "down",
    3: "testing",
    4: "unknown",
    5: "dormant",
    6: "notPresent",
    7: "lowerLayerDown",
}


def _speed(table: Table, index: Oid) -> int | None:
    """ifHighSpeed (Mbit/s) where the agent has it, else ifSpeed (bit/s, caps at 4.29 G)."""
    high = values.integer(table[oids.IF_HIGH_SPEED].get(index))
    if high:
        return high * 1_000_000
    return values.integer(table[oids.IF_SPEED].get(index))


def parse(table: Table) -> tuple[Interface, ...]:
    indexes = sorted({i for column in COLUMNS for i in table.get(column, {})})
    table = {column: table.get(column, {}) for column in COLUMNS}
    found = []
    for index in indexes:
        name = values.text(table[oids.IF_NAME].get(index)) or values.text(
            table[oids.IF_DESCR].get(index)
        )
        status = values.integer(table[oids.IF_OPER_STATUS].get(index))
        found.append(
            Interface(
                index=index[0],
                name=name or f"ifIndex {index[0]}",
                mac=values.mac(table[oids.IF_PHYS_ADDRESS].get(index)),
                speed_bps=_speed(table, index),
                oper_status=OPER_STATUS.get(status) if status is not None else None,
            )
        )
    return tuple(found)


def names_by_index(interfaces: tuple[Interface, ...]) -> dict[int, str]:
    return {i.index: i.name for i in interfaces}
