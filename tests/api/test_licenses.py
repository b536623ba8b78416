"""License compliance over GraphQL against the real Neo4j: normalised products,
positions for each metric by hand-computed values, the downgrade rule both ways,
installations, bad input refused with nothing written, permissions and audit."""

from __future__ import annotations

from typing import Any

from graphcmdb.db.database import Database
from graphcmdb.services import bulk
from graphcmdb.services.actor import system_actor
from tests.api.test_ci_crud import create_ci
from tests.api.test_itam_assets import create_asset
from tests.conftest import GQL

PRODUCT = """mutation($p: String!, $n: String!, $v: String) {
  createSoftwareProduct(input: {publisher: $p, product: $n, version: $v}) {
    id name publisher product version key } }"""
LICENSE = """mutation($input: CreateLicenseInput!) { createLicense(input: $input) {
  id name metric quantity unitCost currency downgradable unitCostMoney { amount currency }
  product { name } contract { number } } }"""
INSTALL = """mutation($ci: ID!, $p: ID!, $v: String) {
  installSoftware(ciId: $ci, productId: $p, version: $v) { version ci { name } product { name } } }"""
POSITIONS = """{ licensePositions { product { name } metric entitled consumed position status
  shortfall yearlySaving { amount currency } lentToOlderVersions
  consumers { units personId downgrade } cis { name } } }"""


async def product(gql: GQL, publisher: str, name: str, version: str | None = None) -> str:
    data = await gql(PRODUCT, {"p": publisher, "n": name, "v": version})
    return str(data["createSoftwareProduct"]["id"])


async def license(gql: GQL, product_id: str, quantity: int, **fields: Any) -> dict[str, Any]:
    given = {"productId": product_id, "metric": "PER_DEVICE", "quantity": quantity} | fields
    return dict((await gql(LICENSE, {"input": given}))["createLicense"])


async def install(gql: GQL, ci: str, product_id: str, version: str | None = None) -> None:
    await gql(INSTALL, {"ci": ci, "p": product_id, "v": version})


async def positions(gql: GQL) -> dict[str, dict[str, Any]]:
    return {p["product"]["name"]: p for p in (await gql(POSITIONS))["licensePositions"]}


async def many_cis_with(db: Database, product_id: str, prefix: str, n: int) -> None:
    """``n`` CIs with the product installed, written in bulk (setup, not under test)."""
    rows = [{"name": f"{prefix}-{i:03}", "ciClass": "Server"} for i in range(n)]
    ids = (await bulk.upsert_cis(db, system_actor("test"), rows)).ids
    await db.run_raw(
        "UNWIND $ids AS id MATCH (c:CI {id: id}), (p:SoftwareProduct {id: $p}) "
        "CREATE (c)-[:HAS_INSTALLED {version: '1'}]->(p)",
        ids=ids,
        p=product_id,
    )


async def test_products_are_normalised_and_unique(gql: GQL) -> None:
    data = await gql(PRODUCT, {"p": " Microsoft ", "n": "Office   365 ", "v": " 16.0 "})
    assert data["createSoftwareProduct"] | {"id": None} == {
        "id": None,
        "name": "Microsoft Office 365 16.0",
        "publisher": "Microsoft",
        "product": "Office 365",
        "version": "16.0",
        "key": "microsoft|office 365|16",
    }
    err = await gql.error(PRODUCT, {"p": "MICROSOFT", "n": "office 365", "v": "16"})
    assert err["extensions"]["code"] == "DUPLICATE"
    await product(gql, "Adobe", "Acrobat")
    err = await gql.error(PRODUCT, {"p": " ", "n": "X"})
    assert err["extensions"]["field"] == "publisher"
    listed = await gql("{ softwareProducts { totalCount edges { node { name version } } } }")
    assert [e["node"] for e in listed["softwareProducts"]["edges"]] == [
        {"name": "Adobe Acrobat", "version": None},
        {"name": "Microsoft Office 365 16.0", "version": "16.0"},
    ]


