"""From rows about CIs (an import file, an ``upsertCIs`` call) to a plan, one row at a time.

The planner is the same for a preview and for the write: it identifies each row among
the candidates the graph gave plus what earlier rows of the same run planned (two rows
about one device become one CI even when a preview wrote nothing), and says per row:

- ``CREATE``: no CI is this thing; a new one is written;
- ``UPDATE``: the CI found by ``rule``, with the field changes;
- ``UNCHANGED``: that CI already says everything the row says;
- ``AMBIGUOUS``: several CIs could be it (the candidates); nothing is guessed;
- ``REFUSED``: it cannot be written as it is (why).

Field policy (source precedence for explicit sources): a row sets the fields it gives and
takes them from discovery; addresses accumulate (a row's IPs and MACs are added); a
matched CI keeps its name (a differing one is a note) and its class unless the row's
source may correct it (``class_precedence.py``; either way a note says so)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from graphcmdb.graph.enums import CIClass
from graphcmdb.graph.node_spec import IdentityRule
from graphcmdb.identity import class_precedence, normalise
from graphcmdb.identity.candidates import CandidateCI, DiscoveredProps
from graphcmdb.identity.class_precedence import CLASS_SOURCE, ClassSource
from graphcmdb.identity.keys import IDENTITY_FIELDS, Identity
from graphcmdb.identity.match import Ambiguous, Evidence, Matched, identify
from graphcmdb.identity.replacement import Replaced, replaced, retired

#: multi-valued facts, owned by no source: each row or scan adds the addresses it gives
#: whoever set the list, drops none; who said which: ``services/address_facts.py``
ACCUMULATING = frozenset({"ipAddresses", "macAddresses"})


class Action(StrEnum):
    CREATE = "CREATE"
    UPDATE = "UPDATE"
    UNCHANGED = "UNCHANGED"
    AMBIGUOUS = "AMBIGUOUS"
    REFUSED = "REFUSED"


@dataclass(frozen=True)
class CIRow:
    """One validated row: the CI's class and name, the fields it gives, the create-only
    defaults, and identifiers that are not CI fields (asset tags)."""

    ci_class: CIClass
    name: str
    props: Mapping[str, object]
    defaults: Mapping[str, object] = field(default_factory=dict)
    asset_tags: tuple[str, ...] = ()

    @cached_property
    def identity(self) -> Identity:
        """Its identifiers, normalised once (every step of a run reads them)."""
        given = {**self.props, "ciClass": self.ci_class.value, "name": self.name}
        return Identity.of_ci(given, self.asset_tags)

    def shared_by(self, ci: CandidateCI) -> CandidateCI:
        """``ci``, with this row's identity when it is made of the same values."""
        ci.share(self.identity, self.ci_class.value, self.name, self.props, self.asset_tags)
        return ci


@dataclass(frozen=True)
class Pin:
    """A person's decision about an ambiguous subject (a resolved reconciliation task):
    the CI it is, or ``IGNORE``."""

    resolution: str
    ci_id: str | None = None


IGNORE = "IGNORE"


@dataclass(frozen=True)
class CIRef:
    id: str
    name: str | None
    ci_class: str


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: object
    after: object


@dataclass(frozen=True)
class RowPlan:
    index: int
    action: Action
    #: the CI written or left as it is (a new CI's id is chosen when planned)
    ci: CIRef | None = None
    rule: str | None = None
    changes: tuple[FieldChange, ...] = ()
    candidates: tuple[CIRef, ...] = ()
    reason: str | None = None
    notes: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    #: an untracked asset the row's tag names, to link to a new CI
    track_asset: str | None = None
    #: CREATE / UPDATE: the CI's properties once written (its identity keys come from them)
    after: Mapping[str, object] | None = field(default=None, compare=False, repr=False)
    #: CREATE / UPDATE: the identity keys of the CI once written (what it claims)
    keys: tuple[str, ...] = field(default=(), compare=False, repr=False)
    #: CIs this row names that an earlier row of the same run creates: id -> that row
    new_ids: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)
    #: CREATE: the live CI whose role this new hardware takes over (a swap)
    replaces: Replaced | None = None

    def problem(self) -> dict[str, object]:
        """An unwritable row as the row problem imports and bulk calls report."""
        return {"row": self.index, "field": "identity", "reason": f"{self.action}: {self.reason}"}

    @property
    def writes(self) -> bool:
        return self.action in (Action.CREATE, Action.UPDATE)

    def _promised(self, ci_id: str) -> str:
        """A CI's id as a plan promises it: a CI the run creates is "new:<its row>" (its
        id is chosen anew by every preview)."""
        made = self.new_ids.get(ci_id)
        return ci_id if made is None else f"new:{made}"

    def signature(self) -> object:
        """What a preview promises about this row (a new CI's id is not promised)."""
        ci = None if self.ci is None or self.action is Action.CREATE else self._promised(self.ci.id)
        changes = [[c.field, _plain(c.before), _plain(c.after)] for c in self.changes]
        others = sorted(self._promised(c.id) for c in self.candidates)
        promised = [self.index, self.action.value, ci, self.rule, changes, others, self.reason]
        return promised + ([self.replaces.id] if self.replaces else [])


