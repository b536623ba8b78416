"""Asset lifecycle over GraphQL against the real Neo4j: the whole state x state table,
disposal requirements, deployment linking a CI, retirement guarded by dependents."""

from __future__ import annotations

from typing import Any

import pytest

from graphcmdb.db.database import Database
from graphcmdb.domain.itam_models import AssetCreate, TransitionInput
from graphcmdb.graph.enums import DisposalMethod, LifecycleState
from graphcmdb.itam.lifecycle import allowed_next
from graphcmdb.services import assets, lifecycle
from graphcmdb.services.actor import system_actor
from tests.api.test_ci_crud import create_ci
from tests.conftest import GQL

S = LifecycleState
TRANSITION = """
mutation($id: ID!, $to: LifecycleState!, $disposal: DisposalInput, $ciId: ID, $force: Boolean! = false,
         $note: String, $at: DateTime) {
  transitionAsset(id: $id, to: $to, disposal: $disposal, ciId: $ciId, force: $force, note: $note, at: $at) {
    asset { lifecycleState inServiceDate writtenOffOn ci { id } }
    event { seq from to actor note disposalMethod dataWipeReference dependentIds }
    dependents { id name type }
  }
}"""
WIPED = {"method": "RECYCLED", "dataWipeReference": "WIPE-42"}

EXPECTED = {
    S.PLANNED: {S.ORDERED, S.LOST},
    S.ORDERED: {S.RECEIVED, S.LOST},
    S.RECEIVED: {S.IN_STOCK, S.LOST},
    S.IN_STOCK: {S.DEPLOYED, S.RETIRED, S.LOST},
    S.DEPLOYED: {S.IN_MAINTENANCE, S.IN_STOCK, S.RETIRED, S.LOST},
    S.IN_MAINTENANCE: {S.DEPLOYED, S.LOST},
    S.RETIRED: {S.DISPOSED, S.LOST},
    S.DISPOSED: set(),
    S.LOST: set(),
}


@pytest.mark.parametrize("state", list(S))
def test_table_matches_design(state: LifecycleState) -> None:
    assert set(allowed_next(state)) == EXPECTED[state]


async def asset_in(db: Database, state: LifecycleState, tag: str = "A-1", **extra: Any) -> str:
    """An asset in ``state``: created there, or moved there for the terminal states."""
    actor = system_actor("test")
    start = {S.DISPOSED: S.RETIRED, S.LOST: S.PLANNED}.get(state, state)
    data = AssetCreate.model_validate({"assetTag": tag, "lifecycleState": start, **extra})
    asset_id = (await assets.create_asset(db, actor, data)).id
    if state != start:
        move: dict[str, Any] = {"to": state}
        if state is S.DISPOSED:
            move["disposal"] = {"method": DisposalMethod.RECYCLED, "dataWipeReference": "W-1"}
        await lifecycle.transition(db, actor, asset_id, TransitionInput.model_validate(move))
    return asset_id


@pytest.mark.parametrize(
    ("current", "to"), [(a, b) for a in S for b in S], ids=lambda s: str(s.value)
)
async def test_every_transition(
    gql: GQL, db: Database, current: LifecycleState, to: LifecycleState
) -> None:
    asset_id = await asset_in(db, current)
    variables: dict[str, Any] = {"id": asset_id, "to": to.value}
    if to is S.DISPOSED:
        variables["disposal"] = WIPED
    if to in EXPECTED[current]:
        data = await gql(TRANSITION, variables)
        result = data["transitionAsset"]
        assert result["asset"]["lifecycleState"] == to.value
        assert result["event"]["from"] == current.value
        assert result["event"]["to"] == to.value
        assert result["event"]["actor"] == "token:test-editor"
        return
    err = await gql.error(TRANSITION, variables)
    assert err["extensions"]["code"] == "ILLEGAL_TRANSITION"
    assert set(err["extensions"]["allowed"]) == {s.value for s in EXPECTED[current]}
    assert err["extensions"]["current"] == current.value
    state = await gql("query($id: ID!) { asset(id: $id) { lifecycleState } }", {"id": asset_id})
    assert state["asset"]["lifecycleState"] == current.value


HISTORY = """query($id: ID!) { asset(id: $id) { lifecycleState allowedTransitions
  history { seq from to note actor at } } }"""


async def test_history_is_ordered_and_audited(gql: GQL, admin_gql: GQL, db: Database) -> None:
    asset_id = await asset_in(db, S.PLANNED)
    for to, note in (("ORDERED", "PO 17"), ("RECEIVED", None), ("IN_STOCK", "shelf 3")):
        await gql(TRANSITION, {"id": asset_id, "to": to, "note": note})
    asset = (await gql(HISTORY, {"id": asset_id}))["asset"]
    assert [(e["seq"], e["from"], e["to"], e["note"]) for e in asset["history"]] == [
        (1, None, "PLANNED", "recorded"),
        (2, "PLANNED", "ORDERED", "PO 17"),
        (3, "ORDERED", "RECEIVED", None),
        (4, "RECEIVED", "IN_STOCK", "shelf 3"),
    ]
    assert asset["allowedTransitions"] == ["DEPLOYED", "RETIRED", "LOST"]
    log = await admin_gql(
        """query($id: ID!) { auditLog(targetId: $id) { edges { node { operation actor before after } } } }""",
        {"id": asset_id},
    )
    ops = [e["node"] for e in log["auditLog"]["edges"]]
    assert [o["operation"] for o in ops] == ["transitionAsset"] * 3 + ["createAsset"]
    assert ops[0]["before"]["lifecycleState"] == "RECEIVED"
    assert ops[0]["after"]["lifecycleState"] == "IN_STOCK"
    assert ops[0]["after"]["event"]["note"] == "shelf 3"


