"""The demo enterprise: pure checks of the dataset, then loading it into a real Neo4j."""

from __future__ import annotations

from collections import Counter

import pytest

from graphcmdb.db.database import Database
from graphcmdb.demo import DemoDataset, DemoSummary, build_enterprise, load_demo
from graphcmdb.demo.enterprise import EXAMPLE_CLUSTER, EXAMPLE_SERVICE
from graphcmdb.demo.model import CIRef, ServiceRef
from graphcmdb.domain.models import ServiceUpdate
from graphcmdb.domain.rel_specs import REL_SPECS, endpoint_matches
from graphcmdb.graph.enums import CIClass, DependencyKind, RelType
from graphcmdb.services import business_services
from graphcmdb.services.actor import system_actor
from graphcmdb.services.bulk import validate_rows
from graphcmdb.services.business_services import ServiceFilter
from graphcmdb.services.paging import PageRequest


@pytest.fixture(scope="module")
def data() -> DemoDataset:
    return build_enterprise()


def edges(data: DemoDataset, rel_type: RelType) -> list[tuple[str, str]]:
    return [(r.source.name, r.target.name) for r in data.relationships if r.type is rel_type]


def needs(data: DemoDataset, source: str) -> dict[str, str | None]:
    """What ``source`` DEPENDS_ON, with the kind."""
    return {
        r.target.name: (r.kind.value if r.kind else None)
        for r in data.relationships
        if r.type is RelType.DEPENDS_ON and r.source.name == source
    }


# --- the dataset, without a database -------------------------------------------


def test_same_seed_same_dataset_other_seed_other_identifiers(data: DemoDataset) -> None:
    assert build_enterprise() == data
    other = build_enterprise(seed=7)
    assert [c.ref for c in other.cis] == [c.ref for c in data.cis]
    assert [c.serialNumber for c in other.cis] != [c.serialNumber for c in data.cis]


def test_counts_in_range(data: DemoDataset) -> None:
    by_class = data.counts_by_class()
    assert 300 <= len(data.cis) <= 400
    assert 140 <= by_class["VirtualMachine"] <= 170
    assert set(by_class) == {c.value for c in CIClass}
    assert len(data.services) >= 13
    assert set(data.counts_by_type()) == {
        "DEPENDS_ON",
        "RUNS_ON",
        "HOSTED_ON",
        "MEMBER_OF",
        "CONNECTED_TO",
    }


def test_keys_and_identifiers_are_unique(data: DemoDataset) -> None:
    assert len({c.ref for c in data.cis}) == len(data.cis)
    assert len({s.name for s in data.services}) == len(data.services)
    assert len({r.key for r in data.relationships}) == len(data.relationships)
    for values in (
        [ip for c in data.cis for ip in c.ipAddresses],
        [mac for c in data.cis for mac in c.macAddresses],
        [c.serialNumber for c in data.cis if c.serialNumber],
        [c.fqdn for c in data.cis if c.fqdn],
    ):
        assert values
        assert [v for v, n in Counter(values).items() if n > 1] == []


def test_every_row_passes_the_bulk_validation(data: DemoDataset) -> None:
    assert len(validate_rows([c.row() for c in data.cis])) == len(data.cis)


def test_relationships_have_known_legal_endpoints(data: DemoDataset) -> None:
    known: set[CIRef | ServiceRef] = {c.ref for c in data.cis} | {s.ref for s in data.services}
    for rel in data.relationships:
        spec = REL_SPECS[rel.type]
        assert rel.source in known, rel
        assert rel.target in known, rel
        assert endpoint_matches(rel.source.labels, spec.sources), rel
        assert endpoint_matches(rel.target.labels, spec.targets), rel
        assert (rel.kind is not None) == spec.has_kind, rel
        assert (rel.localPort is not None) == ("localPort" in spec.properties), rel


