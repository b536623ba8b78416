"""One frozen spec per relationship type: which labels or CI classes may stand at each end.

The relationship validator reads its allowed endpoint pairs from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graphcmdb.graph.enums import CIClass, Label, RelType

#: An endpoint is either a node label or a CI class label.
Endpoint = Label | CIClass

ANY_CI: tuple[Endpoint, ...] = (Label.CI,)
CI_OR_SERVICE: tuple[Endpoint, ...] = (Label.CI, Label.SERVICE)
HOSTS: tuple[Endpoint, ...] = (CIClass.SERVER, CIClass.VIRTUAL_MACHINE, CIClass.CLUSTER)
SOFTWARE: tuple[Endpoint, ...] = (CIClass.APPLICATION, CIClass.DATABASE, CIClass.LOAD_BALANCER)


@dataclass(frozen=True)
class RelSpec:
    type: RelType
    sources: tuple[Endpoint, ...]
    targets: tuple[Endpoint, ...]
    has_kind: bool = False
    properties: tuple[str, ...] = field(default=())
    #: set when the relationship is managed by a dedicated mutation instead of ``relate``
    generic: bool = True


REL_SPECS: dict[RelType, RelSpec] = {
    spec.type: spec
    for spec in (
        RelSpec(RelType.DEPENDS_ON, CI_OR_SERVICE, CI_OR_SERVICE, has_kind=True),
        RelSpec(RelType.RUNS_ON, SOFTWARE, HOSTS),
        RelSpec(RelType.HOSTED_ON, (CIClass.VIRTUAL_MACHINE,), (CIClass.SERVER,)),
        RelSpec(RelType.MEMBER_OF, ANY_CI, (CIClass.CLUSTER,)),
        RelSpec(RelType.CONNECTED_TO, ANY_CI, ANY_CI, properties=("localPort", "remotePort")),
        # ITAM links have their own mutations (one CI per asset, one holder, one place)
        RelSpec(RelType.TRACKS, (Label.ASSET,), ANY_CI, generic=False),
        RelSpec(RelType.COVERED_BY, (Label.ASSET,), (Label.CONTRACT,), generic=False),
        RelSpec(RelType.WITH, (Label.CONTRACT,), (Label.VENDOR,), generic=False),
        RelSpec(RelType.ASSIGNED_TO, (Label.ASSET,), (Label.PERSON,), generic=False),
        RelSpec(RelType.LOCATED_AT, (Label.ASSET,), (Label.LOCATION,), generic=False),
        RelSpec(RelType.HAD, (Label.ASSET,), (Label.LIFECYCLE_EVENT,), generic=False),
        # written by identification when new hardware takes over a CI's role
        RelSpec(RelType.REPLACED_BY, ANY_CI, ANY_CI, generic=False),
        RelSpec(
            RelType.HAS_INSTALLED,
            ANY_CI,
            (Label.SOFTWARE_PRODUCT,),
            properties=("version", "installedAt"),
            generic=False,
        ),
        RelSpec(RelType.FOR, (Label.LICENSE,), (Label.SOFTWARE_PRODUCT,), generic=False),
        RelSpec(RelType.UNDER, (Label.LICENSE,), (Label.CONTRACT,), generic=False),
        # ITSM links are written by the incident and change mutations
        RelSpec(RelType.AFFECTS, (Label.INCIDENT,), CI_OR_SERVICE, generic=False),
        RelSpec(RelType.CAUSED_BY, (Label.INCIDENT,), (Label.CI, Label.CHANGE), generic=False),
        RelSpec(RelType.MODIFIES, (Label.CHANGE,), ANY_CI, generic=False),
        # an automatic incident's root-cause candidates, best first ({rank})
        RelSpec(RelType.SUSPECTS, (Label.INCIDENT,), ANY_CI, properties=("rank",), generic=False),
        RelSpec(RelType.OWNED_BY, (Label.SERVICE,), (Label.TEAM,)),
        RelSpec(RelType.SUPPORTED_BY, ANY_CI, (Label.TEAM,)),
    )
}


def endpoint_matches(labels: list[str], allowed: tuple[Endpoint, ...]) -> bool:
    """True when a node with ``labels`` may stand at an end that allows ``allowed``."""
    return any(e.value in labels for e in allowed)


def describe(endpoints: tuple[Endpoint, ...]) -> str:
    return " or ".join(e.value for e in endpoints)


#: the types ``relate`` draws (and imports, and the orphan report looks for)
GENERIC_TYPES: tuple[RelType, ...] = tuple(t for t, spec in REL_SPECS.items() if spec.generic)
