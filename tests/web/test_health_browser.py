"""The CMDB health page in Debian's Chromium against the real API and Neo4j.

The data: the iTop example migrated in (docs/examples/itop: its backup server, core
switch and cluster are orphans), a duplicate pair (two servers that share a host
name) and a CI nobody confirmed for 400 days. web/tests/health.mjs checks
the figures against the API, previews a merge (nothing written) and follows an orphan's
link to its panel in the explorer. The screenshot lands in test-artifacts/health.png
(docs/health.png with GRAPHCMDB_UPDATE_DOC_IMAGES=1).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import AsyncIterator

import pytest

from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.db.deadlines import writing
from graphcmdb.domain.models import CICreate
from graphcmdb.graph.enums import Role
from graphcmdb.services import cis
from graphcmdb.services.actor import system_actor
from tests.conftest import WIPE, free_port, make_token
from tests.importing.test_migration_examples import ITOP, migrate
from tests.web.conftest import ARTIFACTS, ROOT
from tests.web.live_server import LiveServer
from tests.web.test_browser import CHROMIUM, WEB, require_toolchain

ACTOR = system_actor("health-test")


@pytest.fixture(scope="module")
async def editor_token(session_db: Database) -> AsyncIterator[str]:
    await session_db.run_raw(WIPE)
    with writing():  # bulk work, as an importData mutation is: its reads get that deadline
        await migrate(session_db, "itop", ITOP)
        for name in ("web02", "web02-old"):  # two servers with one host name: MEDIUM
            data = CICreate.model_validate({"name": name, "ciClass": "Server", "hostname": "web02"})
            await cis.create_ci(session_db, ACTOR, data)
    await session_db.run_raw(
        "MATCH (c:CI {name: 'itop-backup-01'}) WITH c, datetime() - duration('P400D') AS past "
        "SET c.createdAt = past, c.updatedAt = past, c.lastSeen = past"
    )
    yield await make_token(session_db, Role.EDITOR)
    await session_db.run_raw(WIPE)


@pytest.mark.slow
def test_health_page_in_a_real_browser(settings: Settings, editor_token: str) -> None:
    require_toolchain()
    with LiveServer(settings, free_port()) as url:
        env = os.environ | {
            "GRAPHCMDB_URL": url,
            "GRAPHCMDB_TOKEN": editor_token,
            "GRAPHCMDB_ARTIFACTS": str(ARTIFACTS),
            "CHROMIUM_PATH": str(CHROMIUM),
        }
        run = subprocess.run(
            ["node", "tests/health.mjs"],
            cwd=WEB,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    print(run.stdout)
    assert run.returncode == 0, f"{run.stdout}\n{run.stderr}"
    assert "HEALTH_PAGE_OK" in run.stdout
    if os.environ.get("GRAPHCMDB_UPDATE_DOC_IMAGES") == "1":
        shutil.copyfile(ARTIFACTS / "health.png", ROOT / "docs" / "health.png")
