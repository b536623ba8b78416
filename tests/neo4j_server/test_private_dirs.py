"""The state directory and the managed Neo4j's data and logs are owner-only (0700): its
store and transaction logs hold every graph value."""

from __future__ import annotations

import stat
from pathlib import Path

from graphcmdb.config import Settings
from graphcmdb.neo4j_server.conf import write_conf


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_write_conf_makes_the_private_directories(tmp_path: Path) -> None:
    settings = Settings(state_dir=tmp_path / "fresh" / "state")
    write_conf(settings)
    home = settings.neo4j_dir
    private = [settings.state_dir.resolve(), home, home / "data", home / "logs"]
    assert [mode(p) for p in private] == [0o700] * 4


def test_write_conf_tightens_directories_an_older_version_made(tmp_path: Path) -> None:
    settings = Settings(state_dir=tmp_path / "state")
    for sub in ("data", "logs"):
        (settings.neo4j_dir / sub).mkdir(parents=True)
        (settings.neo4j_dir / sub).chmod(0o755)
    settings.state_dir.chmod(0o755)
    write_conf(settings)
    assert mode(settings.state_dir) == mode(settings.neo4j_dir / "data") == 0o700
    assert mode(settings.neo4j_dir / "logs") == 0o700


def test_the_running_test_server_keeps_them_private(settings: Settings) -> None:
    if settings.managed_neo4j:
        for path in (settings.neo4j_dir / "data", settings.neo4j_dir / "logs"):
            assert mode(path) == 0o700, path