def test_physical_gear_has_serial_vendor_and_model(data: DemoDataset) -> None:
    physical = {CIClass.SERVER, CIClass.NETWORK_DEVICE, CIClass.STORAGE_DEVICE}
    for ci in data.cis:
        if ci.ciClass in physical:
            assert all((ci.serialNumber, ci.manufacturer, ci.model, ci.fqdn)), ci
        if ci.ciClass in (CIClass.SERVER, CIClass.VIRTUAL_MACHINE):
            assert all((ci.os, ci.cores, ci.ipAddresses, ci.macAddresses)), ci
    assert data.ci(CIClass.SERVER, "esx-dc1-01").fqdn == "esx-dc1-01.dc1.example.com"


def test_vms_are_hosted_on_one_hypervisor(data: DemoDataset) -> None:
    hosted = Counter(vm for vm, _ in edges(data, RelType.HOSTED_ON))
    vms = [c.name for c in data.cis if c.ciClass is CIClass.VIRTUAL_MACHINE]
    assert sorted(hosted) == sorted(vms)
    assert set(hosted.values()) == {1}


def test_hypervisors_hard_depend_on_site_san_and_tor(data: DemoDataset) -> None:
    for name in ("esx-dc1-01", "esx-dc2-08"):
        site = name.split("-")[1]
        hard = {t for t, kind in needs(data, name).items() if kind == "HARD"}
        assert f"san-{site}" in hard
        assert any(t.startswith(f"tor-{site}-") for t in hard)
    tor_links = [
        r
        for r in data.relationships
        if r.type is RelType.CONNECTED_TO and r.source.name == "tor-dc1-r01"
    ]
    assert {r.target.name for r in tor_links} == {"core-dc1-01", "core-dc1-02"}
    assert all(r.localPort and r.remotePort for r in tor_links)


def test_clusters_have_enough_members(data: DemoDataset) -> None:
    members = Counter(cluster for _, cluster in edges(data, RelType.MEMBER_OF))
    for ci in data.cis:
        if ci.ciClass is CIClass.CLUSTER:
            assert ci.minAvailable is not None
            assert members[ci.name] >= max(2, ci.minAvailable), ci.name
    pg = data.ci(CIClass.CLUSTER, "pg-shop-cluster")
    assert (members["pg-shop-cluster"], pg.minAvailable) == (3, 2)
    assert members["es-cluster"] >= 3
    assert members["kafka-cluster"] == 3


def test_services_depend_on_services(data: DemoDataset) -> None:
    assert needs(data, "Online Shop")["Payments"] == DependencyKind.HARD.value
    assert needs(data, "Online Shop")["Search"] == DependencyKind.SOFT.value
    assert needs(data, "Customer Portal")["Identity/SSO"] == DependencyKind.HARD.value
    for svc in data.services:
        assert 1 <= svc.criticality <= 5
        assert svc.users > 0
        assert svc.owner
        assert 90 < svc.slaTarget < 100
        assert needs(data, svc.name), f"{svc.name} depends on nothing"


def test_worked_example_is_exactly_designs(data: DemoDataset) -> None:
    assert needs(data, EXAMPLE_SERVICE) == {EXAMPLE_CLUSTER: "HARD"}
    cluster = data.ci(CIClass.CLUSTER, EXAMPLE_CLUSTER)
    assert cluster.minAvailable == 2
    members = sorted(m for m, c in edges(data, RelType.MEMBER_OF) if c == EXAMPLE_CLUSTER)
    assert members == ["web1", "web2", "web3"]
    hosted = dict(edges(data, RelType.HOSTED_ON))
    assert (hosted["web1"], hosted["web2"], hosted["web3"]) == ("h1", "h1", "h2")
    assert data.ci(CIClass.SERVER, "h2").ciClass is CIClass.SERVER
    assert data.ci(CIClass.VIRTUAL_MACHINE, "web3").environment.value == "PRODUCTION"
    # nothing else needs the example, and the example needs nothing else
    example = {EXAMPLE_SERVICE, EXAMPLE_CLUSTER, "web1", "web2", "web3", "h1", "h2"}
    for rel in data.relationships:
        if rel.type is not RelType.CONNECTED_TO and (rel.source.name in example) != (
            rel.target.name in example
        ):
            pytest.fail(f"worked example is not isolated: {rel}")


