"""The managed Neo4j's heap and page cache: sized to the machine ("auto") or as set.

The last test starts a real server with "auto" and reads back, over Bolt, the sizes
Neo4j and its JVM actually run with.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import ValidationError

from graphcmdb import neo4j_server as ns
from graphcmdb.config import Settings
from graphcmdb.neo4j_server import memory
from graphcmdb.neo4j_server.memory import (
    GIB,
    MIB,
    cgroup_limit_files,
    machine_memory_bytes,
    plan_memory,
)
from tests.neo4j_server.test_provisioning import java_pids_for, make_settings, run_cypher


def sized(heap: str = "auto", pagecache: str = "auto", share: float = 0.5) -> Settings:
    return Settings(neo4j_heap=heap, neo4j_pagecache=pagecache, neo4j_memory_share=share)


@pytest.mark.parametrize(
    ("machine_gib", "heap_gib", "cache_gib"),
    [(24, 4.8, 7.2), (8, 1.6, 2.4), (64, 12.8, 19.2), (1, 0.5, 0.25)],
)
def test_auto_gives_neo4j_half_the_machine_two_fifths_of_it_heap(
    machine_gib: int, heap_gib: float, cache_gib: float
) -> None:
    plan = plan_memory(sized(), machine_bytes=machine_gib * GIB)
    assert plan.heap_bytes == pytest.approx(heap_gib * GIB, abs=MIB)
    assert plan.pagecache_bytes == pytest.approx(cache_gib * GIB, abs=MIB)
    assert plan.machine_bytes == machine_gib * GIB
    assert "auto: 50% of" in plan.describe()


def test_the_heap_stops_below_compressed_pointers_and_the_cache_takes_the_rest() -> None:
    plan = plan_memory(sized(), machine_bytes=512 * GIB)
    assert plan.heap == "31744m"
    assert plan.pagecache_bytes == 256 * GIB - 31 * GIB


def test_the_share_is_a_setting() -> None:
    plan = plan_memory(sized(share=0.25), machine_bytes=24 * GIB)
    assert plan.heap_bytes + plan.pagecache_bytes == pytest.approx(6 * GIB, abs=MIB)


def test_one_size_set_the_other_auto_takes_what_is_left_of_the_share() -> None:
    heap_set = plan_memory(sized(heap="2g"), machine_bytes=24 * GIB)
    assert (heap_set.heap, heap_set.pagecache) == ("2048m", "10240m")
    cache_set = plan_memory(sized(pagecache="10g"), machine_bytes=24 * GIB)
    assert (cache_set.heap, cache_set.pagecache) == ("2048m", "10240m")


def test_sizes_as_set_are_kept_and_the_machine_is_not_asked() -> None:
    plan = plan_memory(sized(heap="1g", pagecache="512M"), machine_bytes=24 * GIB)
    assert (plan.heap, plan.pagecache, plan.machine_bytes) == ("1024m", "512m", None)
    assert plan.describe() == "heap 1.0 GiB, page cache 0.5 GiB (as set)"


@pytest.mark.parametrize("bad", ["lots", "2 g", "1.5g", "-1g", "2t", "", "0", "0g"])
def test_a_size_neo4j_could_not_read_is_refused_when_settings_are_made(bad: str) -> None:
    with pytest.raises(ValidationError, match="neo4j_heap"):
        Settings(neo4j_heap=bad)


def test_the_lowest_cgroup_limit_below_the_ram_is_what_auto_sizes_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    limit, unlimited = tmp_path / "memory.max", tmp_path / "v1.limit"
    limit.write_text(f"{2 * GIB}\n")
    unlimited.write_text("max\n")
    monkeypatch.setattr(memory, "cgroup_limit_files", lambda: [unlimited, limit])
    assert machine_memory_bytes() == min(ram, 2 * GIB)
    monkeypatch.setattr(memory, "cgroup_limit_files", lambda: [unlimited, tmp_path / "none"])
    assert machine_memory_bytes() == ram


def test_the_limit_files_are_those_of_the_process_cgroup_and_every_one_above(
    tmp_path: Path,
) -> None:
    proc = tmp_path / "cgroup"
    proc.write_text("12:cpu,cpuacct:/a\n11:memory:/slice/job\n0::/user/app\n")
    root = tmp_path / "sys"
    assert cgroup_limit_files(proc, root) == [
        root / "memory/slice/job/memory.limit_in_bytes",
        root / "memory/slice/memory.limit_in_bytes",
        root / "memory/memory.limit_in_bytes",
        root / "user/app/memory.max",
        root / "user/memory.max",
        root / "memory.max",
    ]
    assert cgroup_limit_files(tmp_path / "no-procfs", root) == []


def test_a_heap_too_small_to_start_neo4j_is_refused_before_it_is_launched() -> None:
    with pytest.raises(ns.ConfigError, match="below 128m"):
        plan_memory(sized(heap="64m", pagecache="128m"))


def neo4j_shown_bytes(shown: str) -> float:
    match = re.fullmatch(r"([\d.]+)([KMG]iB|B)", shown)
    assert match is not None, shown
    number, unit = match.groups()
    return float(number) * {"B": 1, "KiB": 1024, "MiB": MIB, "GiB": GIB}[unit]


@pytest.fixture
def auto_server(tmp_path: Path) -> Iterator[Settings]:
    settings = make_settings(tmp_path / "state", neo4j_heap="auto", neo4j_pagecache="auto")
    yield settings
    ns.stop(settings, timeout=30)
    assert java_pids_for(settings.neo4j_dir) == []


def test_a_server_started_with_auto_runs_with_the_planned_sizes(auto_server: Settings) -> None:
    plan = plan_memory(auto_server)
    report = ns.start(auto_server)
    assert report.memory == plan
    assert not report.reused
    assert report.sizes == plan.describe()
    conf = dict(
        run_cypher(
            auto_server,
            report.password,
            "SHOW SETTINGS YIELD name, value WHERE name IN $names RETURN [name, value]",
            names=["server.memory.heap.max_size", "server.memory.pagecache.size"],
        )
    )
    # Neo4j shows sizes rounded to two decimals of their unit ("4.71GiB")
    assert {k: neo4j_shown_bytes(v) for k, v in conf.items()} == {
        "server.memory.heap.max_size": pytest.approx(plan.heap_bytes, rel=0.002),
        "server.memory.pagecache.size": pytest.approx(plan.pagecache_bytes, rel=0.002),
    }
    [heap_max] = run_cypher(
        auto_server,
        report.password,
        "CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes "
        "RETURN attributes.HeapMemoryUsage.value.properties.max",
    )
    # the JVM rounds its heap up to whole G1 regions (a few MiB)
    assert heap_max == pytest.approx(plan.heap_bytes, abs=32 * MIB)
    assert heap_max >= plan.heap_bytes
    status = ns.status(auto_server)
    assert (status.heap, status.pagecache) == (plan.heap, plan.pagecache)
    again = ns.start(auto_server)
    assert again.reused
    assert (
        again.sizes
        == f"heap {plan.heap}, page cache {plan.pagecache} (as the running server was started)"
    )
