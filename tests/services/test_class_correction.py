"""A CI's class corrected by a more trusted source, on a real Neo4j: the class label
moves with ``ciClass``, one CI stays one CI, and a less trusted source only leaves a
note (``identity/class_precedence.py``)."""

from __future__ import annotations

from graphcmdb.db.database import Database
from graphcmdb.graph.enums import CIClass
from tests.api.test_ci_crud import create_ci
from tests.api.test_identity_api import UPSERT
from tests.conftest import GQL
from tests.discovery.test_reconcile import UPDATE, device, run

CLASS_OF = """MATCH (c:CI {serialNumber: $serial})
RETURN c.ciClass AS ciClass, c.classSource AS source,
       [l IN labels(c) WHERE NOT l IN ['CI', 'Entity']] AS classLabels"""


async def class_of(db: Database, serial: str) -> tuple[str, str | None, list[str]]:
    [row] = await db.run_raw(CLASS_OF, serial=serial)  # exactly one CI
    return row["ciClass"], row["source"], row["classLabels"]


def upsert_row(ci_class: str, **extra: object) -> dict[str, object]:
    return {"name": "edge-1", "ciClass": ci_class, "serialNumber": "EDGE-1", **extra}


async def test_a_newer_import_corrects_the_class_and_the_preview_says_so(
    db: Database, gql: GQL
) -> None:
    await gql(UPSERT, {"rows": [upsert_row("SERVER")], "dry": False})
    assert await class_of(db, "EDGE-1") == ("Server", "import", ["Server"])

    rows = [upsert_row("NETWORK_DEVICE")]
    preview = (await gql(UPSERT, {"rows": rows, "dry": True}))["upsertCIs"]["plan"]
    [planned] = preview["rows"]
    assert planned["action"] == "UPDATE"
    assert {"field": "ciClass", "before": "Server", "after": "NetworkDevice"} in planned["changes"]
    assert await class_of(db, "EDGE-1") == ("Server", "import", ["Server"])  # a preview

    token = preview["token"]
    await gql(UPSERT, {"rows": rows, "dry": False, "token": token})
    assert await class_of(db, "EDGE-1") == ("NetworkDevice", "import", ["NetworkDevice"])
    found = await db.run_raw(
        "MATCH (:IdentityKey {key: 'SERIAL:EDGE1'})-[:IDENTIFIES]->(c:NetworkDevice) "
        "RETURN count(c) AS n"
    )
    assert found == [{"n": 1}]


async def test_discovery_corrects_finance_but_finance_does_not_correct_discovery(
    db: Database, gql: GQL
) -> None:
    await gql(UPSERT, {"rows": [upsert_row("SERVER")], "dry": False})
    counts = await run(
        db, device("edge-1", "10.80.0.1", serial="EDGE-1", ci_class=CIClass.NETWORK_DEVICE)
    )
    assert (counts.new, counts.updated) == (0, 1)
    assert await class_of(db, "EDGE-1") == ("NetworkDevice", "discovery", ["NetworkDevice"])
    audit = await db.run_raw(
        "MATCH (a:AuditEntry {operation: 'reclassifyCI'}) RETURN a.before AS b"
    )
    assert [r["b"] for r in audit] == ['{"ciClass": "Server"}']

    plan = await gql(UPSERT, {"rows": [upsert_row("SERVER", os="IOS")], "dry": False})
    [done] = plan["upsertCIs"]["plan"]["rows"]
    assert done["notes"] == [
        "a NetworkDevice in the CMDB (the row says Server; kept: its class was set by "
        "discovery, which import does not override)"
    ]
    assert await class_of(db, "EDGE-1") == ("NetworkDevice", "discovery", ["NetworkDevice"])


async def test_a_person_reclassifies_and_discovery_then_keeps_the_choice(
    db: Database, gql: GQL
) -> None:
    ci_id = await create_ci(gql, "edge-1", serialNumber="EDGE-1")
    assert await class_of(db, "EDGE-1") == ("Server", "person", ["Server"])
    await gql(UPDATE, {"id": ci_id, "input": {"ciClass": "LOAD_BALANCER"}})
    assert await class_of(db, "EDGE-1") == ("LoadBalancer", "person", ["LoadBalancer"])

    await run(db, device("edge-1", "10.80.0.1", serial="EDGE-1", ci_class=CIClass.NETWORK_DEVICE))
    assert await class_of(db, "EDGE-1") == ("LoadBalancer", "person", ["LoadBalancer"])

    err = await gql.error(UPDATE, {"id": ci_id, "input": {"ciClass": "APPLICATION"}})
    assert err["extensions"]["code"] == "VALIDATION_FAILED"
    assert "never crosses that line" in err["message"]
    await create_ci(gql, "edge-1", "SERVER", serialNumber="OTHER-1")
    err = await gql.error(UPDATE, {"id": ci_id, "input": {"ciClass": "SERVER", "os": "x"}})
    assert err["extensions"]["code"] == "DUPLICATE"
    assert await class_of(db, "EDGE-1") == ("LoadBalancer", "person", ["LoadBalancer"])
    os = await db.run_raw("MATCH (c:CI {id: $id}) RETURN c.os AS os", id=ci_id)
    assert os == [{"os": None}]  # the refused edit changed nothing


async def test_a_person_renames_and_reclassifies_in_one_edit(db: Database, gql: GQL) -> None:
    ci_id = await create_ci(gql, "crm-cluster", "CLUSTER", minAvailable=2)
    await create_ci(gql, "crm-cluster", "APPLICATION")  # the old name is taken there
    await gql(UPDATE, {"id": ci_id, "input": {"ciClass": None, "os": "x"}})  # null: kept
    done = await gql(UPDATE, {"id": ci_id, "input": {"name": "crm", "ciClass": "APPLICATION"}})
    assert done["updateCI"]["id"] == ci_id
    [row] = await db.run_raw(
        "MATCH (c:CI {id: $id}) RETURN c.name AS name, c.ciClass AS cls, labels(c) AS labels, "
        "c.minAvailable AS quorum, c.os AS os",
        id=ci_id,
    )
    assert (row["name"], row["cls"], row["quorum"], row["os"]) == ("crm", "Application", None, "x")
    assert "Cluster" not in row["labels"]
