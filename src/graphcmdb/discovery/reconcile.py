"""From one observation and the graph's candidates to a device plan (pure).

The plan says what to write for the device: the CI's properties (a new CI, or only the
fields that change under source precedence), its installations and an asset link. An
empty plan means the device is unchanged; then at most ``lastSeen`` moves, which the
writer batches for the whole run.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from pydantic import ValidationError

from graphcmdb.discovery.installations import SoftwarePlan, as_utc, plan_software
from graphcmdb.discovery.observation import Observation
from graphcmdb.discovery.precedence import field_changes, observed_fields
from graphcmdb.domain.models import CICreate, CIUpdate, parse
from graphcmdb.graph.enums import CIClass
from graphcmdb.identity.candidates import OWNED, AssetCandidate, CandidateCI
from graphcmdb.identity.class_precedence import CLASS_SOURCE, ClassSource, refusal
from graphcmdb.identity.keys import Identity
from graphcmdb.identity.match import Matched
from graphcmdb.identity.normalise import answering_ip, same_maker
from graphcmdb.identity.plan import CIRow


class Outcome(StrEnum):
    NEW = "NEW"
    UPDATED = "UPDATED"
    UNCHANGED = "UNCHANGED"
    #: a person decided to leave this device out (a resolved reconciliation task)
    IGNORED = "IGNORED"


@dataclass(frozen=True)
class DevicePlan:
    ci_id: str
    create: bool
    rule: str | None
    props: dict[str, object]
    #: the previous values of ``props`` (an update), for the audit entry
    before: dict[str, object] = field(default_factory=dict)
    software: SoftwarePlan = field(default_factory=SoftwarePlan)
    asset_id: str | None = None
    #: set when nothing but ``lastSeen`` moves
    seen_at: datetime | None = None
    #: the class discovery corrects the CI to (``identity/class_precedence.py``)
    reclass: CIClass | None = None

    @property
    def outcome(self) -> Outcome:
        if self.create:
            return Outcome.NEW
        if self.props or self.software or self.asset_id or self.reclass:
            return Outcome.UPDATED
        return Outcome.UNCHANGED


def observed_identity(obs: Observation) -> Identity:
    """The identity of what a scan saw: its sysName, serial, MACs and addresses,
    including the address that answered (even on loopback: a lab agent's only name)."""
    identity = Identity.of(
        obs.ci_class,
        None,
        host_names=(obs.sys_name,),
        serial=obs.serial_number,
        manufacturer=obs.manufacturer,
        macs=obs.macs,
        ips=obs.ip_addresses,
    )
    answered = answering_ip(obs.address)
    ips = tuple(sorted({*identity.ips, answered} if answered else set(identity.ips)))
    return replace(identity, ips=ips)


def name_choices(obs: Observation, identity: Identity) -> list[str]:
    """Names for a new CI in order of preference: its sysName, then made unique."""
    base = (obs.sys_name or "").strip() if identity.hosts else ""
    base = base or obs.address
    serial = (obs.serial_number or "").strip()
    extra = [f"{base} ({x})" for x in (serial, obs.address) if x and x != base]
    return list(dict.fromkeys([base, *extra]))


def pick_asset(identity: Identity, assets: Sequence[AssetCandidate]) -> str | None:
    """The one untracked asset with the device's serial (and a compatible maker)."""
    fitting = [a for a in assets if same_maker(identity.manufacturer, a.manufacturer)]
    return fitting[0].id if len(fitting) == 1 else None


def _observed(obs: Observation, identity: Identity) -> dict[str, object]:
    """Observed values validated and normalised exactly as a person's input would be; a
    value that would be refused from a person (a core count of 10^9) is left out."""
    valid: dict[str, object] = {}
    for name, value in observed_fields(obs, identity).items():
        try:
            valid |= CIUpdate.model_validate({name: value}).graph_props()
        except ValidationError:
            continue
    return valid


def observed_row(obs: Observation, identity: Identity) -> CIRow:
    """The observation as a CI row: what a reconciliation task keeps as its subject."""
    name = name_choices(obs, identity)[0]
    return CIRow(obs.ci_class, name, _observed(obs, identity))


#: ``discoveredFields`` holds "name" while the CI's name is the one discovery gave it
NAME = "name"


def _renamed(
    obs: Observation, identity: Identity, current: str | None, owned: Sequence[str], taken: Set[str]
) -> str | None:
    """The name policy: discovery renames a CI after its sysName only while the name is
    discovery's (it named the CI and no person renamed it since: a person's edit takes the
    field back), only to a real sysName, and never onto a name another CI has."""
    if NAME not in owned or not identity.hosts:
        return None
    wanted = name_choices(obs, identity)[0]
    return wanted if wanted != current and wanted not in taken else None


def plan_new(
    obs: Observation,
    identity: Identity,
    source: str,
    ci_id: str,
    taken: Set[str],
    assets: Sequence[AssetCandidate],
) -> DevicePlan:
    observed = _observed(obs, identity)
    choices = name_choices(obs, identity)
    free = [n for n in choices if n not in taken]
    name = free[0] if free else f"{obs.address} ({ci_id[:8]})"
    props = parse(CICreate, {"name": name, "ciClass": obs.ci_class, **observed}).graph_props()
    props[CLASS_SOURCE] = ClassSource.DISCOVERY.value
    at = as_utc(obs.observed_at)
    # the name policy: a name discovery gave from the sysName stays discovery's to change
    owned = sorted({*observed, NAME} if identity.hosts and name == choices[0] else observed)
    props |= {OWNED: owned, "sources": [source], "firstSeen": at, "lastSeen": at}
    return DevicePlan(
        ci_id=ci_id,
        create=True,
        rule=None,
        props=props,
        software=plan_software(obs, [], source),
        asset_id=pick_asset(identity, assets),
    )


def plan_update(
    obs: Observation,
    identity: Identity,
    source: str,
    match: Matched,
    assets: Sequence[AssetCandidate],
    taken: Set[str] = frozenset(),
) -> DevicePlan:
    ci = match.ci
    stored = ci.stored
    changes = field_changes(stored, _observed(obs, identity))
    renamed = _renamed(obs, identity, ci.name, stored.owned, taken)
    if renamed is not None:
        changes["name"] = renamed
    sources = list(stored.sources)
    if source not in sources:
        changes["sources"] = [*sources, source]
    at = as_utc(obs.observed_at)
    if stored.first_seen is None:
        changes["firstSeen"] = at
    software = plan_software(obs, ci.installs, source)
    asset_id = None if ci.tracked else pick_asset(identity, assets)
    reclass = _reclass(obs, ci)
    last = stored.last_seen
    moves = last is None or at > last
    seen_at = None
    if moves and (changes or software or asset_id or reclass):
        changes["lastSeen"] = at
    elif moves:
        seen_at = at
    return DevicePlan(
        ci_id=ci.id,
        create=False,
        rule=match.rule,
        props=changes,
        before={k: stored.get(k) for k in changes},
        software=software,
        asset_id=asset_id,
        seen_at=seen_at,
        reclass=reclass,
    )


def _reclass(obs: Observation, ci: CandidateCI) -> CIClass | None:
    """The class discovery corrects a matched CI to, when it may: it saw another class,
    and no person chose the CI's class (``identity/class_precedence.py``)."""
    current = CIClass(ci.ci_class)
    source = ci.stored.get(CLASS_SOURCE)
    if current is obs.ci_class or obs.ci_class.value in ci.namesake_classes:
        return None  # nothing to correct, or the name is taken in that class
    if refusal(current, obs.ci_class, source, ClassSource.DISCOVERY):
        return None
    return obs.ci_class
