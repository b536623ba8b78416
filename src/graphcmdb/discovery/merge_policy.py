"""The field-level merge policy: which value each field of the kept CI ends with, and why.

Merging CIs never loses a value a person entered. For each field of a CI:

- ``name`` and ``ciClass`` stay the kept CI's: they are its key (``KEY``);
- ``ipAddresses``, ``macAddresses`` and ``sources`` become the union of every CI's
  (``UNION``); ``firstSeen`` the earliest (``EARLIEST``), ``lastSeen`` the latest
  (``LATEST``);
- any other field: the kept CI's non-empty value wins (``KEPT``), unless discovery owns
  it (it is listed in the CI's ``discoveredFields``) and a merged CI holds a value a
  person (or an import) entered: a person's value beats discovery's, as it does when
  discovery writes (``PERSON_ENTERED``). An empty kept field takes a merged CI's value,
  a person's before discovery's, then the first in the order given (``FILLED``). When
  every CI has the same value, it is ``AGREED``.

A field stays discovery's after the merge only when the value it ends with was
discovery's (for a union: when every part of it was). The losing values are kept in
the plan, and so in the audit entry of the merge.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from graphcmdb.discovery.merge import RelationshipChange
from graphcmdb.domain.models import CIFields
from graphcmdb.identity import normalise
from graphcmdb.identity.candidates import OWNED

UNIONED = ("ipAddresses", "macAddresses", "sources")
KEYS = ("name", "ciClass")
#: every CI field a merge decides, in the order a plan lists them
MERGED_FIELDS: tuple[str, ...] = (
    *KEYS,
    *CIFields.model_fields,
    "sources",
    "firstSeen",
    "lastSeen",
)


class MergeReason(StrEnum):
    KEY = "KEY"
    AGREED = "AGREED"
    KEPT = "KEPT"
    PERSON_ENTERED = "PERSON_ENTERED"
    FILLED = "FILLED"
    UNION = "UNION"
    EARLIEST = "EARLIEST"
    LATEST = "LATEST"


#: the winner of a union or of the earliest / latest moment: no single CI
EVERY_CI = "*"


@dataclass(frozen=True)
class MergeCI:
    """A CI taking part in a merge: its id and stored properties."""

    id: str
    values: Mapping[str, object]

    def get(self, name: str) -> object:
        return self.values.get(name)

    def discovered(self, name: str) -> bool:
        owned = self.values.get(OWNED)
        return isinstance(owned, list) and name in owned


@dataclass(frozen=True)
class Incoming:
    """A merged CI's value of one field, and who entered it."""

    ci_id: str
    value: object
    discovered: bool


@dataclass(frozen=True)
class FieldDecision:
    """One field of the merge: the kept CI's value, the merged CIs' and the outcome."""

    field: str
    kept: object
    kept_discovered: bool
    incoming: tuple[Incoming, ...]
    value: object
    #: the id of the CI whose value won, or ``EVERY_CI``
    winner: str
    reason: MergeReason
    discovered: bool

    @property
    def changed(self) -> bool:
        return not _same(self.kept, self.value)

    def describe(self) -> dict[str, object]:
        """The decision as the audit entry keeps it."""
        return {
            "field": self.field,
            "kept": self.kept,
            "incoming": [{"ciId": i.ci_id, "value": i.value} for i in self.incoming],
            "value": self.value,
            "winner": self.winner,
            "reason": self.reason.value,
            "discoveredBefore": self.kept_discovered,
            "discovered": self.discovered,
        }


def _empty(value: object) -> bool:
    return value is None or value == "" or value == []


def _same(have: object, want: object) -> bool:
    return have == want or (_empty(have) and _empty(want))


def _moments(values: Sequence[object]) -> list[datetime]:
    return [v for v in values if isinstance(v, datetime)]


