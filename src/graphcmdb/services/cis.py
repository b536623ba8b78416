"""Configuration items: create, read, update, delete, list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graphcmdb.db.database import Database, Tx
from graphcmdb.db.queries import Q
from graphcmdb.discovery.precedence import claim_fields
from graphcmdb.domain.models import CICreate, CIUpdate
from graphcmdb.domain.records import CIRecord
from graphcmdb.domain.specs import CI_SPEC
from graphcmdb.errors import (
    AmbiguousIdentity,
    CmdbError,
    Duplicate,
    HasDependents,
    ValidationFailed,
)
from graphcmdb.graph.enums import CIClass, CIStatus, Environment, Label
from graphcmdb.graph.node_spec import NodeSpec
from graphcmdb.identity import class_precedence
from graphcmdb.identity.class_precedence import CLASS_SOURCE, ClassSource
from graphcmdb.identity.keys import Identity
from graphcmdb.identity.plan import ACCUMULATING, Action, CIRow, RowPlan
from graphcmdb.services import (
    address_facts,
    ci_identification,
    ci_reclassification,
    identity_keys,
    listing,
    nodes,
    visible,
)
from graphcmdb.services.actor import Actor
from graphcmdb.services.nodes import R


@dataclass(frozen=True)
class CIFilter:
    ciClass: CIClass | None = None
    status: CIStatus | None = None
    environment: Environment | None = None
    nameContains: str | None = None
    #: words searched in the CI full-text index (name, description and more)
    text: str | None = None


async def get_cis(db: Database, ids: list[str]) -> dict[str, CIRecord]:
    return await nodes.get_many(db, CI_SPEC, ids)


def _duplicate_name(props: dict[str, Any]) -> Duplicate:
    return Duplicate(
        f"A {props.get('ciClass')} named '{props.get('name')}' already exists.",
        ciClass=props.get("ciClass"),
        name=props.get("name"),
    )


#: a person creating a CI that only shares a host name or an address with another one
#: means a new thing (a VIP, a namesake in another class); a strong rule means the same
WEAK_RULES = frozenset(r.name for r in CI_SPEC.identity if not r.strong)


def _deliberately_new(plan: RowPlan, data: CICreate) -> bool:
    """Only a weak rule found it, and not as a case variant of a same-class name."""
    if plan.rule not in WEAK_RULES or plan.ci is None:
        return False
    namesake = plan.ci.ci_class == data.ciClass.value
    return not (namesake and (plan.ci.name or "").lower() == data.name.lower())


def _not_new(plan: RowPlan, data: CICreate) -> CmdbError:
    """Why ``createCI`` refuses a thing the CMDB already has (or cannot tell apart)."""
    if plan.action is Action.AMBIGUOUS:
        ids = [c.id for c in plan.candidates]
        return AmbiguousIdentity(f"{plan.reason}; nothing was created.", candidates=ids)
    if plan.action is Action.REFUSED or plan.ci is None:
        return Duplicate(str(plan.reason), ciClass=data.ciClass.value, name=data.name)
    return Duplicate(
        f"A {data.ciClass.value} named '{data.name}' already exists: it is "
        f"'{plan.ci.name}' ({plan.ci.id}), found by {plan.rule}. Update that CI instead.",
        ciClass=data.ciClass.value,
        name=data.name,
        id=plan.ci.id,
        rule=plan.rule,
    )


async def _not_new_to_caller(tx: Tx, plan: RowPlan, data: CICreate) -> CmdbError:
    """:func:`_not_new`, except that a caller with scopes learns nothing of a CI it does
    not see (no id, name or rule): only that the identifiers are taken."""
    ids = [c.id for c in plan.candidates] + ([plan.ci.id] if plan.ci is not None else [])
    seen = await visible.visible_in(tx, ids, [Label.CI])
    if seen is None or all(i in seen for i in ids):
        return _not_new(plan, data)
    return Duplicate(
        "The CMDB already has a CI with these identifiers, outside your token's scopes; "
        "nothing was created.",
        ciClass=data.ciClass.value,
        name=data.name,
        outsideScopes=True,
    )


async def create_ci(db: Database, actor: Actor, data: CICreate) -> CIRecord:
    """Create a CI unless identification finds it already (``services/ci_identification``)."""
    props = data.graph_props()
    given = {k: v for k, v in props.items() if k not in CI_SPEC.key}
    row = CIRow(data.ciClass, data.name, given)

    async def work(tx: Tx) -> CIRecord:
        plan = await ci_identification.plan_one(tx, row)
        if plan.action is not Action.CREATE and not _deliberately_new(plan, data):
            raise await _not_new_to_caller(tx, plan, data)
        created = await nodes.create_in(tx, actor, CI_SPEC, props | {CLASS_SOURCE: "person"})
        await address_facts.restate(tx, PERSON, created.id, created.createdAt, row.identity)
        await identity_keys.drop_unclaimed(tx, identity_keys.lock_keys([row]))
        return created

    try:
        return await db.write(work)
    except Duplicate as exc:
        if exc.details.get("id") or exc.details.get("outsideScopes"):
            raise
        raise _duplicate_name(props) from exc


async def _reclassify(tx: Tx, actor: Actor, current: CIRecord, to: CIClass, name: str) -> None:
    """A person's class correction (after any rename): any class of the same family."""
    why = class_precedence.refusal(current.ciClass, to, current.classSource, ClassSource.PERSON)
    if why is not None:
        raise ValidationFailed(f"The class cannot change: {why}.", field="ciClass")
    if await ci_reclassification.reclassify(tx, actor, current.id, to, ClassSource.PERSON) is None:
        raise Duplicate(f"Another {to.value} is named '{name}'.", ciClass=to.value)


