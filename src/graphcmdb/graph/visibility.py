"""Which nodes a scoped token sees: one Cypher predicate per label, generated here.

A token with no scopes sees everything (``$scoped`` is null). A scoped token sees a
node when it is inside at least one of its scopes (the values are exact names or ids):

- a **CI**: its ``environment`` is a scoped environment; an asset tracking it is
  ``LOCATED_AT`` a scoped location; it is ``SUPPORTED_BY`` a scoped team; or a scoped
  service needs it (directly or through other CIs: ``DEPENDS_ON``/``RUNS_ON``/
  ``HOSTED_ON`` and cluster → member, at most :data:`SERVICE_DEPTH` hops), a service
  counting as scoped also when its ``owner`` is a scoped team;
- a **service**: it is a scoped service, its ``owner`` (or a team it is ``OWNED_BY``)
  is a scoped team, or it needs a CI of a scoped environment or location;
- an **asset**: it is ``LOCATED_AT`` a scoped location or ``TRACKS`` a visible CI;
- an **incident**: it ``AFFECTS`` or is ``CAUSED_BY`` a visible CI or service; a
  **change**: it ``MODIFIES`` a visible CI; a **location**: it is a scoped location;
- anything else (vendors, people, contracts, licenses, products, discovery runs, tasks
  …): nothing; deny by default until a rule is written here.

Labels and relationship types come from the enums; every value is a parameter.
"""

from __future__ import annotations

from collections.abc import Callable

from graphcmdb.graph.enums import NEEDS_TYPES, Label, RelType

#: how far down a service's needs a service scope reaches
SERVICE_DEPTH = 10

_NEEDS = "|".join(t.value for t in (*NEEDS_TYPES, RelType.MEMBER_OF))
_MEMBER = RelType.MEMBER_OF.value


def _named(var: str, param: str) -> str:
    return f"({var}.name IN ${param} OR {var}.id IN ${param})"


def _needs(start: str, end: str) -> str:
    """A path from ``start`` down its needs to ``end`` (a cluster needs its members,
    stored as ``(member)-[:MEMBER_OF]->(cluster)``)."""
    return (
        f"({start}) ((a)-[r:{_NEEDS}]-(b) WHERE (type(r) = '{_MEMBER}') = (startNode(r) = b))"
        f"{{1,{SERVICE_DEPTH}}} ({end})"
    )


def _located(ci: str, loc: str) -> str:
    asset, location = Label.ASSET.value, Label.LOCATION.value
    return (
        f"EXISTS {{ MATCH ({ci})<-[:{RelType.TRACKS.value}]-(:{asset})"
        f"-[:{RelType.LOCATED_AT.value}]->({loc}:{location}) "
        f"WHERE {_named(loc, 'scopeLocations')} }}"
    )


def _teamed(var: str, rel: RelType, depth: int) -> str:
    """``var`` linked by ``rel`` to a team an owner scope names."""
    team = f"t{depth}"
    return (
        f"(size($scopeOwners) > 0 AND EXISTS {{ MATCH ({var})-[:{rel.value}]->"
        f"({team}:{Label.TEAM.value}) WHERE {_named(team, 'scopeOwners')} }})"
    )


def _ci_own(ci: str, depth: int) -> str:
    """A CI inside an environment, location or owner scope (without services)."""
    return (
        f"({ci}.environment IN $scopeEnvironments"
        f" OR (size($scopeLocations) > 0 AND {_located(ci, f'l{depth}')})"
        f" OR {_teamed(ci, RelType.SUPPORTED_BY, depth)})"
    )


def _service_own(svc: str, depth: int) -> str:
    return (
        f"({_named(svc, 'scopeServices')} OR {svc}.owner IN $scopeOwners"
        f" OR {_teamed(svc, RelType.OWNED_BY, depth)})"
    )


