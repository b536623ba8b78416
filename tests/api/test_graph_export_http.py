"""``GET /api/graph-export``: an administrator (token, or signed in with the session's
CSRF header) gets exactly ``graph_dump.export_lines`` as JSON lines; a viewer, an editor,
a scoped admin, nobody, or a cookie without its CSRF token are refused with a typed error;
a second export while one runs is turned away; nothing in the graph changes. Real app,
real Neo4j."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from graphcmdb.api import graph_export_http
from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.db.scoping import Scope
from graphcmdb.demo.load import load_demo
from graphcmdb.graph.enums import Role, ScopeKind
from graphcmdb.services import graph_dump, tokens
from graphcmdb.services.actor import system_actor
from tests.api.test_node_permissions import graph_state
from tests.api.test_sign_in import ADMIN_PASSWORD, add_user, app_of, browser, code, sign_in
from tests.conftest import make_token

PATH = graph_export_http.PATH


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
async def demo(db: Database) -> Database:
    await load_demo(db)
    return db


async def test_an_admin_token_gets_the_dump_line_for_line(
    settings: Settings, demo: Database
) -> None:
    admin = await make_token(demo, Role.ADMIN)
    before = await graph_state(demo)
    async with app_of(settings, demo) as app, browser(app) as client:
        answer = await client.get(PATH, headers=bearer(admin))
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith(graph_export_http.MEDIA_TYPE)
    disposition = answer.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="graphcmdb-graph-')
    assert disposition.endswith('.jsonl"')
    lines = answer.text.split("\n")
    assert lines[-1] == ""  # every line ends with a newline
    assert lines[:-1] == await graph_dump.export_lines(demo)
    header = json.loads(lines[0])
    assert header["format"] == graph_dump.FORMAT
    assert header["nodes"] > 10
    assert header["relationships"] > 10
    assert len(lines) - 2 == header["nodes"] + header["relationships"]
    assert await graph_state(demo) == before  # nothing written, no audit entry


async def test_a_signed_in_admin_needs_the_sessions_csrf_header(
    settings: Settings, demo: Database
) -> None:
    await add_user(demo, "ada", Role.ADMIN, ADMIN_PASSWORD)
    async with app_of(settings, demo) as app, browser(app) as client:
        csrf = (await sign_in(client, "ada", ADMIN_PASSWORD)).json()["csrfToken"]
        forged = await client.get(PATH)
        assert (forged.status_code, code(forged)) == (403, "CSRF_REFUSED")
        answer = await client.get(PATH, headers={"X-CSRF-Token": csrf})
    assert answer.status_code == 200, answer.text
    assert answer.text.split("\n")[:-1] == await graph_dump.export_lines(demo)


@pytest.mark.parametrize("role", [Role.VIEWER, Role.EDITOR, Role.EVENTS])
async def test_other_roles_are_refused_with_a_typed_error(
    settings: Settings, db: Database, role: Role
) -> None:
    token = await make_token(db, role)
    async with app_of(settings, db) as app, browser(app) as client:
        answer = await client.get(PATH, headers=bearer(token))
    assert answer.status_code == 403
    error = answer.json()["errors"][0]
    assert error["extensions"] == {"code": "FORBIDDEN", "needed": "admin"}
    assert f"has {role.value}" in error["message"]
    assert "props" not in answer.text


async def test_a_signed_in_viewer_is_refused(settings: Settings, db: Database) -> None:
    await add_user(db, "vera", Role.VIEWER)
    async with app_of(settings, db) as app, browser(app) as client:
        csrf = (await sign_in(client, "vera")).json()["csrfToken"]
        answer = await client.get(PATH, headers={"X-CSRF-Token": csrf})
    assert (answer.status_code, code(answer)) == (403, "FORBIDDEN")


async def test_nobody_or_an_unknown_token_is_unauthenticated(
    settings: Settings, db: Database
) -> None:
    async with app_of(settings, db) as app, browser(app) as client:
        nobody = await client.get(PATH)
        unknown = await client.get(PATH, headers=bearer("gcm_not-a-token"))
    assert (nobody.status_code, code(nobody)) == (401, "UNAUTHENTICATED")
    assert (unknown.status_code, code(unknown)) == (401, "UNAUTHENTICATED")


async def test_a_scoped_admin_token_is_refused(settings: Settings, db: Database) -> None:
    issued = await tokens.create_token(
        db,
        system_actor("test"),
        "scoped-admin",
        Role.ADMIN,
        scopes=[Scope(ScopeKind.ENVIRONMENT, "PRODUCTION")],
    )
    async with app_of(settings, db) as app, browser(app) as client:
        answer = await client.get(PATH, headers=bearer(issued.token))
    assert (answer.status_code, code(answer)) == (403, "FORBIDDEN")
    assert "scoped" in answer.json()["errors"][0]["message"]


async def test_one_export_at_a_time(settings: Settings, db: Database) -> None:
    admin = await make_token(db, Role.ADMIN)
    async with app_of(settings, db) as app, browser(app) as client:
        export = app.state.graph_export
        assert isinstance(export, graph_export_http.GraphExport)
        async with export.running:  # an export under way
            busy = await client.get(PATH, headers=bearer(admin))
        after = await client.get(PATH, headers=bearer(admin))
    assert (busy.status_code, code(busy)) == (429, "TOO_MANY_REQUESTS")
    assert busy.headers["retry-after"] == str(graph_export_http.BUSY_RETRY_S)
    assert after.status_code == 200


def test_the_answer_streams_in_chunks_of_whole_lines() -> None:
    lines = [f'{{"n":{i}}}' for i in range(graph_export_http.CHUNK_LINES * 2 + 1)]
    sent = list(graph_export_http.chunks(lines))
    assert len(sent) == 3
    assert all(chunk.endswith(b"\n") for chunk in sent)
    assert b"".join(sent).decode().split("\n")[:-1] == lines


def test_the_file_is_named_by_the_day() -> None:
    day = datetime(2026, 12, 5, 23, 0, tzinfo=UTC)
    assert graph_export_http.file_name(day) == "graphcmdb-graph-2026-12-05.jsonl"
