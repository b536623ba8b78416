"""FastAPI application: GraphQL at /graphql, health at /healthz and /readyz, explorer at /."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

from fastapi import FastAPI, HTTPException, Request, WebSocket
from fastapi.responses import JSONResponse
from starlette.requests import HTTPConnection
from strawberry.exceptions import ConnectionRejectionError
from strawberry.fastapi import GraphQLRouter
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from graphcmdb import __version__, collector
from graphcmdb.api import auth_http, events, graph_export_http, json_body, metrics_http
from graphcmdb.api.admission import Admission, Refused
from graphcmdb.api.capacity import Capacities
from graphcmdb.api.expensive_process import ExpensiveWorker, encoded_body
from graphcmdb.api.gate import GraphQLGate
from graphcmdb.api.graphql.context import Context
from graphcmdb.api.graphql.schema import build_schema
from graphcmdb.api.headers import SecurityHeaders
from graphcmdb.api.lifetime import RequestLifetime
from graphcmdb.api.live import LiveHub, may_subscribe
from graphcmdb.api.rate import TokenBuckets
from graphcmdb.api.request_ids import RequestIds, in_request
from graphcmdb.api.session_door import CSRF_HEADER, SessionDoor, session_cookie, token_or_session
from graphcmdb.api.throttle import FailureThrottle
from graphcmdb.config import Settings, get_settings
from graphcmdb.db import scoping
from graphcmdb.db.database import Database
from graphcmdb.db.schema import applied_version, latest_version, migrate
from graphcmdb.errors import DatabaseUnavailable, SecretKeyUnavailable
from graphcmdb.services import background_loop, credential_secrets, discovery, event_drill
from graphcmdb.services.actor import Actor, system_actor
from graphcmdb.services.impact_evaluator import Evaluator, Tuning
from graphcmdb.services.notify_dispatch import Dispatcher
from graphcmdb.services.schedule_runner import Scheduler
from graphcmdb.services.token_cache import TokenCache
from graphcmdb.web.mount import mount_explorer

#: how long shutting down waits for an impact evaluator's pass under way
EVALUATOR_GRACE_S = 30.0
#: how often the event drill looks whether Neo4j answers and the schema is applied
DRILL_RETRY_S = 1.0
log = logging.getLogger("graphcmdb.api")


class AppState:
    """Process-wide objects, opened and closed in the lifespan."""

    def __init__(self, settings: Settings, db: Database | None, clock: Callable[[], float]) -> None:
        self.settings = settings
        self.owns_db = db is None
        self.db = db or Database(settings)
        self.schema_ready = False
        #: token look-ups, kept while the token feed's stamp stays (``token_cache.py``)
        self.tokens = TokenCache(settings.token_sync_s, clock)
        self.capacities = Capacities(settings.expensive_running, settings.expensive_waiting)
        self.buckets = TokenBuckets(settings.token_rate_per_s, settings.token_burst, clock)
        # one count of failed authentications per address, whichever door was tried
        self.throttle = FailureThrottle(
            settings.auth_failure_limit, settings.auth_failure_window_seconds
        )
        self.admission = Admission(self.db, self.tokens.authenticate, self.throttle, self.buckets)
        #: signed-in browsers (``session_door.py``): same throttle, no cache
        self.sessions = SessionDoor(self.admission)
        self.worker = ExpensiveWorker(settings) if settings.expensive_worker else None
        #: due schedules run here too (a lease in Neo4j makes each run happen once)
        self.scheduler = Scheduler(self.db, settings) if settings.scheduler else None
        #: status subscriptions: the feed poller and its subscribers (a revoked token's
        #: subscriptions end at their next check once the token cache has seen it)
        self.live = LiveHub(self.db, settings, token_or_session(self.tokens))
        #: sends notifications and runs their periodic scan (``services/notify_dispatch``)
        self.dispatcher = Dispatcher(self.db) if settings.notify_dispatcher else None
        self.dispatching: asyncio.Task[None] | None = None
        self.stopping = asyncio.Event()
        #: automatic incidents after events (``services/impact_evaluator``)
        self.evaluator = (
            Evaluator(
                self.db,
                timedelta(seconds=settings.event_flap_window_s),
                settings.impact_evaluator_poll_s,
                Tuning(settings.root_cause_settle_s, settings.root_cause_max_wait_s),
            )
            if settings.impact_evaluator
            else None
        )
        self.evaluating: asyncio.Task[None] | None = None
        self.evaluator_stop = asyncio.Event()
        #: set once the event drill ran (or failed), or when none is wanted; /readyz
        #: answers ready only then (``services/event_drill``)
        self.drilled = asyncio.Event()
        if self.evaluator is None or not settings.event_drill:
            self.drilled.set()

    def start_evaluator(self) -> None:
        if self.evaluator is not None:
            self.evaluator_stop.clear()
            self.evaluating = asyncio.create_task(self._drill_then_evaluate(self.evaluator))

    async def _drill_then_evaluate(self, evaluator: Evaluator) -> None:
        if not self.drilled.is_set():  # given up at once when the API stops
            await background_loop.unless_stopped(self.drill(), self.evaluator_stop)
        await evaluator.run(self.evaluator_stop)

    async def drill(self) -> None:
        """The event drill once the schema is applied (Neo4j may come up after the
        API); one that fails or is cancelled is logged or dropped, and readiness waits
        no longer."""
        try:
            applied = await self.ensure_schema()
            while not applied:  # Neo4j not there yet: a look a second
                await asyncio.sleep(DRILL_RETRY_S)
                applied = await self.ensure_schema()
            done = await event_drill.run(self.db, events.flap_rule(self.settings))
            log.info(
                "event drill on CI %s: ran %s, %d incidents opened, %d statements, rolled "
                "back in %.1f s",
                done.ci_id, done.ran, done.opened, done.statements, done.seconds,
            )  # fmt: skip
        except Exception:
            log.exception("event drill failed: the first alerts plan their own statements")
        finally:
            self.drilled.set()

    async def stop_evaluator(self) -> None:
        """Let the pass under way commit, for a while; one cut short rolls back and its
        work stays queued for the next pass (of this or another process)."""
        if self.evaluating is not None:
            self.evaluator_stop.set()
            with contextlib.suppress(TimeoutError, asyncio.CancelledError):
                await asyncio.wait_for(self.evaluating, EVALUATOR_GRACE_S)
            self.evaluating = None

    def start_dispatcher(self) -> None:
        if self.dispatcher is not None:
            self.stopping.clear()
            self.dispatching = asyncio.create_task(self.dispatcher.run(self.stopping))

    async def stop_dispatcher(self) -> None:
        """Let the turn under way record its outcomes (a send cut short would be sent
        again once its lease runs out), within the senders' timeouts; then cancel it."""
        if self.dispatching is not None:
            self.stopping.set()
            settings = self.settings
            grace = settings.notify_webhook_timeout_s + settings.notify_smtp_timeout_s + 5
            with contextlib.suppress(TimeoutError, asyncio.CancelledError):
                await asyncio.wait_for(self.dispatching, grace)
            self.dispatching = None
        if self.dispatcher is not None:
            await self.dispatcher.aclose()

    async def ensure_schema(self) -> bool:
        """Apply the schema once Neo4j answers, then seal what an older version stored in
        clear; called at start-up and by /readyz."""
        if not self.schema_ready:
            try:
                await migrate(self.db)
                self.schema_ready = True
            except DatabaseUnavailable as exc:
                log.warning("schema not applied yet: %s", exc)
                return False
            await self.seal_plain_secrets()
        return self.schema_ready

    async def seal_plain_secrets(self) -> None:
        """Credential secrets stored in clear are sealed (idempotent); a key problem is
        logged (the key id, never a key) and the API serves on: plain values still read."""
        try:
            await credential_secrets.seal_plain_secrets(self.db)
        except (DatabaseUnavailable, SecretKeyUnavailable) as exc:
            log.error("credential secrets stored in clear were not sealed: %s", exc.message)

    async def close_abandoned_runs(self) -> None:
        """Close discovery runs a process that died left RUNNING (see ``discovery``)."""
        try:
            await discovery.close_abandoned_runs(self.db, system_actor("api-startup"))
        except DatabaseUnavailable as exc:
            log.warning("abandoned discovery runs not checked: %s", exc)