async def test_at_cannot_go_back_in_time_or_into_the_future(gql: GQL, db: Database) -> None:
    asset_id = await asset_in(db, S.PLANNED)
    err = await gql.error(
        TRANSITION, {"id": asset_id, "to": "ORDERED", "at": "2001-01-01T00:00:00Z"}
    )
    assert err["extensions"] == {"code": "VALIDATION_FAILED", "field": "at"}
    err = await gql.error(
        TRANSITION, {"id": asset_id, "to": "ORDERED", "at": "2999-01-01T00:00:00Z"}
    )
    assert err["extensions"]["field"] == "at"


async def test_disposal_needs_a_method_and_a_wipe_reference_for_storage(
    gql: GQL, db: Database
) -> None:
    disk = await asset_in(db, S.RETIRED, "DISK")
    screen = await asset_in(db, S.RETIRED, "SCREEN", hasStorage=False)
    err = await gql.error(TRANSITION, {"id": disk, "to": "DISPOSED"})
    assert err["extensions"] == {"code": "DISPOSAL_INCOMPLETE", "missing": ["method"]}
    err = await gql.error(
        TRANSITION, {"id": disk, "to": "DISPOSED", "disposal": {"method": "RESOLD"}}
    )
    assert err["extensions"] == {"code": "DISPOSAL_INCOMPLETE", "missing": ["dataWipeReference"]}
    done = await gql(TRANSITION, {"id": screen, "to": "DISPOSED", "disposal": {"method": "RESOLD"}})
    assert done["transitionAsset"]["event"]["disposalMethod"] == "RESOLD"
    assert done["transitionAsset"]["asset"]["writtenOffOn"] is not None
    done = await gql(TRANSITION, {"id": disk, "to": "DISPOSED", "disposal": WIPED})
    assert done["transitionAsset"]["event"]["dataWipeReference"] == "WIPE-42"
    other = await asset_in(db, S.IN_STOCK, "OTHER")
    err = await gql.error(TRANSITION, {"id": other, "to": "RETIRED", "disposal": WIPED})
    assert err["extensions"] == {"code": "VALIDATION_FAILED", "field": "disposal"}


async def test_deploying_links_the_ci_and_sets_in_service_date(gql: GQL, db: Database) -> None:
    ci = await create_ci(gql, "web-01")
    asset_id = await asset_in(db, S.IN_STOCK)
    done = (await gql(TRANSITION, {"id": asset_id, "to": "DEPLOYED", "ciId": ci}))[
        "transitionAsset"
    ]
    assert done["asset"]["ci"] == {"id": ci}
    assert done["asset"]["inServiceDate"] is not None
    other = await asset_in(db, S.IN_STOCK, "A-2")
    err = await gql.error(TRANSITION, {"id": other, "to": "DEPLOYED", "ciId": ci})
    assert err["extensions"]["code"] == "ALREADY_LINKED"
    err = await gql.error(TRANSITION, {"id": other, "to": "RETIRED", "ciId": ci})
    assert err["extensions"] == {"code": "VALIDATION_FAILED", "field": "ciId"}
    state = await gql(
        "query($id: ID!) { asset(id: $id) { lifecycleState ci { id } } }", {"id": other}
    )
    assert state["asset"] == {"lifecycleState": "IN_STOCK", "ci": None}


async def test_retiring_an_asset_whose_ci_has_dependents_needs_force(
    gql: GQL, db: Database
) -> None:
    host = await create_ci(gql, "hv-01")
    vm = await create_ci(gql, "vm-01", "VIRTUAL_MACHINE")
    await gql(
        "mutation($a: ID!, $b: ID!) { relate(input: {fromId: $a, type: HOSTED_ON, toId: $b}) { type } }",
        {"a": vm, "b": host},
    )
    asset_id = await asset_in(db, S.IN_STOCK)
    await gql(TRANSITION, {"id": asset_id, "to": "DEPLOYED", "ciId": host})
    err = await gql.error(TRANSITION, {"id": asset_id, "to": "RETIRED"})
    assert err["extensions"]["code"] == "HAS_DEPENDENTS"
    assert err["extensions"]["dependents"] == [vm]
    assert "vm-01" in err["message"]
    done = (await gql(TRANSITION, {"id": asset_id, "to": "RETIRED", "force": True}))[
        "transitionAsset"
    ]
    assert done["asset"]["lifecycleState"] == "RETIRED"
    assert done["dependents"] == [{"id": vm, "name": "vm-01", "type": "HOSTED_ON"}]
    assert done["event"]["dependentIds"] == [vm]


async def test_viewer_cannot_transition(viewer_gql: GQL, db: Database) -> None:
    asset_id = await asset_in(db, S.PLANNED)
    err = await viewer_gql.error(TRANSITION, {"id": asset_id, "to": "ORDERED"})
    assert err["extensions"]["code"] == "FORBIDDEN"
