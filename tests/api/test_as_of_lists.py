"""The lists as of a past moment (``cis``, ``services``, … ``asOf``) against the real
Neo4j: Monday's worked example, then on Tuesday h1 renamed, web2 deleted and a CI made.
Monday's list is Monday's names, members, order, pages and count; a full-text search of
the past is refused with a typed error, as every read without a history twin is."""

from __future__ import annotations

from datetime import datetime, timedelta

from graphcmdb.db.database import Database
from graphcmdb.domain.models import CICreate, CIUpdate
from graphcmdb.graph.enums import CIClass
from graphcmdb.services import cis
from graphcmdb.services.actor import system_actor
from tests.api.conftest import MONDAY, TUESDAY
from tests.conftest import GQL
from tests.impact_fixtures import worked_example

ACTOR = system_actor("test")
MONDAY_NOON = (MONDAY + timedelta(hours=3)).isoformat()

CIS = """query($at: DateTime, $filter: CIFilterInput, $first: Int, $after: String) {
  cis(asOf: $at, filter: $filter, first: $first, after: $after) {
    totalCount
    edges { node { name status } }
    pageInfo { hasNextPage endCursor }
  }
}"""


async def tuesday(db: Database) -> dict[str, str]:
    ids = await worked_example(db)
    db.clock = lambda: TUESDAY
    await cis.update_ci(db, ACTOR, ids["h1"], CIUpdate(name="h1-old", status="MAINTENANCE"))
    await cis.delete_ci(db, ACTOR, ids["web2"], force=True)
    await cis.create_ci(db, ACTOR, CICreate(name="late", ciClass=CIClass.SERVER))
    return ids


def names(data: dict[str, object]) -> list[str]:
    listed = data["cis"]
    assert isinstance(listed, dict)
    return [e["node"]["name"] for e in listed["edges"]]


async def test_mondays_list_is_mondays(db: Database, week: list[datetime], gql: GQL) -> None:
    await tuesday(db)
    then = await gql(CIS, {"at": MONDAY_NOON})
    now = await gql(CIS, {})
    assert {"h1", "web2"} <= set(names(then))
    assert not {"late", "h1-old"} & set(names(then))
    assert {"h1-old", "late"} <= set(names(now))
    assert "web2" not in names(now)
    assert names(then) == sorted(names(then))
    assert then["cis"]["totalCount"] == len(names(then)) == len(names(now))
    before = (MONDAY - timedelta(days=1)).isoformat()
    unborn = await gql(CIS, {"at": before})
    assert unborn["cis"] == {
        "totalCount": 0,
        "edges": [],
        "pageInfo": {"hasNextPage": False, "endCursor": None},
    }


async def test_filters_and_pages_of_the_past(db: Database, week: list[datetime], gql: GQL) -> None:
    await tuesday(db)
    maintenance = {"status": "MAINTENANCE"}
    monday = await gql(CIS, {"at": MONDAY_NOON, "filter": maintenance})
    today = await gql(CIS, {"filter": maintenance})
    assert (names(monday), monday["cis"]["totalCount"]) == ([], 0)  # counted as of then
    assert (names(today), today["cis"]["totalCount"]) == (["h1-old"], 1)
    named = {"nameContains": "H1"}
    assert names(await gql(CIS, {"at": MONDAY_NOON, "filter": named})) == ["h1"]
    whole = names(await gql(CIS, {"at": MONDAY_NOON}))
    paged: list[str] = []
    after = None
    while True:
        page = await gql(CIS, {"at": MONDAY_NOON, "first": 2, "after": after})
        paged += names(page)
        if not page["cis"]["pageInfo"]["hasNextPage"]:
            break
        after = page["cis"]["pageInfo"]["endCursor"]
    assert paged == whole


async def test_services_as_of_and_a_past_search_is_refused(
    db: Database, week: list[datetime], gql: GQL
) -> None:
    await tuesday(db)
    query = """query($at: DateTime) {
      services(asOf: $at) { totalCount edges { node { name } } }
    }"""
    then = await gql(query, {"at": MONDAY_NOON})
    assert [e["node"]["name"] for e in then["services"]["edges"]] == ["shop"]
    error = await gql.error(CIS, {"at": MONDAY_NOON, "filter": {"text": "h1"}})
    assert error["extensions"]["code"] == "VALIDATION_FAILED"
    assert "past time" in error["message"]
    assert "ci/list_text" in error["message"]


async def test_a_relationship_filter_reads_the_link_of_then(
    db: Database, week: list[datetime], gql: GQL
) -> None:
    make = "mutation($name: String!) { createVendor(input: {name: $name}) { id } }"
    acme = (await gql(make, {"name": "Acme"}))["createVendor"]["id"]
    umbrella = (await gql(make, {"name": "Umbrella"}))["createVendor"]["id"]
    contract = """mutation($v: ID!) {
      createContract(input: {number: "C-1", kind: SUPPORT, vendorId: $v}) { id }
    }"""
    contract_id = (await gql(contract, {"v": acme}))["createContract"]["id"]
    db.clock = lambda: TUESDAY
    move = "mutation($id: ID!, $v: ID!) { updateContract(id: $id, input: {vendorId: $v}) { id } }"
    await gql(move, {"id": contract_id, "v": umbrella})
    listed = """query($v: ID!, $at: DateTime) {
      contracts(filter: {vendorId: $v}, asOf: $at) { totalCount edges { node { number } } }
    }"""
    found = {
        (vendor, at): (await gql(listed, {"v": vendor, "at": at}))["contracts"]["totalCount"]
        for vendor in (acme, umbrella)
        for at in (MONDAY_NOON, None)
    }
    assert found == {
        (acme, MONDAY_NOON): 1,
        (acme, None): 0,
        (umbrella, MONDAY_NOON): 0,
        (umbrella, None): 1,
    }
