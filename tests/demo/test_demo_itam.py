"""The demo's ITAM side: pure checks of the dataset, then the reports, expiry list, license
positions and histories that a user sees after `graphcmdb demo load` (real Neo4j)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from itertools import pairwise
from typing import Any

import pytest

from graphcmdb.db.database import Database
from graphcmdb.demo import (
    DemoDataset,
    ItamDataset,
    build_enterprise,
    build_itam,
    load_full_demo,
    load_itam,
)
from graphcmdb.demo.itam_fleet_data import read_fleet
from graphcmdb.domain.itam_models import TransitionInput
from graphcmdb.errors import ValidationFailed
from graphcmdb.graph.enums import CIClass, ContractKind, LifecycleState
from graphcmdb.itam.expiry import ExpiringKind
from graphcmdb.itam.lifecycle import INITIAL_STATES, WRITTEN_OFF, allowed_next
from graphcmdb.itam.valuation import FleetGroupBy
from graphcmdb.services import assets, expiring, licenses, lifecycle, reconciliation, valuation
from graphcmdb.services.actor import system_actor
from graphcmdb.services.relations import supported_services
from tests.conftest import GQL, WIPE

HARDWARE = (CIClass.SERVER, CIClass.NETWORK_DEVICE, CIClass.STORAGE_DEVICE)
TODAY = datetime.now(UTC).date()
RHEL = "Red Hat Enterprise Linux 9"
SHADOW_IT = read_fleet().shadow_it
NOT_SEEN = read_fleet().not_seen
WINDOWS_DC = "Microsoft Windows Server Datacenter 2022"


@pytest.fixture(scope="module")
def data() -> DemoDataset:
    return build_enterprise()


@pytest.fixture(scope="module")
def itam(data: DemoDataset) -> ItamDataset:
    return build_itam(data, TODAY)


def check_history(tag: str, state: str, events: list[dict[str, Any]], today: date) -> None:
    """Legal per the lifecycle table: recorded in an initial state, every move allowed,
    numbered 1..n, in time order and in the past, ending in the asset's state."""
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1)), tag
    assert LifecycleState(events[0]["to"]) in INITIAL_STATES, tag
    for before, after in pairwise(events):
        assert after["from"] == before["to"], tag
        assert LifecycleState(after["to"]) in allowed_next(LifecycleState(before["to"])), tag
        assert before["at"] <= after["at"], tag
    assert events[-1]["at"].date() < today, tag
    assert events[-1]["to"] == state, tag
    for e in events:
        if e["to"] == "DISPOSED":
            assert e["disposalMethod"], tag
            assert e["dataWipeReference"], tag


# --- the dataset, without a database -------------------------------------------


def test_same_day_same_dataset_and_dates_follow_the_load_date(data: DemoDataset) -> None:
    first = build_itam(data, TODAY)
    assert build_itam(data, TODAY) == first
    later = build_itam(data, TODAY + timedelta(days=400))
    shift = timedelta(days=400)
    for a, b in zip(first.assets, later.assets, strict=True):
        assert a.tag == b.tag
        assert [e.at + shift for e in a.events] == [e.at for e in b.events]
        if "purchaseDate" in a.row:
            assert a.row["purchaseDate"] + shift == b.row["purchaseDate"]
    ends = [c["endDate"] for c in first.contracts]
    assert [e + shift for e in ends] == [c["endDate"] for c in later.contracts]


def test_histories_are_legal_per_the_lifecycle_table(itam: ItamDataset) -> None:
    states = {a.state for a in itam.assets}
    assert set(LifecycleState) <= states | {LifecycleState.RECEIVED}
    for asset in itam.assets:
        events = [
            {
                "seq": seq,
                "to": e.to.value,
                "from": asset.events[seq - 2].to.value if seq > 1 else None,
                "at": e.at,
                "disposalMethod": e.disposal_method,
                "dataWipeReference": e.data_wipe_reference,
            }
            for seq, e in enumerate(asset.events, start=1)
        ]
        check_history(asset.tag, asset.state.value, events, itam.today)
    disposed = [a for a in itam.assets if a.state is LifecycleState.DISPOSED]
    assert len(disposed) == 1
    assert any(e.to is LifecycleState.IN_MAINTENANCE for a in itam.assets for e in a.events)


