"""Serve the built explorer at ``/`` beside the API (GraphQL keeps ``/graphql``).

The build lands in ``static/`` (``make web``; gitignored, carried by the wheel). Without
it, ``/`` says how to build it instead of failing the whole app.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import PlainTextResponse
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

STATIC_DIR = Path(__file__).resolve().parent / "static"
NOT_BUILT = (
    "The explorer is not built. Run `make web` (npm ci && npm run build in web/), "
    "then restart; GraphQL is at /graphql.\n"
)


class ExplorerFiles(StaticFiles):
    """Hashed bundles are cached for good; index.html is always revalidated."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        if path.startswith("assets/") and response.status_code == 200:
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        else:
            response.headers["Cache-Control"] = "no-cache"
        return response


def explorer_built(static_dir: Path = STATIC_DIR) -> bool:
    return (static_dir / "index.html").is_file()


def mount_explorer(app: FastAPI, static_dir: Path = STATIC_DIR) -> None:
    """Mount last: routes added before (``/graphql``, ``/healthz``, ``/readyz``) win."""
    if explorer_built(static_dir):
        app.mount("/", ExplorerFiles(directory=static_dir, html=True), name="explorer")
        return

    @app.get("/", include_in_schema=False)
    async def explorer_missing() -> PlainTextResponse:
        return PlainTextResponse(NOT_BUILT, status_code=404)
