"""How the simulated network is served (``agents.toml``): port, addresses, credentials."""

from __future__ import annotations

import ipaddress
import tomllib
from dataclasses import dataclass
from importlib import resources

from graphcmdb.discovery.credentials import Credentials


@dataclass(frozen=True)
class SnmpdSpec:
    name: str
    address: str
    stale_auth_key: str | None = None


@dataclass(frozen=True)
class AgentLayout:
    port: int
    snmpsim_network: ipaddress.IPv4Network
    scaled_network: ipaddress.IPv4Network
    community: str
    v3_users: tuple[Credentials, ...]
    snmpd: tuple[SnmpdSpec, ...]

    def snmpsim_address(self, n: int, scaled: bool = False) -> str:
        """The loopback address of simulated device ``n`` (1-based), in the scaled
        network's addresses when ``scaled``."""
        network = self.scaled_network if scaled else self.snmpsim_network
        if not 0 < n < network.num_addresses - 1:
            raise ValueError(f"{network} holds no device {n}")
        return str(network.network_address + n)

    @property
    def v3(self) -> Credentials:
        """The credentials every agent of the network accepts (SHA-256 + AES)."""
        return self.v3_users[0]

    @property
    def v2c(self) -> Credentials:
        return Credentials.v2c(self.community)


def load_layout() -> AgentLayout:
    text = resources.files("graphcmdb.demo.network").joinpath("agents.toml").read_text()
    data = tomllib.loads(text)
    users = tuple(
        Credentials.v3(u["name"], u["auth_key"], u["priv_key"], auth=u["auth"], priv=u["priv"])
        for u in data["v3_users"]
    )
    return AgentLayout(
        port=int(data["port"]),
        snmpsim_network=ipaddress.IPv4Network(data["snmpsim_network"]),
        scaled_network=ipaddress.IPv4Network(data["scaled_network"]),
        community=data["community"],
        v3_users=users,
        snmpd=tuple(SnmpdSpec(**s) for s in data["snmpd"]),
    )
