"""The incident and change state tables.

Incident: NEW → IN_PROGRESS → RESOLVED → CLOSED; NEW may be resolved at once (first
contact); a RESOLVED incident may be reopened (→ IN_PROGRESS); CLOSED is final.

Change: DRAFT → SUBMITTED → APPROVED → IMPLEMENTING → DONE; every state before DONE
may go to CANCELLED; DONE and CANCELLED are final. There is no way back: a rejected
change is cancelled and raised again.
"""

from __future__ import annotations

from graphcmdb.graph.enums import ChangeState as C
from graphcmdb.graph.enums import IncidentState as I
from graphcmdb.statemachine import StateMachine

INCIDENT_STATES = StateMachine(
    {
        I.NEW: (I.IN_PROGRESS, I.RESOLVED),
        I.IN_PROGRESS: (I.RESOLVED,),
        I.RESOLVED: (I.IN_PROGRESS, I.CLOSED),
        I.CLOSED: (),
    }
)

#: Incidents still being worked on (a RESOLVED one only awaits confirmation).
OPEN_INCIDENT_STATES: tuple[I, ...] = (I.NEW, I.IN_PROGRESS)

_CHANGE_FORWARD: dict[C, tuple[C, ...]] = {
    C.DRAFT: (C.SUBMITTED,),
    C.SUBMITTED: (C.APPROVED,),
    C.APPROVED: (C.IMPLEMENTING,),
    C.IMPLEMENTING: (C.DONE,),
    C.DONE: (),
    C.CANCELLED: (),
}

CHANGE_STATES = StateMachine(
    {s: (*nxt, C.CANCELLED) if nxt else () for s, nxt in _CHANGE_FORWARD.items()}
)

#: Submitting a change assesses (and stores) its risk.
RISK_ASSESSED_ON = C.SUBMITTED
