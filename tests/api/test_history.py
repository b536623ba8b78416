"""The history of one object (issue 14, part 9): ``CI.history``, ``Service.history`` and
``Asset.auditHistory`` list the audit entries naming the object, newest first, a keyset
page at a time, to any role that reads the object; the whole log stays administrators'."""

from __future__ import annotations

from graphql import parse

from graphcmdb.api.graphql import cost
from graphcmdb.api.graphql.schema import build_schema
from graphcmdb.config import Settings
from tests.api.test_ci_crud import create_ci
from tests.api.test_itam_assets import create_asset
from tests.conftest import GQL

UPDATE = "mutation($id: ID!, $d: String) { updateCI(id: $id, input: {description: $d}) { id } }"
HISTORY = """query($id: ID!, $first: Int, $after: String) { ci(id: $id) {
  history(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
    edges { node { operation actor targetIds before after requestId tokenId } } } } }"""


async def test_a_viewer_reads_what_an_editor_changed(gql: GQL, viewer_gql: GQL) -> None:
    ci_id = await create_ci(gql, "web-1")
    other = await create_ci(gql, "web-2")
    await gql(UPDATE, {"id": ci_id, "d": "front end"})
    await gql(UPDATE, {"id": other, "d": "not this one"})
    history = (await viewer_gql(HISTORY, {"id": ci_id}))["ci"]["history"]
    entries = [e["node"] for e in history["edges"]]
    assert [e["operation"] for e in entries] == ["updateCI", "createCI"]
    assert history["totalCount"] == 2
    assert all(e["targetIds"] == [ci_id] for e in entries)  # only entries about it
    assert entries[0]["after"]["description"] == "front end"
    assert entries[0]["actor"] == "token:test-editor"
    assert entries[0]["tokenId"]
    assert entries[0]["requestId"]
    err = await viewer_gql.error("{ auditLog { totalCount } }")
    assert err["extensions"]["code"] == "FORBIDDEN"  # the whole log is not the viewer's


async def test_history_pages_newest_first(gql: GQL, viewer_gql: GQL) -> None:
    ci_id = await create_ci(gql, "web-1")
    for i in range(4):
        await gql(UPDATE, {"id": ci_id, "d": f"v{i}"})
    seen: list[str | None] = []
    after = None
    pages = 0
    while True:
        variables = {"id": ci_id, "first": 2, "after": after}
        page = (await viewer_gql(HISTORY, variables))["ci"]["history"]
        assert len(page["edges"]) <= 2
        seen += [(e["node"]["after"] or {}).get("description") for e in page["edges"]]
        pages += 1
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert pages == 3
    assert seen == ["v3", "v2", "v1", "v0", None]  # the create last, without a description
    default = (await viewer_gql(HISTORY, {"id": ci_id}))["ci"]["history"]
    assert len(default["edges"]) == 5  # the default page (20) holds them all


async def test_services_and_assets_have_their_history(gql: GQL, viewer_gql: GQL) -> None:
    made = await gql('mutation { createService(input: {name: "Shop"}) { id } }')
    service_id = made["createService"]["id"]
    await gql(
        "mutation($id: ID!) { updateService(id: $id, input: {users: 10}) { id } }",
        {"id": service_id},
    )
    asset_id = (await create_asset(gql))["id"]
    await gql(
        'mutation($id: ID!) { updateAsset(id: $id, input: {costCenter: "CC-20"}) { id } }',
        {"id": asset_id},
    )
    read = await viewer_gql(
        """query($s: ID!, $a: ID!) {
        service(id: $s) { history { edges { node { operation targetIds } } } }
        asset(id: $a) { history { to } auditHistory(first: 1) { totalCount
          edges { node { operation targetIds } } } } }""",
        {"s": service_id, "a": asset_id},
    )
    service = [e["node"] for e in read["service"]["history"]["edges"]]
    assert [e["operation"] for e in service] == ["updateService", "createService"]
    assert all(service_id in e["targetIds"] for e in service)
    asset = read["asset"]
    assert asset["history"] == [{"to": "PLANNED"}]  # ``history`` is still the lifecycle
    assert asset["auditHistory"]["totalCount"] == 2
    [latest] = [e["node"] for e in asset["auditHistory"]["edges"]]
    assert latest["operation"] == "updateAsset"
    assert asset_id in latest["targetIds"]


def test_history_is_costed_like_a_list(settings: Settings) -> None:
    schema = build_schema(settings)._schema

    def of(query: str) -> int:
        return cost.document_cost(schema, parse(query), {}, page_size=100)

    entry = "edges { node { id } }"
    one = of(f"{{ ci(id: 1) {{ history {{ {entry} }} }} }}")
    assert one == 1 + 10 + 20 * 3  # ci, the history's weight, 20 entries by default
    assert of(f"{{ ci(id: 1) {{ history(first: 5) {{ {entry} }} }} }}") == 1 + 10 + 5 * 3
    many = of(
        f"{{ cis(first: 1000) {{ edges {{ node {{ history(first: 1000) {{ {entry} }} }} }} }} }}"
    )
    assert many > 100_000  # a page of CIs each with a page of history is refused
