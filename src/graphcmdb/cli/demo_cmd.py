"""``graphcmdb demo load``: a small realistic enterprise CMDB;
``graphcmdb demo generate``: a synthetic one of any size, for scale tests and benchmarks."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from graphcmdb.cli.common import console, prepare_graph, progress_bars, table, with_db
from graphcmdb.db.database import Database

if TYPE_CHECKING:
    from graphcmdb.demo.synthetic_load import SyntheticSummary

app = typer.Typer(help="Demo data.")

STAGE_LABELS = {"services": "Services", "cis": "CIs", "relationships": "Relationships"}


@app.command()
def load() -> None:
    """Load (or refresh; idempotent) the demo enterprise into the graph: CIs, services,
    then assets, contracts and licenses dated from today."""
    from graphcmdb.demo.itam_load import load_full_demo

    async def work(db: Database) -> object:
        await prepare_graph(db)
        return await load_full_demo(db)

    console.print(f"Demo CMDB loaded: {with_db(work)}")


@app.command()
def generate(
    cis: int = typer.Option(
        10_000, "--cis", min=200, max=3_000_000, help="How many CIs to generate."
    ),
    seed: int = typer.Option(42, "--seed", help="Same seed and size, same CMDB."),
    batch_size: int = typer.Option(
        10_000, "--batch-size", min=1, help="CIs (and relationships) written per transaction."
    ),
) -> None:
    """Generate and load a synthetic enterprise CMDB of N CIs (idempotent for a seed).

    Sites, racks, hypervisors, VMs, clusters, applications and business services,
    written through the bulk service layer with an audit entry per batch.
    """
    from rich.progress import TaskID

    from graphcmdb.demo.synthetic_load import load_synthetic

    with progress_bars(14) as bars:
        tasks: dict[str, TaskID] = {}

        def progress(stage: str, done: int, total: int) -> None:
            """Relationship totals are estimates until the last call: the bar's total moves."""
            if stage not in tasks:
                tasks[stage] = bars.add_task(STAGE_LABELS.get(stage, stage), total=total)
            bars.update(tasks[stage], completed=done, total=total)

        async def work(db: Database) -> SyntheticSummary:
            await prepare_graph(db)
            return await load_synthetic(db, cis, seed, batch_size, progress)

        summary = with_db(work)
    _print_summary(summary)


def _print_summary(summary: SyntheticSummary) -> None:
    table(
        f"Synthetic CMDB (seed {summary.seed})",
        ["", "count"],
        [
            ("CIs", f"{summary.cis:,} ({summary.cis_created:,} new)"),
            ("services", f"{summary.services:,} ({summary.services_created:,} new)"),
            ("relationships", f"{summary.relationships:,}"),
            ("seconds", f"{summary.seconds:,.1f}"),
            ("rows/s", f"{summary.rows_per_second:,.0f}"),
        ],
    )
    hotspots = "; ".join(f"{k}: {', '.join(v)}" for k, v in summary.hotspot_names.items())
    console.print(f"Hotspots: {hotspots}")
