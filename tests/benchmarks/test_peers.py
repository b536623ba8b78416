"""The peers of benchmarks.peers answer what the engine answers (answers only, no timing).

On a small synthetic estate: the raw-driver closure query and the PostgreSQL recursive
CTE, each with the client's k-of-n, against the project's engine — the hotspots, random
CIs, and clusters losing members one short of their quorum and down to it. Skipped when
PostgreSQL's binaries are absent (`make postgresql` installs Debian's).
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import neo4j
import psycopg
import pytest
from benchmarks.peers_answer import Answer, reference
from benchmarks.peers_neo4j import raw_driver
from benchmarks.peers_pg import copy_estate, cte, postgres_bin, throwaway_postgres

from graphcmdb.config import Settings
from graphcmdb.db.database import Database, neo4j_auth
from graphcmdb.demo.synthetic_load import load_synthetic

pytestmark = [
    pytest.mark.skipif(
        postgres_bin() is None, reason="PostgreSQL's binaries are absent (make postgresql)"
    ),
    pytest.mark.slow,  # a throwaway PostgreSQL cluster and a small estate: ~20 s
]

#: clusters with 3+ members and a quorum below their size: (id, members, minAvailable)
CLUSTERS = """
MATCH (c:Cluster)<-[:MEMBER_OF]-(m)
WITH c, collect(m.id) AS members
WHERE size(members) >= 3 AND c.minAvailable >= 2 AND c.minAvailable < size(members)
RETURN c.id AS id, members, c.minAvailable AS wanted ORDER BY c.name LIMIT 3
"""


@pytest.fixture
def driver(settings: Settings) -> Iterator[neo4j.Driver]:
    with neo4j.GraphDatabase.driver(settings.bolt_uri, auth=neo4j_auth(settings)) as d:
        yield d


async def test_closures_agree_with_the_engine(
    db: Database, settings: Settings, driver: neo4j.Driver
) -> None:
    summary = await load_synthetic(db, 600, seed=3)
    database = settings.neo4j_database
    rng = random.Random(5)
    inputs = [ids[:1] for ids in summary.hotspots.values()]
    inputs += [rng.sample(summary.random_pool, k) for k in (1, 1, 3, 5, 5)]
    clusters = driver.execute_query(CLUSTERS, database_=database).records
    assert clusters, "the estate has redundant clusters"
    for c in clusters:  # k-of-n exercised: at its quorum DEGRADED, one member fewer DOWN
        lost = len(c["members"]) - c["wanted"]
        for down, status in ((c["members"][:lost], "DEGRADED"), (c["members"][: lost + 1], "DOWN")):
            assert reference(driver, database, down)[c["id"]] == status
            inputs.append(down)
    with throwaway_postgres() as dsn:
        copy_estate(dsn, driver, database)
        with psycopg.connect(dsn, autocommit=True) as pg:
            for down in inputs:
                expected: Answer = reference(driver, database, down)
                assert raw_driver(driver, database, down) == expected, down
                assert cte(pg, down) == expected, down
