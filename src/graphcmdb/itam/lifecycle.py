"""The asset lifecycle state machine, exactly as DESIGN's "Asset lifecycle".

PLANNED → ORDERED → RECEIVED → IN_STOCK → DEPLOYED ⇄ IN_MAINTENANCE;
DEPLOYED → IN_STOCK (redeploy later); IN_STOCK or DEPLOYED → RETIRED → DISPOSED;
any state before DISPOSED → LOST. DISPOSED and LOST are terminal. Anything else,
including "moving" to the state an asset is already in, is refused.

Kept as data and pure functions so the table is tested exhaustively without a database.
"""

from __future__ import annotations

from graphcmdb.graph.enums import LifecycleState as S
from graphcmdb.statemachine import StateMachine

_FORWARD: dict[S, tuple[S, ...]] = {
    S.PLANNED: (S.ORDERED,),
    S.ORDERED: (S.RECEIVED,),
    S.RECEIVED: (S.IN_STOCK,),
    S.IN_STOCK: (S.DEPLOYED, S.RETIRED),
    S.DEPLOYED: (S.IN_MAINTENANCE, S.IN_STOCK, S.RETIRED),
    S.IN_MAINTENANCE: (S.DEPLOYED,),
    S.RETIRED: (S.DISPOSED,),
    S.DISPOSED: (),
    S.LOST: (),
}

#: States an asset cannot leave.
TERMINAL: frozenset[S] = frozenset({S.DISPOSED, S.LOST})

#: Leaving service: the tracked CI's dependents must be reported (and forced past).
LEAVES_SERVICE: frozenset[S] = frozenset({S.RETIRED})

#: States in which an asset is written off the books (book value 0 from that day).
WRITTEN_OFF: frozenset[S] = frozenset({S.DISPOSED, S.LOST})

#: States an asset may be created in: DISPOSED and LOST need a transition (and its
#: disposal record); everything earlier may be entered directly, e.g. when a fleet
#: that is already deployed is first recorded.
INITIAL_STATES: tuple[S, ...] = tuple(s for s in S if s not in TERMINAL)


ASSET_LIFECYCLE = StateMachine(
    {s: (*_FORWARD[s], *(() if s in TERMINAL else (S.LOST,))) for s in S}
)


def allowed_next(state: S) -> tuple[S, ...]:
    """The states ``state`` may move to, in lifecycle order."""
    return ASSET_LIFECYCLE.allowed_next(state)
