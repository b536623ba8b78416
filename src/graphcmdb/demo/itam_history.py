"""Lifecycle histories of the demo's assets, told as stories over DESIGN's state table.

Every asset is ordered on its purchase date ``P`` and goes through the onboarding
steps (recorded PLANNED three weeks before, ORDERED on ``P``, RECEIVED, IN_STOCK,
DEPLOYED four weeks after); a story stops early (still ORDERED, IN_STOCK ...) or adds
later moves on a day counted back from the load date (a repair, a retirement ...).
:func:`history` refuses a story that the lifecycle table would refuse, or whose events
are out of order or not strictly before the load date, so bad demo data fails at build
(the same check the history service makes).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from graphcmdb.graph.enums import DisposalMethod
from graphcmdb.graph.enums import LifecycleState as S
from graphcmdb.itam.history import PastEvent, history_problem


class Story(StrEnum):
    DEPLOYED = "DEPLOYED"
    #: deployed, sent for repair once, back in service
    MAINTAINED = "MAINTAINED"
    #: deployed and under repair now
    IN_MAINTENANCE = "IN_MAINTENANCE"
    #: deployed, then retired by force although its CI is still needed
    RETIRED_IN_USE = "RETIRED_IN_USE"
    RETIRED = "RETIRED"
    DISPOSED = "DISPOSED"
    #: deployed, then taken back to stock for redeployment
    RESTOCKED = "RESTOCKED"
    LOST = "LOST"
    IN_STOCK = "IN_STOCK"
    ORDERED = "ORDERED"
    PLANNED = "PLANNED"
    #: recorded directly as deployed (a VM's record; nothing was bought)
    RECORDED = "RECORDED"


#: state, days after the purchase date, actor, note ({po}, {where}, {what} filled in)
ONBOARDING: tuple[tuple[S, int, str, str], ...] = (
    (S.PLANNED, -21, "token:procurement", "recorded"),
    (S.ORDERED, 0, "token:procurement", "purchase order {po}"),
    (S.RECEIVED, 12, "token:it-store", "delivered to {where}"),
    (S.IN_STOCK, 13, "token:it-store", "goods receipt booked, asset tag applied"),
    (S.DEPLOYED, 28, "token:it-ops", "in service: {what}"),
)

#: story -> (onboarding steps taken, later moves as (state, days after the story's day, note))
PLOTS: dict[Story, tuple[int, tuple[tuple[S, int, str], ...]]] = {
    Story.DEPLOYED: (5, ()),
    Story.MAINTAINED: (
        5,
        (
            (S.IN_MAINTENANCE, 0, "hardware fault: parts replaced under support"),
            (S.DEPLOYED, 3, "repaired and back in service"),
        ),
    ),
    Story.IN_MAINTENANCE: (5, ((S.IN_MAINTENANCE, 0, "memory errors: DIMMs replaced on site"),)),
    Story.RETIRED_IN_USE: (
        5,
        ((S.RETIRED, 0, "end of its five-year plan; retired by force, VMs not yet moved"),),
    ),
    Story.RETIRED: (5, ((S.RETIRED, 0, "decommissioned, awaiting disposal"),)),
    Story.DISPOSED: (
        5,
        (
            (S.RETIRED, 0, "decommissioned"),
            (S.DISPOSED, 30, "collected by the recycler; disks wiped and certified"),
        ),
    ),
    Story.RESTOCKED: (5, ((S.IN_STOCK, 0, "freed by consolidation, kept as a spare"),)),
    Story.LOST: (5, ((S.LOST, 0, "reported stolen; police report filed"),)),
    Story.IN_STOCK: (4, ()),
    Story.ORDERED: (2, ()),
    Story.PLANNED: (1, ()),
    Story.RECORDED: (0, ()),
}

LATER_ACTOR = "token:asset-desk"


@dataclass(frozen=True)
class Plot:
    """What one asset's history needs to be told."""

    story: Story
    purchased: date
    #: the day the story's later moves start, in days before the load date
    days_ago: int = 0
    po: str = ""
    where: str = ""
    what: str = ""
    tracks_ci: bool = False
    disposal: DisposalMethod = DisposalMethod.RECYCLED
    wipe_reference: str | None = None


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it has fewer days)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _at(day: date, seq: int) -> datetime:
    return datetime.combine(day, time(8 + seq, 30), UTC)


def _steps(plot: Plot, today: date) -> list[tuple[S, date, str, str]]:
    taken, later = PLOTS[plot.story]
    if plot.story is Story.RECORDED:
        return [(S.DEPLOYED, plot.purchased, "token:it-ops", "recorded")]
    steps = [
        (state, plot.purchased + timedelta(days=offset), actor, note.format_map(vars(plot)))
        for state, offset, actor, note in ONBOARDING[:taken]
    ]
    start = today - timedelta(days=plot.days_ago)
    steps += [(s, start + timedelta(days=d), LATER_ACTOR, note) for s, d, note in later]
    return steps


def history(plot: Plot, today: date) -> tuple[PastEvent, ...]:
    """The events of ``plot``, checked against the lifecycle table and the calendar."""
    events: list[PastEvent] = []
    for seq, (state, day, actor, note) in enumerate(_steps(plot, today), start=1):
        deploys = state is S.DEPLOYED and all(e.to is not S.DEPLOYED for e in events)
        disposed = state is S.DISPOSED
        events.append(
            PastEvent(
                to=state,
                at=_at(day, seq),
                actor=actor,
                note=note,
                disposal_method=plot.disposal if disposed else None,
                data_wipe_reference=plot.wipe_reference if disposed else None,
                links_ci=plot.tracks_ci and deploys and seq > 1,
                forced=plot.story is Story.RETIRED_IN_USE and state is S.RETIRED,
            )
        )
    problem = history_problem(tuple(events), datetime.combine(today, time(0, 0), UTC))
    if problem:
        raise ValueError(f"{plot}: {problem}")
    return tuple(events)
