"""``graphcmdb impact NAME_OR_ID...``: the impact report as tables."""

from __future__ import annotations

import typer

from graphcmdb.cli.common import console, table, with_db
from graphcmdb.db.database import Database
from graphcmdb.services import impact, lookup
from graphcmdb.services.impact import ImpactReport


def print_services(report: ImpactReport, title: str = "Services hit") -> None:
    """The impacted services, most important first, each with the chain that hit it."""
    table(
        title,
        ["status", "service", "criticality", "users", "SLA %", "owner", "why"],
        [
            [
                i.status.name,
                i.node.name,
                i.node.criticality,
                i.node.users,
                i.node.sla_target,
                i.node.owner,
                " -> ".join(i.path),
            ]
            for i in report.services
        ],
    )


def impact_cmd(
    down: list[str] = typer.Argument(..., help="Names or ids of CIs assumed DOWN."),
    degraded: list[str] = typer.Option([], "--degraded", help="Names or ids assumed DEGRADED."),
    max_depth: int | None = typer.Option(None, help="Follow dependencies at most this far."),
    limit: int = typer.Option(50, help="Rows of the node table to print."),
) -> None:
    """Which services and nodes go DOWN or DEGRADED, and why (exit 1 for unknown names)."""

    async def work(db: Database) -> ImpactReport:
        down_ids = await lookup.resolve(db, down)
        degraded_ids = await lookup.resolve(db, degraded) if degraded else []
        return await impact.analyze(db, down_ids, degraded_ids, max_depth)

    report = with_db(work)
    s = report.summary
    table(
        "Impact",
        ["nodes down", "nodes degraded", "services down", "services degraded", "users affected"],
        [
            [
                s.nodes_down,
                s.nodes_degraded,
                s.services_down,
                s.services_degraded,
                f"{s.users_affected:,}",
            ]
        ],
    )
    print_services(report)
    shown = report.nodes[:limit]
    table(
        f"Impacted nodes ({len(shown)} of {len(report.nodes)})",
        ["status", "node", "class", "distance", "why"],
        [
            [
                i.status.name,
                i.node.name,
                "/".join(x for x in i.node.labels if x != "CI"),
                i.distance,
                " -> ".join(i.path),
            ]
            for i in shown
        ],
    )
    if not report.services:
        console.print("No business service is affected.")
