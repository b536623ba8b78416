"""What a device's reported software means for its ``HAS_INSTALLED`` relationships.

Products are keyed exactly as licenses key them (``itam/versions.py`` through
``SoftwareProductCreate``), so a discovered "Microsoft Office 2021" is the product a
license is ``FOR``. Discovery owns the installations it created (``source`` on the
relationship): they follow the device's report, and one no longer reported is removed.
Installations a person recorded are never touched. A device that reports no software at
all (no HOST-RESOURCES-MIB, or the walk failed) leaves its installations as they are.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from pydantic import ValidationError

from graphcmdb.discovery.observation import Observation, Software
from graphcmdb.domain.contract_models import SoftwareProductCreate
from graphcmdb.identity.candidates import InstalledProduct


@dataclass(frozen=True)
class Installation:
    product_key: str
    #: the product as ``product/merge_batch`` creates it when missing: ``{id, props}``
    product: dict[str, Any]
    version: str | None
    #: None only when the CI's stored installation had no date and the report gives none
    installed_at: datetime | None

    def row(self) -> dict[str, object]:
        return {
            "productKey": self.product_key,
            "version": self.version,
            "installedAt": self.installed_at,
        }


@dataclass(frozen=True)
class SoftwarePlan:
    upserts: list[Installation] = field(default_factory=list)
    removals: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.upserts or self.removals)


def as_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _day(value: date | None) -> datetime | None:
    return None if value is None else datetime(value.year, value.month, value.day, tzinfo=UTC)


def _product(sw: Software) -> dict[str, Any] | None:
    try:
        record = SoftwareProductCreate(
            publisher=sw.publisher, product=sw.product, version=sw.version
        )
    except ValidationError:
        return None  # no publisher or product name: nothing a license could be for
    return {"id": str(uuid.uuid4()), "props": record.graph_props()}


def reported(obs: Observation) -> dict[str, tuple[dict[str, Any], Software]]:
    """The reported software by product key (the first report of a key wins)."""
    found: dict[str, tuple[dict[str, Any], Software]] = {}
    for sw in obs.software:
        product = _product(sw)
        if product is not None:
            found.setdefault(product["props"]["key"], (product, sw))
    return found


def plan_software(
    obs: Observation, current: Sequence[InstalledProduct], source: str
) -> SoftwarePlan:
    """Installations to create or update, and discovered ones to remove."""
    if not obs.software:
        return SoftwarePlan()
    have = {i.product_key: i for i in current}
    wanted = reported(obs)
    upserts = []
    for key, (product, sw) in wanted.items():
        existing = have.get(key)
        if existing is not None and existing.source != source:
            continue  # recorded by a person (or another source): theirs
        reported_at = _day(sw.installed_on)
        at: datetime | None
        if existing is None:
            at = reported_at or as_utc(obs.observed_at)
        else:
            at = reported_at or existing.installed_at
            if existing.version == sw.version and existing.installed_at == at:
                continue
        upserts.append(Installation(key, product, sw.version, at))
    removals = sorted(key for key, i in have.items() if i.source == source and key not in wanted)
    return SoftwarePlan(upserts, removals)
