"""Connections, filters, limits and the bounded number of Cypher round-trips per request."""

from __future__ import annotations

from graphcmdb.db.database import Database
from tests.conftest import GQL

UPSERT = "mutation($rows: [CreateCIInput!]!) { upsertCIs(input: $rows) { created } }"


async def seed(gql: GQL, n: int) -> None:
    rows = [
        {
            "name": f"host-{i:03d}",
            "ciClass": "SERVER" if i % 2 else "VIRTUAL_MACHINE",
            "environment": "PRODUCTION" if i % 3 else "TEST",
            "description": "payment gateway" if i % 10 == 0 else "generic",
        }
        for i in range(n)
    ]
    await gql(UPSERT, {"rows": rows})


async def test_pages_cover_everything_once_in_name_order(gql: GQL) -> None:
    await seed(gql, 45)
    q = """query($after: String) { cis(first: 10, after: $after) { totalCount
           pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { name } } } }"""
    names: list[str] = []
    after = None
    pages = 0
    while True:
        conn = (await gql(q, {"after": after}))["cis"]
        assert conn["totalCount"] == 45
        names += [e["node"]["name"] for e in conn["edges"]]
        pages += 1
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = conn["pageInfo"]["endCursor"]
    assert pages == 5
    assert names == sorted(names)
    assert len(set(names)) == 45


async def test_filters(gql: GQL) -> None:
    await seed(gql, 30)
    q = """query($f: CIFilterInput) { cis(filter: $f, first: 100) { totalCount edges { node { name } } } }"""
    servers = (await gql(q, {"f": {"ciClass": "SERVER"}}))["cis"]
    assert servers["totalCount"] == 15
    test_env = (await gql(q, {"f": {"environment": "TEST", "ciClass": "VIRTUAL_MACHINE"}}))["cis"]
    assert test_env["totalCount"] == len([i for i in range(30) if i % 3 == 0 and i % 2 == 0])
    contains = (await gql(q, {"f": {"nameContains": "HOST-01"}}))["cis"]
    assert {e["node"]["name"] for e in contains["edges"]} == {f"host-01{i}" for i in range(10)}
    text = (await gql(q, {"f": {"text": "payment"}}))["cis"]
    assert {e["node"]["name"] for e in text["edges"]} == {"host-000", "host-010", "host-020"}
    weird = (await gql(q, {"f": {"text": "pay) OR (*:*"}}))["cis"]  # user text is escaped
    assert weird["totalCount"] == 0


async def test_page_size_limit_and_bad_cursor(gql: GQL) -> None:
    err = await gql.error("{ cis(first: 1001) { totalCount } }")
    assert err["extensions"] == {"code": "LIMIT_EXCEEDED", "field": "first", "limit": 1000}
    err = await gql.error('{ cis(after: "not-a-cursor") { totalCount } }')
    assert err["extensions"]["code"] == "VALIDATION_FAILED"


async def test_depth_and_alias_limits(gql: GQL) -> None:
    inner = "name"
    for _ in range(6):
        inner = f"dependsOn {{ node {{ ... on CI {{ {inner} }} }} }}"
    deep = f"{{ cis {{ edges {{ node {{ {inner} }} }} }} }}"
    err = await gql.error(deep)
    assert "exceeds maximum operation depth" in err["message"]
    aliases = "{ " + " ".join(f"a{i}: cis {{ totalCount }}" for i in range(31)) + " }"
    err = await gql.error(aliases)
    assert "aliases" in err["message"].lower()


async def test_nested_page_runs_a_constant_number_of_queries(gql: GQL, db: Database) -> None:
    """No N+1: 100 CIs with nested dependsOn cost the same round-trips as 5."""
    await seed(gql, 100)
    vms = await gql(
        "{ cis(first: 100, filter: {ciClass: VIRTUAL_MACHINE}) { edges { node { id } } } }"
    )
    servers = await gql("{ cis(first: 100, filter: {ciClass: SERVER}) { edges { node { id } } } }")
    pairs = [
        {"fromId": v["node"]["id"], "toId": s["node"]["id"]}
        for v, s in zip(vms["cis"]["edges"], servers["cis"]["edges"], strict=True)
    ]
    for p in pairs:
        await gql(
            """mutation($a: ID!, $b: ID!) { relate(input: {fromId: $a, type: HOSTED_ON, toId: $b})
                     { type } }""",
            {"a": p["fromId"], "b": p["toId"]},
        )
    q = """query($n: Int!) { cis(first: $n) { totalCount edges { node { name
           dependsOn { kind node { name } } dependents { node { name } } services { name } } } } }"""

    async def trips(n: int) -> int:
        before = db.round_trips
        data = await gql(q, {"n": n})
        assert len(data["cis"]["edges"]) == n
        return db.round_trips - before

    small, large = await trips(5), await trips(100)
    assert large == small
    assert large <= 6  # token, page, count, dependsOn, dependents, services
