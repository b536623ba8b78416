"""The demo landscape is data: the builder reads the TOML files it is given, and the
loader writes what they describe (a throw-away minimal landscape here)."""

from __future__ import annotations

import pytest

from graphcmdb.db.database import Database
from graphcmdb.demo import build_enterprise, load_demo
from graphcmdb.demo.landscape import LANDSCAPE, build_landscape, landscape_files
from graphcmdb.graph.enums import CIClass, DependencyKind, RelType

MINIMAL = """
cis = [
  { class = "Server", name = "hv-1", hardware = "DELL_R650", site = "dc1", zone = "hosts", criticality = 4, hypervisor = true },
  { class = "Server", name = "hv-2", hardware = "DELL_R650", site = "dc1", zone = "hosts", criticality = 4, hypervisor = true },
  { class = "VirtualMachine", name = "vm-1", site = "dc1", os = "Debian GNU/Linux 12", cores = 2, criticality = 3 },
  { class = "VirtualMachine", name = "vm-2", site = "dc1", os = "Debian GNU/Linux 12", cores = 2, criticality = 3, status = "MAINTENANCE", place = [["dc1", ["vm-1", "vm-2"]]] },
  { class = "Cluster", name = "vm-pool", criticality = 3, minAvailable = 1, description = "two VMs" },
  { class = "Application", name = "app", criticality = 4, description = "the app" },
]

relationships = [
  ["vm-1", "MEMBER_OF", "vm-pool"],
  ["vm-2", "MEMBER_OF", "vm-pool"],
  ["app", "RUNS_ON", "vm-pool"],
  ["hv-1", "CONNECTED_TO", "hv-2", "eno1", "eno1"],
  ["Tiny", "DEPENDS_ON", "app"],
  ["app", "DEPENDS_ON", "hv-1", "SOFT"],
]

[[services]]
name = "Tiny"
criticality = 2
users = 10
slaTarget = 99.5
owner = "Team Tiny"
description = "A landscape of six CIs"
"""


def test_the_builder_reads_the_files_it_is_given() -> None:
    data = build_landscape(1, [MINIMAL])
    assert [c.name for c in data.cis] == ["hv-1", "hv-2", "vm-1", "vm-2", "vm-pool", "app"]
    assert [s.name for s in data.services] == ["Tiny"]
    hosted = {
        r.source.name: r.target.name for r in data.relationships if r.type is RelType.HOSTED_ON
    }
    assert hosted.keys() == {"vm-1", "vm-2"}
    assert set(hosted.values()) == {"hv-1", "hv-2"}  # anti-affinity: one VM per host
    kinds = {r.target.name: r.kind for r in data.relationships if r.type is RelType.DEPENDS_ON}
    assert kinds == {"app": DependencyKind.HARD, "hv-1": DependencyKind.SOFT}
    assert data.ci(CIClass.VIRTUAL_MACHINE, "vm-2").status.value == "MAINTENANCE"
    assert data.ci(CIClass.SERVER, "hv-1").serialNumber
    assert build_landscape(1, [MINIMAL]) == data


def test_the_shipped_files_are_what_the_demo_builds() -> None:
    names = sorted(f.name for f in LANDSCAPE.iterdir() if f.name.endswith(".toml"))
    assert names == [
        "1-datacentre.toml",
        "2-applications.toml",
        "3-corporate.toml",
        "4-services.toml",
    ]
    assert build_landscape(5, landscape_files()) == build_enterprise(5)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'cis = [{ class = "Server", name = "x", criticality = 1, colour = "red" }]',
            "unknown fields",
        ),
        (
            'cis = [{ class = "Server", name = "x", hardware = "NOPE", site = "dc1", criticality = 1 }]',
            "unknown hardware",
        ),
        ('relationships = [["a", "RUNS_ON", "b"]]', "unknown a, b"),
    ],
)
def test_mistakes_in_the_data_fail_at_build_time(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build_landscape(1, [text])


async def test_a_minimal_landscape_loads_into_the_expected_graph(db: Database) -> None:
    data = build_landscape(1, [MINIMAL])
    first = await load_demo(db, dataset=data)
    assert (first.cis, first.cis_created, first.services, first.relationships) == (6, 6, 1, 8)
    rows = await db.run_raw(
        "MATCH (a)-[r]->(b) WHERE (a:CI OR a:Service) AND (b:CI OR b:Service) "
        "RETURN a.name AS a, type(r) AS t, b.name AS b ORDER BY a, t, b"
    )
    assert len(rows) == 8
    assert {"a": "Tiny", "t": "DEPENDS_ON", "b": "app"} in rows
    again = await load_demo(db, dataset=data)
    assert (again.cis_created, again.services_created, again.services_updated) == (0, 0, 0)