async def test_per_device_over_deployed_and_under_used_with_saving(gql: GQL, db: Database) -> None:
    agent = await product(gql, "Acme", "Agent", "1")
    await license(gql, agent, 10, unitCost="12.00", currency="USD")
    await many_cis_with(db, agent, "agent", 12)
    suite = await product(gql, "Acme", "Suite", "5")
    await license(gql, suite, 500, unitCost="25.00", currency="EUR")
    await many_cis_with(db, suite, "suite", 320)
    before = db.round_trips
    pos = await positions(gql)
    assert db.round_trips - before <= 2  # the positions read and one CI loader batch
    over = pos["Acme Agent 1"]
    assert (over["entitled"], over["consumed"], over["position"]) == (10, 12, -2)
    assert (over["status"], over["shortfall"], over["yearlySaving"]) == ("OVER_DEPLOYED", 2, None)
    assert len(over["cis"]) == 12
    under = pos["Acme Suite 5"]
    assert (under["entitled"], under["consumed"], under["position"]) == (500, 320, 180)
    assert under["status"] == "UNDER_USED"  # 320 / 500 = 64 % < 80 %
    assert under["yearlySaving"] == {"amount": "4500.00", "currency": "EUR"}  # 180 x 25.00


async def test_per_core_and_per_user(gql: GQL) -> None:
    oracle = await product(gql, "Oracle", "Database", "19")
    await license(gql, oracle, 24, metric="PER_CORE")
    for name, cores in (("db1", 8), ("db2", 16), ("db3", None)):
        await install(gql, await create_ci(gql, name, cores=cores), oracle)
    acrobat = await product(gql, "Adobe", "Acrobat")
    await license(gql, acrobat, 2, metric="PER_USER")
    ada = await gql('mutation { createPerson(input: {name: "Ada", email: "ada@x.org"}) { id } }')
    bob = await gql('mutation { createPerson(input: {name: "Bob", email: "bob@x.org"}) { id } }')
    holders = {"lt1": ada, "lt2": ada, "lt3": bob, "kiosk": None}
    for name, holder in holders.items():
        ci = await create_ci(gql, name)
        await install(gql, ci, acrobat)
        if holder is None:
            continue
        asset = (await create_asset(gql, assetTag=f"A-{name}"))["id"]
        await gql(
            "mutation($a: ID!, $c: ID!) { trackCI(assetId: $a, ciId: $c) { id } }",
            {"a": asset, "c": ci},
        )
        await gql(
            "mutation($a: ID!, $p: ID!) { assignAsset(assetId: $a, personId: $p) { id } }",
            {"a": asset, "p": holder["createPerson"]["id"]},
        )
    pos = await positions(gql)
    cores = pos["Oracle Database 19"]
    assert (cores["metric"], cores["consumed"], cores["status"]) == (
        "PER_CORE",
        25,
        "OVER_DEPLOYED",
    )
    assert cores["shortfall"] == 1  # 8 + 16 + 1 (unknown cores count one) - 24
    users = pos["Adobe Acrobat"]
    assert (users["metric"], users["entitled"], users["consumed"]) == ("PER_USER", 2, 2)
    assert users["status"] == "COMPLIANT"
    assert sorted(c["units"] for c in users["consumers"]) == [0, 1, 1]  # kiosk: nobody holds it
    assert [c["name"] for c in users["cis"]] == ["kiosk", "lt1", "lt2", "lt3"]


