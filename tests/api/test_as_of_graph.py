"""A collapsed neighbourhood as of a past moment against the real Neo4j: the counts that
stand for lifecycle events and installed software are Monday's when read on Wednesday,
though the asset moved again and a package was installed on Tuesday."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from graphcmdb.db.database import Database
from tests.api.conftest import MONDAY, TUESDAY
from tests.api.test_ci_crud import create_ci
from tests.api.test_graph_collapse import GRAPH, MOVE
from tests.api.test_itam_assets import create_asset
from tests.api.test_licenses import install, product
from tests.conftest import GQL

GRAPH_AS_OF = GRAPH.replace(
    "$types: [RelationshipType!])", "$types: [RelationshipType!], $at: DateTime)"
).replace("types: $types)", "types: $types, asOf: $at)")


async def collapsed(gql: GQL, web: str, at: datetime | None) -> dict[str, Any]:
    variables = {"id": web, "depth": 1, "collapse": True, "at": at.isoformat() if at else None}
    found = dict((await gql(GRAPH_AS_OF, variables))["graph"])
    return {
        "nodes": sorted(n["name"] for n in found["nodes"]),
        "aggregates": sorted(found["aggregates"], key=lambda a: (a["nodeId"], a["kind"])),
    }


async def test_a_collapsed_neighbourhood_as_of_monday_counts_mondays_events_and_software(
    db: Database, week: list[datetime], gql: GQL
) -> None:
    web, other = await create_ci(gql, "web"), await create_ci(gql, "web2")
    asset = (await create_asset(gql, assetTag="A-1"))["id"]
    await gql(
        "mutation($a: ID!, $c: ID!) { trackCI(assetId: $a, ciId: $c) { id } }",
        {"a": asset, "c": web},
    )
    await gql(MOVE, {"id": asset, "to": "ORDERED"})
    office = await product(gql, "Acme", "Office")
    await install(gql, web, office)
    await install(gql, other, office)
    monday = await collapsed(gql, web, None)

    week[0] = TUESDAY
    await gql(MOVE, {"id": asset, "to": "RECEIVED"})
    await install(gql, web, await product(gql, "Acme", "Agent"))

    week[0] = TUESDAY + timedelta(days=1)
    then = await collapsed(gql, web, MONDAY + timedelta(hours=3))
    today = await collapsed(gql, web, None)
    assert then == monday
    counts = {(a["kind"], a["count"]) for a in monday["aggregates"]}
    assert ("SOFTWARE", 1) in counts
    assert ("LIFECYCLE_EVENTS", 2) in counts  # recorded, ordered
    assert {(a["kind"], a["count"]) for a in today["aggregates"]} >= {
        ("SOFTWARE", 2),
        ("LIFECYCLE_EVENTS", 3),
    }
