"""Logs as one JSON object per line, naming the request they belong to, with secrets
masked.

``graphcmdb serve`` logs this way (``GRAPHCMDB_LOG_FORMAT=json``, the default); the
demo (``graphcmdb run``) logs text for a person at a terminal. Either way every record
passes :class:`Redact` first: an API token (``gcmdb_…``), a bearer header and a sealed
secret (``gcs1:…``), a session cookie (``gsess_…``), a password hash and a value
given as ``password`` never reach a log line, whoever wrote the message.
"""

from __future__ import annotations

import json
import logging
import re
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, Literal

LogFormat = Literal["json", "text"]

#: the request being served (set by the API for each request; None outside one)
REQUEST_ID: ContextVar[str | None] = ContextVar("graphcmdb_request_id", default=None)

MASK = "[redacted]"
SECRETS = (
    re.compile(r"gcmdb_[A-Za-z0-9_\-]+"),  # API tokens
    re.compile(r"(?i)\bbearer\s+[^\s\"',;()]+"),  # an Authorization header's value
    re.compile(r"gcs1:[A-Za-z0-9+/=:_\-]+"),  # sealed credential secrets
    re.compile(r"gsess_[A-Za-z0-9_\-]+"),  # session cookies
    re.compile(r"\$argon2[a-z]*\$[A-Za-z0-9$=,+/.]+"),  # password hashes
    re.compile(r"(?i)(\"?password\"?\s*[:=]\s*)(\"[^\"]*\"|[^\s,;)}]+)"),  # a password given
)
#: ``LogRecord`` attributes that are not extra fields
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


def redact(text: str) -> str:
    for pattern in SECRETS:
        text = pattern.sub(lambda m: (m.group(1) if m.groups() else "") + MASK, text)
    return text


class Redact(logging.Filter):
    """Masks secrets in the message (arguments merged in first) and the traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = redact(message)
        if masked != message:
            record.msg, record.args = masked, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message, request id, the
    record's extra fields and the traceback, if any."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "at": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = REQUEST_ID.get()
        if request_id is not None:
            entry["requestId"] = request_id
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value if isinstance(value, str | int | float | bool) else str(value)
        if record.exc_text:
            entry["exception"] = record.exc_text
        return redact(json.dumps(entry, ensure_ascii=False))


def config(fmt: LogFormat, level: str = "INFO") -> dict[str, Any]:
    """A ``logging.config.dictConfig`` (also uvicorn's ``log_config``): graphcmdb's and
    uvicorn's loggers to stderr in ``fmt``, every record redacted."""
    formatter: dict[str, Any] = (
        {"()": JsonFormatter}
        if fmt == "json"
        else {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}
    )
    handler = {
        "class": "logging.StreamHandler",
        "formatter": "default",
        "filters": ["redact"],
        "stream": "ext://sys.stderr",
    }
    loggers = {
        name: {"handlers": ["default"], "level": level, "propagate": False}
        for name in ("graphcmdb", "strawberry", "uvicorn", "uvicorn.error", "uvicorn.access")
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"redact": {"()": Redact}},
        "formatters": {"default": formatter},
        "handlers": {"default": handler},
        "loggers": loggers,
        "root": {"handlers": ["default"], "level": "WARNING"},
    }
