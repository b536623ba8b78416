"""``GET /metrics`` (Prometheus text format) and the HTTP figures behind it.

Who may read it (``metrics_*`` settings): a client on loopback (127.0.0.0/8, ::1) while
``metrics_from_loopback`` is on (the default; turn it off behind a reverse proxy on the
same host, whose clients all look local), and anyone who sends
``Authorization: Bearer <metrics_token>``. Everyone else gets 403 (no token configured)
or 401 (a wrong one); nothing is rendered for them.
"""

from __future__ import annotations

import hmac
import ipaddress
import time

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest

from graphcmdb import opsmetrics
from graphcmdb.api.asgi import ASGIApp, Message, Receive, Scope, Send
from graphcmdb.api.gate import bearer
from graphcmdb.config import Settings


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _refusal(status: int, code: str, message: str) -> JSONResponse:
    body = {"errors": [{"message": message, "extensions": {"code": code}}]}
    return JSONResponse(body, status_code=status)


def refusal(settings: Settings, request: Request) -> JSONResponse | None:
    """Why this caller may not read the metrics, or None when it may."""
    token = settings.metrics_token.get_secret_value() if settings.metrics_token else None
    sent = bearer(request.headers)
    if token and sent is not None:
        if hmac.compare_digest(sent.encode(), token.encode()):
            return None
        return _refusal(401, "UNAUTHENTICATED", "The metrics token is wrong.")
    client = request.client.host if request.client else None
    if settings.metrics_from_loopback and is_loopback(client):
        return None
    if token:
        return _refusal(401, "UNAUTHENTICATED", "/metrics needs the metrics bearer token.")
    return _refusal(
        403,
        "FORBIDDEN",
        "/metrics answers clients on loopback only; set GRAPHCMDB_METRICS_TOKEN to "
        "scrape it from elsewhere with that bearer token.",
    )


def router(settings: Settings) -> APIRouter:
    routes = APIRouter(tags=["metrics"])

    @routes.get("/metrics", include_in_schema=False)
    async def metrics(request: Request) -> Response:
        refused = refusal(settings, request)
        if refused is not None:
            return refused
        return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)

    return routes


class HttpMetrics:
    """Counts every HTTP answer by route group and status, and times it (outermost but
    for the request ids, so refusals of the gate count too)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        route = opsmetrics.route_of(scope["path"])
        started = time.perf_counter()
        status = 500  # unless an answer starts

        async def counted(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, counted)
        finally:
            opsmetrics.HTTP_REQUESTS.labels(route, str(status)).inc()
            opsmetrics.HTTP_DURATION.labels(route).observe(time.perf_counter() - started)