#: the source of the address facts of what a person types (they never age)
PERSON = ClassSource.PERSON.value


def _stated(ci: CIRecord, fields: Sequence[str]) -> Identity:
    """A CI's address lists among ``fields`` as an identity (its address keys)."""
    return Identity.of_ci({"ciClass": ci.ciClass.value, **{f: getattr(ci, f) for f in fields}})


async def update_ci(db: Database, actor: Actor, ci_id: str, data: CIUpdate) -> CIRecord:
    props = data.graph_props()
    given = props.pop("ciClass", None)  # null: the class stays
    to = CIClass(given) if given is not None else None
    stated = sorted(ACCUMULATING & props.keys())

    async def work(tx: Tx) -> CIRecord:
        current = await nodes.require(tx, CI_SPEC, ci_id)
        moving = to is not None and to is not current.ciClass
        cluster = (to if moving else current.ciClass) is CIClass.CLUSTER
        if "minAvailable" in props and not cluster:
            raise ValidationFailed("minAvailable applies to clusters only.", field="minAvailable")
        # a person's edit takes the field back from discovery (source precedence)
        edit = props | claim_fields(current.model_dump(), props)
        if moving and current.ciClass is CIClass.CLUSTER:
            edit["minAvailable"] = None  # a quorum means nothing outside a cluster
        updated = await nodes.update_in(tx, actor, CI_SPEC, ci_id, edit) if edit else current
        if stated:  # the lists a person gives are their facts; what they leave out left
            before, after = _stated(current, stated), _stated(updated, stated)
            await address_facts.restate(tx, PERSON, ci_id, updated.updatedAt, after, before)
        if to is not None and moving:
            await _reclassify(tx, actor, current, to, updated.name)
            return await nodes.require(tx, CI_SPEC, ci_id)
        return updated

    another = f"Another CI of the same class is named '{data.name}'."
    return await nodes.write_unique(db, work, lambda: Duplicate(another, name=data.name))


async def _delete_guarded_in(
    tx: Tx, spec: NodeSpec[R], node_id: str, force: bool, actor: Actor
) -> R:
    await nodes.require(tx, spec, node_id)
    dependents = await tx.run(Q.NODE_DEPENDENTS_BLOCKING_DELETE, id=node_id)
    if dependents and not force:
        names = ", ".join(f"{d['name']} ({d['type']})" for d in dependents[:10])
        more = f" and {len(dependents) - 10} more" if len(dependents) > 10 else ""
        raise HasDependents(
            f"{len(dependents)} node(s) depend on it: {names}{more}. "
            "Remove those relationships first or pass force: true.",
            dependents=[d["id"] for d in dependents],
        )
    after = {"force": force, "dependents": [d["id"] for d in dependents]}
    return await nodes.delete_in(tx, actor, spec, node_id, after)


async def delete_guarded(
    db: Database, actor: Actor, spec: NodeSpec[R], node_id: str, force: bool
) -> R:
    """Delete a CI or service unless others depend on it (``force`` overrides)."""
    return await db.write(lambda tx: _delete_guarded_in(tx, spec, node_id, force, actor))


async def delete_ci(db: Database, actor: Actor, ci_id: str, force: bool = False) -> CIRecord:
    return await delete_guarded(db, actor, CI_SPEC, ci_id, force)


LISTING = listing.of_spec(CI_SPEC, CIFilter, search="text")
