"""What a complete CI is, per class, and when a CI or link goes stale: declared as data
next to the CI spec, read by the data-quality report (``services/data_quality.py``).

Mandatory fields are the ones a CMDB manager needs to act on a CI, not the ones a form
requires to create it (name and class are always there):

- hardware (servers, network and storage devices, load balancers): ``serialNumber``,
  ``manufacturer`` and ``model`` (to match the asset register, warranties and support)
  and ``environment`` (to know what a change or an outage touches);
- virtual machines: ``hostname``, ``os`` and ``environment`` (no serial of their own);
- applications, databases and clusters: ``environment`` and ``description`` (what it is
  for, in a person's words; nothing discovers it).

A field is missing when it is absent, an empty string or an empty list.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from graphcmdb.graph.enums import CIClass

_HARDWARE = ("serialNumber", "manufacturer", "model", "environment")
_LOGICAL = ("environment", "description")

MANDATORY_FIELDS: Mapping[CIClass, tuple[str, ...]] = {
    CIClass.SERVER: _HARDWARE,
    CIClass.NETWORK_DEVICE: _HARDWARE,
    CIClass.STORAGE_DEVICE: _HARDWARE,
    CIClass.LOAD_BALANCER: _HARDWARE,
    CIClass.VIRTUAL_MACHINE: ("hostname", "os", "environment"),
    CIClass.APPLICATION: _LOGICAL,
    CIClass.DATABASE: _LOGICAL,
    CIClass.CLUSTER: _LOGICAL,
}

#: Classes an asset register should hold one asset for (the shadow-IT report's classes):
#: a CI of any other class without an asset is no gap.
ASSET_CLASSES: frozenset[CIClass] = frozenset(
    {CIClass.SERVER, CIClass.NETWORK_DEVICE, CIClass.STORAGE_DEVICE, CIClass.LOAD_BALANCER}
)


@dataclass(frozen=True)
class StalenessPolicy:
    """How many days without confirmation make a CI of each class stale."""

    default_days: int = 30
    by_class: Mapping[CIClass, int] = field(default_factory=dict)

    def days(self, ci_class: CIClass) -> int:
        return self.by_class.get(ci_class, self.default_days)

    def cutoffs(self, now: datetime) -> dict[str, datetime]:
        """Per class name: a CI last confirmed before this instant is stale."""
        return {c.value: now - timedelta(days=self.days(c)) for c in CIClass}
