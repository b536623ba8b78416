"""What every payload reader shares: validation into typed records, with the problems
named by field, and the cap on alerts per payload."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from graphcmdb.errors import PayloadInvalid, TooManyAlerts

M = TypeVar("M", bound=BaseModel)
#: problems named in one answer at most
MAX_PROBLEMS = 20
#: Alertmanager's "no end yet" (Go's zero time)
ZERO_TIME_YEAR = 1


def validated(model: type[M], data: object, source: str) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = [
            {"field": ".".join(str(p) for p in e["loc"]) or "(body)", "reason": e["msg"]}
            for e in exc.errors()[:MAX_PROBLEMS]
        ]
        first = problems[0]
        raise PayloadInvalid(
            f"Not a valid {source} payload: {first['field']}: {first['reason']}"
            + (f" (and {len(exc.errors()) - 1} more)" if len(exc.errors()) > 1 else "")
            + ". Nothing was stored.",
            problems=problems,
        ) from None


def check_count(count: int, most: int) -> None:
    if count > most:
        raise TooManyAlerts(
            f"The payload carries {count} alerts; at most {most} are accepted at once. "
            "Nothing was stored.",
            alerts=count,
            limit=most,
        )


def moment(value: datetime | None) -> datetime | None:
    """An aware time, or None for none or Go's zero time."""
    if value is None or value.year <= ZERO_TIME_YEAR:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
