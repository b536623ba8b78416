"""``graphcmdb user``: a person is added with a password read from stdin (never argv),
listed without any hash, given a new password and disabled; the real CLI, real Neo4j."""

from __future__ import annotations

import re
import subprocess

from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.services import sessions
from tests.cli.test_cli import run_cli

PASSWORD = "stdin's own password"


def user_cli(settings: Settings, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return run_cli(settings, "user", *args, stdin=stdin)


async def test_add_list_passwd_disable(settings: Settings, db: Database) -> None:
    added = user_cli(
        settings,
        *("add", "alice", "--role", "editor", "--permission", "financials"),
        *("--scope", "environment=PRODUCTION", "--password-stdin"),
        stdin=PASSWORD + "\n",
    )
    assert added.returncode == 0, added.stderr
    assert "User alice (editor) created" in added.stdout
    listed = user_cli(settings, "list")
    assert "alice" in listed.stdout
    assert "environment=PRODUCTION" in listed.stdout
    assert "argon2" not in listed.stdout
    assert PASSWORD not in listed.stdout + added.stdout
    assert await sessions.sign_in(db, "alice", PASSWORD, 60) is not None

    again = user_cli(settings, "add", "alice", "--password-stdin", stdin=PASSWORD + "\n")
    assert again.returncode == 1
    assert "DUPLICATE" in again.stderr
    short = user_cli(settings, "add", "bob", "--password-stdin", stdin="short\n")
    assert short.returncode == 1
    assert "VALIDATION_FAILED" in short.stderr

    changed = user_cli(settings, "passwd", "alice", "--password-stdin", stdin="another password\n")
    assert changed.returncode == 0, changed.stderr
    assert await sessions.sign_in(db, "alice", PASSWORD, 60) is None
    opened = await sessions.sign_in(db, "alice", "another password", 60)
    assert opened is not None

    disabled = user_cli(settings, "disable", "alice")
    assert disabled.returncode == 0, disabled.stderr
    assert await sessions.authenticate(db, opened.cookie) is None  # the session ended
    assert await sessions.sign_in(db, "alice", "another password", 60) is None
    # created, last sign-in and now disabled: three times in alice's row
    (row,) = [line for line in user_cli(settings, "list").stdout.splitlines() if "alice" in line]
    assert len(re.findall(r"\d{4}-\d{2}-\d{2}T", row)) == 3, row
    assert user_cli(settings, "disable", "nobody").returncode == 1
