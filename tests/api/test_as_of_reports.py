"""Reports on the records of their time (history) against the real Neo4j: Monday's
license positions read back on Wednesday equal the snapshot taken on Monday, though the
installations, the assignments and the licenses moved on Tuesday; an incident opened on
Monday judges its failed items' support and warranty from Monday's contracts and asset."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from graphcmdb.db.database import Database
from graphcmdb.domain.contract_models import ContractCreate
from graphcmdb.domain.itam_models import AssetCreate, AssetUpdate, VendorCreate
from graphcmdb.domain.itsm_models import IncidentOpen
from graphcmdb.domain.models import RelateInput, ServiceCreate
from graphcmdb.graph.enums import RelType
from graphcmdb.services import (
    assets,
    business_services,
    contracts,
    incidents,
    licenses,
    people_places,
    relations,
)
from graphcmdb.services.actor import system_actor
from graphcmdb.services.people_places import Kind
from tests.api.conftest import MONDAY, TUESDAY
from tests.api.test_ci_crud import create_ci
from tests.api.test_itam_assets import create_asset
from tests.api.test_licenses import POSITIONS, install, license, product
from tests.conftest import GQL
from tests.impact_fixtures import worked_example

ACTOR = system_actor("test")
POSITIONS_AS_OF = POSITIONS.replace("licensePositions", "licensePositions(asOf: $at)").replace(
    "{ licensePositions", "query($at: DateTime) { licensePositions", 1
)


async def held_by(gql: GQL, ci: str, tag: str, person: str) -> str:
    """An asset tracking ``ci``, assigned to ``person``; its id."""
    asset = str((await create_asset(gql, assetTag=tag))["id"])
    await gql(
        "mutation($a: ID!, $c: ID!) { trackCI(assetId: $a, ciId: $c) { id } }",
        {"a": asset, "c": ci},
    )
    await assign(gql, asset, person)
    return asset


async def assign(gql: GQL, asset: str, person: str) -> None:
    await gql(
        "mutation($a: ID!, $p: ID!) { assignAsset(assetId: $a, personId: $p) { id } }",
        {"a": asset, "p": person},
    )


async def person(gql: GQL, name: str) -> str:
    made = await gql(
        "mutation($n: String!, $e: String!) { createPerson(input: {name: $n, email: $e}) { id } }",
        {"n": name, "e": f"{name.lower()}@x.org"},
    )
    return str(made["createPerson"]["id"])


async def positions_at(gql: GQL, at: datetime | None) -> list[dict[str, Any]]:
    found = await gql(POSITIONS_AS_OF, {"at": at.isoformat() if at else None})
    return list(found["licensePositions"])


async def test_license_positions_as_of_monday_are_mondays(
    db: Database, week: list[datetime], gql: GQL
) -> None:
    ada, bob = await person(gql, "Ada"), await person(gql, "Bob")
    acrobat = await product(gql, "Adobe", "Acrobat")
    await license(gql, acrobat, 1, metric="PER_USER")
    laptops = {name: await create_ci(gql, name) for name in ("lt1", "lt2", "lt3")}
    for name in ("lt1", "lt2"):
        await install(gql, laptops[name], acrobat)
    await held_by(gql, laptops["lt1"], "A-lt1", ada)
    second = await held_by(gql, laptops["lt2"], "A-lt2", ada)
    monday = await positions_at(gql, None)  # Ada holds both: one user, compliant

    week[0] = TUESDAY
    await assign(gql, second, bob)
    await install(gql, laptops["lt3"], acrobat)
    visio = await product(gql, "Microsoft", "Visio")
    await license(gql, visio, 5)
    await install(gql, laptops["lt3"], visio)

    week[0] = TUESDAY + timedelta(days=1)
    then = await positions_at(gql, MONDAY + timedelta(hours=3))
    today = await positions_at(gql, None)
    assert then == monday
    assert [(p["product"]["name"], p["consumed"], p["status"]) for p in then] == [
        ("Adobe Acrobat", 1, "COMPLIANT")
    ]
    assert [c["name"] for c in then[0]["cis"]] == ["lt1", "lt2"]
    assert [(p["product"]["name"], p["consumed"], p["status"]) for p in today] == [
        ("Adobe Acrobat", 2, "OVER_DEPLOYED"),
        ("Microsoft Visio", 1, "UNDER_USED"),
    ]


async def support_from(db: Database, asset_id: str, number: str, vendor: str) -> str:
    """A SUPPORT contract from ``vendor`` covering the asset through 2026; its id."""
    made = await people_places.create(db, ACTOR, Kind.VENDOR, VendorCreate(name=vendor))
    given = ContractCreate(
        number=number,
        kind="SUPPORT",
        startDate=date(2026, 1, 1),
        endDate=date(2026, 12, 31),
        vendorId=made.id,
    )
    contract = await contracts.create_contract(db, ACTOR, given)
    await contracts.cover_asset(db, ACTOR, asset_id, contract.id)
    return contract.id


FAILED = """query($id: ID!) { incident(id: $id) {
  failedItems { ci { name } asset { assetTag } supportContract { number } vendor { name }
                warrantyStatus } } }"""


async def test_failed_items_are_judged_from_the_records_of_the_opening(
    db: Database, week: list[datetime], gql: GQL
) -> None:
    """Monday: h1's asset under Dell support and in warranty, h1 fails at noon. Tuesday
    the Dell contract is taken off for HP's and the warranty end is corrected to before
    Monday: the review still reads Monday's records; today's would say HP and EXPIRED."""
    ids = await worked_example(db)
    asset = await assets.create_asset(
        db, ACTOR, AssetCreate(assetTag="SRV-1", warrantyEnd=date(2026, 12, 31))
    )
    await assets.track_ci(db, ACTOR, asset.id, ids["h1"])
    dell = await support_from(db, asset.id, "SUP-DELL", "Dell")
    week[0] = MONDAY + timedelta(hours=3)
    opened = IncidentOpen(title="h1 down", priority="P2", affects=[ids["h1"]], openedAt=week[0])
    incident = await incidents.open_incident(db, ACTOR, opened)

    week[0] = TUESDAY
    await contracts.uncover_asset(db, ACTOR, asset.id, dell)
    await support_from(db, asset.id, "SUP-HP", "HP")
    await assets.update_asset(db, ACTOR, asset.id, AssetUpdate(warrantyEnd=date(2026, 3, 1)))

    week[0] = TUESDAY + timedelta(days=1)
    items = (await gql(FAILED, {"id": incident.id}))["incident"]["failedItems"]
    assert items == [
        {
            "ci": {"name": "h1"},
            "asset": {"assetTag": "SRV-1"},
            "supportContract": {"number": "SUP-DELL"},
            "vendor": {"name": "Dell"},
            "warrantyStatus": "IN_WARRANTY",
        }
    ]
    late = IncidentOpen(title="h1 again", priority="P2", affects=[ids["h1"]], openedAt=week[0])
    today = await gql(FAILED, {"id": (await incidents.open_incident(db, ACTOR, late)).id})
    assert today["incident"]["failedItems"][0]["supportContract"] == {"number": "SUP-HP"}


NESTED = """query($h2: ID!, $at: DateTime) { ci(id: $h2, asOf: $at) {
  services { name } installedSoftware { product { name } }
  asset { assetTag ci { name } contracts { number vendor { name } assets { assetTag } } }
} }"""


async def test_the_services_asset_contracts_and_software_of_a_past_ci_are_of_then(
    db: Database, week: list[datetime], gql: GQL
) -> None:
    """Monday: h2 (under web3, so the shop) is tracked by SRV-1 under Dell support and runs
    Acrobat. Tuesday: a wiki comes to need h2, SRV-2 replaces SRV-1, Dell's contract ends
    its cover, Acrobat is removed. h2 read as of Monday answers Monday's nested fields."""
    ids = await worked_example(db)
    old = await assets.create_asset(db, ACTOR, AssetCreate(assetTag="SRV-1"))
    await assets.track_ci(db, ACTOR, old.id, ids["h2"])
    dell = await support_from(db, old.id, "SUP-DELL", "Dell")
    acrobat = await product(gql, "Adobe", "Acrobat")
    await install(gql, ids["h2"], acrobat)
    monday = (await gql(NESTED, {"h2": ids["h2"], "at": None}))["ci"]

    week[0] = TUESDAY
    wiki = await business_services.create_service(db, ACTOR, ServiceCreate(name="wiki"))
    await relations.relate(
        db, ACTOR, RelateInput(fromId=wiki.id, type=RelType.DEPENDS_ON, toId=ids["h2"])
    )
    await assets.untrack_ci(db, ACTOR, old.id)
    new = await assets.create_asset(db, ACTOR, AssetCreate(assetTag="SRV-2"))
    await assets.track_ci(db, ACTOR, new.id, ids["h2"])
    await contracts.uncover_asset(db, ACTOR, old.id, dell)
    await licenses.uninstall(db, ACTOR, ids["h2"], acrobat)

    week[0] = TUESDAY + timedelta(days=1)
    then = await gql(NESTED, {"h2": ids["h2"], "at": (MONDAY + timedelta(hours=3)).isoformat()})
    today = (await gql(NESTED, {"h2": ids["h2"], "at": None}))["ci"]
    assert then["ci"] == monday
    assert monday == {
        "services": [{"name": "shop"}],
        "installedSoftware": [{"product": {"name": "Adobe Acrobat"}}],
        "asset": {
            "assetTag": "SRV-1",
            "ci": {"name": "h2"},
            "contracts": [
                {
                    "number": "SUP-DELL",
                    "vendor": {"name": "Dell"},
                    "assets": [{"assetTag": "SRV-1"}],
                }
            ],
        },
    }
    assert today == {
        "services": [{"name": "shop"}, {"name": "wiki"}],
        "installedSoftware": [],
        "asset": {"assetTag": "SRV-2", "ci": {"name": "h2"}, "contracts": []},
    }
