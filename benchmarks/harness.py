"""Shared benchmark plumbing: a throwaway managed Neo4j, an API server, timing helpers."""

from __future__ import annotations

import json
import os
import shutil
import socket
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import uvicorn

import graphcmdb.neo4j_server as neo4j_server
from graphcmdb.api.app import create_app
from graphcmdb.config import Settings

RESULTS = Path(__file__).resolve().parent / "results"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def throwaway_neo4j(
    heap: str = "2g", pagecache: str = "1g", *, restart: bool = True
) -> Iterator[tuple[Settings, dict[str, float]]]:
    """A fresh managed Neo4j (new data dir) plus its cold and warm start times (no warm
    start, and no figure for it, when not ``restart``)."""
    settings = Settings(
        state_dir=Path(tempfile.mkdtemp(prefix="graphcmdb-bench-")),
        neo4j_bolt_port=free_port(),
        neo4j_heap=heap,
        neo4j_pagecache=pagecache,
    )
    install = neo4j_server.install(settings)
    cold = neo4j_server.start(settings)
    facts = {
        "download_mb": install.bytes / 1e6,
        "jar_count": install.jar_count,
        "cold_start_s": cold.seconds,
    }
    if restart:
        neo4j_server.stop(settings)
        facts["warm_start_s"] = neo4j_server.start(settings).seconds
    try:
        yield settings, facts
    finally:
        neo4j_server.stop(settings)
        shutil.rmtree(settings.state_dir, ignore_errors=True)


@contextmanager
def api_server(settings: Settings) -> Iterator[str]:
    """Serve the real app over HTTP on a free loopback port, in a thread."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50_ms": statistics.median(ordered) * 1000, "p95_ms": p95 * 1000, "n": len(ordered)}


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (``/proc/<pid>/stat``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def save(name: str, payload: dict[str, Any]) -> Path:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(payload, indent=2, default=str))
    return path
