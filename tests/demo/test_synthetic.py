"""The synthetic CMDB generator: pure checks of the stream, then loading it into Neo4j."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

import pytest

from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.demo.synthetic import (
    POOL_SIZE,
    RandomPool,
    SyntheticPlan,
    generate,
    plan_synthetic,
)
from graphcmdb.demo.synthetic_load import SyntheticSummary, load_synthetic
from graphcmdb.demo.synthetic_model import SERVICE, Key, Rel, labels_of
from graphcmdb.domain.rel_specs import REL_SPECS, endpoint_matches
from graphcmdb.graph.enums import CIClass, RelType
from graphcmdb.services.bulk import validate_rows
from tests.cli.test_cli import run_cli

VM = CIClass.VIRTUAL_MACHINE.value
CLUSTER = CIClass.CLUSTER.value


@dataclass
class Stream:
    plan: SyntheticPlan
    cis: list[dict[str, Any]]
    rels: list[Rel]
    #: index of the chunk each CI key appeared in, and of the chunk of each relationship
    chunk_of: dict[Key, int]
    rel_chunk: list[int]

    def rows(self, ci_class: CIClass) -> list[dict[str, Any]]:
        return [r for r in self.cis if r["ciClass"] == ci_class.value]

    def edges(self, rel_type: RelType) -> list[Rel]:
        return [r for r in self.rels if r.type is rel_type]


def collect(cis: int, seed: int = 42) -> Stream:
    plan = plan_synthetic(cis, seed)
    rows: list[dict[str, Any]] = []
    rels: list[Rel] = []
    chunk_of: dict[Key, int] = {}
    rel_chunk: list[int] = []
    for index, chunk in enumerate(generate(plan)):
        for row in chunk.cis:
            chunk_of.setdefault((row["ciClass"], row["name"]), index)
        rows.extend(chunk.cis)
        rels.extend(chunk.rels)
        rel_chunk.extend([index] * len(chunk.rels))
    return Stream(plan, rows, rels, chunk_of, rel_chunk)


@pytest.fixture(scope="module")
def small() -> Stream:
    return collect(3000)


@pytest.fixture(scope="module")
def two_sites() -> Stream:
    return collect(120_000)


# --- the stream, without a database ----------------------------------------------


def test_same_seed_same_stream_other_seed_other_stream(small: Stream) -> None:
    again = collect(3000)
    assert again.cis == small.cis
    assert again.rels == small.rels
    other = collect(3000, seed=7)
    assert len(other.cis) == 3000
    assert other.rels != small.rels


@pytest.mark.parametrize("cis", [200, 999, 3000, 50_001])
def test_exactly_the_requested_number_of_cis(cis: int) -> None:
    assert len(collect(cis).cis) == cis


def test_too_small_or_too_large_is_refused() -> None:
    with pytest.raises(ValueError, match="between"):
        plan_synthetic(199)
    with pytest.raises(ValueError, match="between"):
        plan_synthetic(3_000_001)


def test_sites_and_services_scale_with_size(small: Stream, two_sites: Stream) -> None:
    assert len(small.plan.site_budgets) == 1
    assert len(small.plan.services) == 6
    assert len(plan_synthetic(1000).services) == 3
    assert len(two_sites.plan.site_budgets) == 2
    assert len(two_sites.plan.services) == 240
    assert len(plan_synthetic(1_000_000).site_budgets) == 20


@pytest.mark.parametrize("stream", ["small", "two_sites"])
def test_class_mix_is_in_range(stream: str, request: pytest.FixtureRequest) -> None:
    s: Stream = request.getfixturevalue(stream)
    share = {k: n / len(s.cis) for k, n in Counter(r["ciClass"] for r in s.cis).items()}
    assert set(share) == {c.value for c in CIClass}
    assert 0.57 <= share[VM] <= 0.63
    assert 0.19 <= share["Application"] + share["Database"] <= 0.25
    assert 0.04 <= share[CLUSTER] <= 0.06
    rest = share["Server"] + share["NetworkDevice"] + share["StorageDevice"]
    assert 0.10 <= rest + share["LoadBalancer"] <= 0.17


def test_keys_and_identifiers_are_unique(two_sites: Stream) -> None:
    s = two_sites
    assert len({(r["ciClass"], r["name"]) for r in s.cis}) == len(s.cis)
    for values in (
        [ip for r in s.cis for ip in r.get("ipAddresses", [])],
        [mac for r in s.cis for mac in r.get("macAddresses", [])],
        [r["serialNumber"] for r in s.cis if "serialNumber" in r],
        [r["fqdn"] for r in s.cis if "fqdn" in r],
    ):
        assert values
        assert [v for v, n in Counter(values).items() if n > 1] == []


def test_every_row_passes_the_bulk_validation(small: Stream) -> None:
    assert len(validate_rows(small.cis)) == len(small.cis)


def test_relationships_are_legal_unique_and_in_stream_order(two_sites: Stream) -> None:
    s = two_sites
    services = {(SERVICE, svc.name) for svc in s.plan.services}
    assert len({(r.source, r.type, r.target) for r in s.rels}) == len(s.rels)
    for rel, chunk in zip(s.rels, s.rel_chunk, strict=True):
        for end in (rel.source, rel.target):  # a loader writing CIs first never misses one
            assert end in services or s.chunk_of[end] <= chunk, rel
        spec = REL_SPECS[rel.type]
        assert rel.source != rel.target
        assert endpoint_matches(labels_of(rel.source), spec.sources), rel
        assert endpoint_matches(labels_of(rel.target), spec.targets), rel
        assert (rel.kind is not None) == spec.has_kind, rel


def test_hotspots_exist_and_carry_the_site(two_sites: Stream) -> None:
    s = two_sites
    hot = s.plan.hotspot_keys()
    assert {k: len(v) for k, v in hot.items()} == {"hypervisor": 2, "san": 2, "core_switch": 2}
    for keys in hot.values():
        assert all(k in s.chunk_of for k in keys)
    hard = defaultdict(set)
    for rel in s.edges(RelType.DEPENDS_ON):
        if rel.kind and rel.kind.value == "HARD":
            hard[rel.target].add(rel.source)
    for site, (san, border) in enumerate(zip(hot["san"], hot["core_switch"], strict=True)):
        code = f"s{site + 1:02d}"
        hypervisors = {
            ("Server", r["name"])
            for r in s.rows(CIClass.SERVER)
            if r["name"].startswith("esx-" + code)
        }
        tors = {
            ("NetworkDevice", r["name"])
            for r in s.rows(CIClass.NETWORK_DEVICE)
            if r["name"].startswith("tor-" + code)
        }
        assert hypervisors <= hard[san]
        assert tors == hard[border]
        assert len(tors) >= 100


def test_vms_are_hosted_on_one_hypervisor_with_20_to_30_guests(two_sites: Stream) -> None:
    s = two_sites
    hosted = Counter(r.source for r in s.edges(RelType.HOSTED_ON))
    assert len(hosted) == len(s.rows(CIClass.VIRTUAL_MACHINE))
    assert set(hosted.values()) == {1}
    guests = Counter(r.target for r in s.edges(RelType.HOSTED_ON))
    assert max(guests.values()) <= 30
    assert sum(20 <= n <= 30 for n in guests.values()) / len(guests) > 0.95


def test_clusters_have_enough_members_spread_over_hypervisors(two_sites: Stream) -> None:
    s = two_sites
    members: dict[Key, list[Key]] = defaultdict(list)
    for rel in s.edges(RelType.MEMBER_OF):
        members[rel.target].append(rel.source)
    host = {r.source: r.target for r in s.edges(RelType.HOSTED_ON)}
    spread = 0
    for row in s.rows(CIClass.CLUSTER):
        group = members[(CLUSTER, row["name"])]
        assert len(group) >= row["minAvailable"] >= 1, row
        if row["name"].startswith("cl-web-"):
            assert 3 <= len(group) <= 6
            assert row["minAvailable"] in (len(group) - 1, len(group) - 2)
        if row["name"].startswith("cl-db-"):
            assert (len(group), row["minAvailable"]) == (3, 2)
        vms = [m for m in group if m[0] == VM]
        spread += len({host[m] for m in vms}) == len(vms)
    assert spread / len(s.rows(CIClass.CLUSTER)) > 0.98


def test_software_runs_on_hosts_and_services_need_things(small: Stream) -> None:
    s = small
    runs = {r.source for r in s.edges(RelType.RUNS_ON)}
    software = s.rows(CIClass.APPLICATION) + s.rows(CIClass.DATABASE)
    assert all((r["ciClass"], r["name"]) in runs for r in software)
    needs = [r for r in s.edges(RelType.DEPENDS_ON) if r.source[0] == SERVICE]
    assert {r.source for r in needs} == {(SERVICE, svc.name) for svc in s.plan.services}
    assert {r.target[0] for r in needs} >= {"LoadBalancer", "Application", SERVICE}
    assert {r.kind.value for r in needs if r.kind} == {"HARD", "SOFT"}


def test_random_pool_is_a_deterministic_sample() -> None:
    keys: list[Key] = [(VM, f"vm-{i}") for i in range(10_000)]
    pools = [RandomPool(42), RandomPool(42), RandomPool(43)]
    for pool in pools:
        for key in keys:
            pool.offer(key)
    assert len(pools[0].keys) == POOL_SIZE == len(set(pools[0].keys))
    assert pools[0].keys == pools[1].keys != pools[2].keys
    assert max(int(k[1][3:]) for k in pools[0].keys) > 9000  # not just the first ones


# --- loading into Neo4j --------------------------------------------------------------


async def graph_counts(db: Database) -> tuple[int, int, int]:
    cis = await db.run_raw("MATCH (n:CI) RETURN count(n) AS c")
    services = await db.run_raw("MATCH (n:Service) RETURN count(n) AS c")
    rels = await db.run_raw("MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS c")
    return cis[0]["c"], services[0]["c"], rels[0]["c"]


def counts(summary: SyntheticSummary) -> tuple[int, int, int]:
    return summary.cis, summary.services, summary.relationships


async def test_load_matches_the_summary_and_is_idempotent(db: Database) -> None:
    calls: list[tuple[str, int, int]] = []
    first = await load_synthetic(db, 1500, batch_size=600, progress=lambda *a: calls.append(a))
    stream = collect(1500)
    assert counts(first) == (1500, 3, len(stream.rels))
    assert await graph_counts(db) == counts(first)
    assert (first.cis_created, first.services_created) == (1500, 3)
    assert {stage for stage, _, _ in calls} == {"services", "cis", "relationships"}
    assert ("cis", 1500, 1500) in calls
    assert calls[-1] == ("relationships", len(stream.rels), len(stream.rels))

    names = await db.run_raw(
        "UNWIND $ids AS id MATCH (c:CI {id: id}) RETURN c.name AS name",
        ids=[i for ids in first.hotspots.values() for i in ids],
    )
    assert sorted(r["name"] for r in names) == ["border-s01", "esx-s01-r001-h01", "san-s01"]
    pool = await db.run_raw(
        "UNWIND $ids AS id MATCH (c:CI {id: id}) RETURN count(c) AS c", ids=first.random_pool
    )
    assert pool[0]["c"] == len(set(first.random_pool)) == 1000

    again = await load_synthetic(db, 1500, batch_size=600)
    assert counts(again) == counts(first)
    assert await graph_counts(db) == counts(first)
    assert (again.cis_created, again.services_created) == (0, 0)
    assert again.hotspots == first.hotspots
    assert again.random_pool == first.random_pool


async def test_cli_generate_loads_and_prints_the_summary(settings: Settings, db: Database) -> None:
    done = run_cli(settings, "demo", "generate", "--cis", "300", "--seed", "3")
    assert done.returncode == 0, done.stderr
    for expected in ("Synthetic CMDB (seed 3)", "300 (300 new)", "rows/s", "border-s01"):
        assert expected in done.stdout
    assert (await graph_counts(db))[:2] == (300, 3)
    refused = run_cli(settings, "demo", "generate", "--cis", "10")
    assert refused.returncode == 2