def test_assets_match_their_cis_and_most_hardware_has_one(
    data: DemoDataset, itam: ItamDataset
) -> None:
    tracked = [a for a in itam.assets if a.ci is not None]
    assert len({a.ci for a in tracked}) == len(tracked)
    for asset in tracked:
        assert asset.ci is not None
        ci = data.ci(asset.ci.ciClass, asset.ci.name)
        assert asset.row.get("serialNumber") == ci.serialNumber
        assert asset.row["manufacturer"] == ci.manufacturer
        assert asset.row["model"] == ci.model
    hardware = {c.name for c in data.cis if c.ciClass in HARDWARE or c.serialNumber}
    with_asset = {a.ci.name for a in tracked if a.ci}
    assert hardware - with_asset == set(SHADOW_IT)
    assert len(with_asset & hardware) >= 0.9 * len(hardware)
    assert sum(1 for a in itam.assets if a.ci is None and a.holder) >= 4  # laptops


# --- loaded into Neo4j ---------------------------------------------------------


@pytest.fixture(scope="module")
async def loaded(session_db: Database) -> Database:
    """The full demo, loaded once for the read-only tests below."""
    await session_db.run_raw(WIPE)
    await load_full_demo(session_db, today=TODAY)
    return session_db


async def test_reconciliation_reports_show_the_planted_findings(
    loaded: Database, itam: ItamDataset
) -> None:
    shadow = {c.name for c in await reconciliation.shadow_it(loaded)}
    assert set(SHADOW_IT) <= shadow

    as_of = datetime.combine(TODAY, datetime.min.time(), UTC)
    ghosts = {g.asset.name: g.reason for g in await reconciliation.ghost_assets(loaded, 30, as_of)}
    assert ghosts["ctx-dc1-01"] == ghosts["fas-ham-01"] == "NO_CI"
    for name in NOT_SEEN:
        assert ghosts[name] == "NOT_SEEN_SINCE"
    assert "esx-dc1-01" not in ghosts  # seen yesterday

    retired = await reconciliation.retired_still_needed(loaded)
    assert [(r.asset.assetTag, r.ci.name) for r in retired] == [
        (itam.asset_of("esx-dc2-07").tag, "esx-dc2-07")
    ]
    assert retired[0].dependents


async def test_expiring_within_90_days_reaches_a_criticality_5_service(loaded: Database) -> None:
    items = await expiring.expiring(loaded, 90, list(ExpiringKind), TODAY)
    by_ref = {i.reference: i for i in items}
    dell = by_ref["SUP-DELL-2021-044"]
    assert dell.kind is ExpiringKind.CONTRACT
    assert dell.highest_criticality == 5
    assert dell.notice_passed
    assert {"SUP-CSCO-2020-870", "SUP-F5-2021-260", "SUB-JB-2024-118"} <= set(by_ref)
    assert "SUP-HPE-2020-310" not in by_ref
    assert by_ref["IntelliJ IDEA Ultimate named users"].kind is ExpiringKind.LICENSE
    warranties = {i.reference for i in items if i.kind is ExpiringKind.WARRANTY}
    assert len(warranties) >= 4
    assert all(i.end_date >= TODAY for i in items)


async def test_one_critical_asset_is_out_of_warranty_and_support(
    loaded: Database, itam: ItamDataset
) -> None:
    rows = await loaded.run_raw(
        "MATCH (a:Asset)-[:TRACKS]->(c:CI) "
        "WHERE NOT a.lifecycleState IN ['RETIRED', 'DISPOSED', 'LOST'] "
        "  AND (a.warrantyEnd IS NULL OR a.warrantyEnd < $today) "
        "  AND NOT EXISTS { (a)-[:COVERED_BY]->(k:Contract) "
        "                   WHERE k.kind IN $kinds AND k.startDate <= $today <= k.endDate } "
        "RETURN a.assetTag AS tag, c.id AS ci",
        today=TODAY,
        kinds=[ContractKind.SUPPORT.value, ContractKind.MAINTENANCE.value],
    )
    services = await supported_services(loaded, [r["ci"] for r in rows])
    critical = [r["tag"] for r in rows if any((s.criticality or 0) >= 4 for s in services[r["ci"]])]
    assert critical == [itam.asset_of("tor-dc2-r04").tag]


