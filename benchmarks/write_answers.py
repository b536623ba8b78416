"""What a bulk write's answer costs: the engine's update statement answering one record
per CI against the same writes answering one row.

    .venv/bin/python -m benchmarks.write_answers --rows 30000 --rounds 2

N CIs are created through the identification engine; then, each round, every CI is
updated by each variant in turn (transactions of 1,000 CIs, 4 statements of 250, as an
engine batch writes them), on the same server, so the variants alternate in one window:

- ``per row``: ``RETURN n.id AS id`` (what ``identity/update_cis`` answered before);
- ``per row, projected``: ``WITH n.id AS id RETURN id``;
- ``count``: ``RETURN count(*)``;
- ``collected``: ``RETURN collect(n.id) AS ids`` (what it answers now);
- ``maps collected``: a map per CI, collected (what a generated upsert could answer).
"""

from __future__ import annotations

import argparse
import asyncio
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import neo4j

from benchmarks.harness import save, throwaway_neo4j
from benchmarks.identity import BATCH, raw_rows
from graphcmdb import collector
from graphcmdb.db.database import Database
from graphcmdb.db.schema import migrate
from graphcmdb.services import bulk, ci_identification
from graphcmdb.services.actor import system_actor

PART = 250
NOW = Path(__file__).resolve().parents[1] / "cypher" / "identity" / "update_cis.cypher"
ANSWER = "RETURN collect(n.id) AS ids"


def variants() -> dict[str, str]:
    text = NOW.read_text()
    assert ANSWER in text, "identity/update_cis answers otherwise now: adapt the variants"
    return {
        "per row": text.replace(ANSWER, "RETURN n.id AS id"),
        "per row, projected": text.replace(ANSWER, "WITH n.id AS id RETURN id"),
        "count": text.replace(ANSWER, "RETURN count(*) AS written"),
        "collected": text,
        "maps collected": text.replace(
            ANSWER, "RETURN collect({id: n.id, created: false, changed: true}) AS rows"
        ),
    }


async def update_all(db: Database, ids: list[str], text: str, os: str) -> float:
    start = time.perf_counter()
    async with db.driver.session(database=db.database) as session:
        for at in range(0, len(ids), BATCH):
            chunk = ids[at : at + BATCH]

            async def work(tx: neo4j.AsyncManagedTransaction, chunk: list[str] = chunk) -> None:
                for part in range(0, len(chunk), PART):
                    rows = [
                        {"id": i, "props": {"os": os}, "taken": ["os"]}
                        for i in chunk[part : part + PART]
                    ]
                    result = await tx.run(text, rows=rows, now=datetime.now(UTC))
                    await result.to_eager_result()

            await session.execute_write(work)
    return time.perf_counter() - start


async def main(n: int, rounds: int) -> None:
    collector.tune()
    results: dict[str, Any] = {"rows": n, "rounds": []}
    with throwaway_neo4j() as (settings, facts):
        results["neo4j"] = facts
        db = Database(settings)
        await migrate(db)
        rows = [bulk.ci_row(p) for p in bulk.validate_rows(raw_rows(n, "Debian 12"))]
        await ci_identification.reconcile_rows(
            db, system_actor("bench"), rows, operation="importCIs", batch=BATCH
        )
        found = await db.run_raw("MATCH (c:CI) RETURN c.id AS id ORDER BY c.name")
        ids = [str(r["id"]) for r in found]
        for r in range(rounds):
            seconds = {}
            for name, text in variants().items():
                seconds[name] = await update_all(db, ids, text, f"{name}-{r}")
                print(f"round {r}: {name:20s} {seconds[name]:6.2f} s", flush=True)
            results["rounds"].append(seconds)
        await db.close()
    print(f"saved {save('write_answers', results)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    asyncio.run(main(args.rows, args.rounds))
