"""``graphcmdb metrics --from --to``: service levels and the ITAM/ITSM KPIs as tables."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import typer

from graphcmdb.cli.common import table, with_db
from graphcmdb.db.database import Database
from graphcmdb.itsm.metrics import Resolution
from graphcmdb.services import metrics
from graphcmdb.services.metrics import Dashboard


def _hours(r: Resolution) -> str:
    return "" if r.mttr is None else f"{r.mttr.total_seconds() / 3600:.2f} h"


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{p}: {n}" for p, n in counts.items()) or "none"


def _print(d: Dashboard) -> None:
    k, a = d.itsm, d.itam
    table(
        f"Service management {k.window.start:%Y-%m-%d %H:%M} - {k.window.end:%Y-%m-%d %H:%M} UTC",
        ["opened", "resolved", "MTTR", "first contact %", "SLA met %", "open now"],
        [
            [
                k.incidents_opened,
                k.resolution.resolved,
                _hours(k.resolution),
                k.resolution.first_contact_rate,
                k.sla_compliance,
                _counts(d.open_now_by_priority),
            ]
        ],
    )
    table(
        "MTTR by priority",
        ["priority", "resolved", "MTTR", "first contact %"],
        [[p, r.resolved, _hours(r), r.first_contact_rate] for p, r in k.by_priority.items()],
    )
    table(
        "Service levels",
        ["service", "criticality", "incidents", "down (min)", "availability %", "SLA %", "met"],
        [
            [
                s.service.name,
                s.service.criticality,
                s.level.incidents,
                f"{s.level.downtime.total_seconds() / 60:.0f}",
                s.level.availability,
                s.level.sla_target,
                {True: "yes", False: "NO", None: ""}[s.level.compliant],
            ]
            for s in k.services
        ],
    )
    fleet = "; ".join(f"{x.book_value} {x.currency}" for x in a.fleet_book_value)
    table(
        f"Asset management on {a.as_of}",
        [
            "license savings / yr",
            "over-deployed",
            "short units",
            f"expiring in {a.expiring_within_days} d",
            "fleet book value",
        ],
        [
            [
                "; ".join(f"{v} {c}" for c, v in a.license_savings.items()) or "0",
                a.over_deployed_products,
                a.shortfall_units,
                ", ".join(f"{kind.value.lower()}: {n}" for kind, n in a.expiring.items()),
                fleet or "0",
            ]
        ],
    )


def metrics_cmd(
    from_: datetime | None = typer.Option(
        None, "--from", help="Window start (default: 30 days ago)."
    ),
    to: datetime | None = typer.Option(None, "--to", help="Window end, exclusive (default: now)."),
    expiring_days: int = typer.Option(90, help="Count expiries this many days after --to."),
) -> None:
    """Availability, SLA, MTTR per service and the ITAM KPIs over a window (UTC)."""
    end = metrics.utc(to) if to else datetime.now(UTC)
    start = metrics.utc(from_) if from_ else end - timedelta(days=30)

    async def work(db: Database) -> Dashboard:
        return await metrics.dashboard(db, metrics.window_of(start, end), expiring_days)

    _print(with_db(work))