def ci_visible(ci: str, depth: int = 0) -> str:
    svc = f"s{depth}"
    by_service = (
        f"EXISTS {{ MATCH {_needs(f'{svc}:{Label.SERVICE.value}', ci)} "
        f"WHERE {_service_own(svc, depth + 1)} }}"
    )
    any_service = "(size($scopeServices) > 0 OR size($scopeOwners) > 0)"
    return f"({_ci_own(ci, depth)} OR ({any_service} AND {by_service}))"


def service_visible(svc: str, depth: int = 0) -> str:
    ci = f"c{depth}"
    by_ci = (
        f"EXISTS {{ MATCH {_needs(svc, f'{ci}:{Label.CI.value}')} WHERE {_ci_own(ci, depth + 1)} }}"
    )
    any_place = "(size($scopeEnvironments) > 0 OR size($scopeLocations) > 0)"
    return f"({_service_own(svc, depth)} OR ({any_place} AND {by_ci}))"


def asset_visible(asset: str, depth: int = 0) -> str:
    loc, ci = f"l{depth}", f"c{depth}"
    return (
        f"(EXISTS {{ MATCH ({asset})-[:{RelType.LOCATED_AT.value}]->({loc}:{Label.LOCATION.value})"
        f" WHERE {_named(loc, 'scopeLocations')} }}"
        f" OR EXISTS {{ MATCH ({asset})-[:{RelType.TRACKS.value}]->({ci}:{Label.CI.value})"
        f" WHERE {ci_visible(ci, depth + 1)} }})"
    )


def _affects(var: str, rels: tuple[RelType, ...], depth: int) -> str:
    x = f"x{depth}"
    types = "|".join(r.value for r in rels)
    ci, svc = Label.CI.value, Label.SERVICE.value
    return (
        f"EXISTS {{ MATCH ({var})-[:{types}]->({x}) WHERE "
        f"({x}:{ci} AND {ci_visible(x, depth + 1)}) "
        f"OR ({x}:{svc} AND {service_visible(x, depth + 1)}) }}"
    )


def incident_visible(var: str, depth: int = 0) -> str:
    return _affects(var, (RelType.AFFECTS, RelType.CAUSED_BY), depth)


def change_visible(var: str, depth: int = 0) -> str:
    return _affects(var, (RelType.MODIFIES,), depth)


def location_visible(var: str, depth: int = 0) -> str:
    return _named(var, "scopeLocations")


#: the labels with a rule; any other label is hidden from a scoped token
RULES: dict[Label, Callable[[str, int], str]] = {
    Label.CI: ci_visible,
    Label.SERVICE: service_visible,
    Label.ASSET: asset_visible,
    Label.INCIDENT: incident_visible,
    Label.CHANGE: change_visible,
    Label.LOCATION: location_visible,
}


def visible(label: Label, var: str = "n") -> str:
    """The predicate: true when nothing is scoped, else the label's rule (or false)."""
    rule = RULES.get(label)
    return f"($scoped IS NULL OR {rule(var, 0) if rule else 'false'})"


def visible_any(var: str = "n") -> str:
    """The predicate for a node of any label (``node/visible_ids``)."""
    cases = " ".join(
        f"WHEN {var}:{label.value} THEN {rule(var, 0)}" for label, rule in RULES.items()
    )
    return f"($scoped IS NULL OR CASE {cases} ELSE false END)"


def visible_ids_statement() -> str:
    """Which of ``$ids`` the caller sees (a missing id is not returned either)."""
    return (
        "UNWIND $ids AS id\nMATCH (n:Entity {id: id})\n"
        f"WHERE {visible_any('n')}\nRETURN n.id AS id"
    )


def visible_ids_of(label: Label) -> str:
    """Which of ``$ids`` are visible nodes of ``label``: the same question as
    :func:`visible_ids_statement` for one label, far quicker for Neo4j to plan (the
    statement of every label at once takes seconds the first time it is planned)."""
    return (
        f"UNWIND $ids AS id\nMATCH (n:{label.value} {{id: id}})\n"
        f"WHERE {visible(label)}\nRETURN n.id AS id"
    )
