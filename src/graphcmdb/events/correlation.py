"""One alert's notifications in order: state changes counted for flap suppression, and
what the alert holds its CI at.

An alert *holds* its CI at the status its severity maps to while it fires, nothing once
resolved. A flapping alert (``changes`` state changes within ``window``) is suppressed:
its events are stored, its state follows them, but what it holds stays as it was when
the flapping began, so the CI keeps its status until the alert settles.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from graphcmdb.events.model import IncomingEvent
from graphcmdb.graph.enums import AlertState, CIStatus


@dataclass(frozen=True)
class FlapRule:
    changes: int
    window: timedelta


@dataclass(frozen=True)
class AlertSnapshot:
    """What is stored of an alert between two of its events."""

    #: None: never seen
    state: AlertState | None = None
    holds: CIStatus | None = None
    #: when its state changed, within the flap window
    transitions: tuple[datetime, ...] = ()
    flapping: bool = False


@dataclass(frozen=True)
class Correlated:
    after: AlertSnapshot
    suppressed: bool


def correlate(
    before: AlertSnapshot, event: IncomingEvent, now: datetime, rule: FlapRule
) -> Correlated:
    changed = before.state is not event.state
    recent = tuple(t for t in before.transitions if t > now - rule.window)
    transitions = recent + ((now,) if changed else ())
    flapping = len(transitions) >= rule.changes
    firing = event.effect if event.state is AlertState.FIRING else None
    holds = before.holds if flapping else firing
    after = AlertSnapshot(event.state, holds, transitions, flapping)
    return Correlated(after, suppressed=flapping)
