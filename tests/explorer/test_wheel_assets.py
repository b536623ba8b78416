"""The wheel carries the built explorer (gitignored, so hatch needs `artifacts`)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from graphcmdb.web.mount import STATIC_DIR, explorer_built
from tests.explorer.conftest import ROOT


def test_wheel_ships_the_built_explorer(tmp_path: Path) -> None:
    assert explorer_built(), "build the explorer first: make web"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        timeout=300,
    )
    names = set(zipfile.ZipFile(next(tmp_path.glob("graphcmdb-*.whl"))).namelist())
    built = {
        f"graphcmdb/web/static/{p.relative_to(STATIC_DIR).as_posix()}"
        for p in STATIC_DIR.rglob("*")
        if p.is_file()
    }
    assert "graphcmdb/web/static/index.html" in built
    assert built <= names, sorted(built - names)