async def test_license_positions(loaded: Database) -> None:
    positions = {p.product["name"]: p for p in await licenses.license_positions(loaded)}
    rhel = positions[RHEL]
    assert (rhel.status.value, rhel.entitled, rhel.consumed, rhel.shortfall) == (
        "OVER_DEPLOYED",
        40,
        49,
        9,
    )
    windows = positions[WINDOWS_DC]
    assert (windows.metric.value, windows.entitled, windows.consumed) == ("PER_CORE", 500, 320)
    assert windows.status.value == "UNDER_USED"
    assert windows.yearly_saving == Decimal("17280.00")
    metrics = {p.metric.value for p in positions.values()}
    assert {"PER_CORE", "PER_USER", "PER_DEVICE"} <= metrics
    intellij = positions["JetBrains IntelliJ IDEA Ultimate 2024"]
    assert (intellij.metric.value, intellij.consumed) == ("PER_USER", 12)
    others = [p for name, p in positions.items() if name not in (RHEL, WINDOWS_DC)]
    assert {p.status.value for p in others} == {"COMPLIANT"}


async def test_stored_histories_are_legal_and_shaped_as_transitions_write_them(
    loaded: Database,
) -> None:
    rows = await loaded.run_raw(
        "MATCH (a:Asset) OPTIONAL MATCH (a)-[:TRACKS]->(c:CI) "
        "RETURN a.id AS id, a.assetTag AS tag, a.lifecycleState AS state, c.id AS ci"
    )
    histories = await assets.histories(loaded, [r["id"] for r in rows])
    stored = {k: [e.model_dump(by_alias=True) for e in v] for k, v in histories.items()}
    assert len(stored) == len(rows) == 82
    for r in rows:
        events = stored[r["id"]]
        check_history(r["tag"], r["state"], events, TODAY)
        linked = [e["ciId"] for e in events if e.get("ciId")]
        assert linked == ([r["ci"]] if r["ci"] and len(events) > 1 else []), r["tag"]
    forced = [e for evs in stored.values() for e in evs if e.get("dependentIds")]
    assert len(forced) == 1
    assert forced[0]["to"] == "RETIRED"
    written_off = await loaded.run_raw(
        "MATCH (a:Asset) WHERE a.lifecycleState IN $states "
        "MATCH (a)-[:HAD]->(e:LifecycleEvent {to: a.lifecycleState}) "
        "RETURN a.writtenOffOn = date(e.at) AS same",
        states=[s.value for s in WRITTEN_OFF],
    )
    assert written_off == [{"same": True}, {"same": True}]


async def test_fleet_has_a_book_value(loaded: Database) -> None:
    fleet = await valuation.fleet(loaded, TODAY, FleetGroupBy.CATEGORY)
    (total,) = fleet.totals
    assert total.currency == "EUR"
    assert Decimal(0) < total.book_value < total.cost
    assert {g.key for g in fleet.groups} >= {"server", "network", "storage", "laptop"}


# --- tests that load the demo themselves ---------------------------------------


async def test_the_itam_part_needs_the_cis(db: Database) -> None:
    with pytest.raises(ValidationFailed, match="graphcmdb demo load"):
        await load_itam(db, today=TODAY)
    assert await db.run_raw("MATCH (n:Asset) RETURN count(n) AS n") == [{"n": 0}]


async def graph_snapshot(db: Database) -> list[str]:
    """Every node and relationship outside the audit log, properties included, but the
    address facts' ``lastSeen``: a second load states the same addresses again, which
    confirms its facts (README, "Multi-valued facts") and moves nothing else."""
    nodes = await db.run_raw(
        "MATCH (n) WHERE NOT n:AuditEntry AND NOT n:SchemaMigration "
        "RETURN labels(n) AS l, properties(n) AS p"
    )
    rels = await db.run_raw(
        "MATCH (a)-[r]->(b) WHERE NOT a:AuditEntry "
        "RETURN a.id AS a, type(r) AS t, b.id AS b, "
        "CASE type(r) WHEN 'SEEN_ON' THEN r {.*, lastSeen: null} "
        "ELSE properties(r) END AS p"
    )
    return sorted(str(sorted(x.items())) for x in [*nodes, *rels])


