"""The built explorer in Debian's Chromium against the real API, Neo4j and demo data.

web/tests/e2e.mjs drives it (playwright-core): sign in, search, expand, impact colours
checked against the API's own answer, details, SPOF and root cause, the dashboard, and
a 2,000+ node draw it times. Screenshots land in test-artifacts/; with
GRAPHCMDB_UPDATE_DOC_IMAGES=1 two of them are copied to docs/ for the README.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from graphcmdb.web.mount import explorer_built
from tests.web.conftest import ARTIFACTS, ROOT, Explorer

WEB = ROOT / "web"
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
DOC_IMAGES = {
    "explorer-impact.png": "explorer-impact.png",
    "dashboard.png": "dashboard.png",
    "explorer-calm.png": "explorer-calm.png",
}


def require_toolchain() -> None:
    missing = [
        what
        for what, ok in (
            ("the explorer build (make web)", explorer_built()),
            ("web/node_modules (make web-install)", (WEB / "node_modules").is_dir()),
            (f"Chromium at {CHROMIUM} (make chromium)", CHROMIUM.exists()),
            ("node", shutil.which("node") is not None),
        )
        if not ok
    ]
    if missing:
        pytest.fail("missing for the browser test: " + ", ".join(missing))


@pytest.mark.slow
def test_explorer_in_a_real_browser(explorer: Explorer) -> None:
    require_toolchain()
    env = os.environ | {
        "GRAPHCMDB_URL": explorer.url,
        "GRAPHCMDB_TOKEN": explorer.token,
        "GRAPHCMDB_ARTIFACTS": str(ARTIFACTS),
        "CHROMIUM_PATH": str(CHROMIUM),
    }
    run = subprocess.run(
        ["node", "tests/e2e.mjs"],
        cwd=WEB,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    print(run.stdout)
    assert run.returncode == 0, f"{run.stdout}\n{run.stderr}"
    assert "EXPLORER_FIGURES" in run.stdout
    if os.environ.get("GRAPHCMDB_UPDATE_DOC_IMAGES") == "1":
        for source, target in DOC_IMAGES.items():
            shutil.copyfile(ARTIFACTS / source, ROOT / "docs" / target)
