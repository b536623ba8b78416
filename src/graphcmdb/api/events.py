"""Webhook receivers for monitoring systems: ``POST /events/<source>``.

Plain HTTP routes, not GraphQL: Alertmanager, Zabbix and PRTG post what they post. Each
request is authenticated by a bearer token whose role is ``events`` (or ``admin``); the
body is read up to ``event_max_body_bytes``, parsed by the source's reader
(``events/<source>.py``) and handed to ``services.events`` as typed events in one
transaction; the answer comes once they are stored with their CIs' statuses, and the
process's impact evaluator is woken for the incidents (``services/impact_evaluator``).
Every refusal is a typed JSON error and stores nothing.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from graphcmdb import opsmetrics
from graphcmdb.api.admission import Admission, Refused
from graphcmdb.api.gate import bearer
from graphcmdb.api.request_ids import in_request
from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.errors import CmdbError, DatabaseBusy, DatabaseUnavailable
from graphcmdb.events import alertmanager, generic, prtg, zabbix
from graphcmdb.events.correlation import FlapRule
from graphcmdb.events.model import IncomingEvent
from graphcmdb.graph.enums import EventMatch, Role
from graphcmdb.services import event_reads, events
from graphcmdb.services.actor import Actor
from graphcmdb.services.impact_evaluator import Evaluator

Authenticate = Callable[[Database, str], Awaitable[Actor | None]]
Reader = Callable[[object, int], list[IncomingEvent]]
PRUNE_EVERY_S = 3600.0

log = logging.getLogger("graphcmdb.api.events")

READERS: dict[str, Reader] = {
    "alertmanager": alertmanager.read,
    "zabbix": lambda data, _: zabbix.read(data),
    "prtg": lambda data, _: prtg.read(data),
    "generic": generic.read,
}
#: senders whose body may be a form (PRTG's HTTP action posts one by default)
FORM_SOURCES = frozenset({"prtg"})


def flap_rule(settings: Settings) -> FlapRule:
    """When an alert flaps, as the settings say."""
    return FlapRule(settings.event_flap_changes, timedelta(seconds=settings.event_flap_window_s))


def error(status: int, code: str, message: str, **details: Any) -> JSONResponse:
    body = {"errors": [{"message": message, "extensions": {"code": code, **details}}]}
    return JSONResponse(body, status_code=status)


async def _body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length", "")
    too_large = Refused(413, "BODY_TOO_LARGE", f"The body is over {limit:,} bytes.", limit=limit)
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def _decoded(source: str, body: bytes, content_type: str) -> object:
    if not body.strip():
        raise Refused(400, "MALFORMED_PAYLOAD", "The body is empty.")
    if source in FORM_SOURCES and "x-www-form-urlencoded" in content_type:
        try:
            return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
        except UnicodeDecodeError:
            raise Refused(400, "MALFORMED_PAYLOAD", "The form is not UTF-8.") from None
    try:
        return json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Refused(400, "MALFORMED_PAYLOAD", f"The body is not JSON: {exc}.") from None


def _answer(report: events.IngestReport) -> dict[str, Any]:
    return {
        "accepted": report.accepted,
        "duplicates": report.duplicates,
        "matched": report.count(EventMatch.MATCHED),
        "unmatched": report.count(EventMatch.UNMATCHED),
        "ambiguous": report.count(EventMatch.AMBIGUOUS),
        "suppressed": report.suppressed,
        "events": [
            {
                "fingerprint": o.fingerprint,
                "alertName": o.alert_name,
                "state": o.state.value,
                "duplicate": o.duplicate,
                "eventId": o.event_id,
                "match": o.binding.match.value if o.binding else None,
                "ciId": o.binding.ci_id if o.binding else None,
                "candidateIds": list(o.binding.candidate_ids) if o.binding else [],
                "suppressed": o.suppressed,
            }
            for o in report.outcomes
        ],
        "statusChanges": [
            {"ciId": c.ci_id, "from": c.before, "to": c.after} for c in report.status_changes
        ],
        # the impact evaluator takes these next: incidents follow in its own transaction
        "queuedForImpact": list(report.queued),
    }


def _dropped(source: str, code: str) -> None:
    """A refused payload in the metrics: its code is the reason."""
    opsmetrics.EVENTS_DROPPED.labels(source, opsmetrics.bounded_code(code).lower()).inc()


def _counted(source: str, report: events.IngestReport) -> None:
    """Each alert of an accepted payload: in (by match), or dropped as a duplicate or
    as flapping (stored, its CI's status held)."""
    for outcome in report.outcomes:
        if outcome.duplicate:
            opsmetrics.EVENTS_DROPPED.labels(source, "duplicate").inc()
            continue
        match = outcome.binding.match.value.lower() if outcome.binding else "unbound"
        opsmetrics.EVENTS_IN.labels(source, match).inc()
        if outcome.suppressed:
            opsmetrics.EVENTS_DROPPED.labels(source, "flapping").inc()


class Receivers:
    """The routes' shared state: the database, settings and when retention last ran."""

    def __init__(
        self,
        db: Database,
        settings: Settings,
        admission: Admission,
        evaluator: Evaluator | None = None,
    ) -> None:
        self.db, self.settings, self.admission = db, settings, admission
        #: woken when a payload queued CIs (None: another process evaluates them)
        self.evaluator = evaluator
        self.rule = flap_rule(settings)
        self._pruned_at: float | None = None

    async def actor(self, request: Request) -> Actor:
        """The sender, admitted as at ``/graphql`` (``admission.py``), with a token that
        may post events."""
        address = (request.client.host if request.client else None) or "unknown"
        self.admission.check_address(address)
        actor = await self.admission.caller(bearer(request.headers), address)
        self.admission.check_rate(actor)
        if actor.role not in (Role.EVENTS, Role.ADMIN):
            raise Refused(
                403,
                "FORBIDDEN",
                f"Posting events needs a token with the events role; '{actor.name}' has "
                f"{actor.role.value} (`graphcmdb token create --role events --name …`).",
            )
        return in_request(actor, request.scope)

    async def receive(self, source: str, request: Request) -> JSONResponse:
        try:
            actor = await self.actor(request)
            body = await _body(request, self.settings.event_max_body_bytes)
            data = _decoded(source, body, request.headers.get("content-type", ""))
            incoming = READERS[source](data, self.settings.event_max_alerts)
            report = await events.ingest(self.db, actor, incoming, self.rule)
        except Refused as exc:
            _dropped(source, exc.code)
            answer = error(exc.status, exc.code, exc.message, **exc.details)
            answer.headers.update(exc.headers)
            return answer
        except (DatabaseUnavailable, DatabaseBusy) as exc:
            _dropped(source, exc.code)
            answer = error(503, exc.code, exc.message, **exc.details)
            answer.headers["Retry-After"] = str(exc.details.get("retryAfter", 1))
            return answer  # a sender retries on 5xx (Alertmanager does)
        except CmdbError as exc:
            _dropped(source, exc.code)
            status = 413 if exc.code == "TOO_MANY_ALERTS" else 422
            return error(status, exc.code, exc.message, **exc.details)
        _counted(source, report)
        if report.queued and self.evaluator is not None:
            self.evaluator.wake()
        await self.prune_now_and_then()
        return JSONResponse(_answer(report))

    async def prune_now_and_then(self) -> None:
        """Retention, at most once an hour per process (pruning is idempotent)."""
        now = time.monotonic()
        if self._pruned_at is not None and now - self._pruned_at < PRUNE_EVERY_S:
            return
        self._pruned_at = now
        retention = timedelta(days=self.settings.event_retention_days)
        try:
            await event_reads.prune(self.db, datetime.now(UTC), retention)
        except CmdbError as exc:  # the payload is stored: its sender must not send it again
            log.warning("events not pruned (next time): %s", exc.message)


def router(receivers: Receivers) -> APIRouter:
    routes = APIRouter(prefix="/events", tags=["events"])

    def route(source: str) -> None:
        async def receive(request: Request) -> JSONResponse:
            return await receivers.receive(source, request)

        routes.add_api_route(f"/{source}", receive, methods=["POST"], name=f"events_{source}")

    for source in READERS:
        route(source)
    return routes
