"""A read never fails on data already in the graph: a stored value that breaks a write
rule (here an ``os`` string over its 500 characters, a core count of 0, an address that
is no address, a status this release does not know) still reads, through the service
and through GraphQL, and the offending fields are logged by node id, never by value."""

from __future__ import annotations

import logging

import pytest

from graphcmdb.db.database import Database
from graphcmdb.domain.models import CICreate
from graphcmdb.graph.enums import CIClass, CIStatus, Environment
from graphcmdb.services import cis
from graphcmdb.services.actor import system_actor
from graphcmdb.services.paging import PageRequest
from tests.conftest import GQL

LONG_OS = "Linux " + "x" * 600
SECRET = "hunter2-not-an-address"

CI = """query($id: ID!) { ci(id: $id) { id name os cores status environment ipAddresses } }"""
CIS = """{ cis { edges { node { id os } } } }"""


async def _stored_badly(db: Database) -> str:
    ci = await cis.create_ci(
        db, system_actor("test"), CICreate(name="legacy", ciClass=CIClass.SERVER)
    )
    await db.run_raw(
        "MATCH (c:CI {id: $id}) SET c.os = $os, c.cores = 0, c.ipAddresses = [$secret], "
        "c.environment = 'PRODUCTION'",
        id=ci.id,
        os=LONG_OS,
        secret=SECRET,
    )
    return ci.id


async def test_a_stored_value_breaking_a_write_rule_still_reads(
    db: Database, gql: GQL, caplog: pytest.LogCaptureFixture
) -> None:
    ci_id = await _stored_badly(db)
    with caplog.at_level(logging.WARNING, logger="graphcmdb.records"):
        ci = (await cis.get_cis(db, [ci_id]))[ci_id]
    assert (ci.os, ci.cores, ci.ipAddresses) == (LONG_OS, 0, [SECRET])
    assert ci.ciClass is CIClass.SERVER  # the rest is still converted
    assert ci.status is CIStatus.OPERATIONAL
    assert ci.environment is Environment.PRODUCTION
    logged = {r.getMessage() for r in caplog.records}
    for field in ("os", "cores", "ipAddresses"):
        assert any(ci_id in m and f"'{field}'" in m for m in logged), (field, logged)
    assert not any(SECRET in m or LONG_OS in m for m in logged)

    page = await cis.LISTING.page(db, cis.CIFilter(), PageRequest(10, None))
    assert [c.os for c in page.items] == [LONG_OS]

    data = await gql(CI, {"id": ci_id})
    assert data["ci"]["os"] == LONG_OS
    assert (data["ci"]["cores"], data["ci"]["ipAddresses"]) == (0, [SECRET])
    assert data["ci"]["status"] == "OPERATIONAL"
    listed = await gql(CIS)
    assert [e["node"]["os"] for e in listed["cis"]["edges"]] == [LONG_OS]


async def test_an_unknown_optional_enum_value_reads_as_absent(db: Database, gql: GQL) -> None:
    ci_id = await _stored_badly(db)
    await db.run_raw("MATCH (c:CI {id: $id}) SET c.status = 'HALF_BROKEN'", id=ci_id)
    ci = (await cis.get_cis(db, [ci_id]))[ci_id]
    assert ci.status is None
    assert ci.os == LONG_OS
    data = await gql(CI, {"id": ci_id})
    assert data["ci"]["status"] == "UNKNOWN"  # what the API shows for no status
