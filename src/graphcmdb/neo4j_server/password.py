"""The managed server's ``neo4j`` password: generate once, keep in a 0600 file, reuse."""

from __future__ import annotations

import os
import secrets
import subprocess
from pathlib import Path

from graphcmdb.config import Settings
from graphcmdb.private_files import private_dir

from .errors import PasswordError
from .java import JavaInfo


def read_password(settings: Settings) -> str | None:
    """``settings.neo4j_password`` if set, else the password file's content, else None."""
    if settings.neo4j_password is not None:
        return settings.neo4j_password.get_secret_value()
    path = settings.neo4j_password_file
    try:
        text = path.read_text().strip()
    except FileNotFoundError:
        return None
    return text or None


def _write_secret(path: Path, value: str) -> None:
    """Create the file with mode 0600 from the start (no window where it is world-readable)."""
    private_dir(path.parent)
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(value + "\n")
    os.chmod(tmp, 0o600)
    tmp.replace(path)


def data_initialized(settings: Settings) -> bool:
    """True once the server has started on this data dir (its system database exists)."""
    return (settings.neo4j_dir / "data" / "databases" / "system").is_dir()


def ensure_password(settings: Settings, java: JavaInfo, lib: Path) -> str:
    """Return the password to use, setting it as initial password on a fresh data dir."""
    password = read_password(settings)
    if data_initialized(settings):
        if password is None:
            raise PasswordError(
                f"The Neo4j data in {settings.neo4j_dir / 'data'} was initialised earlier, "
                f"but its password file {settings.neo4j_password_file} is missing and "
                "GRAPHCMDB_NEO4J_PASSWORD is unset. Set GRAPHCMDB_NEO4J_PASSWORD to the "
                "password used before, or delete the data directory to start afresh."
            )
        return password
    if password is None:
        password = secrets.token_urlsafe(24)
        _write_secret(settings.neo4j_password_file, password)
    _set_initial_password(settings, java, lib, password)
    return password


def _set_initial_password(settings: Settings, java: JavaInfo, lib: Path, password: str) -> None:
    home = settings.neo4j_dir
    env = dict(os.environ, NEO4J_HOME=str(home), NEO4J_CONF=str(home / "conf"))
    cmd = [
        str(java.executable), "-cp", f"{lib}/*", "org.neo4j.cli.AdminTool",
        # "--" ends the options: a password may start with "-" (token_urlsafe's alphabet)
        "dbms", "set-initial-password", "--", password,
    ]  # fmt: skip
    proc = subprocess.run(
        cmd, env=env, capture_output=True, text=True, check=False, timeout=120,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    if proc.returncode != 0:
        output = (proc.stdout + proc.stderr).replace(password, "***")
        raise PasswordError(
            "Preparing the fresh data dir with `neo4j-admin dbms set-initial-password` "
            f"failed (exit {proc.returncode}), so Neo4j was not started. Fix what Neo4j "
            "reports below (typically an entry in GRAPHCMDB_NEO4J_EXTRA_CONF, or a "
            "GRAPHCMDB_NEO4J_PASSWORD shorter than 8 characters) and start again. "
            f"Neo4j said: {without_stack_traces(output)}"
        )


def without_stack_traces(output: str, limit: int = 5) -> str:
    keep = [
        ln.strip()
        for ln in output.splitlines()
        if ln.strip() and not ln.lstrip().startswith(("at ", "... "))
    ]
    return " | ".join(keep[:limit])[:1000]