def bearer_token(request: HTTPConnection) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


class LiveRouter(GraphQLRouter[Context, None]):
    """``/graphql``; over websocket (graphql-transport-ws) it serves subscriptions to a
    viewer token given in connection_init's payload (``Authorization: Bearer …`` or
    ``token``) or in the upgrade's ``Authorization`` header, or to a signed-in browser
    (its session cookie, and the session's ``csrfToken`` in the payload); anything else
    is closed with 4403."""

    state: AppState

    def encode_json(self, data: object) -> str | bytes:
        """An expensive query's answer comes encoded by the worker process: sent as is;
        any other is encoded here (``json_body``)."""
        encoded = encoded_body(data)
        return encoded if encoded is not None else json_body.encode_text(data)

    async def on_ws_connect(self, context: Context) -> None:
        params = context.connection_params if isinstance(context.connection_params, dict) else {}
        given = params.get("Authorization") or params.get("authorization")
        scheme, _, value = str(given or "").partition(" ")
        raw = value.strip() if scheme.lower() == "bearer" else None
        raw = raw or (str(params["token"]) if params.get("token") else None) or context.raw_token
        ws = context.request
        assert ws is not None
        address = ws.client.host if ws.client else "unknown"
        admission = self.state.admission
        cookie = None if raw else session_cookie(ws.headers)
        try:
            admission.check_address(address)
            if cookie is not None:  # a signed-in browser: its CSRF token in the payload
                csrf = params.get("csrfToken") or params.get(CSRF_HEADER)
                actor = await self.state.sessions.caller(cookie, str(csrf or ""), address)
                raw = cookie
            else:
                actor = await admission.caller(raw or None, address)
        except Refused as refused:
            raise ConnectionRejectionError({"message": refused.message}) from refused
        if not may_subscribe(actor):
            raise ConnectionRejectionError({"message": "A viewer token is needed."})
        context.actor = in_request(actor, ws.scope)
        context.raw_token = raw


