"""Which existing CI a thing is: the CI spec's identification rules, strongest first.

The rules and the classes they apply to are declared in the CI spec
(``domain/identity_rules.py``); this module gives each rule its comparison. For a device:

1. ``SERIAL``: the same normalised serial from a compatible manufacturer (compared when
   both sides know it, by the first word: "Dell" = "Dell Inc.");
2. ``ASSET_TAG``: the CI an asset with the same tag tracks;
3. ``MAC``: shared MAC addresses (the CI sharing most of them);
4. ``FQDN``: the same fully qualified name;
5. ``HOSTNAME``: a host name or its first label equal to the CI's host name, name or
   their first labels;
6. ``IP``: an address held by exactly one device CI of the same environment, when all
   such addresses point at the same CI.

A logical CI (application, database, cluster) is found by ``NAME``: the same class
and name, without case. Device rules look across the device classes, so finance's
"Server" row finds the CI discovery filed as a network device.

Nothing is guessed. A candidate whose serial differs from a known serial is another box
(new hardware under an old name or address is a new CI); the weak rules (host name,
address) also pass over a CI whose identifying MACs say it is another box, and a CI
whose hardware was replaced. When the best hit of a rule is
several CIs, or two strong rules (serial, asset tag, MAC, FQDN) point at different CIs,
the answer is :class:`Ambiguous` with the candidates and the evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from graphcmdb.graph.enums import CIClass, CIStatus
from graphcmdb.graph.node_spec import IdentityRule
from graphcmdb.identity.candidates import CandidateCI
from graphcmdb.identity.keys import DEVICE_CLASSES, Identity
from graphcmdb.identity.normalise import same_maker

Score = Callable[[Identity, Identity], int]
REPLACED = CIStatus.REPLACED.value
#: candidates an ambiguity keeps (and names in its reason) at most
MAX_CANDIDATES = 100
MAX_NAMED = 10


@dataclass(frozen=True)
class Evidence:
    """One rule that found one CI, and the value it compared."""

    rule: str
    ci_id: str
    value: str


@dataclass(frozen=True)
class Matched:
    ci: CandidateCI
    rule: str
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Ambiguous:
    candidates: tuple[CandidateCI, ...]
    reason: str
    evidence: tuple[Evidence, ...] = ()


Decision = Matched | Ambiguous | None


def _serial(mine: Identity, theirs: Identity) -> int:
    if mine.serial is None or mine.serial != theirs.serial:
        return 0
    return int(same_maker(mine.manufacturer, theirs.manufacturer))


def _asset_tag(mine: Identity, theirs: Identity) -> int:
    return len(set(mine.asset_tags) & set(theirs.asset_tags))


def _mac(mine: Identity, theirs: Identity) -> int:
    return len(set(mine.identifying_macs) & set(theirs.identifying_macs))


def _fqdn(mine: Identity, theirs: Identity) -> int:
    return int(mine.fqdn is not None and mine.fqdn == theirs.fqdn)


def _hostname(mine: Identity, theirs: Identity) -> int:
    return int(bool(set(mine.hosts) & set(theirs.hosts)))


def _name(mine: Identity, theirs: Identity) -> int:
    same = (mine.name or "").lower() == (theirs.name or "").lower()
    return int(mine.ci_class is theirs.ci_class and bool(mine.name) and same)


#: each declared rule's comparison; ``IP`` is special (unique holder, see below)
SCORES: dict[str, Score] = {
    "SERIAL": _serial,
    "ASSET_TAG": _asset_tag,
    "MAC": _mac,
    "FQDN": _fqdn,
    "HOSTNAME": _hostname,
    "NAME": _name,
}


def _shared(mine: Sequence[str], theirs: Sequence[str]) -> list[str]:
    return sorted(set(mine) & set(theirs))


#: what each rule compared, for the evidence (computed for that rule only: this is hot)
VALUES: dict[str, Callable[[Identity, Identity], str | list[str] | None]] = {
    "SERIAL": lambda mine, _: mine.serial,
    "ASSET_TAG": lambda mine, theirs: _shared(mine.asset_tags, theirs.asset_tags),
    "MAC": lambda mine, theirs: _shared(mine.identifying_macs, theirs.identifying_macs),
    "FQDN": lambda mine, _: mine.fqdn,
    "HOSTNAME": lambda mine, theirs: _shared(mine.hosts, theirs.hosts),
    "NAME": lambda mine, _: mine.name,
    "IP": lambda mine, theirs: _shared(mine.ips, theirs.ips),
}


def _value(rule: str, mine: Identity, theirs: Identity) -> str:
    """What a rule compared, for the evidence."""
    compared = VALUES.get(rule)
    value = compared(mine, theirs) if compared is not None else None
    return ", ".join(value) if isinstance(value, list) else str(value)


def _contradicts(mine: Identity, theirs: Identity) -> bool:
    """Both know a serial and the serials differ: two boxes."""
    return mine.serial is not None and theirs.serial is not None and mine.serial != theirs.serial


def _weakly_contradicts(mine: Identity, theirs: Identity) -> bool:
    """A host name or an address is not enough against hard evidence of another box:
    both know identifying MACs and share none. (Differing FQDNs are not such evidence:
    one host's agents may answer with different names, see the simulated network.)"""
    mine_macs, their_macs = set(mine.identifying_macs), set(theirs.identifying_macs)
    return bool(mine_macs and their_macs and not mine_macs & their_macs)


def _replaced(ci: CandidateCI) -> bool:
    return ci.stored.get("status") == REPLACED


def _oldest_first(ci: CandidateCI) -> tuple[str, str]:
    created = ci.created_at
    return (created.isoformat() if created is not None else "", ci.id)


def _same_environment(mine: Identity, theirs: Identity) -> bool:
    return mine.environment is None or theirs.environment in (None, mine.environment)


def _unique_ip_holder(mine: Identity, devices: Sequence[CandidateCI]) -> CandidateCI | None:
    """The one CI all of the identity's unique addresses point at, if any: an address
    two CIs of one environment hold identifies neither."""
    local = [c for c in devices if _same_environment(mine, c.identity)]
    owners = [[c for c in local if ip in c.identity.ips] for ip in mine.ips]
    unique = {o[0].id: o[0] for o in owners if len(o) == 1}
    return next(iter(unique.values())) if len(unique) == 1 else None


def _applicable(rules: Sequence[IdentityRule], ci_class: CIClass) -> list[IdentityRule]:
    return [r for r in rules if not r.classes or ci_class.value in r.classes]


def _hits(
    rule: str, mine: Identity, eligible: Sequence[CandidateCI]
) -> list[tuple[int, CandidateCI]]:
    score = SCORES[rule]
    return [(s, c) for c in eligible if (s := score(mine, c.identity)) > 0]


def _best(hits: list[tuple[int, CandidateCI]]) -> list[CandidateCI]:
    if len(hits) == 1:
        return [hits[0][1]]
    top = max(s for s, _ in hits)
    return sorted((c for s, c in hits if s == top), key=_oldest_first)


def identify(
    mine: Identity, candidates: Sequence[CandidateCI], rules: Sequence[IdentityRule]
) -> Decision:
    """The CI ``mine`` is, :class:`Ambiguous`, or None (a new CI)."""
    if not candidates:
        return None
    scope = {*DEVICE_CLASSES, mine.ci_class} if mine.is_device else {mine.ci_class}
    devices = [c for c in candidates if c.identity.ci_class in scope]
    eligible = [c for c in devices if not _contradicts(mine, c.identity)]
    # weak rules never find a replaced CI (history) or one hard evidence says is another box
    weakly = [c for c in eligible if not _replaced(c) and not _weakly_contradicts(mine, c.identity)]
    applicable = _applicable(rules, mine.ci_class)
    evidence: list[Evidence] = []
    chosen: Matched | None = None
    for rule in applicable:
        if rule.name == "IP":
            holder = _unique_ip_holder(mine, [c for c in devices if not _replaced(c)])
            if chosen is None and holder is not None and holder in weakly:
                chosen = Matched(holder, rule.name)
                evidence.append(Evidence(rule.name, holder.id, _value("IP", mine, holder.identity)))
            continue
        hits = _hits(rule.name, mine, eligible if rule.strong else weakly)
        if not hits:
            continue
        best = _best(hits)
        evidence += [Evidence(rule.name, c.id, _value(rule.name, mine, c.identity)) for c in best]
        if len(best) > 1 and (chosen is None or rule.strong):
            names = ", ".join(f"{c.name} ({c.id})" for c in best[:MAX_NAMED])
            more = f" and {len(best) - MAX_NAMED} more" if len(best) > MAX_NAMED else ""
            reason = f"{rule.name} matches {len(best)} CIs: {names}{more}"
            return Ambiguous(tuple(best[:MAX_CANDIDATES]), reason, tuple(evidence[:MAX_CANDIDATES]))
        if chosen is None:
            chosen = Matched(best[0], rule.name)
        elif rule.strong and best[0].id != chosen.ci.id:
            return Ambiguous(
                (chosen.ci, best[0]),
                f"{chosen.rule} points at {chosen.ci.name} but {rule.name} at {best[0].name}",
                tuple(evidence),
            )
    if chosen is None:
        return None
    return Matched(chosen.ci, chosen.rule, tuple(evidence))
