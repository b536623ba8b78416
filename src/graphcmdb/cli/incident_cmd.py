"""``graphcmdb incident open|resolve|list``: incidents from the command line."""

from __future__ import annotations

from datetime import datetime

import typer

from graphcmdb.cli.common import console, table, with_db
from graphcmdb.cli.impact_cmd import print_services
from graphcmdb.db.database import Database
from graphcmdb.domain.itsm_models import IncidentOpen, IncidentResolve
from graphcmdb.domain.models import parse
from graphcmdb.domain.records import AnyNodeRecord, ChangeRecord, IncidentRecord
from graphcmdb.errors import NotFound
from graphcmdb.graph.enums import IncidentPriority, IncidentState
from graphcmdb.services import incident_reads, incidents, lookup
from graphcmdb.services.actor import system_actor
from graphcmdb.services.impact import ImpactReport
from graphcmdb.services.paging import page_request

app = typer.Typer(help="ITSM incidents: open, resolve, list.", no_args_is_help=True)
ACTOR = system_actor("cli")
MAX_LISTED = 1000


def _split(values: list[str]) -> list[str]:
    """``--affects a --affects b`` and ``--affects a,b`` alike."""
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


async def _incident_id(db: Database, key: str) -> str:
    """An incident by number (INC0000123) or id."""
    found = (await incident_reads.by_numbers(db, [key])).get(key)
    if isinstance(found, IncidentRecord):
        return found.id
    if key in await incident_reads.get_incidents(db, [key]):
        return key
    raise NotFound("Incident numbered", [key])


async def _cause_id(db: Database, key: str) -> str:
    """A change by number (CHG0000042), else a CI by name or id."""
    found = (await incident_reads.by_numbers(db, [key])).get(key)
    if isinstance(found, ChangeRecord):
        return found.id
    return (await lookup.resolve(db, [key]))[0]


def _print_hit(incident: IncidentRecord, report: ImpactReport) -> None:
    s = report.summary
    console.print(
        f"Opened [bold]{incident.number}[/bold] ({incident.priority}, {incident.state}): "
        f"{s.services_down} service(s) down, {s.services_degraded} degraded, "
        f"{s.users_affected:,} users affected."
    )
    print_services(report, f"Services hit by {incident.number}")


@app.command("open")
def open_cmd(
    title: str = typer.Option(..., help="What is wrong, in a line."),
    priority: IncidentPriority = typer.Option(IncidentPriority.P3, help="P1 is the most urgent."),
    affects: list[str] = typer.Option(
        ..., help="Names or ids of affected CIs or services (repeat, or separate by commas)."
    ),
    opened_at: datetime | None = typer.Option(None, help="When it started (default now)."),
) -> None:
    """Open an incident and print the services it hits."""

    async def work(db: Database) -> tuple[IncidentRecord, ImpactReport]:
        ids = await lookup.resolve(db, _split(affects))
        data = parse(
            IncidentOpen,
            {"title": title, "priority": priority, "affects": ids, "openedAt": opened_at},
        )
        incident = await incidents.open_incident(db, ACTOR, data)
        return incident, (await incident_reads.impacts(db, [incident.id]))[incident.id]

    _print_hit(*with_db(work))


@app.command()
def resolve(
    number: str = typer.Argument(..., help="The incident's number (or id)."),
    cause: str | None = typer.Option(None, help="A change number, or a CI name or id."),
    first_contact: bool = typer.Option(False, "--first-contact", help="Fixed at first contact."),
    resolved_at: datetime | None = typer.Option(None, help="When it was fixed (default now)."),
) -> None:
    """Resolve an incident, optionally naming its cause."""

    async def work(db: Database) -> IncidentRecord:
        incident_id = await _incident_id(db, number)
        data = parse(
            IncidentResolve,
            {
                "resolvedAt": resolved_at,
                "cause": await _cause_id(db, cause) if cause else None,
                "resolvedAtFirstContact": first_contact,
            },
        )
        return await incidents.resolve_incident(db, ACTOR, incident_id, data)

    incident = with_db(work)
    console.print(f"{incident.number} resolved at {incident.resolvedAt:%Y-%m-%d %H:%M} UTC.")


@app.command("list")
def list_cmd(
    state: IncidentState | None = typer.Option(None, help="Only incidents in this state."),
    limit: int = typer.Option(50, help=f"How many, newest first (at most {MAX_LISTED})."),
) -> None:
    """List incidents, newest first."""

    async def work(db: Database) -> tuple[list[IncidentRecord], dict[str, list[AnyNodeRecord]]]:
        flt = incident_reads.IncidentFilter(state=state)
        page = await incident_reads.list_incidents(db, flt, page_request(limit, None, MAX_LISTED))
        affected = await incident_reads.affects(db, [i.id for i in page.items])
        return page.items, affected

    rows, affected = with_db(work)
    table(
        "Incidents",
        ["number", "priority", "state", "title", "opened", "resolved", "affects"],
        [
            [
                i.number,
                i.priority,
                i.state,
                i.title,
                f"{i.openedAt:%Y-%m-%d %H:%M}",
                f"{i.resolvedAt:%Y-%m-%d %H:%M}" if i.resolvedAt else None,
                ", ".join(n.name for n in affected.get(i.id, [])),
            ]
            for i in rows
        ],
    )
