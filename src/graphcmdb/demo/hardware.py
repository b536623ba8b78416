"""Hardware and operating-system catalogue of the demo, with identifier generators.

Serial numbers follow each vendor's visible format (a Dell service tag has 7
characters, an HPE serial 10, a Cisco one 11 ...) and MAC addresses start with the
vendor's real OUI, so discovery and reconciliation demos look plausible.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass


@dataclass(frozen=True)
class HardwareModel:
    manufacturer: str
    model: str
    #: serial format: ``D`` digit, ``A`` upper-case letter, ``X`` either; other characters literal
    serial_pattern: str
    oui: str
    os: str | None = None
    cores: int | None = None


DELL_R750 = HardwareModel(
    "Dell", "PowerEdge R750", "XXXXXXX", "b0:7b:25", "VMware ESXi 8.0 Update 2", 64
)
DELL_R650 = HardwareModel(
    "Dell", "PowerEdge R650", "XXXXXXX", "b0:7b:25", "VMware ESXi 8.0 Update 2", 48
)
HPE_DL380 = HardwareModel(
    "HPE", "ProLiant DL380 Gen10", "CZDDDDAAAA", "94:40:c9", "VMware ESXi 8.0 Update 2", 56
)
HPE_DL580 = HardwareModel(
    "HPE",
    "ProLiant DL580 Gen10",
    "CZDDDDAAAA",
    "94:40:c9",
    "SUSE Linux Enterprise Server 15 SP5 for SAP",
    112,
)
DELL_R760 = HardwareModel(
    "Dell", "PowerEdge R760", "XXXXXXX", "b0:7b:25", "Red Hat Enterprise Linux 9.3", 64
)
DELL_R740XD = HardwareModel(
    "Dell", "PowerEdge R740xd", "XXXXXXX", "b0:7b:25", "Microsoft Windows Server 2022 Standard", 32
)

NEXUS_CORE = HardwareModel(
    "Cisco", "Nexus 9336C-FX2", "FDODDDDAXXX", "00:2a:6a", "Cisco NX-OS 10.3(4a)"
)
NEXUS_TOR = HardwareModel(
    "Cisco", "Nexus 93180YC-FX", "FDODDDDAXXX", "00:2a:6a", "Cisco NX-OS 10.3(4a)"
)
ARISTA_CORE = HardwareModel("Arista", "7280R3", "JPEDDDDDDDD", "44:4c:a8", "Arista EOS 4.31.2F")
ARISTA_TOR = HardwareModel(
    "Arista", "7050SX3-48YC8", "JPEDDDDDDDD", "44:4c:a8", "Arista EOS 4.31.2F"
)
PALO_ALTO = HardwareModel(
    "Palo Alto Networks", "PA-5220", "0120DDDDDDDD", "00:1b:17", "PAN-OS 11.0.3"
)
JUNIPER_MX = HardwareModel(
    "Juniper Networks", "MX204", "JNDDDDAAAAAA", "00:05:85", "Junos OS 22.4R3"
)
CISCO_ASR = HardwareModel("Cisco", "ASR 1001-X", "FXSDDDDAXXX", "00:2a:6a", "Cisco IOS XE 17.9.4a")
NETAPP_A400 = HardwareModel("NetApp", "AFF A400", "7219DDDDDDDD", "00:a0:98", "NetApp ONTAP 9.13.1")
PURE_X70 = HardwareModel(
    "Pure Storage", "FlashArray//X70 R3", "PCHFSDDDDDDDD", "24:a9:37", "Purity//FA 6.5.3"
)
DELL_DD6900 = HardwareModel(
    "Dell", "PowerProtect DD6900", "APMDDDDDDDDDDDD", "00:60:16", "DD OS 7.13"
)
F5_I5800 = HardwareModel("F5", "BIG-IP i5800", "f5-AAAA-AAAA", "00:94:a1", "BIG-IP TMOS 17.1.1")

VMWARE_OUI = "00:50:56"

# Guest operating systems
RHEL9 = "Red Hat Enterprise Linux 9.3"
UBUNTU = "Ubuntu 22.04.4 LTS"
DEBIAN = "Debian GNU/Linux 12"
WIN2022 = "Microsoft Windows Server 2022 Standard"
WIN2019 = "Microsoft Windows Server 2019 Standard"
SLES = "SUSE Linux Enterprise Server 15 SP5"


class Identifiers:
    """Unique serial numbers, MAC and IP addresses drawn from one seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._serials: set[str] = set()
        self._macs: set[str] = set()
        self._next_host: dict[str, int] = {}

    def serial(self, hw: HardwareModel) -> str:
        while True:
            value = "".join(self._char(c) for c in hw.serial_pattern)
            if value not in self._serials:
                self._serials.add(value)
                return value

    def _char(self, pattern: str) -> str:
        if pattern == "D":
            return self.rng.choice(string.digits)
        if pattern == "A":
            return self.rng.choice(string.ascii_uppercase)
        if pattern == "X":
            return self.rng.choice(string.ascii_uppercase + string.digits)
        return pattern

    def mac(self, oui: str) -> str:
        while True:
            tail = ":".join(f"{self.rng.randrange(256):02x}" for _ in range(3))
            value = f"{oui}:{tail}"
            if value not in self._macs:
                self._macs.add(value)
                return value

    def ip(self, subnet: str) -> str:
        """Next free address in a /24 given as ``"10.10.20"`` (hosts .11 to .254)."""
        host = self._next_host.get(subnet, 11)
        if host > 254:
            raise ValueError(f"subnet {subnet}.0/24 is full")
        self._next_host[subnet] = host + 1
        return f"{subnet}.{host}"