def _plain(value: object) -> object:
    plain = value is None or isinstance(value, str | int | float | bool | list)
    return value if plain else str(value)


def plan_token(rows: Sequence[RowPlan]) -> str:
    """A digest of what a plan promises: applying with it refuses a changed plan."""
    text = json.dumps([r.signature() for r in rows], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _ref(ci: CandidateCI) -> CIRef:
    return CIRef(ci.id, ci.name, ci.ci_class)


def _changes(row: CIRow, stored: DiscoveredProps) -> tuple[FieldChange, ...]:
    out: list[FieldChange] = []
    for name, value in row.props.items():
        before = stored.get(name)
        after = value
        if name in ACCUMULATING and not value:
            continue  # addresses accumulate: an empty list or null drops nothing
        if name in ACCUMULATING and isinstance(value, list):
            after = sorted({*stored.texts(name), *(str(v) for v in value)})
        if name == "serialNumber" and normalise.same_serial(before, after):
            continue  # another spelling of the same serial is no change
        if before != after and not (before in (None, []) and after in (None, [])):
            out.append(FieldChange(name, before, after))
    return tuple(out)


class CIPlanner:
    """Plans rows in order, remembering what it planned so later rows see it."""

    def __init__(
        self,
        rules: Sequence[IdentityRule],
        parent: CIPlanner | None = None,
        source: ClassSource = ClassSource.IMPORT,
    ) -> None:
        self.rules = tuple(rules)
        self.parent = parent
        #: who the rows come from, for class corrections
        self.source = source
        #: what this planner planned itself (its parent's plans are looked up there)
        self.planned: dict[str, CandidateCI] = {}
        self._by_key: dict[str, set[str]] = {}
        #: the CIs this run creates, by id: the row that creates each
        self._created: dict[str, int] = {}

    def fork(self) -> CIPlanner:
        """A planner that continues from here without changing this one (a transaction
        that may be retried plans on a fork); :meth:`absorb` keeps what it planned. Cheap:
        a fork reads through to its parent instead of copying it."""
        return CIPlanner(self.rules, parent=self, source=self.source)

    def absorb(self, fork: CIPlanner) -> None:
        """Keep what a fork planned (its transaction committed)."""
        self.planned.update(fork.planned)
        self._created.update(fork._created)
        for key, ids in fork._by_key.items():
            self._by_key.setdefault(key, set()).update(ids)

    def latest(self, ci_id: str) -> CandidateCI | None:
        """The latest planned version of a CI, if this run planned it."""
        mine = self.planned.get(ci_id)
        if mine is not None or self.parent is None:
            return mine
        return self.parent.latest(ci_id)

    def created_by(self, ci_id: str) -> int | None:
        """The row of this run that creates the CI, if one does."""
        mine = self._created.get(ci_id)
        if mine is not None or self.parent is None:
            return mine
        return self.parent.created_by(ci_id)

    def _new_ids(self, ids: Sequence[str]) -> dict[str, int]:
        return {i: row for i in ids if (row := self.created_by(i)) is not None}

    def _ids(self, key: str) -> Set[str]:
        """CIs this run planned with ``key`` (a new set only when two levels hold it)."""
        found: Set[str] = self._by_key.get(key) or frozenset()
        above = self.parent._ids(key) if self.parent is not None else frozenset()
        return (found | above if found else above) if above else found

    def _remember(self, ci: CandidateCI) -> tuple[str, ...]:
        """Keep a planned CI; returns its keys."""
        self.planned[ci.id] = ci
        keys = ci.identity.key_texts()
        for key in keys:
            self._by_key.setdefault(key, set()).add(ci.id)
        return keys

    def _candidates(self, row: CIRow, found: Sequence[CandidateCI]) -> list[CandidateCI]:
        ids = {i for key in row.identity.key_texts() for i in self._ids(key)}
        merged = {c.id: self.latest(c.id) or row.shared_by(c) for c in found}
        for i in ids:
            latest = self.latest(i)
            if latest is not None:
                merged[i] = latest
        return list(merged.values())

    def plan(
        self,
        index: int,
        row: CIRow,
        found: Sequence[CandidateCI],
        new_id: Callable[[], str],
        free_assets: Sequence[str] = (),
        pin: Pin | None = None,
    ) -> RowPlan:
        """Plan row ``index``; ``new_id`` gives the id of a CI it creates."""
        candidates = self._candidates(row, found)
        decision = identify(row.identity, candidates, self.rules)
        if isinstance(decision, Ambiguous) and pin is not None:
            if pin.resolution == IGNORE:
                note = ("ignored: a resolved reconciliation task says so",)
                return RowPlan(index, Action.UNCHANGED, rule="RESOLVED", notes=note)
            chosen = [c for c in decision.candidates if c.id == pin.ci_id]
            if chosen:
                decision = Matched(chosen[0], "RESOLVED", decision.evidence)
        if isinstance(decision, Ambiguous):
            refs = tuple(_ref(c) for c in decision.candidates)
            return RowPlan(
                index,
                Action.AMBIGUOUS,
                candidates=refs,
                reason=decision.reason,
                evidence=decision.evidence,
                new_ids=self._new_ids([c.id for c in refs]),
            )
        if decision is None:
            return self._create(index, row, candidates, new_id, free_assets)
        ci = decision.ci
        changes = _changes(row, ci.stored)
        notes = []
        if (ci.name or "") != row.name:
            notes.append(f"named '{ci.name}' in the CMDB (the row says '{row.name}'; kept)")
        if ci.ci_class != row.ci_class.value:
            reclassed, class_note = self._reclassified(ci, row, candidates)
            changes += reclassed
            notes.append(class_note)
        action = Action.UPDATE if changes else Action.UNCHANGED
        values = None
        keys: tuple[str, ...] = ()
        if changes:
            values = {**ci.stored.values, **{c.field: c.after for c in changes}}
            same = not IDENTITY_FIELDS & {c.field for c in changes}
            keys = self._remember(ci.with_values(values, same_identity=same))
        return RowPlan(
            index,
            action,
            ci=_ref(ci),  # as the CMDB has it now (a class change is one of the changes)
            rule=decision.rule,
            changes=changes,
            notes=tuple(notes),
            evidence=decision.evidence,
            after=values,
            keys=keys,
            new_ids=self._new_ids([ci.id]),
        )

    def _reclassified(
        self, ci: CandidateCI, row: CIRow, candidates: Sequence[CandidateCI]
    ) -> tuple[tuple[FieldChange, ...], str]:
        """The class correction the row makes of a CI it identified, if its source may
        (``class_precedence.py``), and the note that says what happened."""
        current, wanted = CIClass(ci.ci_class), row.ci_class
        why = class_precedence.refusal(current, wanted, ci.stored.get(CLASS_SOURCE), self.source)
        taken = wanted.value in ci.namesake_classes or any(
            c.ci_class == wanted.value and c.name == ci.name for c in candidates
        )
        if why is None and taken:
            why = f"another {wanted.value} is named '{ci.name}'"
        if why is not None:
            return (), f"a {current.value} in the CMDB (the row says {wanted.value}; kept: {why})"
        changes = [FieldChange("ciClass", current.value, wanted.value)]
        if ci.stored.get(CLASS_SOURCE) != self.source.value:
            changes.append(
                FieldChange(CLASS_SOURCE, ci.stored.get(CLASS_SOURCE), self.source.value)
            )
        return tuple(changes), f"reclassified from {current.value} to {wanted.value}"

    def _create(
        self,
        index: int,
        row: CIRow,
        candidates: Sequence[CandidateCI],
        new_id: Callable[[], str],
        free_assets: Sequence[str],
    ) -> RowPlan:
        old = replaced(row.identity, candidates)  # new hardware in a live CI's role?
        taken = [
            c
            for c in candidates
            if c.ci_class == row.ci_class.value
            and c.name == row.name
            and (old is None or c.id != old.id)
        ]
        if taken:
            other = taken[0]
            return RowPlan(
                index,
                Action.REFUSED,
                candidates=(_ref(other),),
                reason=(
                    f"The name '{row.name}' is taken by another {row.ci_class.value} "
                    f"({other.id}) that this row does not identify (no identifier agrees, "
                    "or one contradicts); rename the row or correct the CI."
                ),
                new_ids=self._new_ids([other.id]),
            )
        props = {
            **row.defaults,
            **row.props,
            "ciClass": row.ci_class.value,
            "name": row.name,
            CLASS_SOURCE: self.source.value,
        }
        ci_id = new_id()
        created = CandidateCI(
            id=ci_id,
            ci_class=row.ci_class.value,
            name=row.name,
            created_at=None,
            stored=DiscoveredProps(props),
            asset_tags=row.asset_tags,
        )
        keys = self._remember(created)
        self._created[ci_id] = index
        changes = tuple(FieldChange(k, None, v) for k, v in sorted(props.items()))
        asset = free_assets[0] if len(free_assets) == 1 else None
        swap = Replaced.of(old) if old is not None else None
        if old is not None:
            self._remember(retired(old))
        return RowPlan(
            index,
            Action.CREATE,
            ci=CIRef(ci_id, row.name, row.ci_class.value),
            changes=changes,
            track_asset=asset,
            after=props,
            keys=keys,
            replaces=swap,
            notes=(_swap_note(swap),) if swap else (),
            new_ids=self._new_ids([swap.id]) if swap else {},
        )


def _swap_note(old: Replaced) -> str:
    return (
        f"new hardware in the role of {old.ci_class} '{old.name}' ({old.id}, serial "
        f"{old.serial}): that CI becomes '{old.retired_name}', REPLACED, and its role "
        "(addresses, relationships, services) moves to this one"
    )
