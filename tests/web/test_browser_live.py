"""Live status in Debian's Chromium against the real API and Neo4j (web/tests/e2e-live.mjs),
signed in with a password (the websocket carries the session cookie): the first screen
shows the service turn DOWN and back, then the explorer shows a CI, an Alertmanager webhook posted to /events/alertmanager turns its
node DOWN in the page without reload, the resolution restores it."""

from __future__ import annotations

import asyncio
import os
import subprocess

import pytest

from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.graph.enums import CIClass, DependencyKind, RelType, Role
from graphcmdb.services import users
from graphcmdb.services.actor import system_actor
from tests.conftest import free_port, make_token
from tests.impact_fixtures import build
from tests.web.conftest import ARTIFACTS
from tests.web.live_server import LiveServer
from tests.web.test_browser import CHROMIUM, WEB, require_toolchain


@pytest.mark.slow
async def test_the_explorer_follows_status_moves_live(settings: Settings, db: Database) -> None:
    require_toolchain()
    ids = await build(
        db,
        cis={"web1": (CIClass.VIRTUAL_MACHINE, {"status": "OPERATIONAL"})},
        services={"wiki": {"criticality": 3, "users": 40}},
        edges=[("wiki", RelType.DEPENDS_ON, "web1", DependencyKind.HARD)],
    )
    password = "a viewer's password"
    await users.create_user(db, system_actor("test"), "vera", password, Role.VIEWER)
    events = await make_token(db, Role.EVENTS)
    live = settings.model_copy(update={"live_poll_s": 0.1})
    with LiveServer(live, free_port()) as url:
        env = os.environ | {
            "GRAPHCMDB_URL": url,
            "GRAPHCMDB_USER": "vera",
            "GRAPHCMDB_PASSWORD": password,
            "GRAPHCMDB_EVENTS_TOKEN": events,
            "GRAPHCMDB_CI_ID": ids["web1"],
            "GRAPHCMDB_ARTIFACTS": str(ARTIFACTS),
            "CHROMIUM_PATH": str(CHROMIUM),
        }
        # the server runs in a thread of this process: the browser run must not block
        # this test's event loop for long, so it runs in a worker thread
        run = await _run(["node", "tests/e2e-live.mjs"], env)
    print(run.stdout)
    assert run.returncode == 0, f"{run.stdout}\n{run.stderr}"
    assert "LIVE_STATUS_OK" in run.stdout


async def _run(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return await asyncio.to_thread(
        subprocess.run, argv, cwd=WEB, env=env, capture_output=True, text=True,
        timeout=300, check=False,
    )  # fmt: skip
