"""``/auth/*``: a person signs in with a user name and password and gets the session
cookie (HttpOnly, SameSite=Strict, Secure over https, ``session_lifetime_s``), reads who
is signed in (and the CSRF token) after a reload (``{user: null}`` for nobody), and signs
out.

Sign-in is throttled like tokens are: a throttled address is refused (429) before the
password is checked, and each failure counts against the address and against the user
name (so guessing one account's password from many addresses is slowed too). The
bodies must be JSON: a page elsewhere cannot post JSON here without a preflight, which
nothing answers, so it cannot sign a browser in to another account either.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError

from graphcmdb.api.admission import Refused
from graphcmdb.api.session_door import COOKIE, CSRF_HEADER, SessionDoor, session_cookie
from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.errors import DatabaseUnavailable
from graphcmdb.services import sessions
from graphcmdb.services.actor import Actor

#: a sign-in body is a name and a password: anything larger is not one
MAX_BODY = 8 * 1024
NOBODY: dict[str, Any] = {"user": None, "csrfToken": None}


class Credentials(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)


def _refusal(refused: Refused) -> JSONResponse:
    body = {"errors": [{"message": refused.message, "extensions": refused.extensions}]}
    return JSONResponse(body, status_code=refused.status, headers=refused.headers)


def _who(actor: Actor, csrf: str) -> dict[str, Any]:
    user = {
        "name": actor.name,
        "role": actor.role.name,
        "permissions": sorted(p.name for p in actor.permissions),
        "scopes": [s.text for s in actor.scopes],
    }
    return {"user": user, "csrfToken": csrf}


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _json_only(request: Request, message: str) -> None:
    """Refused (415) unless the body is declared JSON: a cross-site form cannot send one
    without a preflight, which nothing answers."""
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise Refused(415, "VALIDATION_FAILED", message)


class AuthRoutes:
    def __init__(self, db: Database, settings: Settings, door: SessionDoor) -> None:
        self.db, self.settings, self.door = db, settings, door
        self.throttle = door.admission.throttle

    def check_throttle(self, *keys: str) -> None:
        for key in keys:
            wait = self.throttle.retry_after(key)
            if wait is not None:
                message = f"Too many failed sign-ins; retry in {wait} s."
                raise Refused(429, "TOO_MANY_REQUESTS", message, retryAfter=wait)

    async def login(self, request: Request) -> JSONResponse:
        address = _address(request)
        try:
            credentials = await self._credentials(request)
            user_key = f"user:{credentials.username.strip().lower()}"
            self.check_throttle(address, user_key)
            lifetime = self.settings.session_lifetime_s
            opened = await sessions.sign_in(
                self.db, credentials.username, credentials.password, lifetime
            )
        except Refused as refused:
            return _refusal(refused)
        except DatabaseUnavailable as exc:
            return _refusal(Refused.unavailable(exc))
        if opened is None:
            self.throttle.failed(address)
            self.throttle.failed(user_key)
            message = "Wrong user name or password (or the user is disabled)."
            return _refusal(Refused(401, "UNAUTHENTICATED", message))
        response = JSONResponse(_who(opened.actor, opened.csrf))
        response.set_cookie(
            COOKIE,
            opened.cookie,
            max_age=int(self.settings.session_lifetime_s),
            path="/",
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
        )
        return response

    async def _credentials(self, request: Request) -> Credentials:
        _json_only(request, "Sign in with a JSON body.")
        body = await request.body()
        if len(body) > MAX_BODY:
            raise Refused(413, "BODY_TOO_LARGE", "A sign-in body is a user name and a password.")
        try:
            return Credentials.model_validate_json(body)
        except ValidationError as exc:
            message = "Sign in with {username, password}."
            raise Refused(400, "VALIDATION_FAILED", message) from exc

    async def session(self, request: Request) -> JSONResponse:
        """Who is signed in: ``{user: null}`` (200, a page's first question, not an
        error) when nobody is or the session ended (its cookie is cleared then)."""
        raw = session_cookie(request.headers)
        if raw is None:
            return JSONResponse(NOBODY)
        try:
            self.check_throttle(_address(request))
            actor = await self.door.user(raw, _address(request))
        except Refused as refused:
            if refused.status != 401:
                return _refusal(refused)
            response = JSONResponse(NOBODY)
            response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
            return response
        return JSONResponse(_who(actor, sessions.csrf_for(raw)))

    async def logout(self, request: Request) -> JSONResponse:
        raw = session_cookie(request.headers)
        if raw is not None:
            try:
                _json_only(request, "Sign out with a JSON body.")
                csrf = request.headers.get(CSRF_HEADER)
                actor = await self.door.caller(raw, csrf, _address(request))
                await sessions.sign_out(self.db, actor, raw)
            except Refused as refused:
                if refused.status != 401:  # a session already gone is signed out
                    return _refusal(refused)
            except DatabaseUnavailable as exc:
                return _refusal(Refused.unavailable(exc))
        response = JSONResponse({"signedOut": True})
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
        return response


def router(routes: AuthRoutes) -> APIRouter:
    api = APIRouter(prefix="/auth")
    api.add_api_route("/login", routes.login, methods=["POST"])
    api.add_api_route("/logout", routes.logout, methods=["POST"])
    api.add_api_route("/session", routes.session, methods=["GET"])
    return api
