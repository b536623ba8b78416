"""A real SNMP test network on loopback: snmpsim devices generated from ``topology.toml``
plus Debian's snmpd, for the scanner's tests and ``graphcmdb demo network``."""

from graphcmdb.demo.network.network import (
    Network,
    SimnetError,
    SimTarget,
    network_status,
    require_demo_extra,
    start_network,
    stop_network,
)

__all__ = [
    "Network",
    "SimTarget",
    "SimnetError",
    "network_status",
    "require_demo_extra",
    "start_network",
    "stop_network",
]
