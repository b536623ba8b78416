"""A lifecycle history told after the fact (imported, or the demo's): the checks the
transitions would have made one by one, made over the whole story at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

from graphcmdb.graph.enums import DisposalMethod
from graphcmdb.graph.enums import LifecycleState as S
from graphcmdb.itam.lifecycle import INITIAL_STATES, allowed_next


@dataclass(frozen=True)
class PastEvent:
    """One move as ``asset/create`` (the first) or a transition records it."""

    to: S
    at: datetime
    actor: str
    note: str
    disposal_method: DisposalMethod | None = None
    data_wipe_reference: str | None = None
    #: this deployment linked the asset's CI (the event records the CI's id)
    links_ci: bool = False
    #: a retirement forced past the CI's dependents (the event records their ids)
    forced: bool = False


def history_problem(events: tuple[PastEvent, ...], now: datetime) -> str | None:
    """Why the lifecycle table or the calendar refuses the story; None when legal:
    recorded in an initial state, every move allowed, in time order, all in the past,
    a disposal names its method."""
    if not events:
        return "a history has at least one event"
    if events[0].to not in INITIAL_STATES:
        return f"an asset cannot be recorded {events[0].to.value}"
    for seq, (before, event) in enumerate(pairwise(events), start=2):
        if event.to not in allowed_next(before.to):
            return f"event {seq}: {before.to.value} -> {event.to.value} is not allowed"
        if event.at < before.at:
            return f"event {seq} is before event {seq - 1}"
        if event.to is S.DISPOSED and event.disposal_method is None:
            return f"event {seq}: a disposal needs its method"
    if events[-1].at >= now:
        return f"event {len(events)} is not in the past"
    return None
