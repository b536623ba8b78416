"""A state table and the one way an illegal move is refused.

Assets, incidents and changes each keep their table as data (tested exhaustively
without a database); this class answers "where may it go next" and raises the typed
``ILLEGAL_TRANSITION`` error that names the allowed next states, worded the same for all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Generic, TypeVar

from graphcmdb.errors import IllegalTransition

S = TypeVar("S", bound=StrEnum)


class StateMachine(Generic[S]):
    def __init__(self, moves: Mapping[S, Iterable[S]]) -> None:
        self._moves = {state: frozenset(targets) for state, targets in moves.items()}

    def allowed_next(self, state: S) -> tuple[S, ...]:
        """The states ``state`` may move to, in the enum's declaration order."""
        targets = self._moves[state]
        return tuple(s for s in type(state) if s in targets)

    def is_allowed(self, current: S, to: S) -> bool:
        return to in self._moves[current]

    def is_terminal(self, state: S) -> bool:
        return not self._moves[state]

    def check(self, subject: str, current: S, to: S) -> None:
        """Refuse ``current -> to`` unless the table allows it; ``subject`` names the record."""
        if not self.is_allowed(current, to):
            raise self.refusal(subject, current, to)

    def refusal(self, subject: str, current: S, to: S, why: str = "") -> IllegalTransition:
        """The error for a refused move (``why`` adds a reason beyond the table)."""
        allowed = [s.value for s in self.allowed_next(current)]
        names = ", ".join(allowed) or "none: it is a final state"
        return IllegalTransition(
            f"{subject} is {current.value}; it cannot move to {to.value}{why}. "
            f"Allowed next states: {names}.",
            current=current.value,
            to=to.value,
            allowed=allowed,
        )
