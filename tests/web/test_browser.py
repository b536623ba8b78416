"""The built explorer in Debian's Chromium against the real API, Neo4j and demo data.

web/tests/e2e.mjs drives it (playwright-core): sign in with a token, search, expand,
impact colours checked against the API's own answer, details, SPOF and root cause, the
dashboard, a 2,000+ node draw it times, and time travel (a change made through the API
compared in the page with graphDiff's answer). web/tests/e2e-signin.mjs: people sign in with
a password, land on the first screen, run an incident's impact in one click, use the
admin page and sign out. Screenshots land in test-artifacts/; with
GRAPHCMDB_UPDATE_DOC_IMAGES=1 some are copied to docs/ for the README.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from graphcmdb.web.mount import explorer_built
from tests.web.conftest import ADMIN_USER, ARTIFACTS, ROOT, VIEWER_USER, Explorer

WEB = ROOT / "web"
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
DOC_IMAGES = {
    "explorer-impact.png": "explorer-impact.png",
    "dashboard.png": "dashboard.png",
    "explorer-calm.png": "explorer-calm.png",
    "explorer-diff.png": "explorer-diff.png",
}
SIGN_IN_IMAGES = {"first-screen.png": "first-screen.png", "admin.png": "admin.png"}


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


def run_script(script: str, explorer: Explorer, **extra: str) -> str:
    """Run one browser script against the explorer; its output when it passed."""
    require_toolchain()
    env = os.environ | {
        "GRAPHCMDB_URL": explorer.url,
        "GRAPHCMDB_TOKEN": explorer.token,
        "GRAPHCMDB_ARTIFACTS": str(ARTIFACTS),
        "CHROMIUM_PATH": str(CHROMIUM),
        **extra,
    }
    run = subprocess.run(
        ["node", script], cwd=WEB, env=env, capture_output=True, text=True, timeout=600,
        check=False,
    )  # fmt: skip
    print(run.stdout)
    assert run.returncode == 0, f"{run.stdout}\n{run.stderr}"
    return run.stdout


def update_doc_images(images: dict[str, str]) -> None:
    if os.environ.get("GRAPHCMDB_UPDATE_DOC_IMAGES") == "1":
        for source, target in images.items():
            shutil.copyfile(ARTIFACTS / source, ROOT / "docs" / target)


@pytest.mark.slow
def test_explorer_in_a_real_browser(explorer: Explorer) -> None:
    out = run_script("tests/e2e.mjs", explorer, GRAPHCMDB_EDITOR_TOKEN=explorer.data.editor_token)
    assert "EXPLORER_FIGURES" in out
    update_doc_images(DOC_IMAGES)


@pytest.mark.slow
def test_people_sign_in_land_on_the_first_screen_and_sign_out(explorer: Explorer) -> None:
    (admin, admin_password, _), (viewer, viewer_password, _) = ADMIN_USER, VIEWER_USER
    out = run_script(
        "tests/e2e-signin.mjs",
        explorer,
        GRAPHCMDB_ADMIN_USER=admin,
        GRAPHCMDB_ADMIN_PASSWORD=admin_password,
        GRAPHCMDB_VIEWER_USER=viewer,
        GRAPHCMDB_VIEWER_PASSWORD=viewer_password,
        GRAPHCMDB_INCIDENT=explorer.data.incident,
    )
    assert "SIGN_IN_OK" in out
    update_doc_images(SIGN_IN_IMAGES)
