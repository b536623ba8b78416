"""``graphcmdb secrets status|rotate-key|seal-smtp-password``: the key that seals secrets.

Key ids are printed (the first 16 hex digits of a key's SHA-256), never a key.
"""

from __future__ import annotations

import typer

from graphcmdb.cli.common import console, table, with_db
from graphcmdb.config import get_settings
from graphcmdb.services import credential_secrets
from graphcmdb.services.notify_dispatch import seal_smtp_password

app = typer.Typer(help="Sealed credential secrets: the key in use, its rotation.")


@app.command()
def status() -> None:
    """The key id in use and how many stored secrets are sealed (by key) or still plain."""
    st = with_db(credential_secrets.secret_status)
    table(
        "Sealing key",
        ["key id in use", "from", "keys present"],
        [[st.key_id or "none yet (made on the first seal)", st.source, ", ".join(st.key_ids)]],
    )
    rows: list[list[object]] = [
        [f"sealed with {s.key_id}", s.secrets, "yes" if s.available else "NO: key missing"]
        for s in st.sealed
    ]
    rows.append(["plain (sealed at the next start-up)", st.plain, ""])
    table("Stored secrets", ["", "count", "key present"], rows)
    if any(not s.available for s in st.sealed):
        raise typer.Exit(2)


@app.command("rotate-key")
def rotate_key() -> None:
    """Make a new key, re-seal every stored secret with it in one transaction, then make
    it current; the previous key file is kept as <key file>.<its id>."""
    done = with_db(credential_secrets.rotate_key)
    console.print(
        f"Re-sealed {done.secrets} secret(s) of {done.sets} credential set(s) with key "
        f"[bold]{done.new_key_id}[/bold], now in use"
        + (f"; {done.plain} of them had been stored in clear." if done.plain else ".")
    )
    if done.previous_key_id:
        console.print(f"The previous key {done.previous_key_id} is kept next to the key file.")


@app.command("seal-smtp-password")
def seal_smtp_password_cmd() -> None:
    """Seal the SMTP password of notification e-mails with the key; prints the value to
    set as GRAPHCMDB_NOTIFY_SMTP_PASSWORD (the password itself is read without echo)."""
    password = typer.prompt("SMTP password", hide_input=True, err=True)
    typer.echo(seal_smtp_password(get_settings(), password))
