"""Real provisioning tests: Maven, java and a Neo4j server on loopback (no mocks).

The jar cache is the default ``cache_dir`` so jars download once; every server test uses
its own tmp ``state_dir`` and a free port and is stopped by a fixture finaliser.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from neo4j import GraphDatabase
from pydantic import SecretStr

import graphcmdb
from graphcmdb import neo4j_server as ns
from graphcmdb.config import Settings
from graphcmdb.neo4j_server.conf import render_conf
from graphcmdb.neo4j_server.install import MARKER_NAME, version_dir
from graphcmdb.neo4j_server.java import parse_major
from graphcmdb.neo4j_server.process import pid_file

JAVA_25 = Path("/usr/lib/jvm/temurin-25-jdk-amd64")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def make_settings(state_dir: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "state_dir": state_dir,
        "neo4j_uri": None,
        "neo4j_password": None,
        "neo4j_bolt_port": free_port(),
        "neo4j_http_port": None,
        "neo4j_heap": "512m",
        "neo4j_pagecache": "128m",
        "neo4j_start_timeout_s": 120.0,
        "java_home": None,
        "maven_args": [],
        "neo4j_extra_conf": {},
    }
    values.update(overrides)
    return Settings(**values)


def java_pids_for(home: Path) -> list[int]:
    """Pids of live processes whose command line names ``home`` (any leftover server)."""
    needle = f"--home-dir={home}".encode()
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
            state = (proc / "stat").read_text().rsplit(")", 1)[-1].split()[0]
        except OSError:
            continue
        if needle in argv and state != "Z":
            pids.append(int(proc.name))
    return pids


def run_cypher(settings: Settings, password: str, query: str, **params: Any) -> list[Any]:
    uri = f"bolt://127.0.0.1:{settings.neo4j_bolt_port}"
    with GraphDatabase.driver(uri, auth=(settings.neo4j_user, password)) as driver:
        records, _, _ = driver.execute_query(query, params)
        return [r[0] for r in records]


@pytest.fixture
def managed(tmp_path: Path) -> Iterator[Callable[..., Settings]]:
    """Factory of settings for fresh state dirs; stops every server made from them."""
    made: list[Settings] = []

    def factory(**overrides: Any) -> Settings:
        settings = make_settings(tmp_path / f"state{len(made)}", **overrides)
        made.append(settings)
        return settings

    yield factory
    for settings in made:
        ns.stop(settings, timeout=30)
        assert java_pids_for(settings.neo4j_dir) == []


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """One state dir shared by the lifecycle tests; each test calls start() (reuses)."""
    settings = make_settings(tmp_path_factory.mktemp("server"))
    yield settings
    ns.stop(settings, timeout=30)
    assert java_pids_for(settings.neo4j_dir) == []


@pytest.fixture
def no_mvn_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


# --- install -----------------------------------------------------------------------


def test_install_is_idempotent_and_reports_cached(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    first = ns.install(settings)
    messages: list[str] = []
    second = ns.install(settings, progress=messages.append)
    assert second.cached is True
    assert second.lib_dir == first.lib_dir
    assert (second.jar_count, second.bytes) == (first.jar_count, first.bytes)
    assert second.jar_count > 150
    assert second.bytes > 50_000_000
    assert (second.lib_dir / f"neo4j-{settings.neo4j_version}.jar").is_file()
    assert (second.lib_dir / f"neo4j-command-line-{settings.neo4j_version}.jar").is_file()
    assert json.loads((version_dir(settings) / MARKER_NAME).read_text())["jar_count"] == (
        second.jar_count
    )
    assert second.seconds < 2.0
    assert messages == []  # nothing to download, nothing to report


@pytest.mark.usefixtures("no_mvn_path")
def test_no_maven_is_a_clear_error(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, cache_dir=tmp_path / "cache")
    with pytest.raises(ns.MavenNotFoundError, match=r"`mvn`.*PATH"):
        ns.install(settings)


@pytest.mark.usefixtures("no_mvn_path")
def test_half_finished_download_is_not_treated_as_cached(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, cache_dir=tmp_path / "cache")
    lib = version_dir(settings) / "lib"
    lib.mkdir(parents=True)
    (lib / f"neo4j-{settings.neo4j_version}.jar").write_bytes(b"partial")
    # No marker: must re-resolve (and so hit the missing mvn) instead of reporting cached.
    with pytest.raises(ns.MavenNotFoundError):
        ns.install(settings)
    # A marker that does not match the jars on disk is not trusted either.
    (version_dir(settings) / MARKER_NAME).write_text(json.dumps({"jar_count": 213}))
    with pytest.raises(ns.MavenNotFoundError):
        ns.install(settings)


def test_maven_central_unreachable(tmp_path: Path) -> None:
    dead = f"http://127.0.0.1:{free_port()}/"  # nothing listens there
    maven_settings = tmp_path / "maven-settings.xml"
    maven_settings.write_text(
        "<settings><mirrors><mirror><id>dead</id><mirrorOf>*</mirrorOf>"
        f"<url>{dead}</url></mirror></mirrors></settings>"
    )
    settings = make_settings(
        tmp_path,
        cache_dir=tmp_path / "cache",
        maven_args=["-s", str(maven_settings), f"-Dmaven.repo.local={tmp_path / 'repo'}"],
    )
    with pytest.raises(ns.MavenCentralUnreachableError, match="unreachable") as info:
        ns.install(settings)
    assert dead in str(info.value)
    assert not (version_dir(settings) / MARKER_NAME).exists()
    assert not (version_dir(settings) / "lib").exists()


# --- java --------------------------------------------------------------------------


def test_parse_java_major() -> None:
    assert parse_major("17.0.15") == 17
    assert parse_major("21") == 21
    assert parse_major("1.8.0_292") == 8
    assert parse_major("25.0.3+9-LTS") == 25


@pytest.mark.skipif(not (JAVA_25 / "bin" / "java").exists(), reason="no Java 25 JDK here")
def test_wrong_java_version_is_a_clear_error(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, java_home=JAVA_25)
    with pytest.raises(ns.JavaVersionError, match=r"Found Java 25 .*17 to 21") as info:
        ns.start(settings)
    assert "GRAPHCMDB_JAVA_HOME" in str(info.value)
    assert not pid_file(settings).exists()


def test_missing_java_is_a_clear_error(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, java_home=Path("/nonexistent"))
    with pytest.raises(ns.JavaNotFoundError, match="/nonexistent/bin/java"):
        ns.start(settings)
    assert not pid_file(settings).exists()


# --- conf --------------------------------------------------------------------------


def test_conf_is_loopback_only_and_http_optional(tmp_path: Path) -> None:
    without_http = render_conf(make_settings(tmp_path))
    assert "server.http.enabled=false" in without_http
    assert "server.http.listen_address" not in without_http
    http_port = free_port()
    with_http = render_conf(make_settings(tmp_path, neo4j_http_port=http_port))
    assert f"server.http.listen_address=127.0.0.1:{http_port}" in with_http
    for text in (without_http, with_http):
        addresses = [ln for ln in text.splitlines() if "listen_address=" in ln]
        assert addresses
        assert all("=127.0.0.1" in ln for ln in addresses)
    bad = make_settings(tmp_path, neo4j_extra_conf={"server.bolt.listen_address": ":7687"})
    with pytest.raises(ns.ConfigError, match="may not set"):
        render_conf(bad)


def test_a_tuning_default_gives_way_to_the_extra_conf(tmp_path: Path) -> None:
    """One plan per statement is graphcmdb's default (tests/db/test_plan_sizes.py), and
    an operator may turn it back (GRAPHCMDB_NEO4J_EXTRA_CONF), written once."""
    key = "internal.cypher.use_parameter_size"
    assert f"{key}=false" in render_conf(make_settings(tmp_path)).splitlines()
    lines = render_conf(make_settings(tmp_path, neo4j_extra_conf={key: "true"})).splitlines()
    assert [ln for ln in lines if ln.startswith(f"{key}=")] == [f"{key}=true"]


# --- server ------------------------------------------------------------------------


def test_port_in_use_starts_nothing(managed: Callable[..., Settings]) -> None:
    settings = managed()
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", settings.neo4j_bolt_port))
        holder.listen()
        with pytest.raises(ns.PortInUseError, match=str(settings.neo4j_bolt_port)):
            ns.start(settings)
    assert not pid_file(settings).exists()
    assert java_pids_for(settings.neo4j_dir) == []
    assert ns.status(settings).running is False


def test_start_status_password_and_reuse(server: Settings) -> None:
    report = ns.start(server)
    assert report.bolt_uri == f"bolt://127.0.0.1:{server.neo4j_bolt_port}"
    pw_file = server.neo4j_password_file
    assert stat.S_IMODE(pw_file.stat().st_mode) == 0o600
    assert pw_file.read_text().strip() == report.password == ns.read_password(server)

    st = ns.status(server)
    assert (st.running, st.answering, st.pid) == (True, True, report.pid)
    assert st.version == server.neo4j_version
    assert st.home == server.neo4j_dir
    assert run_cypher(server, report.password, "RETURN 1") == [1]
    assert _status_from_other_process(server) == {"running": True, "answering": True}

    again = ns.start(server)
    assert (again.reused, again.pid, again.password) == (True, report.pid, report.password)


def test_stop_then_data_and_password_persist(server: Settings) -> None:
    first = ns.start(server)
    marker = uuid.uuid4().hex
    run_cypher(server, first.password, "CREATE (:GraphcmdbTest {id: $id})", id=marker)
    assert ns.stop(server) is True
    st = ns.status(server)
    assert (st.running, st.answering, st.pid) == (False, False, None)
    assert java_pids_for(server.neo4j_dir) == []
    assert not pid_file(server).exists()
    assert ns.stop(server) is False

    second = ns.start(server)
    assert second.reused is False
    assert second.pid != first.pid
    assert second.password == first.password
    found = run_cypher(
        server, second.password, "MATCH (n:GraphcmdbTest {id: $id}) RETURN count(n)", id=marker
    )
    assert found == [1]


def test_server_died_reports_its_log(server: Settings) -> None:
    ns.start(server)  # make sure the data dir is initialised (reuses when running)
    ns.stop(server)
    broken = server.model_copy(update={"neo4j_extra_conf": {"dbms.no_such_setting": "1"}})
    with pytest.raises(ns.ServerDiedError) as info:
        ns.start(broken)
    message = str(info.value)
    assert "dbms.no_such_setting" in message  # from the log tail, not from our code
    assert "Unrecognized setting" in message
    assert not pid_file(server).exists()
    assert java_pids_for(server.neo4j_dir) == []


def test_a_password_starting_with_a_dash_is_a_password(managed: Callable[..., Settings]) -> None:
    # token_urlsafe() may start with "-": neo4j-admin must not read it as an option
    settings = managed(neo4j_password=SecretStr("-rW3-generated-like"))
    report = ns.start(settings)
    assert report.password == "-rW3-generated-like"
    assert run_cypher(settings, report.password, "RETURN 1") == [1]


def test_start_timeout_stops_the_process(managed: Callable[..., Settings]) -> None:
    settings = managed(neo4j_start_timeout_s=1.0)
    with pytest.raises(ns.StartTimeoutError, match="GRAPHCMDB_NEO4J_START_TIMEOUT_S"):
        ns.start(settings)
    assert not pid_file(settings).exists()
    assert java_pids_for(settings.neo4j_dir) == []


def _status_from_other_process(settings: Settings) -> dict[str, bool]:
    """status() from a fresh interpreter, where the server is not a child process."""
    code = (
        "import json, sys\n"
        "from graphcmdb.config import Settings\n"
        "from graphcmdb.neo4j_server import status\n"
        "s = status(Settings.model_validate_json(sys.argv[1]))\n"
        "print(json.dumps({'running': s.running, 'answering': s.answering}))\n"
    )
    src = str(Path(graphcmdb.__file__).resolve().parent.parent)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([src, os.environ.get("PYTHONPATH", "")]))
    dumped = settings.model_dump_json()
    out = subprocess.run(
        [sys.executable, "-c", code, dumped], env=env, capture_output=True, text=True, check=True
    )
    result: dict[str, bool] = json.loads(out.stdout)
    return result
