"""A GraphQL query's reads asked together are one statement (``db/coalesce.py``): the
explorer's CI details cost two (the CI, then everything around it), with the same
answer as one statement per read."""

from __future__ import annotations

from graphcmdb.db.database import Database
from tests.api.test_ci_crud import create_ci
from tests.api.test_relations import create_service, relate
from tests.conftest import GQL

DETAILS = """query($i: ID!) { ci(id: $i) {
  name dependsOn { kind node { name } } dependents { kind node { name } }
  services { name } installedSoftware { version } asset { assetTag } } }"""


async def test_the_details_of_a_ci_are_two_statements_with_the_same_answer(
    gql: GQL, db: Database
) -> None:
    app, store = [await create_ci(gql, n, "APPLICATION") for n in ("app", "store")]
    shop = await create_service(gql, "Shop")
    await relate(gql, app, "DEPENDS_ON", store)
    await relate(gql, shop, "DEPENDS_ON", app)
    await gql(DETAILS, {"i": app})  # the token and every statement known

    costs, answers = [], []
    was = db.settings.coalesce_reads
    for coalesce in (True, False):
        db.settings.coalesce_reads = coalesce
        try:
            before = db.round_trips
            answers.append(await gql(DETAILS, {"i": app}))
            costs.append(db.round_trips - before)
        finally:
            db.settings.coalesce_reads = was

    assert costs == [2, 5]
    assert answers[0] == answers[1]
    assert answers[0]["ci"] == {
        "name": "app",
        "dependsOn": [{"kind": "HARD", "node": {"name": "store"}}],
        "dependents": [{"kind": "HARD", "node": {"name": "Shop"}}],
        "services": [{"name": "Shop"}],
        "installedSoftware": [],
        "asset": None,
    }


async def test_a_mutation_reads_one_statement_at_a_time(gql: GQL, db: Database) -> None:
    """Only queries join reads: a mutation's reads are its own, one by one."""
    app = await create_ci(gql, "app", "APPLICATION")
    update = """mutation($i: ID!) { updateCI(id: $i, input: {description: "x"}) {
      name dependsOn { node { name } } services { name } asset { assetTag } } }"""
    await gql(update, {"i": app})
    before = db.round_trips
    await gql(update, {"i": app})
    writes_and_reads = db.round_trips - before
    was, db.settings.coalesce_reads = db.settings.coalesce_reads, False
    try:
        before = db.round_trips
        await gql(update, {"i": app})
        assert db.round_trips - before == writes_and_reads
    finally:
        db.settings.coalesce_reads = was