async def test_downgrade_rule_both_ways(gql: GQL) -> None:
    o21 = await product(gql, "Microsoft", "Office", "2021")
    o19 = await product(gql, "Microsoft", "Office", "2019")
    lic = await license(gql, o21, 5, unitCost="100", currency="EUR")
    for i in range(2):
        await install(gql, await create_ci(gql, f"new{i}"), o21)
    for i in range(3):
        await install(gql, await create_ci(gql, f"old{i}"), o19)
    pos = await positions(gql)
    assert (pos["Microsoft Office 2019"]["status"], pos["Microsoft Office 2019"]["shortfall"]) == (
        "OVER_DEPLOYED",
        3,
    )
    assert pos["Microsoft Office 2021"]["consumed"] == 2
    await gql(
        "mutation($id: ID!) { updateLicense(id: $id, input: {downgradable: true}) { id } }",
        {"id": lic["id"]},
    )
    pos = await positions(gql)
    assert "Microsoft Office 2019" not in pos  # covered by the 2021 licenses now
    new = pos["Microsoft Office 2021"]
    assert (new["consumed"], new["lentToOlderVersions"], new["status"]) == (5, 3, "COMPLIANT")
    assert sorted(c["downgrade"] for c in new["consumers"]) == [False, False, True, True, True]
    # upwards is never covered: a downgradable 2019 license does not cover Office 2024
    o24 = await product(gql, "Microsoft", "Office", "2024")
    await license(gql, o19, 10, downgradable=True)
    await install(gql, await create_ci(gql, "newest"), o24)
    pos = await positions(gql)
    assert (
        pos["Microsoft Office 2024"]["entitled"],
        pos["Microsoft Office 2024"]["shortfall"],
    ) == (0, 1)
    assert pos["Microsoft Office 2019"]["consumed"] == 3  # its own installs first


async def count(db: Database, query: str) -> int:
    return int((await db.run_raw(query))[0]["n"])


async def test_bad_input_refused_and_nothing_written(gql: GQL, db: Database) -> None:
    office = await product(gql, "Microsoft", "Office", "2021")
    viso = await product(gql, "Microsoft", "Office", "2019")
    await license(gql, office, 5)
    for bad, code, field in (
        ({"productId": "nope"}, "NOT_FOUND", None),
        ({"quantity": -1}, "VALIDATION_FAILED", "quantity"),
        ({"unitCost": "10"}, "VALIDATION_FAILED", "currency"),
        ({"unitCost": "-1", "currency": "EUR"}, "VALIDATION_FAILED", "unitCost"),
        ({"contractId": "nope"}, "NOT_FOUND", None),
        ({"productId": viso, "metric": "PER_USER"}, "VALIDATION_FAILED", "metric"),
    ):
        given = {"productId": office, "metric": "PER_DEVICE", "quantity": 1} | bad
        err = await gql.error(LICENSE, {"input": given})
        assert err["extensions"]["code"] == code, err
        if field:
            assert err["extensions"]["field"] == field
    assert await count(db, "MATCH (l:License) RETURN count(l) AS n") == 1
    err = await gql.error(INSTALL, {"ci": "nope", "p": office})
    assert err["extensions"]["code"] == "NOT_FOUND"
    ci = await create_ci(gql, "pc")
    err = await gql.error(INSTALL, {"ci": ci, "p": "nope"})
    assert err["extensions"]["code"] == "NOT_FOUND"
    assert await count(db, "MATCH ()-[i:HAS_INSTALLED]->() RETURN count(i) AS n") == 0
    err = await gql.error(
        "mutation($ci: ID!, $p: ID!) { relate(input: {fromId: $ci, type: HAS_INSTALLED, toId: $p}) { type } }",
        {"ci": ci, "p": office},
    )
    assert err["extensions"]["code"] == "ILLEGAL_RELATIONSHIP"  # installSoftware owns it


