"""The PostgreSQL peer of ``benchmarks.peers``: Debian's PostgreSQL, a throwaway cluster
(initdb in a temporary directory, as the ``postgres`` user when we are root, loopback
port, removed afterwards), the estate's needs copied into an edge table, a recursive CTE.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import neo4j
import psycopg

from benchmarks.harness import free_port
from benchmarks.peers_answer import Answer, statuses

#: one row per need: the dependent needs the dependency; ``hard`` for RUNS_ON, HOSTED_ON and
#: DEPENDS_ON not soft; ``member`` for a cluster (dependent) and one of its members
SCHEMA = """
CREATE TABLE edges (dependent text NOT NULL, dependency text NOT NULL,
                    hard boolean NOT NULL, member boolean NOT NULL);
CREATE TABLE clusters (id text PRIMARY KEY, min_available int);
"""
INDEXES = """
CREATE INDEX edges_up ON edges (dependency) INCLUDE (dependent);
CREATE INDEX edges_down ON edges (dependent) INCLUDE (dependency, hard, member);
ANALYZE edges; ANALYZE clusters;
"""

#: the closure (UNION: each node once), then per closure node its hard needs and members
CLOSURE = """
WITH RECURSIVE up(id) AS (
  SELECT unnest(%(down)s::text[])
  UNION
  SELECT e.dependent FROM edges e JOIN up ON e.dependency = up.id
)
SELECT up.id, c.min_available,
  ARRAY(SELECT h.dependency FROM edges h WHERE h.dependent = up.id AND h.hard),
  ARRAY(SELECT m.dependency FROM edges m WHERE m.dependent = up.id AND m.member)
FROM up LEFT JOIN clusters c ON c.id = up.id
"""

NEO4J_EDGES = """
MATCH (a:Entity)-[r:DEPENDS_ON|RUNS_ON|HOSTED_ON]->(b:Entity)
RETURN a.id AS dependent, b.id AS dependency,
       type(r) <> 'DEPENDS_ON' OR coalesce(r.kind, 'hard') <> 'soft' AS hard, false AS member
UNION ALL
MATCH (m:Entity)-[:MEMBER_OF]->(c:Entity)
RETURN c.id AS dependent, m.id AS dependency, false AS hard, true AS member
"""
NEO4J_CLUSTERS = "MATCH (c:Cluster) RETURN c.id AS id, c.minAvailable AS min_available"


def postgres_bin() -> Path | None:
    """The newest Debian PostgreSQL's bin directory, or None when it is not installed."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    """A fresh cluster on a free loopback port; yields its connection string."""
    bindir = postgres_bin()
    if bindir is None:
        raise RuntimeError("PostgreSQL is not installed (make bench-peers installs it)")
    root = Path(tempfile.mkdtemp(prefix="graphcmdb-bench-pg-"))
    user = "postgres" if os.geteuid() == 0 else None
    if user is not None:
        shutil.chown(root, user=user)
    data, port = root / "data", free_port()

    def run(*args: str) -> None:
        subprocess.run(args, check=True, user=user, stdout=subprocess.DEVNULL, cwd=root)

    try:
        run(str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8")
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c jit=off"
        run(str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(root / "log"), "-w",
            "start")  # fmt: skip
        try:
            yield f"host=127.0.0.1 port={port} user=postgres dbname=postgres"
        finally:
            run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
    finally:
        shutil.rmtree(root, ignore_errors=True)


def copy_estate(dsn: str, driver: neo4j.Driver, database: str) -> dict[str, int]:
    """The needs of the Neo4j estate into the edge table; counts of rows copied."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(SCHEMA)
        counts = {"edges": 0, "clusters": 0}
        with driver.session(database=database) as session:
            with conn.cursor().copy("COPY edges FROM STDIN") as copy:
                for rec in session.run(NEO4J_EDGES):
                    copy.write_row(tuple(rec.values()))
                    counts["edges"] += 1
            with conn.cursor().copy("COPY clusters FROM STDIN") as copy:
                for rec in session.run(NEO4J_CLUSTERS):
                    copy.write_row(tuple(rec.values()))
                    counts["clusters"] += 1
        conn.execute(INDEXES)
    return counts


def cte(
    conn: psycopg.Connection[tuple[str, int | None, list[str], list[str]]], down: list[str]
) -> Answer:
    """The recursive CTE in one statement, k-of-n in the client."""
    rows = conn.execute(CLOSURE, {"down": down}, prepare=True).fetchall()
    return statuses(down, rows)
