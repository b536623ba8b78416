"""Duplicate suspects: device CIs that claim one identity key, with a confidence and evidence.

Every stored CI claims the keys of its normalised identifiers (``identity/keys.py``); CIs
sharing a key are candidates. Each group names the key it was found by and how far to
trust it:

| kind   | found by                                   | score  | confidence |
| ------ | ------------------------------------------ | ------ | ---------- |
| SERIAL | a serial (compatible manufacturers)        | 0.95   | HIGH       |
| MAC    | an identifying MAC (not shared / virtual)  | 0.90   | HIGH       |
| FQDN   | a fully qualified name                     | 0.85   | HIGH       |
| HOST   | a host name, name or short name (any       | 0.60   | MEDIUM     |
|        | device class, FQDN vs short name included) |        |            |
| IP     | an address (VIPs share them: weak)         | 0.30   | LOW        |
| NAME   | a logical CI's class and name (case aside) | 0.90   | HIGH       |
| NAME_LIKE | a logical CI's class and name, blanks   | 0.60   | MEDIUM     |
|        | and punctuation aside ("CRM-Suite")        |        |            |

Logical CIs (applications, databases, clusters) have no hardware identifiers: their
groups show the names as typed (``SPELLING``) and the CIs and services both are related
to (``NEIGHBOURS``, +0.03); environments that differ (-0.3) mean two instances of one
application, not one CI twice. The same name in two logical classes (an application and
its database) is normal and not reported.

Each further identifier all of them share adds 0.03. Contradictions lower the score: FQDNs
or environments that differ (-0.3: ``web01.prod`` is not ``web01.test``), makers that
differ (-0.2), host names that share nothing (-0.15), classes that differ (-0.1). HIGH is
a score of 0.8 or more, MEDIUM 0.5, LOW anything lower.

**A serial identifies hardware.** CIs whose known serials differ are two boxes, however
much else they share (a chassis swap keeps name, FQDN and address): such a key group is
split by serial (a CI without one joins each part, at -0.25: it could be either box), and
when no part is left it is reported as ``NONE`` — "not a duplicate: serials differ" —
never as a merge candidate (``duplicateCIs`` lists those only when asked for NONE).

A group is left out when a stronger one already holds all of its CIs (a pair sharing a
serial, a MAC and a host name is one SERIAL group, whose evidence lists the rest).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from graphcmdb.identity.keys import Identity
from graphcmdb.identity.normalise import manufacturer_word


class DuplicateKind(StrEnum):
    SERIAL = "SERIAL"
    MAC = "MAC"
    FQDN = "FQDN"
    HOST = "HOST"
    IP = "IP"
    #: logical CIs (applications, databases, clusters): one class, one name but for case
    NAME = "NAME"
    #: logical CIs of one class whose names differ only in blanks and punctuation
    NAME_LIKE = "NAME_LIKE"


#: the kinds of logical CIs (found by class and name, not by hardware identifiers)
LOGICAL_KINDS = frozenset({DuplicateKind.NAME, DuplicateKind.NAME_LIKE})


class Confidence(StrEnum):
    HIGH = "HIGH"
    MEDIUM = "MEDIUM"
    LOW = "LOW"
    #: not a duplicate (the serials differ): shown only when asked for
    NONE = "NONE"

    @property
    def rank(self) -> int:
        return list(Confidence).index(self)


class Verdict(StrEnum):
    AGREES = "AGREES"
    CONTRADICTS = "CONTRADICTS"


BASE: dict[DuplicateKind, float] = {
    DuplicateKind.SERIAL: 0.95,
    DuplicateKind.MAC: 0.9,
    DuplicateKind.FQDN: 0.85,
    DuplicateKind.HOST: 0.6,
    DuplicateKind.IP: 0.3,
    DuplicateKind.NAME: 0.9,
    DuplicateKind.NAME_LIKE: 0.6,
}
PENALTY: dict[str, float] = {
    "FQDN": 0.3,
    "ENVIRONMENT": 0.3,
    "MANUFACTURER": 0.2,
    "HOST": 0.15,
    "CLASS": 0.1,
}
EACH_MORE = 0.03
EITHER_BOX = 0.25


@dataclass(frozen=True)
class KeyHolder:
    """A CI claiming a shared key: its id and stored properties."""

    id: str
    props: Mapping[str, object]

    @property
    def identity(self) -> Identity:
        return Identity.of_ci(self.props)


@dataclass(frozen=True)
class SharedKey:
    """One ``IdentityKey`` claimed by several device CIs, oldest first."""

    key: str
    holders: tuple[KeyHolder, ...]


@dataclass(frozen=True)
class Evidence:
    """One identifier the CIs of a group agree or disagree on."""

    identifier: str
    verdict: Verdict
    values: tuple[str, ...]
    note: str | None = None


@dataclass(frozen=True)
class Suspect:
    """A duplicate group: the key it was found by, how sure, why, the CIs (oldest first)."""

    kind: DuplicateKind
    key: str
    value: str
    ids: tuple[str, ...]
    score: float
    confidence: Confidence
    summary: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class _Part:
    kind: DuplicateKind
    key: str
    holders: tuple[KeyHolder, ...]
    #: serials of boxes sharing the key outside this part
    rivals: tuple[str, ...] = ()
    contradicted: bool = False


def _split(kind: DuplicateKind, key: str, holders: tuple[KeyHolder, ...]) -> list[_Part]:
    """The key's group split by serial (by maker for a SERIAL key); no part is a group
    of two boxes. When nothing is left for a non-serial key, one contradicted part."""

    def label(h: KeyHolder) -> str | None:
        i = h.identity
        return manufacturer_word(i.manufacturer) if kind is DuplicateKind.SERIAL else i.serial

    labels = sorted({lb for h in holders if (lb := label(h)) is not None})
    if len(labels) <= 1:
        return [_Part(kind, key, holders)]
    unknown = tuple(h for h in holders if label(h) is None)
    parts = []
    for lb in labels:
        part = tuple(h for h in holders if label(h) == lb or h in unknown)
        if len(part) > 1:
            rivals = tuple(x for x in labels if x != lb) if kind is not DuplicateKind.SERIAL else ()
            parts.append(_Part(kind, key, part, rivals))
    if not parts and kind is not DuplicateKind.SERIAL:
        return [_Part(kind, key, holders, tuple(labels), contradicted=True)]
    return parts


def _single(
    name: str, ids: Sequence[Identity], get: Callable[[Identity], str | None]
) -> Evidence | None:
    known = [v for i in ids if (v := get(i)) is not None]
    if len(known) < 2:
        return None
    values = tuple(sorted(set(known)))
    return Evidence(name, Verdict.AGREES if len(values) == 1 else Verdict.CONTRADICTS, values)


def _shared(
    name: str, ids: Sequence[Identity], get: Callable[[Identity], tuple[str, ...]]
) -> Evidence | None:
    sets = [set(get(i)) for i in ids]
    if any(not s for s in sets):
        return None
    common = set.intersection(*sets)
    if common:
        return Evidence(name, Verdict.AGREES, tuple(sorted(common)))
    if name == "HOST":
        return Evidence(name, Verdict.CONTRADICTS, tuple(sorted(set.union(*sets))))
    return None


def evidence_of(ids: Sequence[Identity]) -> list[Evidence]:
    """What the identities agree and disagree on (identifiers some of them lack are
    neither)."""
    found = [
        _single("SERIAL", ids, lambda i: i.serial),
        _single("MANUFACTURER", ids, lambda i: manufacturer_word(i.manufacturer)),
        _shared("MAC", ids, lambda i: i.identifying_macs),
        _single("FQDN", ids, lambda i: i.fqdn),
        _shared("HOST", ids, lambda i: i.hosts),
        _shared("IP", ids, lambda i: i.ips),
        _single("CLASS", ids, lambda i: i.ci_class.value),
        _single("ENVIRONMENT", ids, lambda i: i.environment),
    ]
    return [e for e in found if e is not None]


def _confidence(score: float) -> Confidence:
    if score >= 0.8:
        return Confidence.HIGH
    return Confidence.MEDIUM if score >= 0.5 else Confidence.LOW


def _summary(evidence: Sequence[Evidence]) -> str:
    agree = [e.identifier.lower() for e in evidence if e.verdict is Verdict.AGREES]
    differ = [e.identifier.lower() for e in evidence if e.verdict is Verdict.CONTRADICTS]
    text = f"{', '.join(agree) or 'nothing'} agree"
    return f"{text}; {', '.join(differ)} differ" if differ else text


def _names(value: object) -> set[str]:
    """The texts of a list read from the graph (none for anything else)."""
    return {v for v in value if isinstance(v, str)} if isinstance(value, list) else set()


def logical_evidence(kind: DuplicateKind, key: str, holders: Sequence[KeyHolder]) -> list[Evidence]:
    """What a logical group shows besides class and environment: the rule they share,
    the names as typed (they differ in case, blanks or punctuation at most), and the CIs
    and services they are both related to (``neighbours`` of the report's read)."""
    names = tuple(sorted({str(h.props.get("name")) for h in holders}))
    out = [Evidence(kind.value, Verdict.AGREES, (key.rsplit(":", 1)[1],))]
    if len(names) > 1:
        folded = {n.casefold().strip() for n in names}
        how = "case" if len(folded) == 1 else "blanks and punctuation"
        out.append(Evidence("SPELLING", Verdict.CONTRADICTS, names, f"only {how} differ"))
    sets = [_names(h.props.get("neighbours")) for h in holders]
    common = set.intersection(*sets) if sets else set()
    if common:
        out.append(Evidence("NEIGHBOURS", Verdict.AGREES, tuple(sorted(common))))
    return out


def _suspect(part: _Part) -> Suspect:
    kind, ids = part.kind, [h.identity for h in part.holders]
    evidence = evidence_of(ids)
    if kind in LOGICAL_KINDS:
        evidence += logical_evidence(kind, part.key, part.holders)
    value = _display(part)
    ci_ids = tuple(h.id for h in part.holders)
    if part.contradicted:
        note = "two boxes: a serial identifies hardware"
        evidence = [_noted(e, note) if e.identifier == "SERIAL" else e for e in evidence]
        summary = f"not a duplicate: serials differ ({_summary(evidence)})"
        return Suspect(
            kind, part.key, value, ci_ids, 0.0, Confidence.NONE, summary, tuple(evidence)
        )
    if part.rivals:
        note = f"the same {kind.value} is held by another box: either could be this one"
        evidence.append(Evidence("SERIAL", Verdict.CONTRADICTS, part.rivals, note))
    strongest = [BASE[k] for k in DuplicateKind if _agrees(evidence, k.value)]
    score = max([BASE[kind], *strongest]) + EACH_MORE * (len(strongest) - 1)
    score += EACH_MORE if _agrees(evidence, "NEIGHBOURS") else 0.0
    differ = [e.identifier for e in evidence if e.verdict is Verdict.CONTRADICTS]
    score -= sum(PENALTY.get(name, 0.0) for name in differ)
    score -= EITHER_BOX if part.rivals else 0.0
    score = round(min(0.99, max(0.05, score)), 2)
    confidence, summary = _confidence(score), _summary(evidence)
    return Suspect(kind, part.key, value, ci_ids, score, confidence, summary, tuple(evidence))


def _noted(e: Evidence, note: str) -> Evidence:
    return Evidence(e.identifier, e.verdict, e.values, note)


def _display(part: _Part) -> str:
    """The shared identifier as people read it: a serial as the oldest CI spells it (upper
    case), anything else normalised."""
    serial = part.holders[0].props.get("serialNumber")
    if part.kind is DuplicateKind.SERIAL and isinstance(serial, str):
        return serial.strip().upper()
    if part.kind in LOGICAL_KINDS:  # the oldest CI's name
        return str(part.holders[0].props.get("name"))
    return part.key.split(":", 1)[1]


def _agrees(evidence: Sequence[Evidence], name: str) -> bool:
    return any(e.identifier == name and e.verdict is Verdict.AGREES for e in evidence)


def _kind(key: str) -> DuplicateKind | None:
    prefix = key.split(":", 1)[0]
    return DuplicateKind(prefix) if prefix in DuplicateKind.__members__ else None


def suspects(shared: Sequence[SharedKey], at_least: Confidence = Confidence.LOW) -> list[Suspect]:
    """The duplicate groups of the shared keys, strongest kind first, each group left out
    when an earlier one holds all its CIs; only those of ``at_least`` confidence."""
    order = list(DuplicateKind)
    parts: list[_Part] = []
    for sk in shared:
        kind = _kind(sk.key)
        if kind is not None and len(sk.holders) > 1:
            parts.extend(_split(kind, sk.key, sk.holders))
    parts.sort(key=lambda p: (order.index(p.kind), p.key))
    out: list[Suspect] = []
    seen: list[tuple[frozenset[str], bool]] = []
    for part in parts:
        ids = frozenset(h.id for h in part.holders)
        if any(ids <= held and part.contradicted == c for held, c in seen):
            continue
        seen.append((ids, part.contradicted))
        suspect = _suspect(part)
        if suspect.confidence.rank <= at_least.rank:
            out.append(suspect)
    return out
