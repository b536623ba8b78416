"""``GET /api/graph-export``: the whole graph as JSON lines (``graph_dump.export_lines``,
the bytes ``graphcmdb graph export`` writes), for the explorer's download.

Admitted like ``/graphql`` (``admission.py``): a throttled address is refused first, then
a bearer token, or else the session cookie with its CSRF header (``session_door.py``:
a page elsewhere cannot send it), the token's rate; then only an administrator without
scopes gets it (the dump holds every node, cost figures and sealed secrets included: a
scoped token sees part of the graph only). Refusals are typed JSON errors, as GraphQL
answers them (401 ``UNAUTHENTICATED``, 403 ``FORBIDDEN`` / ``CSRF_REFUSED``, 429).

Cost: one export at a time per process (another gets 429 ``TOO_MANY_REQUESTS`` with
``Retry-After``), under the bulk deadline (``write_deadline_s``, as the CLI's) rather
than a request's read deadline. The dump is read and sorted in memory by
``graph_dump`` (its canonical order needs every line); the answer is streamed in chunks
of lines, so no second, joined copy of it is built. Nothing is written (no audit entry).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse, StreamingResponse

from graphcmdb.api.admission import Admission, Refused
from graphcmdb.api.gate import identified
from graphcmdb.api.session_door import SessionDoor
from graphcmdb.db.database import Database
from graphcmdb.errors import CmdbError, DatabaseBusy, DatabaseUnavailable, RequestTimedOut
from graphcmdb.graph.enums import Role
from graphcmdb.services import graph_dump
from graphcmdb.services.actor import Actor

PATH = "/api/graph-export"
MEDIA_TYPE = "application/x-ndjson"
#: lines per chunk of the streamed answer
CHUNK_LINES = 1000
#: what a second caller is told to wait while an export runs
BUSY_RETRY_S = 5


def _answer(refused: Refused) -> JSONResponse:
    error = {"message": refused.message, "extensions": refused.extensions}
    return JSONResponse(
        {"data": None, "errors": [error]}, status_code=refused.status, headers=refused.headers
    )


def file_name(today: datetime | None = None) -> str:
    return f"graphcmdb-graph-{(today or datetime.now(UTC)).date().isoformat()}.jsonl"


def chunks(lines: list[str]) -> Iterator[bytes]:
    """The lines, newline-terminated, ``CHUNK_LINES`` at a time."""
    for start in range(0, len(lines), CHUNK_LINES):
        yield "".join(f"{text}\n" for text in lines[start : start + CHUNK_LINES]).encode()


class GraphExport:
    def __init__(self, db: Database, admission: Admission, door: SessionDoor) -> None:
        self.db, self.admission, self.door = db, admission, door
        #: held while an export runs (one at a time per process)
        self.running = asyncio.Lock()

    async def caller(self, request: Request) -> Actor:
        """The administrator asking, or :class:`Refused` (the module's order)."""
        address = request.client.host if request.client else "unknown"
        self.admission.check_address(address)
        actor = await identified(self.admission, self.door, request.headers, address)
        self.admission.check_rate(actor)
        if not actor.role.allows(Role.ADMIN):
            message = (
                f"The whole-graph export needs the admin role; '{actor.name}' has "
                f"{actor.role.value}."
            )
            raise Refused(403, "FORBIDDEN", message, needed=Role.ADMIN.value)
        if actor.scopes:
            message = "A scoped token sees part of the graph only: it may not export all of it."
            raise Refused(403, "FORBIDDEN", message)
        return actor

    async def export(self) -> list[str]:
        """The dump's lines, one export at a time; a failure is a typed refusal."""
        if self.running.locked():
            busy = f"A whole-graph export is under way; retry in {BUSY_RETRY_S} s."
            raise Refused(429, "TOO_MANY_REQUESTS", busy, retryAfter=BUSY_RETRY_S)
        async with self.running:
            try:
                return await graph_dump.export_lines(self.db)
            except (DatabaseUnavailable, DatabaseBusy) as exc:
                raise Refused(503, exc.code, exc.message, retryAfter=1) from exc
            except RequestTimedOut as exc:
                raise Refused(504, exc.code, exc.message) from exc
            except CmdbError as exc:
                raise Refused(422, exc.code, exc.message) from exc

    async def download(self, request: Request) -> Response:
        try:
            await self.caller(request)
            lines = await self.export()
        except Refused as refused:
            return _answer(refused)
        disposition = f'attachment; filename="{file_name()}"'
        return StreamingResponse(
            chunks(lines), media_type=MEDIA_TYPE, headers={"Content-Disposition": disposition}
        )


def router(export: GraphExport) -> APIRouter:
    api = APIRouter()
    api.add_api_route(PATH, export.download, methods=["GET"], include_in_schema=False)
    return api
