"""Bulk work in a server collects as bulk work does (``collector.bulk``): the API and
its worker collect more often than bulk work for shorter pauses, which costs an
identification run more CPU, so the engine and the file import raise the threshold
while they run and the server's setting is back once they end."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from graphcmdb import collector
from graphcmdb.api.app import create_app
from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.importing.files import import_file, import_rows
from graphcmdb.importing.kinds import ImportKind
from graphcmdb.importing.reader import ImportFormat
from graphcmdb.services import bulk, ci_identification
from graphcmdb.services.actor import system_actor
from graphcmdb.services.graph_dump import export_lines

ROWS = collector.BULK_ROWS


@pytest.fixture(autouse=True)
def _server() -> Iterator[None]:
    before = gc.get_threshold()
    collector.tune_server()
    yield
    collector.restore(before)


def rows(n: int, prefix: str) -> list[dict[str, Any]]:
    return [
        {"name": f"{prefix}-{i:05d}", "ciClass": "Server", "serialNumber": f"{prefix}{i:06d}"}
        for i in range(n)
    ]


async def test_the_engine_collects_as_bulk_work_while_it_runs(db: Database) -> None:
    seen: set[int] = set()
    checked = [bulk.ci_row(p) for p in bulk.validate_rows(rows(ROWS, "gcengine"))]
    plan = await ci_identification.reconcile_rows(
        db,
        system_actor("test"),
        checked,
        operation="importCIs",
        batch=ROWS // 2,
        progress=lambda done, total: seen.add(gc.get_threshold()[0]),
    )
    assert len(plan.rows) == ROWS
    assert seen == {collector.FIRST_GENERATION}
    assert gc.get_threshold()[0] == collector.SERVER_FIRST_GENERATION


async def test_a_file_import_collects_as_bulk_work_while_it_runs(db: Database) -> None:
    seen: set[int] = set()
    report = await import_rows(
        db,
        system_actor("test"),
        ImportKind.CIS,
        rows(ROWS, "gcimport"),
        progress=lambda stage, done, total: seen.add(gc.get_threshold()[0]),
    )
    assert report.created == ROWS
    assert seen == {collector.FIRST_GENERATION}
    assert gc.get_threshold()[0] == collector.SERVER_FIRST_GENERATION


async def test_a_file_read_collects_as_bulk_work_while_it_is_checked(db: Database) -> None:
    seen: set[int] = set()
    lines = ["name,ciClass,serialNumber"] + [
        f"{r['name']},{r['ciClass']},{r['serialNumber']}" for r in rows(ROWS, "gcfile")
    ]
    report = await import_file(
        db,
        system_actor("test"),
        ImportKind.CIS,
        "\n".join(lines),
        ImportFormat.CSV,
        progress=lambda stage, done, total: seen.add(gc.get_threshold()[0]),
    )
    assert report.created == ROWS
    assert seen == {collector.FIRST_GENERATION}
    assert gc.get_threshold()[0] == collector.SERVER_FIRST_GENERATION


async def test_a_whole_graph_export_collects_as_bulk_work(db: Database) -> None:
    seen: set[int] = set()
    await export_lines(db, progress=lambda stage, done, total: seen.add(gc.get_threshold()[0]))
    assert seen == {collector.FIRST_GENERATION}
    assert gc.get_threshold()[0] == collector.SERVER_FIRST_GENERATION


async def test_a_few_rows_leave_the_server_setting(db: Database) -> None:
    seen: set[int] = set()
    checked = [bulk.ci_row(p) for p in bulk.validate_rows(rows(3, "gcfew"))]
    await ci_identification.reconcile_rows(
        db,
        system_actor("test"),
        checked,
        operation="upsertCIs",
        progress=lambda done, total: seen.add(gc.get_threshold()[0]),
    )
    assert seen == {collector.SERVER_FIRST_GENERATION}


async def test_the_api_collects_as_a_server_and_restores_the_setting_it_found(
    settings: Settings, db: Database
) -> None:
    gc.set_threshold(12_000, 7, 5)
    app = create_app(settings, db)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            assert (await c.get("/healthz")).status_code == 200
        assert gc.get_threshold()[0] == collector.SERVER_FIRST_GENERATION
    assert gc.get_threshold() == (12_000, 7, 5)
