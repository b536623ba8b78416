"""Which CI an event is about, through the identity engine (never a second matcher).

An explicit CI id that names a CI wins. Otherwise the event's identifiers are normalised
as any source's are (``identity/keys.py``), their keys looked up with the engine's
candidates read (``identity/candidates``) and compared by the CI spec's rules
(``identity/match.py``). No CI, or several (AMBIGUOUS: the candidates are kept), leaves
the event unmatched; an event never creates a CI.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graphcmdb.db.database import Tx
from graphcmdb.db.queries import Q
from graphcmdb.domain.specs import CI_SPEC
from graphcmdb.events.model import Identifiers
from graphcmdb.graph.enums import CIClass, EventMatch
from graphcmdb.identity.match import Ambiguous, identify
from graphcmdb.services.discovery_records import identity_candidate

#: the rule an explicit CI id matched by
CI_ID_RULE = "CI_ID"


@dataclass(frozen=True)
class Binding:
    match: EventMatch
    ci_id: str | None = None
    rule: str | None = None
    candidate_ids: tuple[str, ...] = ()
    reason: str | None = None


def _items(subjects: Sequence[Identifiers]) -> list[dict[str, object]]:
    return [
        {
            "idx": i,
            "keys": list(s.identity.key_texts()),
            "tags": [],
            "task": None,
            "ciClass": CIClass.SERVER.value,
            "name": None,
        }
        for i, s in enumerate(subjects)
    ]


def _decided(subject: Identifiers, found: list[dict[str, object]]) -> Binding:
    decision = identify(subject.identity, [identity_candidate(c) for c in found], CI_SPEC.identity)
    named = f" (and no CI has id {subject.ci_id})" if subject.ci_id else ""
    if decision is None:
        return Binding(EventMatch.UNMATCHED, reason=f"no CI has these identifiers{named}")
    if isinstance(decision, Ambiguous):
        ids = tuple(c.id for c in decision.candidates)
        return Binding(EventMatch.AMBIGUOUS, candidate_ids=ids, reason=decision.reason)
    return Binding(EventMatch.MATCHED, ci_id=decision.ci.id, rule=decision.rule)


async def bind(tx: Tx, subjects: Sequence[Identifiers], named: set[str]) -> list[Binding]:
    """One binding per subject, in order (one read for all of them). ``named``: which of
    the subjects' explicit CI ids name a CI (read with the payload's alerts' locks,
    ``event/lock_alerts``: one round trip fewer)."""
    keyed = [s.identity.key_texts() for s in subjects]
    found: dict[int, list[dict[str, object]]] = {}
    if any(keyed):
        [answer] = await tx.raw(Q.IDENTITY_CANDIDATES, items=_items(subjects))
        found = {int(r["idx"]): list(r["candidates"]) for r in answer["items"]}
    out: list[Binding] = []
    for i, subject in enumerate(subjects):
        if subject.ci_id in named:
            out.append(Binding(EventMatch.MATCHED, ci_id=subject.ci_id, rule=CI_ID_RULE))
        elif not keyed[i]:
            reason = f"no CI has id {subject.ci_id}" if subject.ci_id else "no identifiers"
            out.append(Binding(EventMatch.UNMATCHED, reason=reason))
        else:
            out.append(_decided(subject, found.get(i, [])))
    return out
