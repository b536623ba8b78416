"""The history of an object read with a scoped token (issues 14, parts 8 and 9): an audit
entry that names a node outside the token's scopes (a relationship to it) is left out
of the page and of ``totalCount``; the entries about the visible object alone are read,
a keyset page at a time. Without scopes the same history shows every entry."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from graphcmdb.db.database import Database
from graphcmdb.domain.system_records import AuditEntryRecord
from graphcmdb.graph.enums import Role, ScopeKind
from graphcmdb.services import audit_visible
from tests.api.test_ci_crud import create_ci
from tests.api.test_history import HISTORY, UPDATE
from tests.api.test_relations import relate
from tests.api.test_scopes import scoped
from tests.conftest import GQL

SERVICE_HISTORY = """query($id: ID!) { service(id: $id) {
  history { totalCount edges { node { operation targetIds } } } } }"""


async def test_entries_naming_a_hidden_node_are_left_out_for_a_scoped_token(
    gql: GQL, viewer_gql: GQL, client: httpx.AsyncClient, db: Database
) -> None:
    dev = await create_ci(gql, "dev-box", environment="DEVELOPMENT")
    prod = await create_ci(gql, "prod-box", environment="PRODUCTION")
    await gql(UPDATE, {"id": dev, "d": "first"})
    await relate(gql, dev, "DEPENDS_ON", prod)  # names the hidden production CI
    await gql(UPDATE, {"id": dev, "d": "second"})
    dev_only = await scoped(client, db, Role.VIEWER, (ScopeKind.ENVIRONMENT, "DEVELOPMENT"))

    whole = (await viewer_gql(HISTORY, {"id": dev}))["ci"]["history"]
    assert [e["node"]["operation"] for e in whole["edges"]] == [
        "updateCI",
        "relate",
        "updateCI",
        "createCI",
    ]
    assert whole["totalCount"] == 4

    seen = (await dev_only(HISTORY, {"id": dev}))["ci"]["history"]
    assert [e["node"]["operation"] for e in seen["edges"]] == ["updateCI", "updateCI", "createCI"]
    assert seen["totalCount"] == 3
    assert prod not in str(seen)
    # the hidden CI's own history is not reachable at all
    assert (await dev_only(HISTORY, {"id": prod}))["ci"] is None


@pytest.mark.parametrize("round_", [1, audit_visible.ROUND])
async def test_a_scoped_token_pages_through_what_it_may_read(
    gql: GQL,
    client: httpx.AsyncClient,
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
    round_: int,
) -> None:
    monkeypatch.setattr(audit_visible, "ROUND", round_)  # 1: every entry a round of its own
    dev = await create_ci(gql, "dev-box", environment="DEVELOPMENT")
    for i in range(3):
        prod = await create_ci(gql, f"prod-{i}", environment="PRODUCTION")
        await relate(gql, dev, "DEPENDS_ON", prod)
        await gql(UPDATE, {"id": dev, "d": f"v{i}"})
    dev_only = await scoped(client, db, Role.VIEWER, (ScopeKind.ENVIRONMENT, "DEVELOPMENT"))
    read: list[str | None] = []
    after = None
    while True:
        page = (await dev_only(HISTORY, {"id": dev, "first": 2, "after": after}))["ci"]["history"]
        assert len(page["edges"]) <= 2
        assert page["totalCount"] == 4
        read += [(e["node"]["after"] or {}).get("description") for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert read == ["v2", "v1", "v0", None]  # every relate left out, nothing twice


async def test_a_service_s_history_hides_the_hidden_end_too(
    gql: GQL, client: httpx.AsyncClient, db: Database
) -> None:
    made = await gql('mutation { createService(input: {name: "shop"}) { id } }')
    shop = made["createService"]["id"]
    dev = await create_ci(gql, "dev-box", environment="DEVELOPMENT")
    prod = await create_ci(gql, "prod-box", environment="PRODUCTION")
    await relate(gql, shop, "DEPENDS_ON", dev)  # shop needs a development CI: visible
    await relate(gql, shop, "DEPENDS_ON", prod)
    dev_only = await scoped(client, db, Role.VIEWER, (ScopeKind.ENVIRONMENT, "DEVELOPMENT"))
    history = (await dev_only(SERVICE_HISTORY, {"id": shop}))["service"]["history"]
    entries = [e["node"] for e in history["edges"]]
    assert [e["operation"] for e in entries] == ["relate", "createService"]
    assert entries[0]["targetIds"] == [shop, dev]
    assert history["totalCount"] == 2


def test_the_ids_an_entry_s_snapshots_name_are_found_however_deep() -> None:
    entry = AuditEntryRecord(
        id="e",
        at=datetime.now(UTC),
        actor="a",
        operation="mergeCIs",
        targetIds=["kept", "merged"],
        before={"id": "kept", "name": "n", "moved": [{"fromId": "x", "toId": "kept"}]},
        after={"tracked": [{"ciId": "y", "row": 3}], "memberIds": ["z1", "z2"], "note": "w"},
    )
    assert audit_visible.named_in_snapshots(entry) == {"kept", "x", "y", "z1", "z2"}