def _decide(name: str, keep: MergeCI, others: Sequence[MergeCI]) -> FieldDecision | None:
    incoming = tuple(
        Incoming(o.id, o.get(name), o.discovered(name)) for o in others if not _empty(o.get(name))
    )
    kept = keep.get(name)
    if _empty(kept) and not incoming:
        return None

    def decision(value: object, winner: str, reason: MergeReason, owned: bool) -> FieldDecision:
        return FieldDecision(
            name, kept, keep.discovered(name), incoming, value, winner, reason, owned
        )

    everyone = [keep, *others]
    if name in KEYS:
        return decision(kept, keep.id, MergeReason.KEY, False)
    if name in UNIONED:
        parts = [ci for ci in everyone if not _empty(ci.get(name))]
        values = [str(v) for ci in parts for v in _list(ci.get(name))]
        union = list(dict.fromkeys(values)) if name == "sources" else sorted(set(values))
        owned = bool(parts) and all(ci.discovered(name) for ci in parts)
        return decision(union, EVERY_CI, MergeReason.UNION, owned)
    if name in ("firstSeen", "lastSeen"):
        moments = _moments([ci.get(name) for ci in everyone])
        moment = (min if name == "firstSeen" else max)(moments) if moments else None
        reason = MergeReason.EARLIEST if name == "firstSeen" else MergeReason.LATEST
        return decision(moment, EVERY_CI, reason, False)
    if incoming and all(_same(kept, i.value) for i in incoming):
        owned = keep.discovered(name) and all(i.discovered for i in incoming)
        return decision(kept, EVERY_CI, MergeReason.AGREED, owned)
    person = next((i for i in incoming if not i.discovered), None)
    if not _empty(kept):
        if keep.discovered(name) and person is not None:
            return decision(person.value, person.ci_id, MergeReason.PERSON_ENTERED, False)
        return decision(kept, keep.id, MergeReason.KEPT, keep.discovered(name))
    donor = person or incoming[0]
    return decision(donor.value, donor.ci_id, MergeReason.FILLED, donor.discovered)


def _list(value: object) -> list[object]:
    return list(value) if isinstance(value, list | tuple) else [value]


@dataclass(frozen=True)
class FieldPlan:
    """Every field decision of a merge, and the kept CI's property changes."""

    decisions: tuple[FieldDecision, ...]
    #: the properties to write on the kept CI (changed fields and ``discoveredFields``)
    changes: Mapping[str, object]


def merge_fields(keep: MergeCI, others: Sequence[MergeCI]) -> FieldPlan:
    """The field-level merge of ``others`` into ``keep`` (see the module docstring)."""
    decisions = [d for f in MERGED_FIELDS if (d := _decide(f, keep, others)) is not None]
    changes: dict[str, object] = {d.field: d.value for d in decisions if d.changed}
    owned = set(_list(keep.get(OWNED) or []))
    for d in decisions:
        if d.discovered:
            owned.add(d.field)
        else:
            owned.discard(d.field)
    owned_list = sorted(str(o) for o in owned)
    if not _same(keep.get(OWNED), owned_list):
        changes[OWNED] = owned_list
    return FieldPlan(tuple(decisions), changes)


def differing_serials(cis: Sequence[MergeCI]) -> list[str]:
    """The normalised serials of the CIs when more than one: they are different boxes."""
    serials = {s for ci in cis if (s := normalise.serial(_text(ci.get("serialNumber"))))}
    return sorted(serials) if len(serials) > 1 else []


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


@dataclass(frozen=True)
class MergePlan:
    """Everything a merge does: each field's decision and each relationship's fate.

    A preview computes it in the merge's own transaction (rolled back); the token is a
    digest of it, so an apply given the preview's token refuses a plan that changed."""

    keep_id: str
    merge_ids: tuple[str, ...]
    fields: tuple[FieldDecision, ...]
    relationships: tuple[RelationshipChange, ...]

    def describe(self) -> dict[str, object]:
        return {
            "keepId": self.keep_id,
            "mergeIds": list(self.merge_ids),
            "fields": [d.describe() for d in self.fields],
            "relationships": [
                r.describe() | {"outcome": r.outcome.value} for r in self.relationships
            ],
        }

    @property
    def token(self) -> str:
        text = json.dumps(self.describe(), sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:32]
