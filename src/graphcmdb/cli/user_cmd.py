"""``graphcmdb user add|list|disable|passwd``: people who sign in to the explorer.

A password is read from a prompt (without echo, typed twice) or, with
``--password-stdin``, from the first line of standard input; never from the command
line, where other users of the machine and the shell's history would see it."""

from __future__ import annotations

import sys

import typer

from graphcmdb.cli.common import console, table, with_db
from graphcmdb.db.database import Database
from graphcmdb.db.scoping import Scope
from graphcmdb.domain.user_records import UserRecord
from graphcmdb.errors import NotFound
from graphcmdb.graph.enums import Permission, Role
from graphcmdb.services import users
from graphcmdb.services.actor import system_actor

app = typer.Typer(help="People who sign in to the explorer (passwords stored as argon2 hashes).")

FROM_STDIN = typer.Option(
    False, "--password-stdin", help="Read the password from the first line of stdin."
)


def read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    typed: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return typed


async def _user(db: Database, name: str) -> UserRecord:
    found = await users.get_by_name(db, name)
    if found is None:
        raise NotFound("user", [name])
    return found


@app.command()
def add(
    name: str = typer.Argument(..., help="The user name typed to sign in."),
    role: Role = typer.Option(Role.VIEWER, help="viewer < editor < admin."),
    permission: list[Permission] = typer.Option(
        [], help="What the user may do beyond the role (repeatable): discovery, financials."
    ),
    scope: list[str] = typer.Option(
        [], help="What the user sees (repeatable), kind=value, as a token's --scope."
    ),
    password_stdin: bool = FROM_STDIN,
) -> None:
    """Create a user."""
    try:
        within = [Scope.parse(s) for s in scope]
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--scope") from exc
    password = read_password(password_stdin)

    async def work(db: Database) -> UserRecord:
        actor = system_actor("cli")
        return await users.create_user(db, actor, name, password, role, permission, within)

    created = with_db(work)
    console.print(f"User {created.name} ({created.role.value}) created: {created.id}")


@app.command("list")
def list_cmd() -> None:
    """List users (never a password or its hash)."""
    rows = with_db(users.list_users)
    table(
        "Users",
        ["id", "name", "role", "permissions", "scopes", "created", "last sign-in", "disabled"],
        [
            [
                u.id,
                u.name,
                u.role.value,
                ", ".join(p.value for p in u.permissions),
                ", ".join(u.scopes),
                u.createdAt.isoformat(),
                u.lastSignInAt.isoformat() if u.lastSignInAt else None,
                u.disabledAt.isoformat() if u.disabledAt else None,
            ]
            for u in rows
        ],
    )


@app.command()
def disable(name: str) -> None:
    """Disable a user: sign-in is refused and every session of theirs ends now."""

    async def work(db: Database) -> None:
        await users.disable_user(db, system_actor("cli"), (await _user(db, name)).id)

    with_db(work)
    console.print(f"User {name} disabled; their sessions have ended.")


@app.command()
def passwd(name: str, password_stdin: bool = FROM_STDIN) -> None:
    """Set a user's password; their sessions end."""
    password = read_password(password_stdin)

    async def work(db: Database) -> None:
        user = await _user(db, name)
        await users.set_password(db, system_actor("cli"), user.id, password)

    with_db(work)
    console.print(f"Password of {name} changed; their sessions have ended.")
