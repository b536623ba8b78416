"""Heap and page cache of the managed Neo4j: as set, or sized to the machine ("auto").

Neo4j's own defaults (a heap of a few hundred MB, a page cache of half of what is left)
fit a laptop next to other programs, not a CMDB server. "auto" gives Neo4j a share of
the memory this process may use (the machine's, or the cgroup's limit when lower): 40 %
of that share for the heap, the rest for the page cache, which holds the store. The
rest of the machine stays with the API processes, the OS and its file cache.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from graphcmdb.config import Settings

from .errors import ConfigError

AUTO = "auto"
MIB = 1024**2
GIB = 1024**3
#: Of Neo4j's share, the heap's part; the page cache takes the rest.
HEAP_PART = 0.4
MIN_HEAP = 512 * MIB
#: Above ~31 GiB the JVM loses compressed object pointers: a bigger heap holds less.
MAX_HEAP = 31 * GIB
MIN_PAGECACHE = 256 * MIB
_SIZE = re.compile(r"^(\d+)([kmg]?)$", re.IGNORECASE)
_UNITS = {"": 1, "k": 1024, "m": MIB, "g": GIB}
#: below this a heap set by hand cannot start Neo4j
MIN_SET_HEAP = 128 * MIB
CGROUP_ROOT = Path("/sys/fs/cgroup")
PROC_CGROUP = Path("/proc/self/cgroup")


@dataclass(frozen=True)
class MemoryPlan:
    """The sizes the server is started with, and where they came from."""

    heap_bytes: int
    pagecache_bytes: int
    #: memory this process may use (RAM or cgroup limit); None when neither was "auto"
    machine_bytes: int | None
    share: float

    @property
    def heap(self) -> str:
        return neo4j_size(self.heap_bytes)

    @property
    def pagecache(self) -> str:
        return neo4j_size(self.pagecache_bytes)

    def describe(self) -> str:
        sizes = f"heap {gib(self.heap_bytes)}, page cache {gib(self.pagecache_bytes)}"
        if self.machine_bytes is None:
            return f"{sizes} (as set)"
        return f"{sizes} (auto: {self.share:.0%} of {gib(self.machine_bytes)})"


def gib(n: int) -> str:
    return f"{n / GIB:.1f} GiB"


def neo4j_size(n: int) -> str:
    """Bytes as neo4j.conf and ``-Xmx`` read them, in whole MiB."""
    return f"{max(1, n // MIB)}m"


def parse_size(text: str) -> int:
    """``512m``, ``2g``, ``1048576`` → bytes (the forms neo4j.conf and ``-Xmx`` share)."""
    match = _SIZE.match(text.strip())
    if match is None:
        raise ValueError(f"{text!r} is not a memory size: write 'auto', '512m', '2g' or bytes")
    return int(match.group(1)) * _UNITS[match.group(2).lower()]


def cgroup_limit_files(proc_cgroup: Path = PROC_CGROUP, root: Path = CGROUP_ROOT) -> list[Path]:
    """The memory limit files of this process's cgroup and of every cgroup above it (v2
    ``memory.max``, v1 ``memory.limit_in_bytes``): a container's or a systemd slice's limit
    may sit on any of them."""
    try:
        lines = proc_cgroup.read_text().splitlines()
    except OSError:
        lines = []
    files: list[Path] = []
    for line in lines:
        _, controllers, path = line.split(":", 2)
        if controllers == "":
            base, name = root, "memory.max"
        elif "memory" in controllers.split(","):
            base, name = root / "memory", "memory.limit_in_bytes"
        else:
            continue
        own = Path(path.lstrip("/"))
        files += [base / level / name for level in (own, *own.parents)]
    return files


def machine_memory_bytes() -> int:
    """Physical memory, or the lowest cgroup limit above this process when lower."""
    total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    for path in cgroup_limit_files():
        try:
            raw = path.read_text().strip()
        except OSError:
            continue
        if raw.isdigit():  # "max" (v2) means none; v1's none is a huge number
            total = min(total, int(raw))
    return total


def plan_memory(settings: Settings, machine_bytes: int | None = None) -> MemoryPlan:
    """Resolve ``neo4j_heap`` / ``neo4j_pagecache``; either may be "auto" alone."""
    heap_auto = settings.neo4j_heap.strip().lower() == AUTO
    cache_auto = settings.neo4j_pagecache.strip().lower() == AUTO
    share = settings.neo4j_memory_share
    if not heap_auto and parse_size(settings.neo4j_heap) < MIN_SET_HEAP:
        raise ConfigError(
            f"GRAPHCMDB_NEO4J_HEAP={settings.neo4j_heap} is below 128m: Neo4j cannot "
            "start with so little heap. Set at least 512m, or 'auto'."
        )
    if not (heap_auto or cache_auto):
        return MemoryPlan(
            parse_size(settings.neo4j_heap), parse_size(settings.neo4j_pagecache), None, share
        )
    machine = machine_memory_bytes() if machine_bytes is None else machine_bytes
    budget = int(machine * share)
    if cache_auto:  # the heap first (its part of the share, or as set), the cache the rest
        heap = (
            min(MAX_HEAP, max(MIN_HEAP, int(budget * HEAP_PART)))
            if heap_auto
            else parse_size(settings.neo4j_heap)
        )
        cache = max(MIN_PAGECACHE, budget - heap)
    else:  # the cache as set, the heap the rest
        cache = parse_size(settings.neo4j_pagecache)
        heap = min(MAX_HEAP, max(MIN_HEAP, budget - cache))
    return MemoryPlan(heap // MIB * MIB, cache // MIB * MIB, machine, share)
