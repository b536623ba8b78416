"""Vendors, locations, people and software products over GraphQL against the real Neo4j:
update and delete with audit, bad input / duplicates / unknown ids, deletes refused while
referenced and forced, permissions, what hangs off each, the licenses an asset consumes,
the software a CI has installed, and bounded query counts for pages of 100."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from graphcmdb.db.database import Database
from graphcmdb.services import bulk
from graphcmdb.services.actor import system_actor
from tests.api.test_ci_crud import create_ci
from tests.api.test_contracts import create_contract
from tests.api.test_itam_assets import create_asset
from tests.api.test_licenses import install, license, product
from tests.conftest import GQL


@dataclass(frozen=True)
class Case:
    type: str
    created: dict[str, Any]
    update: dict[str, Any]
    #: the update's result, as selected by ``fields``
    updated: dict[str, Any]
    fields: str

    async def create(self, gql: GQL, **fields: Any) -> str:
        query = (
            f"mutation($input: Create{self.type}Input!) "
            f"{{ create{self.type}(input: $input) {{ id }} }}"
        )
        data = await gql(query, {"input": self.created | fields})
        return str(data[f"create{self.type}"]["id"])

    def update_query(self) -> str:
        return (
            f"mutation($id: ID!, $input: Update{self.type}Input!) "
            f"{{ update{self.type}(id: $id, input: $input) {{ {self.fields} }} }}"
        )

    def delete_query(self) -> str:
        return (
            f"mutation($id: ID!, $force: Boolean!) {{ delete{self.type}(id: $id, force: $force) }}"
        )


VENDOR = Case(
    "Vendor",
    {"name": "Dell"},
    {"name": "Dell Technologies", "website": "dell.com"},
    {"name": "Dell Technologies", "website": "dell.com", "description": None},
    "name website description",
)
LOCATION = Case(
    "Location",
    {"name": "Paris", "kind": "SITE"},
    {"address": "1 rue de Rivoli", "kind": None},
    {"name": "Paris", "kind": None, "address": "1 rue de Rivoli"},
    "name kind address",
)
PERSON = Case(
    "Person",
    {"name": "Ada", "email": "ada@x.org"},
    {"email": " ADA@Y.org ", "department": "IT"},
    {"name": "Ada", "email": "ada@y.org", "department": "IT"},
    "name email department",
)
PRODUCT = Case(
    "SoftwareProduct",
    {"publisher": "Microsoft", "product": "Office", "version": "2019"},
    {"version": " 2021 "},
    {"name": "Microsoft Office 2021", "version": "2021", "key": "microsoft|office|2021"},
    "name version key",
)
ALL = [VENDOR, LOCATION, PERSON, PRODUCT]
each_kind = pytest.mark.parametrize("kind", ALL, ids=[k.type for k in ALL])


async def audit_of(admin_gql: GQL, target: str) -> list[dict[str, Any]]:
    log = await admin_gql(
        "query($id: ID!) { auditLog(targetId: $id) { edges { node { operation before after } } } }",
        {"id": target},
    )
    return [e["node"] for e in log["auditLog"]["edges"]]


async def count(db: Database, query: str) -> int:
    return int((await db.run_raw(query))[0]["n"])


@each_kind
async def test_update_and_delete_write_audit_entries(gql: GQL, admin_gql: GQL, kind: Case) -> None:
    node = await kind.create(gql)
    updated = await gql(kind.update_query(), {"id": node, "input": kind.update})
    assert updated[f"update{kind.type}"] == kind.updated
    assert await gql(kind.delete_query(), {"id": node, "force": False}) == {
        f"delete{kind.type}": node
    }
    log = await audit_of(admin_gql, node)
    assert [e["operation"] for e in log] == [
        f"delete{kind.type}",
        f"update{kind.type}",
        f"create{kind.type}",
    ]
    delete, update = log[0], log[1]
    assert update["after"]["updatedAt"] >= update["before"]["updatedAt"]
    assert {k: update["after"].get(k) for k in kind.updated} == kind.updated
    assert delete["before"]["id"] == node
    assert delete["after"] == {"deleted": True, "force": False, "detached": {}}


@each_kind
async def test_unknown_ids_and_viewers_are_refused(gql: GQL, viewer_gql: GQL, kind: Case) -> None:
    err = await gql.error(kind.update_query(), {"id": "nope", "input": kind.update})
    assert err["extensions"] == {"code": "NOT_FOUND", "kind": kind.type, "ids": ["nope"]}
    err = await gql.error(kind.delete_query(), {"id": "nope", "force": True})
    assert err["extensions"]["code"] == "NOT_FOUND"
    node = await kind.create(gql)
    for query, variables in (
        (kind.update_query(), {"id": node, "input": kind.update}),
        (kind.delete_query(), {"id": node, "force": True}),
    ):
        err = await viewer_gql.error(query, variables)
        assert err["extensions"]["code"] == "FORBIDDEN"


@pytest.mark.parametrize(
    ("kind", "bad", "field"),
    [
        (VENDOR, {"name": None}, "name"),
        (VENDOR, {"name": "  "}, "name"),
        (LOCATION, {"name": "x" * 201}, "name"),
        (PERSON, {"email": "not-an-address"}, "email"),
        (PRODUCT, {"publisher": None}, "publisher"),
        (PRODUCT, {"product": ""}, "product"),
    ],
)
async def test_bad_input_is_refused_and_nothing_changes(
    gql: GQL, db: Database, kind: Case, bad: dict[str, Any], field: str
) -> None:
    node = await kind.create(gql)
    err = await gql.error(kind.update_query(), {"id": node, "input": bad})
    assert (err["extensions"]["code"], err["extensions"]["field"]) == ("VALIDATION_FAILED", field)
    assert (
        await count(
            db, "MATCH (e:AuditEntry) WHERE e.operation STARTS WITH 'update' RETURN count(e) AS n"
        )
        == 0
    )


@pytest.mark.parametrize(
    ("kind", "other", "clash", "field"),
    [
        (VENDOR, {"name": "HP"}, {"name": "HP"}, "name"),
        (LOCATION, {"name": "Lyon"}, {"name": "Lyon"}, "name"),
        (PERSON, {"email": "bob@x.org"}, {"email": "BOB@x.org"}, "email"),
        (PRODUCT, {"version": "16"}, {"publisher": "MICROSOFT", "version": "16.0"}, "product"),
    ],
)
async def test_natural_key_collisions_are_duplicates(
    gql: GQL, kind: Case, other: dict[str, Any], clash: dict[str, Any], field: str
) -> None:
    node = await kind.create(gql)
    await kind.create(gql, **other)
    err = await gql.error(kind.update_query(), {"id": node, "input": clash})
    assert (err["extensions"]["code"], err["extensions"]["field"]) == ("DUPLICATE", field)


async def test_vendor_with_contracts_is_kept_unless_forced(
    gql: GQL, admin_gql: GQL, db: Database
) -> None:
    dell = await VENDOR.create(gql)
    contracts = [
        (await create_contract(gql, number=number, vendorId=dell))["id"]
        for number in ("C-2", "C-1")
    ]
    seen = await gql(
        "query($id: ID!) { vendor(id: $id) { name contracts { number } } }", {"id": dell}
    )
    assert seen["vendor"] == {"name": "Dell", "contracts": [{"number": "C-1"}, {"number": "C-2"}]}
    err = await gql.error(VENDOR.delete_query(), {"id": dell, "force": False})
    assert err["extensions"] == {
        "code": "HAS_DEPENDENTS",
        "references": {"contracts": 2},
        "total": 2,
    }
    assert "2 contracts" in err["message"]
    await gql(VENDOR.delete_query(), {"id": dell, "force": True})
    assert (await gql("query($id: ID!) { vendor(id: $id) { id } }", {"id": dell}))["vendor"] is None
    left = await gql("{ contracts { edges { node { number vendor { name } } } } }")
    assert [e["node"] for e in left["contracts"]["edges"]] == [
        {"number": "C-1", "vendor": None},
        {"number": "C-2", "vendor": None},
    ]
    after = (await audit_of(admin_gql, dell))[0]["after"]
    assert after["force"] is True
    assert [c["number"] for c in after["detached"]["contracts"]] == ["C-1", "C-2"]
    history = await audit_of(admin_gql, contracts[0])  # a contract's history shows it too
    assert [e["operation"] for e in history] == ["deleteVendor", "createContract"]


@pytest.mark.parametrize(
    ("kind", "link", "arg", "field"),
    [
        (LOCATION, "locateAsset", "locationId", "location"),
        (PERSON, "assignAsset", "personId", "assignedTo"),
    ],
)
async def test_location_or_person_with_assets_is_kept_unless_forced(
    gql: GQL, kind: Case, link: str, arg: str, field: str
) -> None:
    node = await kind.create(gql)
    for tag in ("LT-2", "LT-1"):
        asset = (await create_asset(gql, assetTag=tag))["id"]
        await gql(
            f"mutation($a: ID!, $n: ID!) {{ {link}(assetId: $a, {arg}: $n) {{ id }} }}",
            {"a": asset, "n": node},
        )
    by_id = kind.type.lower()
    seen = await gql(
        f"query($id: ID!) {{ {by_id}(id: $id) {{ assets {{ assetTag }} }} }}", {"id": node}
    )
    assert seen[by_id]["assets"] == [{"assetTag": "LT-1"}, {"assetTag": "LT-2"}]
    err = await gql.error(kind.delete_query(), {"id": node, "force": False})
    assert err["extensions"]["references"] == {"assets": 2}
    await gql(kind.delete_query(), {"id": node, "force": True})
    left = await gql(f"{{ assets {{ edges {{ node {{ assetTag {field} {{ id }} }} }} }} }}")
    assert [e["node"] for e in left["assets"]["edges"]] == [
        {"assetTag": "LT-1", field: None},
        {"assetTag": "LT-2", field: None},
    ]


async def test_product_with_licenses_and_installations_is_kept_unless_forced(
    gql: GQL, admin_gql: GQL, db: Database
) -> None:
    office = await product(gql, "Microsoft", "Office", "2021")
    lic = await license(gql, office, 5)
    await install(gql, await create_ci(gql, "pc-1"), office)
    err = await gql.error(PRODUCT.delete_query(), {"id": office, "force": False})
    assert err["extensions"]["references"] == {"installations": 1, "licenses": 1}
    assert "1 installation and 1 license" in err["message"]
    await gql(PRODUCT.delete_query(), {"id": office, "force": True})
    assert (
        await count(db, "MATCH (n) WHERE n:SoftwareProduct OR n:License RETURN count(n) AS n") == 0
    )
    assert await count(db, "MATCH ()-[i:HAS_INSTALLED]->() RETURN count(i) AS n") == 0
    assert (await gql("query($id: ID!) { softwareProduct(id: $id) { id } }", {"id": office}))[
        "softwareProduct"
    ] is None
    detached = (await audit_of(admin_gql, office))[0]["after"]["detached"]
    assert [x["id"] for x in detached["licenses"]] == [lic["id"]]
    assert [x["version"] for x in detached["installations"]] == ["2021"]


async def test_product_cannot_join_a_family_counted_in_another_metric(gql: GQL) -> None:
    acrobat = await product(gql, "Adobe", "Acrobat", "11")
    await license(gql, acrobat, 5, metric="PER_USER")
    reader = await product(gql, "Adobe", "Reader", "11")
    await license(gql, reader, 5)
    err = await gql.error(
        PRODUCT.update_query(), {"id": reader, "input": {"product": "Acrobat", "version": "10"}}
    )
    assert (err["extensions"]["code"], err["extensions"]["field"]) == (
        "VALIDATION_FAILED",
        "product",
    )
    moved = await gql(PRODUCT.update_query(), {"id": reader, "input": {"version": "12"}})
    assert moved["updateSoftwareProduct"]["key"] == "adobe|reader|12"


CONSUMED = """query($id: ID!) { asset(id: $id) { licensesConsumed { product { name } version
  metric covered licenses { name } } ci { installedSoftware { version publisher
  installedAt product { name } } } } }"""


async def test_licenses_consumed_and_installed_software(gql: GQL) -> None:
    o21 = await product(gql, "Microsoft", "Office", "2021")
    o19 = await product(gql, "Microsoft", "Office", "2019")
    await license(gql, o21, 5, name="Office 2021 EA", downgradable=True)
    await license(gql, o19, 1, name="Office 2019 retail")
    agent2 = await product(gql, "Acme", "Agent", "2")
    await license(gql, await product(gql, "Acme", "Agent", "3"), 10, metric="PER_CORE")
    seven_zip = await product(gql, "Igor Pavlov", "7-Zip")
    ci = await create_ci(gql, "pc-1")
    for p, version in ((o19, "16.0.10827"), (agent2, None), (seven_zip, "23.01")):
        await install(gql, ci, p, version)
    asset = (await create_asset(gql, assetTag="PC-1"))["id"]
    await gql(
        "mutation($a: ID!, $c: ID!) { trackCI(assetId: $a, ciId: $c) { id } }",
        {"a": asset, "c": ci},
    )
    data = (await gql(CONSUMED, {"id": asset}))["asset"]
    old_spelling = CONSUMED.replace("licensesConsumed", "licencesConsumed")  # deprecated
    assert (await gql(old_spelling, {"id": asset}))["asset"]["licencesConsumed"] == data[
        "licensesConsumed"
    ]
    assert data["licensesConsumed"] == [
        {
            "product": {"name": "Acme Agent 2"},
            "version": "2",
            "metric": "PER_CORE",
            "covered": False,  # a version-3 license without downgrade rights
            "licenses": [],
        },
        {
            "product": {"name": "Microsoft Office 2019"},
            "version": "16.0.10827",
            "metric": "PER_DEVICE",
            "covered": True,
            "licenses": [{"name": "Office 2019 retail"}, {"name": "Office 2021 EA"}],
        },
    ]  # 7-Zip has no license: not license-managed, not listed
    installed = data["ci"]["installedSoftware"]
    assert [(i["product"]["name"], i["publisher"], i["version"]) for i in installed] == [
        ("Acme Agent 2", "Acme", "2"),
        ("Igor Pavlov 7-Zip", "Igor Pavlov", "23.01"),
        ("Microsoft Office 2019", "Microsoft", "16.0.10827"),
    ]
    assert all(i["installedAt"] for i in installed)
    untracked = (await create_asset(gql, assetTag="PC-2"))["id"]
    assert (await gql(CONSUMED, {"id": untracked}))["asset"]["licensesConsumed"] == []


async def seed_fleet(gql: GQL, db: Database, n: int) -> None:
    """``n`` CIs, each tracked by an asset located somewhere, held by someone, with two
    products installed, and ``n`` vendors with a contract (setup, not under test)."""
    o21 = await product(gql, "Microsoft", "Office", "2021")
    o19 = await product(gql, "Microsoft", "Office", "2019")
    await license(gql, o21, n, downgradable=True)
    rows = [{"name": f"pc-{i:03}", "ciClass": "Server"} for i in range(n)]
    ci_ids = (await bulk.upsert_cis(db, system_actor("test"), rows)).ids
    await db.run_raw(
        """UNWIND $ids AS id MATCH (c:CI {id: id}), (o19:SoftwareProduct {id: $o19}),
             (o21:SoftwareProduct {id: $o21})
           CREATE (c)-[:HAS_INSTALLED {version: '16.0', installedAt: datetime()}]->(o19),
                  (c)-[:HAS_INSTALLED {version: '16.1', installedAt: datetime()}]->(o21)
           CREATE (a:Entity:Asset {id: randomUUID(), assetTag: 'A-' + c.name, name: c.name,
                   lifecycleState: 'DEPLOYED', hasStorage: true, createdAt: datetime(),
                   updatedAt: datetime()})-[:TRACKS]->(c)
           CREATE (a)-[:LOCATED_AT]->(:Entity:Location {id: randomUUID(), name: 'L-' + c.name,
                   createdAt: datetime(), updatedAt: datetime()})
           CREATE (a)-[:ASSIGNED_TO]->(:Entity:Person {id: randomUUID(), name: 'P-' + c.name,
                   createdAt: datetime(), updatedAt: datetime()})
           CREATE (:Entity:Contract {id: randomUUID(), number: 'K-' + c.name, name: c.name,
                   kind: 'SUPPORT', createdAt: datetime(), updatedAt: datetime()})
                  -[:WITH]->(:Entity:Vendor {id: randomUUID(), name: 'V-' + c.name,
                   createdAt: datetime(), updatedAt: datetime()})""",
        ids=ci_ids,
        o19=o19,
        o21=o21,
    )


PAGE = """query($n: Int!) {
  cis(first: $n) { edges { node { name installedSoftware { version publisher product { name } }
    asset { assetTag licensesConsumed { covered metric licenses { name } } } } } }
  vendors(first: $n) { edges { node { name contracts { number } } } }
  locations(first: $n) { edges { node { name assets { assetTag } } } }
  people(first: $n) { edges { node { name assets { assetTag } } } } }"""


async def test_a_page_of_100_costs_a_bounded_number_of_queries(gql: GQL, db: Database) -> None:
    await seed_fleet(gql, db, 100)

    async def trips(n: int) -> int:
        before = db.round_trips
        data = await gql(PAGE, {"n": n})
        nodes = [e["node"] for e in data["cis"]["edges"]]
        assert len(nodes) == n
        assert all(len(node["asset"]["licensesConsumed"]) == 2 for node in nodes)
        assert all(len(e["node"]["contracts"]) == 1 for e in data["vendors"]["edges"])
        assert all(len(e["node"]["assets"]) == 1 for e in data["people"]["edges"])
        return db.round_trips - before

    await trips(1)  # warm the token cache
    small, large = await trips(5), await trips(100)
    assert large == small
    # CIs: page, installations, products, asset by CI, asset links, license use, licenses;
    # vendors, locations, people: a page and one batch of referrers each
    assert large <= 13
