"""Structured logs (``graphcmdb/logs.py``) through the real logging machinery: one JSON
object per line with the request id, secrets masked in messages, extra fields and
tracebacks, in JSON and in text."""

from __future__ import annotations

import json
import logging
import logging.config

import pytest

from graphcmdb import logs

TOKEN = "gcmdb_Zx9" + "k" * 40
SEALED = "gcs1:0123456789abcdef:QUJDREVGRw=="


@pytest.fixture(autouse=True)
def restore_logging() -> object:
    saved = logging.getLogger("graphcmdb").handlers[:], logging.getLogger("graphcmdb").propagate
    yield None
    logger = logging.getLogger("graphcmdb")
    logger.handlers[:], logger.propagate = saved


def test_json_lines_carry_the_request_and_never_a_secret(
    capsys: pytest.CaptureFixture[str],
) -> None:
    logging.config.dictConfig(logs.config("json"))
    log = logging.getLogger("graphcmdb.test")
    token = logs.REQUEST_ID.set("req-42")
    try:
        log.warning("refused %s (Authorization: Bearer %s)", TOKEN, TOKEN, extra={"set": SEALED})
        try:
            raise ValueError(f"cannot open {SEALED} for {TOKEN}")
        except ValueError:
            log.exception("sealing failed")
    finally:
        logs.REQUEST_ID.reset(token)
    log.info("outside a request")
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert [(e["level"], e["logger"]) for e in lines] == [
        ("WARNING", "graphcmdb.test"),
        ("ERROR", "graphcmdb.test"),
        ("INFO", "graphcmdb.test"),
    ]
    assert lines[0]["message"] == "refused [redacted] (Authorization: [redacted])"
    assert lines[0]["set"] == "[redacted]"
    assert (lines[0]["requestId"], lines[1]["requestId"]) == ("req-42", "req-42")
    assert "requestId" not in lines[2]
    assert "ValueError" in lines[1]["exception"]
    text = json.dumps(lines)
    assert TOKEN not in text
    assert SEALED not in text
    assert "Zx9" not in text


def test_text_logs_are_masked_too(capsys: pytest.CaptureFixture[str]) -> None:
    logging.config.dictConfig(logs.config("text"))
    logging.getLogger("graphcmdb.test").warning("token %s", TOKEN)
    err = capsys.readouterr().err
    assert "token [redacted]" in err
    assert TOKEN not in err


def test_passwords_their_hashes_and_session_cookies_are_masked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    logging.config.dictConfig(logs.config("text"))
    log = logging.getLogger("graphcmdb.test")
    log.warning('sign-in body {"username": "ada", "password": "hunter2 is long"}')
    log.warning("variables password=s3cret-value hash $argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA")
    log.warning("cookie graphcmdb_session=gsess_AbC-123_xyz")
    err = capsys.readouterr().err
    for secret in ("hunter2", "s3cret-value", "argon2id", "c2FsdA", "gsess_AbC"):
        assert secret not in err, err
    assert '"username": "ada", "password": [redacted]' in err
