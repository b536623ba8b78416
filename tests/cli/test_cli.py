"""The command line against the real Neo4j, including the `graphcmdb run` path of `make run`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from tests.conftest import free_port

CLI = [sys.executable, "-m", "graphcmdb.cli.main"]


def cli_env(settings: Settings, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        COLUMNS="220",  # wide tables: rich wraps at 80 columns without a terminal
        GRAPHCMDB_STATE_DIR=str(settings.state_dir),
        GRAPHCMDB_NEO4J_BOLT_PORT=str(settings.neo4j_bolt_port),
        **extra,
    )
    if not settings.managed_neo4j:
        env.update(
            GRAPHCMDB_NEO4J_URI=settings.bolt_uri,
            GRAPHCMDB_NEO4J_PASSWORD=settings.neo4j_password.get_secret_value()
            if settings.neo4j_password
            else "",
        )
    return env


def run_cli(
    settings: Settings, *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args],
        env=cli_env(settings, **(env or {})),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


async def test_token_create_prints_a_working_token(settings: Settings, db: Database) -> None:
    done = run_cli(settings, "token", "create", "--role", "admin", "--name", "ops")
    assert done.returncode == 0, done.stderr
    token = done.stdout.strip().splitlines()[-1]
    assert token.startswith("gcmdb_")
    rows = await db.run_raw("MATCH (t:ApiToken {name: 'ops'}) RETURN t.role AS role")
    assert rows == [{"role": "admin"}]
    listed = run_cli(settings, "token", "list")
    assert "ops" in listed.stdout
    assert token not in listed.stdout


async def test_token_create_grants_scopes_and_financials(settings: Settings, db: Database) -> None:
    done = run_cli(
        settings,
        *("token", "create", "--role", "viewer", "--name", "prod-finance"),
        *("--scope", "environment=PRODUCTION", "--scope", "service=shop"),
        *("--permission", "financials"),
    )
    assert done.returncode == 0, done.stderr
    rows = await db.run_raw(
        "MATCH (t:ApiToken {name: 'prod-finance'}) RETURN t.scopes AS s, t.permissions AS p"
    )
    assert rows == [{"s": ["environment=PRODUCTION", "service=shop"], "p": ["financials"]}]
    assert "environment=PRODUCTION" in run_cli(settings, "token", "list").stdout
    bad = run_cli(settings, "token", "create", "--name", "x", "--scope", "planet=earth")
    assert bad.returncode != 0
    assert not await db.run_raw("MATCH (t:ApiToken {name: 'x'}) RETURN t")


async def test_db_migrate_and_status(settings: Settings, db: Database) -> None:
    assert run_cli(settings, "db", "migrate").returncode == 0
    status = run_cli(settings, "db", "status")
    assert status.returncode == 0, status.stdout + status.stderr


def test_neo4j_status_reports_the_running_server(settings: Settings) -> None:
    status = run_cli(settings, "neo4j", "status")
    assert status.returncode == 0, status.stdout + status.stderr
    assert "True" in status.stdout
    assert "5.26" in status.stdout


async def test_typed_errors_exit_non_zero(settings: Settings, db: Database) -> None:
    done = run_cli(settings, "token", "revoke", "no-such-token")
    assert done.returncode == 1
    assert "NOT_FOUND" in done.stderr


def test_run_serves_the_api_with_demo_data_and_an_admin_token(
    settings: Settings, db: Database
) -> None:
    """`make run` in miniature: reuse the running Neo4j, load the demo, print URL and token."""
    port = free_port()
    proc = subprocess.Popen(
        [*CLI, "run", "--port", str(port)],
        env=cli_env(settings),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
            time.sleep(0.5)
        token = Path(settings.state_dir, "admin-token").resolve().read_text().strip()
        assert oct(Path(settings.state_dir, "admin-token").stat().st_mode & 0o777) == "0o600"
        resp = httpx.post(
            f"{url}/graphql",
            headers={"Authorization": f"Bearer {token}"},
            json={"query": "{ services { totalCount } cis { totalCount } }"},
        )
        data = resp.json()["data"]
        assert data["services"]["totalCount"] >= 12
        assert data["cis"]["totalCount"] >= 300
        page = httpx.get(f"{url}/graphql", headers={"Accept": "text/html"})
        assert "graphiql" in page.text.lower()
    finally:
        proc.terminate()
        output = proc.communicate(timeout=30)[0]
    assert f"{url}/graphql" in output
    assert token not in output  # a pipe gets the file's path, never the token
    assert "admin-token (mode 0600)" in output


async def test_an_import_is_audited_with_its_file(
    settings: Settings, db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "estate-2026.csv"
    path.write_text("name,ciClass\ndb-01,Server\nweb-01,Server\n", encoding="utf-8")
    done = run_cli(settings, "import", str(path), "--kind", "cis")
    assert done.returncode == 0, done.stdout + done.stderr
    [entry] = await db.run_raw("MATCH (a:AuditEntry {operation: 'importCIs'}) RETURN a {.*} AS a")
    after = json.loads(entry["a"]["after"])
    assert after["import"] == {
        "kind": "cis",
        "fileName": "estate-2026.csv",
        "format": "csv",
        "rows": 2,
        "refused": 0,
    }
    assert after["created"] == 2
    assert entry["a"]["actor"] == "system:import"
    assert entry["a"].get("tokenId") is None  # no token: the CLI
    assert entry["a"]["requestId"]
