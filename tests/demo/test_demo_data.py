"""The demo is data (``demo/data/**.toml``): the built dataset keeps its counts and its
named examples (so a move or an edit of the files cannot silently drop records), a typo
in a file is refused by name, and the imported incidents and changes are found again
through the ``externalKey`` index (real Neo4j for the plans)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import pytest

from graphcmdb.db.database import Database
from graphcmdb.db.queries import Q
from graphcmdb.demo import ItamDataset, build_enterprise, build_itam
from graphcmdb.demo.itsm import ItsmDataset, build_itsm
from graphcmdb.demo.model import CIRef
from graphcmdb.demo.tables import records
from graphcmdb.domain.specs import CHANGE_SPEC, INCIDENT_SPEC
from graphcmdb.graph.enums import ChangeState, CIClass, ContractKind, LifecycleState

DAY = date(2026, 3, 15)


@pytest.fixture(scope="module")
def itam() -> ItamDataset:
    return build_itam(build_enterprise(), DAY)


@pytest.fixture(scope="module")
def itsm() -> ItsmDataset:
    return build_itsm(build_enterprise(), DAY)


def test_the_counts_of_the_built_demo(itam: ItamDataset, itsm: ItsmDataset) -> None:
    assert len(itam.vendors) == 17
    assert len(itam.locations) == 5
    assert len(itam.people) == 18
    assert len(itam.assets) == 82
    assert sum(len(a.events) for a in itam.assets) == 365
    assert len(itam.contracts) == 16
    assert len(itam.licenses) == 8
    assert len(itam.installs) == 117
    assert len(itsm.incidents) == 234
    assert len(itsm.changes) == 61


def test_named_assets_contracts_and_licenses(itam: ItamDataset) -> None:
    first = itam.asset("A-10001")
    assert (first.row["name"], first.row["model"], first.location) == (
        "esx-dc1-01",
        "PowerEdge R750",
        "DC1 Frankfurt",
    )
    assert first.row["purchaseCost"] == Decimal("18450.00")
    assert first.row["purchaseDate"] == DAY - timedelta(days=1400)
    assert itam.asset_of("esx-dc2-07").state is LifecycleState.RETIRED
    assert itam.asset("A-18003").state is LifecycleState.DISPOSED
    assert itam.asset("L-20005").state is LifecycleState.LOST
    assert itam.asset("L-20005").holder == "mark.de.vries@example.com"
    assert itam.asset("V-30012").holder == "lea.zimmermann@example.com"
    assert itam.asset("V-30001").row["inServiceDate"] == DAY - timedelta(days=375)

    contracts = {c["number"]: c for c in itam.contracts}
    dell = contracts["SUP-DELL-2021-044"]
    assert dell["endDate"] == DAY + timedelta(days=62)
    assert dell["kind"] == ContractKind.SUPPORT.value
    assert "A-10001" in dell["assetTags"]
    assert "A-18006" in dell["assetTags"]
    assert contracts["SUP-ARIS-2021-022"]["assetTags"] == [
        itam.asset_of(n).tag
        for n in ("core-dc2-01", "core-dc2-02", "tor-dc2-r01", "tor-dc2-r02", "tor-dc2-r03")
    ]
    assert itam.asset_of("tor-dc2-r04").tag not in {
        t for c in contracts.values() for t in c["assetTags"]
    }

    licenses = {lic["reference"]: lic for lic in itam.licenses}
    rhel = licenses["SUB-RHAT-2022-778-RHEL"]
    assert (rhel["quantity"], rhel["unitCost"], rhel["metric"]) == (
        40,
        Decimal("349.00"),
        "PER_DEVICE",
    )
    rhel_hosts = [i for i in itam.installs if i["product"] == "Red Hat Enterprise Linux"]
    assert len(rhel_hosts) == 49
    assert {i["installedAt"] for i in rhel_hosts} == {
        datetime.combine(DAY - timedelta(days=300), time(14, 0), UTC)
    }


def test_named_incidents_and_changes(itsm: ItsmDataset) -> None:
    incidents = {i.title: i for i in itsm.incidents}
    h1 = incidents["h1 power supply failure"]
    assert h1.affects == (CIRef(CIClass.SERVER, "h1"),)
    assert h1.resolved_at is not None
    assert h1.resolved_at - h1.opened_at == timedelta(hours=4)
    assert [i.key for i in itsm.incidents[:2]] == ["demo-inc-0001", "demo-inc-0002"]
    payments = incidents["Payments failing"]
    changes = {c.key: c for c in itsm.changes}
    assert changes[str(payments.cause)].title == "payments-db minor upgrade"
    assert sum(1 for i in itsm.incidents if i.title.startswith("tor-dc1-r03: ")) >= 7
    bios = next(c for c in itsm.changes if c.title == "esx-dc1-01 BIOS update")
    assert bios.state is ChangeState.APPROVED
    assert bios.planned_start == datetime.combine(DAY + timedelta(days=5), time(22, 0), UTC)


@dataclass(frozen=True)
class Row:
    name: str
    kind: ContractKind
    tags: tuple[str, ...] = ()


def test_a_typo_in_a_data_file_is_refused_by_name() -> None:
    assert records(Row, [{"name": "x", "kind": "SUPPORT", "tags": ["a"]}], "row") == (
        Row("x", ContractKind.SUPPORT, ("a",)),
    )
    with pytest.raises(ValueError, match=r"row #1: unknown fields \['nmae'\]"):
        records(Row, [{"nmae": "x", "kind": "SUPPORT"}], "row")
    with pytest.raises(ValueError, match="row #1"):
        records(Row, [{"name": "x", "kind": "SUPORT"}], "row")
    with pytest.raises(ValueError, match="row #1"):
        records(Row, [{"kind": "SUPPORT"}], "row")


def operators(plan: Any) -> set[str]:
    found = {str(plan["operatorType"]).split("@")[0]}
    for child in plan.get("children", []):
        found |= operators(child)
    return found


async def test_imported_records_are_found_by_the_external_key_index(db: Database) -> None:
    for spec in (INCIDENT_SPEC, CHANGE_SPEC):
        assert "externalKey" in spec.system
        assert "externalKey" in spec.indexed
    for query in (Q.ITSM_KEYS_KNOWN, Q.ITSM_IMPORT_BATCH):
        async with db.driver.session(database=db.database) as session:
            result = await session.run("EXPLAIN " + db.catalogue[query])
            summary = await result.consume()
        assert summary.plan is not None
        ops = operators(summary.plan)
        assert "NodeIndexSeek" in ops, (query, sorted(ops))
        assert not {"AllNodesScan", "NodeByLabelScan"} & ops, (query, sorted(ops))
