"""``graphcmdb duplicates`` and ``graphcmdb merge`` against the real graph: the report as a
table, a merge previewed (nothing written) and then applied with the preview's token, and
a stale token refused."""

from __future__ import annotations

import re

from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from tests.api.test_ci_crud import create_ci
from tests.cli.test_cli import run_cli
from tests.conftest import GQL

COUNT = "MATCH (c:CI) WHERE c.id IN $ids RETURN count(c) AS n"


async def test_duplicates_then_a_previewed_merge_then_the_merge(
    gql: GQL, settings: Settings, db: Database
) -> None:
    web = await create_ci(gql, "web02", os="Debian 12")
    edge = await create_ci(gql, "edge-b", "NETWORK_DEVICE", fqdn="WEB02.corp.example.")
    report = run_cli(settings, "duplicates")
    assert report.returncode == 0, report.stderr
    for shown in ("HOST", "MEDIUM", "web02", "edge-b"):
        assert shown in report.stdout

    preview = run_cli(settings, "merge", web, edge, "--force")
    assert preview.returncode == 0, preview.stderr
    assert "Preview: nothing written" in preview.stdout
    assert "fqdn" in preview.stdout  # the merged CI's FQDN is filled in
    assert await db.run_raw(COUNT, ids=[web, edge]) == [{"n": 2}]
    [token] = re.findall(r"--token (\S+)", preview.stdout)

    stale = run_cli(settings, "merge", web, edge, "--force", "--apply", "--token", "0" * 16)
    assert stale.returncode == 1
    assert "PLAN_STALE" in stale.stderr
    assert await db.run_raw(COUNT, ids=[web, edge]) == [{"n": 2}]

    done = run_cli(settings, "merge", web, edge, "--force", "--apply", "--token", token)
    assert done.returncode == 0, done.stderr
    assert "Merged 1 CI(s) into web02" in done.stdout
    assert await db.run_raw(COUNT, ids=[web, edge]) == [{"n": 1}]
    [kept] = await db.run_raw("MATCH (c:CI {id: $id}) RETURN c.fqdn AS fqdn", id=web)
    assert kept["fqdn"] == "web02.corp.example."  # the merged CI's, filled in
