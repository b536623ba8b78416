"""Contracts over GraphQL against the real Neo4j: CRUD with vendor and money, bad input
refused with nothing written, covering assets, the expiring report (window, notice
days, order, services affected, bounded queries), permissions and audit."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from graphcmdb.db.database import Database
from tests.api.test_ci_crud import create_ci
from tests.api.test_itam_assets import create_asset
from tests.conftest import GQL

FIELDS = """id number name kind startDate endDate annualCost currency autoRenew noticeDays
  noticeDate annualCostMoney { amount currency } vendor { name } assets { assetTag }"""
CREATE = (
    f"mutation($input: CreateContractInput!) {{ createContract(input: $input) {{ {FIELDS} }} }}"
)
UPDATE = (
    f"mutation($id: ID!, $input: UpdateContractInput!) {{ updateContract(id: $id, input: $input)"
    f" {{ {FIELDS} }} }}"
)
SUPPORT = {
    "number": "SUP-001",
    "kind": "SUPPORT",
    "startDate": "2025-01-01",
    "endDate": "2026-12-31",
    "annualCost": "1200.50",
    "currency": "eur",
    "noticeDays": 90,
}


async def create_contract(gql: GQL, **fields: Any) -> dict[str, Any]:
    return dict((await gql(CREATE, {"input": SUPPORT | fields}))["createContract"])


async def vendor(gql: GQL, name: str) -> str:
    data = await gql(
        "mutation($n: String!) { createVendor(input: {name: $n}) { id } }", {"n": name}
    )
    return str(data["createVendor"]["id"])


async def count(db: Database, label_query: str) -> int:
    return int((await db.run_raw(label_query))[0]["n"])


async def test_create_update_delete_with_vendor_money_and_audit(gql: GQL, admin_gql: GQL) -> None:
    dell = await vendor(gql, "Dell")
    c = await create_contract(gql, vendorId=dell)
    assert c["name"] == "SUP-001"
    assert c["currency"] == "EUR"
    assert c["annualCost"] == "1200.50"
    assert c["annualCostMoney"] == {"amount": "1200.50", "currency": "EUR"}
    assert c["autoRenew"] is False
    assert c["noticeDate"] == "2026-10-02"  # 2026-12-31 - 90 days
    assert c["vendor"] == {"name": "Dell"}
    upd = (
        await gql(
            UPDATE,
            {"id": c["id"], "input": {"vendorId": None, "kind": "MAINTENANCE", "autoRenew": True}},
        )
    )["updateContract"]
    assert (upd["kind"], upd["autoRenew"], upd["vendor"]) == ("MAINTENANCE", True, None)
    assert upd["annualCost"] == "1200.50"
    got = await gql("query($id: ID!) { contract(id: $id) { number kind } }", {"id": c["id"]})
    assert got["contract"] == {"number": "SUP-001", "kind": "MAINTENANCE"}
    await gql("mutation($id: ID!) { deleteContract(id: $id) }", {"id": c["id"]})
    assert (await gql("query($id: ID!) { contract(id: $id) { id } }", {"id": c["id"]}))[
        "contract"
    ] is None
    log = await admin_gql(
        "query($id: ID!) { auditLog(targetId: $id) { edges { node { operation after } } } }",
        {"id": c["id"]},
    )
    entries = [e["node"] for e in log["auditLog"]["edges"]]
    assert [e["operation"] for e in entries] == [
        "deleteContract",
        "updateContract",
        "createContract",
    ]
    assert entries[2]["after"]["vendorId"] == dell
    assert entries[1]["after"]["vendorId"] is None


async def test_bad_input_is_refused_and_nothing_written(gql: GQL, db: Database) -> None:
    for bad, code, field in (
        ({"endDate": "2024-12-31"}, "VALIDATION_FAILED", "endDate"),
        ({"currency": None}, "VALIDATION_FAILED", "currency"),
        ({"annualCost": "-5"}, "VALIDATION_FAILED", "annualCost"),
        ({"noticeDays": -1}, "VALIDATION_FAILED", "noticeDays"),
        ({"currency": "EURO"}, "VALIDATION_FAILED", "currency"),
        ({"number": "  "}, "VALIDATION_FAILED", "number"),
        ({"vendorId": "nope"}, "NOT_FOUND", None),
    ):
        err = await gql.error(CREATE, {"input": SUPPORT | bad})
        assert err["extensions"]["code"] == code, err
        if field:
            assert err["extensions"]["field"] == field
    assert await count(db, "MATCH (c:Contract) RETURN count(c) AS n") == 0
    audit = "MATCH (a:AuditEntry) WHERE a.operation CONTAINS 'Contract' RETURN count(a) AS n"
    assert await count(db, audit) == 0
    c = await create_contract(gql)
    err = await gql.error(CREATE, {"input": SUPPORT})
    assert (err["extensions"]["code"], err["extensions"]["field"]) == ("DUPLICATE", "number")
    err = await gql.error(UPDATE, {"id": c["id"], "input": {"startDate": "2027-01-01"}})
    assert err["extensions"]["field"] == "endDate"
    err = await gql.error(UPDATE, {"id": c["id"], "input": {"kind": None}})
    assert err["extensions"]["field"] == "kind"
    err = await gql.error(UPDATE, {"id": "nope", "input": {"noticeDays": 1}})
    assert err["extensions"]["code"] == "NOT_FOUND"


LIST = """query($filter: ContractFilterInput, $first: Int, $after: String) {
  contracts(filter: $filter, first: $first, after: $after) {
    totalCount edges { node { number } } pageInfo { hasNextPage endCursor } } }"""


async def test_list_filters_and_paging(gql: GQL, db: Database) -> None:
    hp = await vendor(gql, "HP")
    for i, kind in enumerate(("LEASE", "SUPPORT", "LEASE", "SUBSCRIPTION")):
        await create_contract(gql, number=f"K-{i}", kind=kind, vendorId=hp if i < 2 else None)
    first = (await gql(LIST, {"first": 3}))["contracts"]
    assert first["totalCount"] == 4
    assert [e["node"]["number"] for e in first["edges"]] == ["K-0", "K-1", "K-2"]
    rest = (await gql(LIST, {"after": first["pageInfo"]["endCursor"]}))["contracts"]
    assert [e["node"]["number"] for e in rest["edges"]] == ["K-3"]

    async def numbers(flt: dict[str, Any]) -> list[str]:
        return [
            e["node"]["number"] for e in (await gql(LIST, {"filter": flt}))["contracts"]["edges"]
        ]

    assert await numbers({"kind": "LEASE"}) == ["K-0", "K-2"]
    assert await numbers({"vendorId": hp}) == ["K-0", "K-1"]
    assert await numbers({"text": "k-3"}) == ["K-3"]
    nested = (
        "{ contracts { edges { node { vendor { name } assets { assetTag } licenses { name } } } } }"
    )
    before = db.round_trips
    data = await gql(nested)
    assert db.round_trips - before <= 3  # the page and one batch of links, not one per contract
    assert [e["node"]["vendor"] for e in data["contracts"]["edges"]] == [
        {"name": "HP"},
        {"name": "HP"},
        None,
        None,
    ]


COVER = (
    "mutation($a: ID!, $c: ID!) { coverAsset(assetId: $a, contractId: $c) { assets { assetTag } } }"
)
UNCOVER = "mutation($a: ID!, $c: ID!) { uncoverAsset(assetId: $a, contractId: $c) { assets { assetTag } } }"


async def test_cover_and_uncover_assets_both_ways(gql: GQL, admin_gql: GQL) -> None:
    asset = (await create_asset(gql))["id"]
    lease = (await create_contract(gql, number="L-1", kind="LEASE"))["id"]
    support = (await create_contract(gql, number="S-1", endDate="2026-06-30"))["id"]
    ids = {"a": asset, "c": lease}
    assert (await gql(COVER, ids))["coverAsset"]["assets"] == [{"assetTag": "LT-001"}]
    await gql(COVER, ids)  # idempotent
    await gql(COVER, {"a": asset, "c": support})
    seen = await gql("query($id: ID!) { asset(id: $id) { contracts { number } } }", {"id": asset})
    assert seen["asset"]["contracts"] == [{"number": "S-1"}, {"number": "L-1"}]  # by end date
    log = await admin_gql(
        "query($id: ID!) { auditLog(targetId: $id) { edges { node { operation } } } }",
        {"id": lease},
    )
    assert [e["node"]["operation"] for e in log["auditLog"]["edges"]].count("coverAsset") == 1
    assert (await gql(UNCOVER, ids))["uncoverAsset"]["assets"] == []
    err = await gql.error(UNCOVER, ids)
    assert err["extensions"]["code"] == "NOT_FOUND"
    err = await gql.error(COVER, {"a": "nope", "c": lease})
    assert err["extensions"]["code"] == "NOT_FOUND"


EXPIRING = """query($days: Int!, $kinds: [ExpiringKind!], $asOf: Date) {
  expiring(withinDays: $days, kinds: $kinds, asOf: $asOf) {
    kind reference endDate noticeDate daysToEnd noticePassed autoRenew highestCriticality
    services { name } asset { assetTag } contract { number } license { name } } }"""
AS_OF = date(2026, 1, 1)


def day(offset: int) -> str:
    return (AS_OF + timedelta(days=offset)).isoformat()


async def service_on(gql: GQL, name: str, criticality: int, ci: str) -> None:
    sid = (
        await gql(
            "mutation($n: String!, $c: Int!) { createService(input: {name: $n, criticality: $c}) { id } }",
            {"n": name, "c": criticality},
        )
    )["createService"]["id"]
    await gql(
        "mutation($a: ID!, $b: ID!) { relate(input: {fromId: $a, type: DEPENDS_ON, toId: $b}) { type } }",
        {"a": sid, "b": ci},
    )


async def tracked_asset(gql: GQL, tag: str, ci: str | None, **fields: Any) -> str:
    asset = (await create_asset(gql, assetTag=tag, **fields))["id"]
    if ci:
        await gql(
            "mutation($a: ID!, $c: ID!) { trackCI(assetId: $a, ciId: $c) { id } }",
            {"a": asset, "c": ci},
        )
    return str(asset)


async def expiring_fixture(gql: GQL) -> None:
    """Shop (criticality 5) needs web-01, Wiki (2) needs wiki-01; see the expectations."""
    web, wiki = await create_ci(gql, "web-01"), await create_ci(gql, "wiki-01")
    await service_on(gql, "Shop", 5, web)
    await service_on(gql, "Wiki", 2, wiki)
    a1 = await tracked_asset(gql, "A-1", web, warrantyEnd=day(10))
    a2 = await tracked_asset(gql, "A-2", wiki, warrantyEnd=day(40))  # after the window
    await tracked_asset(gql, "A-3", None, warrantyEnd=day(5), lifecycleState="RETIRED")
    sup = await create_contract(gql, number="C-SUP", endDate=day(20), noticeDays=0, autoRenew=True)
    for asset in (a1, a2):
        await gql(COVER, {"a": asset, "c": sup["id"]})
    await create_contract(gql, number="C-LEASE", kind="LEASE", endDate=day(90), noticeDays=75)
    await create_contract(gql, number="C-FAR", endDate=day(200), noticeDays=30)
    await create_contract(
        gql, number="C-PAST", startDate="2024-01-01", endDate=day(-1), noticeDays=0
    )
    await create_contract(gql, number="C-LATE", endDate=day(45), noticeDays=60)  # notice passed
    sub = await create_contract(gql, number="C-SUB", kind="LICENSE", endDate=day(25), noticeDays=0)
    office = (
        await gql(
            'mutation { createSoftwareProduct(input: {publisher: "Microsoft", product: "Office", version: "2021"}) { id } }'
        )
    )["createSoftwareProduct"]["id"]
    await gql(
        "mutation($p: ID!, $c: ID!) { createLicense(input: {productId: $p, metric: PER_DEVICE, quantity: 5, contractId: $c}) { id } }",
        {"p": office, "c": sub["id"]},
    )
    await gql(
        "mutation($ci: ID!, $p: ID!) { installSoftware(ciId: $ci, productId: $p) { version } }",
        {"ci": wiki, "p": office},
    )


async def test_expiring_window_notice_order_and_services(gql: GQL, db: Database) -> None:
    await expiring_fixture(gql)
    before = db.round_trips
    items = (await gql(EXPIRING, {"days": 30, "asOf": AS_OF.isoformat()}))["expiring"]
    assert db.round_trips - before <= 4  # warranties, contracts, licenses, services
    assert [(i["kind"], i["reference"], i["noticeDate"]) for i in items] == [
        ("CONTRACT", "C-LATE", day(-15)),  # notice passed, not ended: most urgent
        ("WARRANTY", "A-1", day(10)),
        ("CONTRACT", "C-LEASE", day(15)),  # ends in 90 days, notice in the window
        ("CONTRACT", "C-SUP", day(20)),
        ("CONTRACT", "C-SUB", day(25)),
        ("LICENSE", "Microsoft Office 2021 (PER_DEVICE)", day(25)),
    ]
    late, warranty, lease, support, _, license = items
    assert late["noticePassed"] is True
    assert late["daysToEnd"] == 45
    assert warranty["asset"] == {"assetTag": "A-1"}
    assert (warranty["services"], warranty["highestCriticality"]) == ([{"name": "Shop"}], 5)
    assert (lease["services"], lease["highestCriticality"]) == ([], None)
    assert support["services"] == [{"name": "Shop"}, {"name": "Wiki"}]
    assert (support["highestCriticality"], support["autoRenew"]) == (5, True)
    assert license["contract"] == {"number": "C-SUB"}
    assert license["license"] == {"name": "Microsoft Office 2021 (PER_DEVICE)"}
    assert (license["services"], license["highestCriticality"]) == ([{"name": "Wiki"}], 2)
    only = await gql(EXPIRING, {"days": 30, "asOf": AS_OF.isoformat(), "kinds": ["WARRANTY"]})
    assert [i["reference"] for i in only["expiring"]] == ["A-1"]
    wider = await gql(EXPIRING, {"days": 40, "asOf": AS_OF.isoformat(), "kinds": ["WARRANTY"]})
    assert [i["reference"] for i in wider["expiring"]] == ["A-1", "A-2"]
    err = await gql.error(EXPIRING, {"days": -1})
    assert err["extensions"]["field"] == "withinDays"


async def test_viewer_reads_but_cannot_write(gql: GQL, viewer_gql: GQL) -> None:
    c = await create_contract(gql)
    got = await viewer_gql("query($id: ID!) { contract(id: $id) { number } }", {"id": c["id"]})
    assert got["contract"] == {"number": "SUP-001"}
    assert (await viewer_gql(EXPIRING, {"days": 10, "asOf": "2025-06-01"}))["expiring"] == []
    asset = (await create_asset(gql))["id"]
    for mutation, variables in (
        (CREATE, {"input": SUPPORT | {"number": "X"}}),
        (UPDATE, {"id": c["id"], "input": {"noticeDays": 1}}),
        ("mutation($id: ID!) { deleteContract(id: $id) }", {"id": c["id"]}),
        (COVER, {"a": asset, "c": c["id"]}),
    ):
        err = await viewer_gql.error(mutation, variables)
        assert err["extensions"]["code"] == "FORBIDDEN"
