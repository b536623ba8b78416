"""Lifecycle histories of the demo's assets, told as stories over DESIGN's state table.

The onboarding steps and what each story adds later are data (``data/itam/stories.toml``,
which tells how a history is dated). :func:`history` refuses a story that the lifecycle
table would refuse, or whose events are out of order or not strictly before the load
date, so bad demo data fails at build (the same check the history service makes).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import cache

from graphcmdb.demo.tables import keyed, read, records
from graphcmdb.graph.enums import DisposalMethod
from graphcmdb.graph.enums import LifecycleState as S
from graphcmdb.itam.history import PastEvent, history_problem


class Story(StrEnum):
    """How an asset's history goes; each has its entry in ``stories.toml``."""

    DEPLOYED = "DEPLOYED"
    MAINTAINED = "MAINTAINED"
    IN_MAINTENANCE = "IN_MAINTENANCE"
    RETIRED_IN_USE = "RETIRED_IN_USE"
    RETIRED = "RETIRED"
    DISPOSED = "DISPOSED"
    RESTOCKED = "RESTOCKED"
    LOST = "LOST"
    IN_STOCK = "IN_STOCK"
    ORDERED = "ORDERED"
    PLANNED = "PLANNED"
    RECORDED = "RECORDED"


@dataclass(frozen=True)
class Step:
    """An onboarding step: ``day`` days after the purchase date."""

    state: S
    day: int
    actor: str
    note: str


@dataclass(frozen=True)
class Move:
    """A later move: ``day`` days after the story's own day."""

    state: S
    day: int
    note: str


@dataclass(frozen=True)
class StoryPlot:
    #: onboarding steps taken
    steps: int
    later: tuple[Move, ...] = ()


@dataclass(frozen=True)
class Stories:
    later_actor: str
    onboarding: tuple[Step, ...]
    plots: dict[Story, StoryPlot]


@cache
def read_stories() -> Stories:
    doc = read("itam", "stories")
    plots = {Story(k): p for k, p in keyed(StoryPlot, doc["stories"], "story").items()}
    missing = sorted(set(Story) - set(plots))
    if missing:
        raise ValueError(f"stories.toml: no entry for {missing}")
    return Stories(doc["later_actor"], records(Step, doc["onboarding"], "onboarding"), plots)


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
    stories = read_stories()
    plot_of = stories.plots[plot.story]
    if plot.story is Story.RECORDED:
        return [(S.DEPLOYED, plot.purchased, "token:it-ops", "recorded")]
    steps = [
        (s.state, plot.purchased + timedelta(days=s.day), s.actor, s.note.format_map(vars(plot)))
        for s in stories.onboarding[: plot_of.steps]
    ]
    start = today - timedelta(days=plot.days_ago)
    steps += [
        (m.state, start + timedelta(days=m.day), stories.later_actor, m.note) for m in plot_of.later
    ]
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
