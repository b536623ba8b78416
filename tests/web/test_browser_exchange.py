"""Export and the export/import round trip in the built explorer, in Debian's Chromium
against the real API, Neo4j and demo data (web/tests/e2e-exchange.mjs): the signed-in
admin downloads services (CSV) and relationships (JSON), each the API's exportData answer;
the services file re-imported through the preview is all matches, Apply has nothing to
change and the API shows nothing written; the whole graph downloads as JSON lines, which
here must be exactly ``graph_dump.export_lines`` of the database; viewer and editor tokens
are refused. The screenshot is copied to docs/ with GRAPHCMDB_UPDATE_DOC_IMAGES=1.
"""

from __future__ import annotations

import asyncio

import pytest

from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.services import graph_dump
from tests.web.conftest import ADMIN_USER, ARTIFACTS, Explorer
from tests.web.test_browser import run_script, update_doc_images

DOC_IMAGES = {"explorer-export.png": "explorer-export.png"}
DOWNLOADED = ARTIFACTS / "graphcmdb-graph.jsonl"


def dumped(settings: Settings) -> list[str]:
    """``graph_dump.export_lines`` of the database now (a driver of its own)."""

    async def read() -> list[str]:
        db = Database(settings)
        try:
            return await graph_dump.export_lines(db)
        finally:
            await db.close()

    return asyncio.run(read())


@pytest.mark.slow
def test_export_downloads_and_round_trips_through_the_import_preview(
    explorer: Explorer, settings: Settings
) -> None:
    DOWNLOADED.unlink(missing_ok=True)
    name, password, _ = ADMIN_USER
    out = run_script(
        "tests/e2e-exchange.mjs",
        explorer,
        GRAPHCMDB_EDITOR_TOKEN=explorer.data.editor_token,
        GRAPHCMDB_ADMIN_TOKEN=explorer.data.admin_token,
        GRAPHCMDB_ADMIN_USER=name,
        GRAPHCMDB_ADMIN_PASSWORD=password,
    )
    assert "EXCHANGE_OK" in out
    # the browser's whole-graph file is the dump of the database, line for line
    assert DOWNLOADED.read_text().split("\n")[:-1] == dumped(settings)
    update_doc_images(DOC_IMAGES)
