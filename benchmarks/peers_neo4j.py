"""The peers of ``benchmarks.peers`` that read Neo4j: the raw driver (the limit), the
graphcmdb API over HTTP and ``@neo4j/graphql`` (a Node server, benchmarks/peers/neo4j-graphql).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import neo4j

from benchmarks.harness import free_port
from benchmarks.peers_answer import Answer, statuses
from graphcmdb.config import Settings
from graphcmdb.db.database import neo4j_auth

NODE_DIR = Path(__file__).resolve().parent / "peers" / "neo4j-graphql"

#: Everything that needs the inputs, in one query: DEPENDS_ON / RUNS_ON / HOSTED_ON point
#: from a dependent to what it needs, MEMBER_OF from a member to its cluster (which needs
#: it). The quantified path pattern walks both kinds in their own direction, and with
#: DISTINCT Neo4j plans it as a breadth-first expansion that visits each node once
#: (``VarLengthExpand(Pruning,BFS)``): no path enumeration, one round trip whatever the
#: depth. Per closure node: its hard needs and, for a cluster, its members.
RAW_CLOSURE = """
MATCH (s:Entity) WHERE s.id IN $down
MATCH (s)((a)-[r:DEPENDS_ON|RUNS_ON|HOSTED_ON|MEMBER_OF]-(b)
          WHERE (type(r) = 'MEMBER_OF') = (startNode(r) = a))*(x)
WITH DISTINCT x
RETURN collect([x.id, x.minAvailable,
  COLLECT { MATCH (x)-[r:DEPENDS_ON|RUNS_ON|HOSTED_ON]->(y)
            WHERE type(r) <> 'DEPENDS_ON' OR coalesce(r.kind, 'hard') <> 'soft'
            RETURN y.id },
  CASE WHEN x:Cluster THEN COLLECT { MATCH (x)<-[:MEMBER_OF]-(m) RETURN m.id } ELSE [] END
]) AS closure"""

#: graphcmdb's impact, selecting the answer and nothing else
GRAPHCMDB_IMPACT = """query($down: [ID!]!) {
  impact(down: $down) { nodes { node { id } status } } }"""

NGQL_IMPACT = """query($down: [ID!]!) {
  impactClosure(down: $down) { id minAvailable hardNeeds memberIds } }"""

#: the nested read: 100 services (by name) -> what they need -> what that needs, {id name}
GRAPHCMDB_NESTED = """{ services(first: 100) { edges { node { id name
  dependsOn { node { id name ... on Dependable {
    dependsOn { node { id name } } } } } } } } }"""

NGQL_NESTED = """{ services(limit: 100, sort: [{name: ASC}]) { id name
  dependsOn { id name
    dependsOn { id name } runsOn { id name } hostedOn { id name } members { id name } } } }"""

Nested = list[tuple[str, str, list[tuple[str, str, list[tuple[str, str]]]]]]


def raw_driver(driver: neo4j.Driver, database: str, down: list[str]) -> Answer:
    """The limit: one hand-written query through the driver, k-of-n in the client."""
    records, _, _ = driver.execute_query(
        RAW_CLOSURE, down=down, database_=database, routing_=neo4j.RoutingControl.READ
    )
    return statuses(down, records[0]["closure"])


def graphcmdb_impact(client: httpx.Client, down: list[str]) -> Answer:
    body = post(client, "/graphql", GRAPHCMDB_IMPACT, {"down": down})
    return {n["node"]["id"]: n["status"] for n in body["impact"]["nodes"]}


def ngql_impact(client: httpx.Client, down: list[str]) -> Answer:
    body = post(client, "/", NGQL_IMPACT, {"down": down})
    rows = body["impactClosure"]
    return statuses(
        down, ((n["id"], n["minAvailable"], n["hardNeeds"], n["memberIds"]) for n in rows)
    )


def graphcmdb_nested(client: httpx.Client) -> Nested:
    body = post(client, "/graphql", GRAPHCMDB_NESTED, {})
    return sorted(
        (
            s["node"]["id"],
            s["node"]["name"],
            sorted(
                (
                    d["node"]["id"],
                    d["node"]["name"],
                    sorted((e["node"]["id"], e["node"]["name"]) for e in d["node"]["dependsOn"]),
                )
                for d in s["node"]["dependsOn"]
            ),
        )
        for s in body["services"]["edges"]
    )


def ngql_nested(client: httpx.Client) -> Nested:
    body = post(client, "/", NGQL_NESTED, {})
    return sorted(
        (
            s["id"],
            s["name"],
            sorted(
                (
                    d["id"],
                    d["name"],
                    sorted(
                        (e["id"], e["name"])
                        for field in ("dependsOn", "runsOn", "hostedOn", "members")
                        for e in d[field]
                    ),
                )
                for d in s["dependsOn"]
            ),
        )
        for s in body["services"]
    )


def triples(answer: Nested) -> int:
    return sum(len(d[2]) for s in answer for d in s[2])


def post(client: httpx.Client, path: str, query: str, variables: dict[str, Any]) -> Any:
    response = client.post(path, json={"query": query, "variables": variables})
    response.raise_for_status()
    body = response.json()
    if body.get("errors"):
        raise RuntimeError(f"{client.base_url}{path}: {body['errors']}")
    return body["data"]


def npm_ci() -> None:
    """``npm ci`` once (again when the lock file is newer than the installed tree)."""
    stamp = NODE_DIR / "node_modules" / ".installed"
    lock = NODE_DIR / "package-lock.json"
    if stamp.exists() and stamp.stat().st_mtime >= lock.stat().st_mtime:
        return
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm (Node 20) is needed for the @neo4j/graphql peer")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=NODE_DIR, check=True)
    stamp.touch()


@contextmanager
def neo4j_graphql_server(settings: Settings) -> Iterator[str]:
    """The @neo4j/graphql server on a free loopback port, against the same Neo4j."""
    npm_ci()
    port = free_port()
    user, password = neo4j_auth(settings)
    env = dict(
        os.environ,
        NEO4J_URI=settings.bolt_uri,
        NEO4J_USER=user,
        NEO4J_PASSWORD=password,
        NEO4J_DATABASE=settings.neo4j_database,
        PORT=str(port),
        NODE_ENV="production",
    )
    proc = subprocess.Popen(
        ["node", "server.mjs"], cwd=NODE_DIR, env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if "listening" not in line:
            raise RuntimeError(f"the @neo4j/graphql server did not start: {line!r}")
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