AUDITED = "MATCH (e:AuditEntry {actor: 'system:demo'}) RETURN e.operation AS op ORDER BY op"
#: the CI part's bulk calls record every call, changed or not
CMDB_CALLS = {"upsertCIs", "relateMany"}


async def test_loading_twice_changes_nothing(db: Database) -> None:
    """Everything goes through the services: the demo is an actor in the audit log, and a
    second load writes nothing, not even an audit entry."""
    first = await load_full_demo(db, today=TODAY)
    assert first.itam.created > 0
    before = await graph_snapshot(db)
    audited = await db.run_raw(AUDITED)
    assert {"importAssets", "placeAssets", "recordAssetHistories", "importItsmRecords"} <= {
        r["op"] for r in audited
    }
    second = await load_full_demo(db, today=TODAY)
    assert (second.itam.created, second.itam.written) == (0, 0)
    assert (second.itsm.created, second.itsm.written) == (0, 0)
    assert await graph_snapshot(db) == before
    again = Counter(r["op"] for r in await db.run_raw(AUDITED))
    assert set(again - Counter(r["op"] for r in audited)) <= CMDB_CALLS


async def test_a_later_load_refreshes_dates_and_tells_the_stories_again(
    db: Database, itam: ItamDataset
) -> None:
    await load_full_demo(db, today=TODAY - timedelta(days=30))
    spare = itam.asset("A-18005")
    (row,) = await db.run_raw("MATCH (a:Asset {assetTag: $t}) RETURN a.id AS id", t=spare.tag)
    moved = await lifecycle.transition(
        db,
        system_actor("test"),
        row["id"],
        TransitionInput(to=LifecycleState.DEPLOYED, note="racked"),
    )
    assert moved.event.seq == len(spare.events) + 1
    events = await db.run_raw(
        "MATCH (:Asset {id: $id})-[:HAD]->(e:LifecycleEvent) RETURN properties(e) AS e",
        id=row["id"],
    )
    shapes = {frozenset(r["e"]) for r in events if r["e"]["seq"] > 1}
    assert len(shapes) == 1  # the service's event has the demo events' fields

    summary = await load_full_demo(db, today=TODAY)
    assert summary.itam.created == 0
    (after,) = await db.run_raw(
        "MATCH (a:Asset {assetTag: $t}) RETURN a.lifecycleState AS state, a.purchaseDate AS p, "
        "COUNT { (a)-[:HAD]->() } AS events",
        t=spare.tag,
    )
    assert after["state"] == "IN_STOCK"
    assert after["events"] == len(spare.events)
    assert after["p"] == spare.row["purchaseDate"]


async def test_graphql_answers_on_the_demo(db: Database, gql: GQL) -> None:
    await load_full_demo(db, today=TODAY)
    data = await gql(
        """query($d: Date!, $t: DateTime!) {
             expiring(withinDays: 90, asOf: $d) { kind reference highestCriticality noticePassed }
             licensePositions { product { name } status entitled consumed shortfall
                                yearlySaving { amount currency } }
             shadowIT { name }
             ghostAssets(notSeenDays: 30, asOf: $t) { assetTag reason }
             retiredStillDependedOn { ciName lifecycleState }
             fleetValue(groupBy: LOCATION, asOf: $d) { totals { currency bookValue } }
           }""",
        {
            "d": TODAY.isoformat(),
            "t": datetime.combine(TODAY, datetime.min.time(), UTC).isoformat(),
        },
    )
    assert any(i["highestCriticality"] == 5 for i in data["expiring"] if i["kind"] == "CONTRACT")
    positions = {p["product"]["name"]: p for p in data["licensePositions"]}
    assert positions[RHEL]["status"] == "OVER_DEPLOYED"
    assert positions[WINDOWS_DC]["yearlySaving"] == {"amount": "17280.00", "currency": "EUR"}
    assert set(SHADOW_IT) <= {c["name"] for c in data["shadowIT"]}
    assert {"A-18001", "A-18002"} <= {g["assetTag"] for g in data["ghostAssets"]}
    assert data["retiredStillDependedOn"] == [{"ciName": "esx-dc2-07", "lifecycleState": "RETIRED"}]
    assert Decimal(data["fleetValue"]["totals"][0]["bookValue"]) > 0
