"""What an import row points at, named as a file names it: a CI by class and name, found
by the identification engine (``ci_identification.identify_refs``: the same rules as
every CI write, so "VM" / "web-01" finds the CI discovery filed by host name), or a
business service by name. Nothing is written and nothing is created: a reference that
finds nothing, or several CIs, is a row problem.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graphcmdb.db.database import Tx
from graphcmdb.db.queries import Q
from graphcmdb.graph.enums import CIClass
from graphcmdb.identity.classes import ci_class
from graphcmdb.identity.plan import Action, CIRow
from graphcmdb.services import ci_identification
from graphcmdb.services.row_checks import RowProblem

#: the class column's value naming a business service instead of a CI class
SERVICE = "Service"


@dataclass(frozen=True, order=True)
class NodeRef:
    """A CI (``ci_class`` its class label) or a service (``ci_class`` is ``Service``)."""

    ci_class: str
    name: str

    def __str__(self) -> str:
        return f"{self.ci_class} '{self.name}'"


def node_ref(column: str, kind: str, name: str) -> NodeRef:
    """A reference from its class and name cells (the class as other tools spell it:
    "VM", "Physical Server", VIRTUAL_MACHINE, or "Service")."""
    if kind.strip().lower() in ("service", "business service", "businessservice"):
        return NodeRef(SERVICE, name)
    known = ci_class(kind)
    if known is None:
        raise RowProblem(column, f"'{kind}' is neither a CI class nor Service")
    return NodeRef(known.value, name)


@dataclass(frozen=True)
class Resolved:
    """Each reference's node id, and why the others found none."""

    ids: dict[NodeRef, str]
    missing: dict[NodeRef, str]


async def resolve(tx: Tx, refs: Sequence[NodeRef]) -> Resolved:
    unique = sorted(set(refs))
    services = [r for r in unique if r.ci_class == SERVICE]
    cis = [r for r in unique if r.ci_class != SERVICE]
    ids: dict[NodeRef, str] = {}
    missing: dict[NodeRef, str] = {}
    if services:
        rows = await tx.run(Q.EXCHANGE_SERVICES_BY_NAMES, names=[r.name for r in services])
        found = {str(r["name"]): str(r["id"]) for r in rows}
        for ref in services:
            if ref.name in found:
                ids[ref] = found[ref.name]
            else:
                missing[ref] = f"no service named '{ref.name}'"
    if cis:
        rows_ = [CIRow(CIClass(r.ci_class), r.name, {}) for r in cis]
        plans = await ci_identification.identify_refs(tx, rows_)
        # a row planned CREATE found nothing; a later row matching that planned CI neither
        planned_new = {p.ci.id for p in plans if p.action is Action.CREATE and p.ci}
        for ref, plan in zip(cis, plans, strict=True):
            hit = plan.ci if plan.action in (Action.UPDATE, Action.UNCHANGED) else None
            if hit is not None and hit.id not in planned_new:
                ids[ref] = hit.id
            elif plan.action in (Action.AMBIGUOUS, Action.REFUSED):
                missing[ref] = f"{plan.action}: {plan.reason}"
            else:
                missing[ref] = f"no {ref.ci_class} CI named '{ref.name}'"
    return Resolved(ids, missing)
