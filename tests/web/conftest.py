"""The explorer's browser test needs the API serving the demo CMDB (plus ITAM facts and a
2,500-CI synthetic site for the 2,000-node draw) on a real port, for the whole module."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.demo import load_full_demo
from graphcmdb.demo.synthetic_load import load_synthetic
from graphcmdb.domain.itsm_models import IncidentOpen
from graphcmdb.graph.enums import IncidentPriority, Permission, Role
from graphcmdb.services import incidents, users
from graphcmdb.services.actor import system_actor
from tests.conftest import WIPE, free_port, make_token
from tests.web.live_server import LiveServer

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
FIGURES = ARTIFACTS / "explorer-figures.json"
SYNTHETIC_CIS = 2500
#: figures older than this run are not reported
COLLECTED_AT = time.time()


#: the people of the sign-in test (``test_browser.py``): (user name, password, role)
ADMIN_USER = ("ada", "ada's long password", Role.ADMIN)
VIEWER_USER = ("vera", "vera's long password", Role.VIEWER)


@dataclass(frozen=True)
class ExplorerData:
    viewer_token: str
    #: the browser test's time travel step changes the graph (and puts it back)
    editor_token: str
    #: exports hold cost figures: the exchange test compares with the admin's answers
    admin_token: str
    #: the number of an open incident on h1 (the first screen's one-click impact)
    incident: str


@dataclass(frozen=True)
class Explorer:
    url: str
    token: str
    data: ExplorerData


@pytest.fixture(scope="module")
async def explorer_data(session_db: Database) -> AsyncIterator[ExplorerData]:
    await session_db.run_raw(WIPE)
    await load_full_demo(session_db)  # CMDB, asset register and a year of ITSM history
    await load_synthetic(session_db, SYNTHETIC_CIS, seed=7)
    actor = system_actor("test")
    for name, password, role in (ADMIN_USER, VIEWER_USER):
        await users.create_user(session_db, actor, name, password, role)
    (h1,) = [
        r["id"] for r in await session_db.run_raw("MATCH (c:CI {name: 'h1'}) RETURN c.id AS id")
    ]
    opened = IncidentOpen(title="h1 does not answer", priority=IncidentPriority.P1, affects=[h1])
    incident = await incidents.open_incident(session_db, actor, opened)
    yield ExplorerData(
        # a viewer who may see cost figures: the dashboard's charts are drawn from them
        viewer_token=await make_token(session_db, Role.VIEWER, [Permission.FINANCIALS]),
        editor_token=await make_token(session_db, Role.EDITOR),
        admin_token=await make_token(session_db, Role.ADMIN),
        incident=incident.number,
    )
    await session_db.run_raw(WIPE)


@pytest.fixture(scope="module")
def explorer(settings: Settings, explorer_data: ExplorerData) -> Iterator[Explorer]:
    """The real app (its own driver and event loop) over the whole demo."""
    with LiveServer(settings, free_port()) as url:
        yield Explorer(url=url, token=explorer_data.viewer_token, data=explorer_data)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the explorer's figures measured in the browser during this run."""
    if not FIGURES.exists() or FIGURES.stat().st_mtime < COLLECTED_AT:
        return
    figures = json.loads(FIGURES.read_text())
    terminalreporter.write_sep("-", "explorer figures (Chromium, headless)")
    terminalreporter.write_line(
        f"{figures['nodes']:,} nodes / {figures['edges']:,} edges drawn in "
        f"{figures['addMs'] + figures['layoutMs']:,} ms (add {figures['addMs']} ms, layout "
        f"{figures['layoutMs']} ms) after a {figures['fetchMs']} ms fetch; "
        f"expand {figures['expandMs']} ms; pan step {figures['dragStepMs']} ms"
    )
    if "initialJsBytes" in figures:
        terminalreporter.write_line(
            f"initial JS {figures['initialJsBytes']:,} bytes ({figures['initialJsWireBytes']:,} "
            f"on the wire), loaded later {figures['lazyJsBytes']:,} bytes"
        )