# --- loading into Neo4j --------------------------------------------------------


async def graph_counts(db: Database) -> tuple[int, int, int]:
    cis = await db.run_raw("MATCH (n:CI) RETURN count(n) AS c")
    services = await db.run_raw("MATCH (n:Service) RETURN count(n) AS c")
    rels = await db.run_raw("MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS c")
    return cis[0]["c"], services[0]["c"], rels[0]["c"]


async def test_load_twice_gives_the_same_graph(db: Database, data: DemoDataset) -> None:
    stages: list[tuple[str, int, int]] = []
    first = await load_demo(db, lambda *p: stages.append(p))
    expected = (len(data.cis), len(data.services), len(data.relationships))
    assert (first.cis, first.services, first.relationships) == expected
    assert (first.cis_created, first.services_created) == (len(data.cis), len(data.services))
    assert await graph_counts(db) == expected
    assert {s for s, _, _ in stages} == {"cis", "services", "relationships"}
    assert ("relationships", expected[2], expected[2]) in stages

    second = await load_demo(db)
    assert second == DemoSummary(*expected, seconds=second.seconds)
    assert await graph_counts(db) == expected


async def test_loaded_cluster_has_members_and_min_available(db: Database) -> None:
    await load_demo(db)
    rows = await db.run_raw(
        "MATCH (m:VirtualMachine)-[:MEMBER_OF]->(c:Cluster {name: $name}) "
        "RETURN c.minAvailable AS k, count(m) AS members",
        name="pg-shop-cluster",
    )
    assert rows == [{"k": 2, "members": 3}]
    rows = await db.run_raw(
        "MATCH (d:Database {name: 'shop-db'})-[:RUNS_ON]->(c:Cluster) RETURN c.name AS c"
    )
    assert rows == [{"c": "pg-shop-cluster"}]
    host = await db.run_raw(
        "MATCH (s:Server {name: 'esx-dc1-01'}) RETURN s.fqdn AS fqdn, s.manufacturer AS m, "
        "size(s.macAddresses) AS macs"
    )
    assert host == [{"fqdn": "esx-dc1-01.dc1.example.com", "m": "Dell", "macs": 2}]


async def test_loaded_service_depends_on_service(db: Database) -> None:
    await load_demo(db)
    rows = await db.run_raw(
        "MATCH (:Service {name: 'Online Shop'})-[r:DEPENDS_ON]->(t:Service) "
        "RETURN t.name AS target, r.kind AS kind ORDER BY target"
    )
    assert {r["target"]: r["kind"] for r in rows} == {
        "Payments": "hard",
        "Search": "soft",
        "Identity/SSO": "soft",
    }
    rows = await db.run_raw(
        "MATCH (:Service {name: $name})-[:DEPENDS_ON]->(c:Cluster)-[:MEMBER_OF]-(vm) "
        "RETURN c.name AS c, count(vm) AS n",
        name=EXAMPLE_SERVICE,
    )
    assert rows == [{"c": EXAMPLE_CLUSTER, "n": 3}]


async def test_reload_restores_a_changed_service(db: Database) -> None:
    await load_demo(db)
    page = await business_services.LISTING.page(
        db, ServiceFilter(nameContains="Payments"), PageRequest(10, None)
    )
    (payments,) = [s for s in page.items if s.name == "Payments"]
    await business_services.update_service(
        db, system_actor("test"), payments.id, ServiceUpdate(users=1)
    )

    summary = await load_demo(db)
    assert (summary.services_created, summary.services_updated) == (0, 1)
    stored = await business_services.get_services(db, [payments.id])
    assert stored[payments.id].users == 180_000
