"""Statements with a label or type slot: sent with a dynamic label (``$($label)`` and a
parameter, as before) against the same text with the slot written as the enum's value
(``db/queries.fixed``), on one synthetic estate, in one session. Writes are rolled back.

    .venv/bin/python -m benchmarks.fixed_slots --cis 100000 --rows 200
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import time
import uuid
from dataclasses import dataclass
from typing import Any

import neo4j
from rich.console import Console
from rich.table import Table

from benchmarks.harness import save, throwaway_neo4j
from graphcmdb.db.catalogue import get_catalogue
from graphcmdb.db.database import Database, neo4j_auth
from graphcmdb.db.queries import Q, Slot, fixed
from graphcmdb.db.schema import migrate
from graphcmdb.demo.synthetic_load import load_synthetic
from graphcmdb.graph.enums import Label, RelType


@dataclass(frozen=True)
class Case:
    name: str
    query: Q
    slots: dict[str, Slot]
    params: dict[str, Any]


def cases(rows: int) -> list[Case]:
    numbers = [f"INC{9_000_000 + i:07d}" for i in range(rows)]
    upsert_rows = [
        {"idx": i, "number": n, "id": str(uuid.uuid4()), "props": {"title": "bench"},
         "defaults": {"state": "NEW", "priority": "P3"}}
        for i, n in enumerate(numbers)
    ]  # fmt: skip
    page = {"afterKey": None, "afterId": None, "limit": 1000}
    incident: dict[str, Slot] = {"label": Label.INCIDENT}
    return [
        Case(f"ITSM import: upsert {rows} incidents", Q.EXCHANGE_ITSM_UPSERT, incident,
             {"rows": upsert_rows, "now": "2026-12-06T00:00:00Z"}),
        Case(f"ITSM import: look up {rows} numbers", Q.EXCHANGE_ITSM_EXISTING, incident,
             {"numbers": numbers, "keys": []}),
        Case("ITSM export: first page", Q.EXCHANGE_ITSM_EXPORT,
             incident | {"link": RelType.AFFECTS}, page),
        Case("dump: every CI", Q.EXCHANGE_DUMP_NODES, {"label": Label.CI}, {}),
        Case("dump: every DEPENDS_ON", Q.EXCHANGE_DUMP_RELATIONSHIPS,
             {"type": RelType.DEPENDS_ON}, {}),
    ]  # fmt: skip


async def timed(driver: neo4j.AsyncDriver, text: str, params: dict[str, Any]) -> float:
    """One run, every row fetched, in a transaction that is rolled back (nothing written
    stays)."""
    async with driver.session() as session:
        tx = await session.begin_transaction()
        start = time.perf_counter()
        result = await tx.run(text, params)
        await result.to_eager_result()  # every row over the wire, as a caller reads them
        elapsed = time.perf_counter() - start
        await tx.rollback()
    return elapsed


async def main(cis: int, rows: int, repeats: int) -> None:
    logging.getLogger("neo4j").setLevel(logging.ERROR)  # "AFFECTS does not exist" yet
    console = Console()
    catalogue = get_catalogue()
    results: list[dict[str, Any]] = []
    with throwaway_neo4j(restart=False) as (settings, _facts):
        db = Database(settings)
        await migrate(db)
        summary = await load_synthetic(db, cis)
        nodes = (await db.run_raw("MATCH (n) RETURN count(n) AS n"))[0]["n"]
        await db.close()
        driver = neo4j.AsyncGraphDatabase.driver(settings.bolt_uri, auth=neo4j_auth(settings))
        for case in cases(rows):
            plain = catalogue.text(case.query.value)  # as sent before
            written = catalogue[fixed(case.query, **case.slots)]
            dynamic = case.params | {k: v.value for k, v in case.slots.items()}
            times: dict[str, list[float]] = {"dynamic": [], "fixed": []}
            await timed(driver, plain, dynamic)  # plan both first: time the runs alone
            await timed(driver, written, case.params)
            for _ in range(repeats):  # alternate: load drifts over a session
                times["dynamic"].append(await timed(driver, plain, dynamic))
                times["fixed"].append(await timed(driver, written, case.params))
            medians = {k: statistics.median(v) for k, v in times.items()}
            results.append({"case": case.name, "median_s": medians, "runs_s": times})
        await driver.close()
    table = Table(title=f"{summary.cis:,} CIs ({nodes:,} nodes), median of {repeats}")
    for col in ("statement", "dynamic label (s)", "fixed label (s)", "dynamic / fixed"):
        table.add_column(col)
    for r in results:
        d, f = r["median_s"]["dynamic"], r["median_s"]["fixed"]
        table.add_row(r["case"], f"{d:.3f}", f"{f:.3f}", f"{d / f:,.1f}")
    console.print(table)
    payload = {"cis": summary.cis, "nodes": nodes, "rows": rows, "results": results}
    console.print(f"saved {save('fixed_slots', payload)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cis", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    asyncio.run(main(args.cis, args.rows, args.repeats))
