"""The class names other tools and spreadsheets use, mapped to the CMDB's CI classes.

Finance files a switch under "Network", an access layer under "Switch", a hypervisor
guest under "VM". An import accepts the CMDB's label (``VirtualMachine``), the API's
enum name (``VIRTUAL_MACHINE``) and these common names, without case or blanks.
"""

from __future__ import annotations

import re

from graphcmdb.graph.enums import CIClass

ALIASES: dict[CIClass, tuple[str, ...]] = {
    CIClass.SERVER: ("server", "physical server", "rack server", "blade", "host", "srv"),
    CIClass.VIRTUAL_MACHINE: ("vm", "virtual server", "virtual machine", "guest"),
    CIClass.NETWORK_DEVICE: (
        "network",
        "network device",
        "switch",
        "router",
        "firewall",
        "access point",
        "wlan controller",
    ),
    CIClass.STORAGE_DEVICE: ("storage", "storage array", "san", "nas", "disk array"),
    CIClass.LOAD_BALANCER: ("load balancer", "lb", "adc"),
    CIClass.APPLICATION: ("application", "app", "software"),
    CIClass.DATABASE: ("database", "db", "dbms"),
    CIClass.CLUSTER: ("cluster",),
}
_BLANKS = re.compile(r"[\s_\-]+")


def _folded(text: str) -> str:
    return _BLANKS.sub("", text).lower()


_BY_NAME: dict[str, CIClass] = {
    _folded(name): cls for cls in CIClass for name in (cls.value, cls.name, *ALIASES.get(cls, ()))
}


def ci_class(text: str) -> CIClass | None:
    """The CI class a name means, or None when it means none."""
    return _BY_NAME.get(_folded(text))
