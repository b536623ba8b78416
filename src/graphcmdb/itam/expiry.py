"""What expires soon: warranties, contracts and licenses (pure part).

Window rule: an item with end date ``end`` and notice period ``noticeDays`` has a
renewal notice date ``end - noticeDays`` (= ``end`` for warranties and contracts
without notice). It is *included* when the period from its notice date to its end
date meets the window ``[asOf, asOf + withinDays]``, i.e. notice date <= window end
and end date >= asOf. So an item is listed when its end date falls in the window,
when its notice date does, and also when the notice date has already passed but the
end has not come yet (``noticePassed``: the time to cancel or renegotiate is over,
which is exactly what an asset manager must not miss). Items that ended before asOf
are not listed.

Order: by due date (the notice date, the day someone must act by), then end date,
kind and reference, so the most urgent decision comes first. The services affected
by an item are those the CIs behind it support; ``highestCriticality`` is the
largest service criticality among them (5 is the most critical, as in DESIGN).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any


class ExpiringKind(StrEnum):
    WARRANTY = "WARRANTY"
    CONTRACT = "CONTRACT"
    LICENSE = "LICENSE"


@dataclass(frozen=True)
class Window:
    as_of: date
    within_days: int

    @property
    def until(self) -> date:
        return self.as_of + timedelta(days=self.within_days)

    def notice_date(self, end: date, notice_days: int | None) -> date:
        return end - timedelta(days=notice_days or 0)

    def includes(self, end: date, notice_days: int | None) -> bool:
        return self.notice_date(end, notice_days) <= self.until and end >= self.as_of


@dataclass(frozen=True)
class AffectedService:
    """A business service an expiring item's CIs support: what the ranking reads."""

    id: str
    name: str
    criticality: int | None = None


@dataclass
class ExpiringItem:
    kind: ExpiringKind
    id: str
    reference: str
    end_date: date
    notice_date: date
    as_of: date
    auto_renew: bool = False
    #: the asset (WARRANTY), contract (CONTRACT) or license (LICENSE) row
    row: dict[str, Any] = field(default_factory=dict)
    #: the license's contract (LICENSE only)
    contract: dict[str, Any] | None = None
    ci_ids: list[str] = field(default_factory=list)
    services: list[AffectedService] = field(default_factory=list)

    @property
    def days_to_end(self) -> int:
        return (self.end_date - self.as_of).days

    @property
    def notice_passed(self) -> bool:
        return self.notice_date < self.as_of

    @property
    def highest_criticality(self) -> int | None:
        levels = [s.criticality for s in self.services if s.criticality is not None]
        return max(levels) if levels else None


def sort_key(item: ExpiringItem) -> tuple[date, date, str, str]:
    return (item.notice_date, item.end_date, item.kind.value, item.reference)


def attach_services(
    items: list[ExpiringItem], by_ci: Mapping[str, Sequence[AffectedService]]
) -> None:
    """Give each item the distinct services of its CIs, most critical first, then by name."""
    for item in items:
        seen: dict[str, AffectedService] = {}
        for ci_id in item.ci_ids:
            for service in by_ci.get(ci_id, []):
                seen.setdefault(service.id, service)
        item.services = sorted(seen.values(), key=lambda s: (-(s.criticality or 0), s.name))
