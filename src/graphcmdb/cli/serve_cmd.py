"""``graphcmdb serve`` and ``graphcmdb run`` (everything a new user needs, in one command)."""

from __future__ import annotations

import os
import sys

import typer
import uvicorn

from graphcmdb import logs, neo4j_server
from graphcmdb.cli.common import console, err_console, prepare_graph, with_db
from graphcmdb.config import Settings, get_settings
from graphcmdb.db.database import Database
from graphcmdb.graph.enums import Role
from graphcmdb.private_files import private_dir
from graphcmdb.services import cis, tokens
from graphcmdb.services.actor import system_actor


def serve(
    host: str | None = typer.Option(None, help="Bind address (default from settings)."),
    port: int | None = typer.Option(None, help="Port (default 8000)."),
) -> None:
    """Serve the API (GraphQL at /graphql) against the configured Neo4j; GraphiQL, the
    OpenAPI docs and field suggestions stay off unless set (``GRAPHCMDB_GRAPHIQL`` ...)."""
    _serve(get_settings(), host, port)


def _serve(settings: Settings, host: str | None, port: int | None) -> None:
    from graphcmdb.api.app import create_app

    uvicorn.run(
        create_app(settings),
        host=host or settings.host,
        port=port or settings.port,
        log_config=logs.config(settings.log_format),
    )


#: what the demo (`graphcmdb run`, `make run`) switches on: a person explores the API
DEMO_PROFILE = {
    "graphiql": True,
    "introspection": True,
    "api_docs": True,
    "field_suggestions": True,
    "log_format": "text",
}


async def ensure_local_admin_token(db: Database, settings: Settings) -> str:
    """Reuse the admin token in the 0600 state file while it is valid, else issue one."""
    path = settings.admin_token_file
    if path.exists():
        raw = path.read_text().strip()
        if await tokens.authenticate(db, raw) is not None:
            return raw
    # the file was the only copy of the last one: it is revoked, not left live and unused
    issued = await tokens.reissue_token(db, system_actor("run"), "local-admin", Role.ADMIN)
    private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(issued.token + "\n")
    return issued.token


def run(
    demo: bool = typer.Option(True, help="Load the demo CMDB when the graph has no CIs."),
    port: int | None = typer.Option(None, help="API port (default 8000)."),
) -> None:
    """Provision and start Neo4j, apply the schema, load the demo data, serve the API."""
    from graphcmdb.demo.itam_load import load_full_demo

    settings = get_settings().model_copy(update=DEMO_PROFILE)
    if settings.managed_neo4j:
        try:
            report = neo4j_server.start(settings)
        except neo4j_server.Neo4jProvisionError as exc:
            err_console.print(f"[red]error[/red] {exc}")
            raise typer.Exit(1) from exc
        console.print(
            f"Neo4j {settings.neo4j_version} at {report.bolt_uri} "
            f"({'reused' if report.reused else f'started in {report.seconds:.1f}s'})."
        )
        console.print(f"[dim]Neo4j memory: {report.sizes}")

    async def prepare(db: Database) -> str:
        await prepare_graph(db)
        if demo and await cis.LISTING.count(db, cis.CIFilter()) == 0:
            summary = await load_full_demo(db)
            console.print(f"Demo CMDB loaded: {summary}")
        return await ensure_local_admin_token(db, settings)

    token = with_db(prepare, settings)
    url = f"http://{settings.host}:{port or settings.port}"
    console.rule("graphcmdb is ready")
    console.print(f"Explorer: [bold]{url}/[/bold] (sign in with the admin token below)")
    console.print(f"GraphQL (GraphiQL in a browser): [bold]{url}/graphql[/bold]")
    # the token goes to a person at a terminal, never into a log or a pipe
    shown = token if sys.stdout.isatty() else f"$(cat {settings.admin_token_file})"
    if sys.stdout.isatty():
        console.print(f"Admin token (also in {settings.admin_token_file}):\n  [bold]{token}[/bold]")
    else:
        console.print(f"Admin token: in {settings.admin_token_file} (mode 0600)")
    console.print(
        f'Try: curl -s {url}/graphql -H "Authorization: Bearer {shown}" '
        "-H 'Content-Type: application/json' -d '{\"query\":\"{ services { totalCount } }\"}'"
    )
    _serve(settings, None, port)
