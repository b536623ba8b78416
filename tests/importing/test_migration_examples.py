"""The iTop and GLPI example exports in docs/examples/ migrate in through their column
mappings: CIs, services, then the links between them (ends found by the identification
engine), in the order docs/examples/README.md gives; importing them all again changes
nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphcmdb.db.database import Database
from graphcmdb.errors import ValidationFailed
from graphcmdb.importing import files
from graphcmdb.importing.mapping import read_mapping
from graphcmdb.importing.reader import ImportFormat
from graphcmdb.services.actor import system_actor
from tests.api.test_node_permissions import graph_state

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
K = files.ImportKind
ITOP = [
    ("functional-cis", K.CIS),
    ("virtual-machines", K.CIS),
    ("application-solutions", K.SERVICES),
    ("virtual-machines", K.RELATIONSHIPS, "vm-hosts"),
    ("lnk-applicationsolution-functionalci", K.RELATIONSHIPS),
    ("lnk-software-host", K.RELATIONSHIPS),
]
GLPI = [
    ("computers", K.CIS),
    ("network-equipments", K.CIS),
    ("appliances", K.SERVICES),
    ("appliance-items", K.RELATIONSHIPS),
]


async def migrate(db: Database, tool: str, steps: list[tuple[object, ...]]) -> list[int]:
    """Each file imported with its mapping; the rows each created."""
    created = []
    for step in steps:
        name, kind = str(step[0]), step[1]
        assert isinstance(kind, files.ImportKind)
        mapping = str(step[2]) if len(step) > 2 else name
        report = await files.import_file(
            db,
            system_actor("migration"),
            kind,
            (EXAMPLES / tool / f"{name}.csv").read_text(encoding="utf-8"),
            ImportFormat.CSV,
            file_name=f"{name}.csv",
            mapping=read_mapping((EXAMPLES / tool / f"{mapping}.toml").read_text()),
        )
        assert report.problems == []
        created.append(report.created)
    return created


async def assert_again_changes_nothing(
    db: Database, tool: str, steps: list[tuple[object, ...]]
) -> None:
    """Every file imported again: nothing created, nothing in the graph changed (but the
    CI rows' address facts, confirmed: their ``lastSeen`` moves)."""
    before = await graph_state(db, restated=True)
    assert await migrate(db, tool, steps) == [0] * len(steps)
    assert await graph_state(db, restated=True) == before


async def links(db: Database) -> list[tuple[str, str, str]]:
    rows = await db.run_raw(
        "MATCH (a)-[r:DEPENDS_ON|RUNS_ON|HOSTED_ON|MEMBER_OF]->(b) "
        "RETURN a.name AS a, type(r) AS t, b.name AS b"
    )
    return sorted((r["a"], r["t"], r["b"]) for r in rows)


async def test_itop_exports_migrate_in(db: Database) -> None:
    assert await migrate(db, "itop", ITOP) == [8, 3, 2, 3, 3, 2]
    [esx] = await db.run_raw(
        "MATCH (c:Server {name: 'itop-esx-01'}) RETURN c.criticality AS crit, "
        "c.status AS status, c.ipAddresses AS ips, c.manufacturer AS maker"
    )
    assert esx == {"crit": 5, "status": "OPERATIONAL", "ips": ["10.20.0.11"], "maker": "HPE"}
    [farm] = await db.run_raw("MATCH (c:CI {name: 'itop-esx-farm'}) RETURN c.ciClass AS cls")
    assert farm["cls"] == "Cluster"
    assert await links(db) == [
        ("Intranet", "DEPENDS_ON", "itop-intranet"),
        ("Web Shop", "DEPENDS_ON", "itop-shop-db"),
        ("Web Shop", "DEPENDS_ON", "itop-shop-web"),
        ("itop-shop-db", "RUNS_ON", "itop-vm-db-01"),
        ("itop-shop-web", "RUNS_ON", "itop-vm-web-01"),
        ("itop-vm-db-01", "HOSTED_ON", "itop-esx-01"),
        ("itop-vm-web-01", "HOSTED_ON", "itop-esx-01"),
        ("itop-vm-web-02", "HOSTED_ON", "itop-esx-02"),
    ]
    await assert_again_changes_nothing(db, "itop", ITOP)


async def test_glpi_exports_migrate_in(db: Database) -> None:
    assert await migrate(db, "glpi", GLPI) == [4, 1, 1, 3]
    [srv] = await db.run_raw(
        "MATCH (c:Server {name: 'glpi-srv-01'}) RETURN c.ipAddresses AS ips, c.os AS os"
    )
    assert srv == {"ips": ["10.30.0.11", "10.30.1.11"], "os": "Debian GNU/Linux 12"}
    [vm] = await db.run_raw("MATCH (c:CI {name: 'glpi-vm-erp'}) RETURN c.ciClass AS cls")
    assert vm["cls"] == "VirtualMachine"  # a reference never reclassifies the CI it finds
    assert await links(db) == [
        ("ERP", "DEPENDS_ON", "glpi-core-sw"),
        ("ERP", "DEPENDS_ON", "glpi-srv-01"),
        ("ERP", "DEPENDS_ON", "glpi-vm-erp"),
    ]
    await assert_again_changes_nothing(db, "glpi", GLPI)


def test_a_bad_mapping_is_refused() -> None:
    for text in ("[columns]\n", "columns = 3\n", '[columns]\n"a" = 1\n', "delimiter = ';;'\n"):
        with pytest.raises(ValidationFailed):
            read_mapping(text)
