"""Pure parts of notifications: the webhook signature (the README's verification snippet
is checked against it), the back-off, and the sealed SMTP password the CLI prints."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pydantic import SecretStr

from graphcmdb.config import Settings
from graphcmdb.notify.model import retry_at
from graphcmdb.notify.signing import new_secret, signature, verify
from graphcmdb.services.notify_dispatch import smtp_server
from tests.cli.test_cli import CLI, cli_env

README = Path(__file__).resolve().parents[2] / "README.md"


def test_a_signature_verifies_only_its_body_secret_and_time() -> None:
    secret, body, at = new_secret(), b'{"kind":"SLA_AT_RISK"}', 1_800_000_000
    sent = signature(secret, at, body)
    assert re.fullmatch(r"sha256=[0-9a-f]{64}", sent)
    assert verify(secret, str(at), body, sent, now=at + 10)
    assert not verify(secret, str(at), body + b" ", sent, now=at)
    assert not verify(new_secret(), str(at), body, sent, now=at)
    assert not verify(secret, str(at), body, sent, now=at + 301)  # a replay, later
    assert not verify(secret, "soon", body, sent, now=at)


def test_the_readme_snippet_verifies_a_real_signature() -> None:
    text = README.read_text(encoding="utf-8")
    snippet = text.split("<!-- verify-webhook -->", 2)[1].split("```python", 1)[1].split("```")[0]
    scope: dict[str, object] = {}
    exec(snippet, scope)  # the receiver's code as documented
    check = scope["verified"]
    secret, body, at = new_secret(), b'{"deliveryId":"x"}', 1_800_000_000
    headers = {
        "X-Graphcmdb-Timestamp": str(at),
        "X-Graphcmdb-Signature": signature(secret, at, body),
    }
    assert check(secret, headers, body, now=at + 1)  # type: ignore[operator]
    assert not check(secret, headers, body + b"x", now=at + 1)  # type: ignore[operator]


def test_back_off_doubles_up_to_its_cap() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    delays = [(retry_at(n, now, 30, 200) - now) for n in range(1, 6)]
    assert delays == [timedelta(seconds=s) for s in (30, 60, 120, 200, 200)]


def test_the_cli_seals_the_smtp_password_the_dispatcher_opens(tmp_path: Path) -> None:
    settings = Settings(state_dir=tmp_path)
    done = subprocess.run(
        [*CLI, "secrets", "seal-smtp-password"],
        input="s3cret-smtp\n",
        env=cli_env(settings),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    sealed = done.stdout.strip().splitlines()[-1]
    assert sealed.startswith("gcs1:")
    assert "s3cret-smtp" not in done.stdout
    configured = settings.model_copy(
        update={"notify_smtp_host": "127.0.0.1", "notify_smtp_password": SecretStr(sealed)}
    )
    server = smtp_server(configured)
    assert server is not None
    assert server.password == "s3cret-smtp"
    assert "s3cret-smtp" not in repr(server)