async def test_installs_license_lifecycle_and_audit(gql: GQL, admin_gql: GQL, db: Database) -> None:
    office = await product(gql, "Microsoft", "Office", "2021")
    contract = (
        await gql(
            'mutation { createContract(input: {number: "EA-1", kind: LICENSE, endDate: "2027-01-01"}) { id } }'
        )
    )["createContract"]["id"]
    lic = await license(gql, office, 3, contractId=contract, unitCost="99.90", currency="eur")
    assert lic["name"] == "Microsoft Office 2021 (PER_DEVICE)"
    assert lic["unitCostMoney"] == {"amount": "99.90", "currency": "EUR"}
    assert (lic["product"], lic["contract"]) == (
        {"name": "Microsoft Office 2021"},
        {"number": "EA-1"},
    )
    ci = await create_ci(gql, "pc")
    first = (await gql(INSTALL, {"ci": ci, "p": office}))["installSoftware"]
    assert first == {
        "version": "2021",
        "ci": {"name": "pc"},
        "product": {"name": "Microsoft Office 2021"},
    }
    again = (await gql(INSTALL, {"ci": ci, "p": office, "v": "16.0.14332"}))["installSoftware"]
    assert again["version"] == "16.0.14332"
    assert await count(db, "MATCH ()-[i:HAS_INSTALLED]->() RETURN count(i) AS n") == 1
    asset = (await create_asset(gql, assetTag="PC-1"))["id"]
    await gql(
        "mutation($a: ID!, $c: ID!) { trackCI(assetId: $a, ciId: $c) { id } }",
        {"a": asset, "c": ci},
    )
    seen = await gql(
        "query($id: ID!) { asset(id: $id) { installedSoftware { version product { name } } } }",
        {"id": asset},
    )
    assert seen["asset"]["installedSoftware"] == [
        {"version": "16.0.14332", "product": {"name": "Microsoft Office 2021"}}
    ]
    unlink = "mutation($id: ID!) { updateLicense(id: $id, input: {contractId: null, quantity: 4}) { quantity contract { number } } }"
    assert (await gql(unlink, {"id": lic["id"]}))["updateLicense"] == {
        "quantity": 4,
        "contract": None,
    }
    remove = "mutation($ci: ID!, $p: ID!) { uninstallSoftware(ciId: $ci, productId: $p) }"
    assert (await gql(remove, {"ci": ci, "p": office}))["uninstallSoftware"] is True
    err = await gql.error(remove, {"ci": ci, "p": office})
    assert err["extensions"]["code"] == "NOT_FOUND"
    await gql("mutation($id: ID!) { deleteLicense(id: $id) }", {"id": lic["id"]})
    assert (await gql("query($id: ID!) { license(id: $id) { id } }", {"id": lic["id"]}))[
        "license"
    ] is None

    async def operations(target: str) -> list[str]:
        log = await admin_gql(
            "query($id: ID!) { auditLog(targetId: $id) { edges { node { operation } } } }",
            {"id": target},
        )
        return [e["node"]["operation"] for e in log["auditLog"]["edges"]]

    assert await operations(ci) == [
        "uninstallSoftware",
        "trackCI",
        "installSoftware",
        "installSoftware",
        "createCI",
    ]
    assert await operations(lic["id"]) == ["deleteLicense", "updateLicense", "createLicense"]
    assert (await operations(office))[-1] == "createSoftwareProduct"


async def test_viewer_reads_but_cannot_write(gql: GQL, viewer_gql: GQL) -> None:
    office = await product(gql, "Microsoft", "Office", "2021")
    await license(gql, office, 1)
    ci = await create_ci(gql, "pc")
    read = (await viewer_gql.raw(POSITIONS)).json()  # without financials: no yearlySaving
    assert len(read["data"]["licensePositions"]) == 1
    assert {e["extensions"]["needed"] for e in read["errors"]} == {"financials"}
    for mutation, variables in (
        (PRODUCT, {"p": "A", "n": "B"}),
        (LICENSE, {"input": {"productId": office, "metric": "PER_DEVICE", "quantity": 1}}),
        (INSTALL, {"ci": ci, "p": office}),
    ):
        err = await viewer_gql.error(mutation, variables)
        assert err["extensions"]["code"] == "FORBIDDEN"
