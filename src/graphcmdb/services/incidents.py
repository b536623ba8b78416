"""Incidents: opened against the CIs and services they AFFECT, worked, resolved, closed.

Each mutation checks the state table (``itsm/states.py``), writes the incident and its
links and the audit entry in one transaction. Side effects of a move:

* RESOLVED records ``resolvedAt`` (never before ``openedAt``), ``resolvedAtFirstContact``
  and the cause (``CAUSED_BY`` a CI or a change; none if not given).
* Reopening (RESOLVED → IN_PROGRESS) undoes the resolution: ``resolvedAt``, the
  first-contact flag and the cause are cleared (the audit log keeps them) and
  ``reopenCount`` goes up, so time-to-resolve reports count the final resolution.
* CLOSED records ``closedAt``; a closed incident is final and no longer edited.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from graphcmdb.db.database import Database, Tx
from graphcmdb.db.queries import Q
from graphcmdb.domain.itsm_models import IncidentOpen, IncidentResolve, IncidentUpdate
from graphcmdb.domain.records import IncidentRecord
from graphcmdb.domain.specs import INCIDENT_SPEC
from graphcmdb.errors import ValidationFailed
from graphcmdb.graph.cypher_gen import Op
from graphcmdb.graph.enums import IncidentState, RelType
from graphcmdb.itsm.numbering import NumberSeries
from graphcmdb.itsm.states import INCIDENT_STATES
from graphcmdb.notify.model import NotificationKind
from graphcmdb.services import audit, nodes, notify
from graphcmdb.services.actor import Actor
from graphcmdb.services.itsm_common import (
    Numbered,
    check_not_future,
    check_targets,
    create_numbered,
)

S = IncidentState
INCIDENT = Numbered(
    NumberSeries.INCIDENT,
    INCIDENT_SPEC,
    Q.INCIDENT_SET_AFFECTS,
    RelType.AFFECTS,
    "affects",
    "openIncident",
)
#: the mutation that makes each move updateIncident cannot make
_DEDICATED = {S.RESOLVED: "resolveIncident", S.CLOSED: "closeIncident"}


def _subject(incident: IncidentRecord) -> str:
    return f"Incident {incident.number}"


def moved(incident: IncidentRecord, to: IncidentState, now: datetime) -> dict[str, Any]:
    """The properties a legal move writes (state and what it implies); refuses others."""
    current = incident.state
    INCIDENT_STATES.check(_subject(incident), current, to)
    props: dict[str, Any] = {"state": to.value}
    if current is S.RESOLVED and to is S.IN_PROGRESS:
        props |= {
            "resolvedAt": None,
            "resolvedAtFirstContact": None,
            "reopenCount": (incident.reopenCount or 0) + 1,
        }
    if to is S.CLOSED:
        props["closedAt"] = max(now, incident.resolvedAt) if incident.resolvedAt else now
    return props


async def open_incident(db: Database, actor: Actor, data: IncidentOpen) -> IncidentRecord:
    opened = data.openedAt or datetime.now(UTC)
    check_not_future(opened, "openedAt")
    props = data.graph_props() | {"state": S.NEW.value, "openedAt": opened, "reopenCount": 0}
    props.pop("affects")
    return await create_numbered(db, actor, INCIDENT, props, data.affects, then=_opened)


async def _opened(tx: Tx, incident: IncidentRecord) -> None:
    """Every incident opened or resolved is notified in its own transaction."""
    await notify.incident(tx, incident.id, NotificationKind.INCIDENT_OPENED)


Edit = Callable[[IncidentRecord], dict[str, Any]]


async def _apply(
    db: Database,
    actor: Actor,
    incident_id: str,
    operation: str,
    edit: Edit,
    cause: str | None = None,
) -> IncidentRecord:
    """Write what ``edit`` computes from the current incident, in one transaction.

    The cause link follows the resolution: set on RESOLVED, removed on reopening.
    """

    async def work(tx: Tx) -> IncidentRecord:
        current = await nodes.require(tx, INCIDENT_SPEC, incident_id)
        props = edit(current)
        resolving = props.get("state") == S.RESOLVED.value
        if resolving and cause is not None:
            await check_targets(tx, RelType.CAUSED_BY, [cause], "cause")
        row = await tx.one(nodes.crud(INCIDENT_SPEC, Op.UPDATE), id=incident_id, props=props)
        assert row is not None
        before, after = dict(row["before"]), dict(row["node"])
        if resolving or "reopenCount" in props:
            kept = await tx.one(Q.INCIDENT_SET_CAUSE, id=incident_id, causeId=cause)
            before["causeIds"] = kept["previousIds"] if kept else []
            after["causeIds"] = [cause] if cause else []
        await audit.record(tx, actor, operation, [incident_id], before, after)
        if resolving:
            await notify.incident(tx, incident_id, NotificationKind.INCIDENT_RESOLVED)
        return nodes.as_record(INCIDENT_SPEC, row["node"])

    return await db.write(work)


def _editable(incident: IncidentRecord) -> None:
    if incident.state is S.CLOSED:
        raise ValidationFailed(
            f"{_subject(incident)} is CLOSED; a closed incident is not edited.",
            field="id",
            state=incident.state.value,
        )


async def update_incident(
    db: Database, actor: Actor, incident_id: str, data: IncidentUpdate
) -> IncidentRecord:
    props = data.graph_props()
    if data.state in _DEDICATED:
        raise ValidationFailed(
            f"An incident moves to {data.state.value} with {_DEDICATED[data.state]}.",
            field="state",
        )

    def edit(current: IncidentRecord) -> dict[str, Any]:
        move = moved(current, data.state, datetime.now(UTC)) if data.state else {}
        _editable(current)
        return props | move

    return await _apply(db, actor, incident_id, "updateIncident", edit)


async def resolve_incident(
    db: Database, actor: Actor, incident_id: str, data: IncidentResolve
) -> IncidentRecord:
    resolved = data.resolvedAt or datetime.now(UTC)
    check_not_future(resolved, "resolvedAt")

    def edit(current: IncidentRecord) -> dict[str, Any]:
        props = moved(current, S.RESOLVED, resolved)
        if resolved < current.openedAt:
            raise ValidationFailed(
                f"'resolvedAt' ({resolved.isoformat()}) is before the incident was opened "
                f"({current.openedAt.isoformat()}).",
                field="resolvedAt",
            )
        return props | {
            "resolvedAt": resolved,
            "resolvedAtFirstContact": data.resolvedAtFirstContact,
        }

    return await _apply(db, actor, incident_id, "resolveIncident", edit, data.cause)


async def close_incident(db: Database, actor: Actor, incident_id: str) -> IncidentRecord:
    def edit(current: IncidentRecord) -> dict[str, Any]:
        return moved(current, S.CLOSED, datetime.now(UTC))

    return await _apply(db, actor, incident_id, "closeIncident", edit)


async def reopen_incident(db: Database, actor: Actor, incident_id: str) -> IncidentRecord:
    def edit(current: IncidentRecord) -> dict[str, Any]:
        state = current.state
        if state is not S.RESOLVED:
            raise INCIDENT_STATES.refusal(
                _subject(current), state, S.IN_PROGRESS, " by reopening (only RESOLVED is reopened)"
            )
        return moved(current, S.IN_PROGRESS, datetime.now(UTC))

    return await _apply(db, actor, incident_id, "reopenIncident", edit)
