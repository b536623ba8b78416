"""The wheel carries what a pip user needs without a checkout: the Cypher catalogue and
schema, and the built explorer (gitignored, so hatch needs `artifacts`)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from graphcmdb.web.mount import STATIC_DIR, explorer_built

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The file names in a wheel built once from this checkout."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(ROOT)],
        check=True,
        timeout=300,
    )  # fmt: skip
    return set(zipfile.ZipFile(next(out.glob("graphcmdb-*.whl"))).namelist())


def test_wheel_ships_every_cypher_file(wheel_names: set[str]) -> None:
    expected = {
        f"graphcmdb/cypher/{p.relative_to(ROOT / 'cypher').as_posix()}"
        for p in (ROOT / "cypher").rglob("*.cypher")
    }
    assert expected <= wheel_names, sorted(expected - wheel_names)
    assert "graphcmdb/cli/main.py" in wheel_names


def test_wheel_ships_the_demo_data(wheel_names: set[str]) -> None:
    src = ROOT / "src"
    expected = {
        p.relative_to(src).as_posix()
        for folder in ("graphcmdb/demo/data", "graphcmdb/demo/network")
        for p in (src / folder).rglob("*.toml")
    }
    assert "graphcmdb/demo/data/landscape/1-datacentre.toml" in expected
    assert "graphcmdb/demo/data/itam/fleet.toml" in expected
    assert "graphcmdb/demo/data/itsm/incidents.toml" in expected
    assert expected <= wheel_names, sorted(expected - wheel_names)


def test_wheel_ships_the_built_explorer(wheel_names: set[str]) -> None:
    assert explorer_built(), "build the explorer first: make web"
    built = {
        f"graphcmdb/web/static/{p.relative_to(STATIC_DIR).as_posix()}"
        for p in STATIC_DIR.rglob("*")
        if p.is_file()
    }
    assert "graphcmdb/web/static/index.html" in built
    assert built <= wheel_names, sorted(built - wheel_names)
