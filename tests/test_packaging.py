"""The wheel carries the Cypher catalogue and schema, so a pip user needs no checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_ships_every_cypher_file(tmp_path: Path) -> None:
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
    wheel = next(tmp_path.glob("graphcmdb-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        f"graphcmdb/cypher/{p.relative_to(ROOT / 'cypher').as_posix()}"
        for p in (ROOT / "cypher").rglob("*.cypher")
    }
    assert expected <= names, sorted(expected - names)
    assert "graphcmdb/cli/main.py" in names
