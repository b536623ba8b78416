"""Address ageing: which IP addresses leave which CIs after a discovery run (pure).

A CI's ``ipAddresses`` accumulate (no source's scan erases what another said), so a
"unique address within an environment" would go stale without two rules, applied at the
end of each run to the CIs it reached:

- **An address re-observed on another CI moves.** A scan that sees an address on one CI
  (and on no other CI of the run) takes it off every other device CI of the same
  environment that still holds it. An address several CIs of the run report (a shared
  VIP) stays where it is.
- **An address not seen for N runs drops.** Each time a source reaches a CI without
  seeing an address it reported before, its fact counts one miss (a sighting resets it).
  When every fact of the address on that CI has missed ``max_misses`` runs in a row, it
  leaves the CI. A fact of a source that does not scan (an import, a person) never
  misses, so an address finance or a person stated stays. Runs that did not reach the CI
  count nothing (a partial run ages nothing it did not see), and an address that only
  identified the device as the address it answered on (loopback in a lab) misses only
  when the run had it among its targets and nothing else answered there.

The facts themselves are kept (``droppedAt`` set): who saw the address, and when.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from graphcmdb.identity import normalise


@dataclass(frozen=True)
class FactView:
    """One source's fact of one IP address of a CI (``services/address_facts.py``)."""

    address: str
    source: str
    missed: int
    dropped: bool


@dataclass(frozen=True)
class Holder:
    """A device CI that claims an address, with its environment."""

    ci_id: str
    environment: str | None


@dataclass(frozen=True)
class Move:
    address: str
    from_id: str
    to_id: str


@dataclass(frozen=True)
class Drop:
    address: str
    ci_id: str
    missed: int


@dataclass(frozen=True)
class AgeingPlan:
    #: per CI, the addresses whose fact of this source missed this run
    misses: dict[str, list[str]] = field(default_factory=dict)
    moves: list[Move] = field(default_factory=list)
    drops: list[Drop] = field(default_factory=list)

    def leaving(self) -> dict[str, list[str]]:
        """Per CI, the addresses that leave it (moved or dropped), sorted."""
        out: dict[str, set[str]] = {}
        for m in self.moves:
            out.setdefault(m.from_id, set()).add(m.address)
        for d in self.drops:
            out.setdefault(d.ci_id, set()).add(d.address)
        return {ci: sorted(a) for ci, a in sorted(out.items())}


def sole_reporters(reported: Mapping[str, Collection[str]]) -> dict[str, str]:
    """The addresses exactly one CI of the run reported, with that CI."""
    by_address: dict[str, set[str]] = {}
    for ci_id, addresses in reported.items():
        for a in addresses:
            by_address.setdefault(a, set()).add(ci_id)
    return {a: next(iter(ids)) for a, ids in by_address.items() if len(ids) == 1}


def plan_ageing(
    source: str,
    reported: Mapping[str, Collection[str]],
    facts: Mapping[str, Sequence[FactView]],
    holders: Mapping[str, Sequence[Holder]],
    environments: Mapping[str, str | None],
    covered: Collection[str],
    max_misses: int,
    current: Mapping[str, Collection[str]],
) -> AgeingPlan:
    """What leaves which CI. ``reported``: per CI the run reached, the IP addresses it was
    seen with; ``facts``: the IP facts of those CIs; ``holders``: per address reported,
    the device CIs claiming it; ``environments``: of the reached CIs; ``covered``: the
    hosts among the run's targets (lower case); ``current``: the reached CIs'
    ``ipAddresses`` (only an address a CI has can leave it)."""
    plan = AgeingPlan()
    moved: set[tuple[str, str]] = set()
    for address, to_id in sorted(sole_reporters(reported).items()):
        env = environments.get(to_id)
        for h in holders.get(address, ()):
            if h.ci_id != to_id and h.environment == env:
                plan.moves.append(Move(address, h.ci_id, to_id))
                moved.add((h.ci_id, address))
    for ci_id, seen in sorted(reported.items()):
        live = [f for f in facts.get(ci_id, ()) if not f.dropped]
        missed = sorted(
            {
                f.address
                for f in live
                if f.source == source
                and f.address not in seen
                and (normalise.ip(f.address) is not None or f.address.lower() in covered)
            }
        )
        if missed:
            plan.misses[ci_id] = missed
        for address in missed:
            if (ci_id, address) in moved or address not in current.get(ci_id, ()):
                continue
            counts = [f.missed + (f.source == source) for f in live if f.address == address]
            if min(counts) >= max_misses:
                plan.drops.append(Drop(address, ci_id, min(counts)))
    return plan