def create_app(
    settings: Settings | None = None,
    db: Database | None = None,
    *,
    clock: Callable[[], float] = time.monotonic,
) -> FastAPI:
    """The app; pass ``db`` to share a driver (tests), else one is opened per process;
    ``clock`` is the per-token rate limiter's and the token cache's (tests drive it)."""
    settings = settings or get_settings()
    state = AppState(settings, db, clock)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        collected_before = collector.tune_server()
        try:
            if await state.ensure_schema():
                await state.close_abandoned_runs()
            if state.worker is not None:
                await state.worker.start()  # ready a moment later; until then, here
            if state.scheduler is not None:
                state.scheduler.start()
            collector.freeze_startup()
            state.start_dispatcher()
            state.start_evaluator()
            yield
            await state.live.stop()
            await state.stop_evaluator()
            if state.scheduler is not None:
                await state.scheduler.stop()
            await state.stop_dispatcher()
            if state.worker is not None:
                await state.worker.stop()
            if state.owns_db:
                await state.db.close()
        finally:  # as it was, for a program that goes on (tests)
            collector.restore(collected_before)

    async def get_context(request: HTTPConnection) -> Context:
        # the gate authenticated a /graphql request before its body was read; a websocket
        # authenticates in its connection_init (``LiveRouter.on_ws_connect``)
        if isinstance(request, WebSocket):
            return Context(
                db=state.db, settings=settings, actor=None, live=state.live,
                raw_token=bearer_token(request),
            )  # fmt: skip
        actor: Actor | None = getattr(request.state, "actor", None)
        raw = bearer_token(request) if actor is None else None
        if raw is not None:
            try:
                actor = await state.tokens.authenticate(state.db, raw)
            except DatabaseUnavailable as exc:
                raise HTTPException(status_code=503, detail=exc.message) from exc
            actor = in_request(actor, request.scope) if actor is not None else None
        # every scoped statement this request runs sees the caller's scopes (db/scoping.py)
        scoping.bind(actor.scopes if actor is not None else ())
        return Context(db=state.db, settings=settings, actor=actor, tokens=state.tokens)

    docs = settings.api_docs
    app = FastAPI(
        title="graphcmdb",
        version=__version__,
        lifespan=lifespan,
        docs_url="/docs" if docs else None,
        redoc_url="/redoc" if docs else None,
        openapi_url="/openapi.json" if docs else None,
    )
    app.state.graphcmdb = state
    # the last added runs first: the gate, then the request's lifetime, then GraphQL
    app.add_middleware(RequestLifetime, mutation_deadline_s=settings.mutation_deadline_s)
    app.add_middleware(
        GraphQLGate,
        admission=state.admission,
        sessions=state.sessions,
        max_body_bytes=settings.max_body_bytes,
    )
    # outside the gate and the lifetime: their refusals and timeouts carry the headers too
    app.add_middleware(SecurityHeaders)
    app.add_middleware(metrics_http.HttpMetrics)  # every answer counted, refusals too
    app.add_middleware(RequestIds)  # added last, so outermost: every response has its id
    router = LiveRouter(
        build_schema(settings, state.capacities, state.worker),
        context_getter=get_context,
        graphql_ide="graphiql" if settings.graphiql else None,
        subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
        connection_init_wait_timeout=timedelta(seconds=10),
    )
    router.state = state
    app.include_router(router, prefix="/graphql")
    receivers = events.Receivers(state.db, settings, state.admission, state.evaluator)
    app.include_router(events.router(receivers))
    app.include_router(metrics_http.router(settings))
    app.include_router(auth_http.router(auth_http.AuthRoutes(state.db, settings, state.sessions)))
    export = graph_export_http.GraphExport(state.db, state.admission, state.sessions)
    app.include_router(graph_export_http.router(export))
    app.state.graph_export = export  # its lock: one export at a time

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        body: dict[str, Any] = {
            "errors": [{"message": exc.detail, "extensions": {"code": _code(exc.status_code)}}]
        }
        return JSONResponse(body, status_code=exc.status_code)

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    @app.get("/readyz")
    async def readyz() -> JSONResponse:
        st = state
        reachable = await st.db.ping()
        schema = reachable and await st.ensure_schema()
        ready = schema and st.drilled.is_set()
        version = await applied_version(st.db) if schema else None
        body = {
            "status": "ready" if ready else "warming up" if schema else "unavailable",
            "neo4j": "reachable" if reachable else f"unreachable at {settings.bolt_uri}",
            "schemaVersion": version,
            "expectedSchemaVersion": latest_version(),
        }
        return JSONResponse(body, status_code=200 if ready else 503)

    mount_explorer(app)
    return app


def _code(status: int) -> str:
    return {503: "DATABASE_UNAVAILABLE", 401: "UNAUTHENTICATED"}.get(status, "HTTP_ERROR")
