"""``graphcmdb token create|list|revoke``: API tokens."""

from __future__ import annotations

from datetime import datetime

import typer

from graphcmdb.cli.common import console, table, with_db
from graphcmdb.db.database import Database
from graphcmdb.db.scoping import Scope
from graphcmdb.graph.enums import Permission, Role
from graphcmdb.services import tokens
from graphcmdb.services.actor import system_actor

app = typer.Typer(help="API tokens (only their hash is stored).")


@app.command()
def create(
    name: str = typer.Option(..., help="Who or what uses the token."),
    role: Role = typer.Option(
        Role.VIEWER, help="viewer < editor < admin; events: posts monitoring events only."
    ),
    permission: list[Permission] = typer.Option(
        [], help="What it may do beyond its role (repeatable): discovery, financials."
    ),
    scope: list[str] = typer.Option(
        [],
        help="What it sees (repeatable), kind=value: environment=PRODUCTION, location=dc1, "
        "owner=TEAM, service=NAME. None: everything its role may read.",
    ),
) -> None:
    """Create a token and print it (it is shown only once)."""
    try:
        within = [Scope.parse(s) for s in scope]
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--scope") from exc

    async def work(db: Database) -> str:
        actor = system_actor("cli")
        issued = await tokens.create_token(db, actor, name, role, permission, within)
        return issued.token

    print(with_db(work))


def _when(at: datetime | None) -> str | None:
    return at.isoformat() if at else None


@app.command("list")
def list_cmd() -> None:
    """List tokens (never the secret)."""
    rows = with_db(tokens.list_tokens)
    table(
        "API tokens",
        ["id", "name", "role", "permissions", "scopes", "prefix", "created", "revoked"],
        [
            [
                t.id,
                t.name,
                t.role.value,
                ", ".join(p.value for p in t.permissions),
                ", ".join(t.scopes),
                t.prefix,
                t.createdAt.isoformat(),
                _when(t.revokedAt),
            ]
            for t in rows
        ],
    )


@app.command()
def revoke(token_id: str) -> None:
    """Revoke a token by id."""

    async def work(db: Database) -> None:
        await tokens.revoke_token(db, system_actor("cli"), token_id)

    with_db(work)
    console.print(f"Token {token_id} revoked.")
