"""Typed errors. Each carries a stable ``code`` and details; GraphQL exposes both as
``extensions`` so a client can branch on the code and show the message."""

from __future__ import annotations

from typing import Any, ClassVar


class CmdbError(Exception):
    """Base of every error a caller is meant to see; a subclass names its code:
    ``class Duplicate(CmdbError, code="DUPLICATE")``."""

    code: ClassVar[str] = "CMDB_ERROR"

    def __init_subclass__(cls, code: str, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.code = code

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    @property
    def extensions(self) -> dict[str, Any]:
        return {"code": self.code, **self.details}


def _nothing_written(where: str, first: dict[str, Any], total: int) -> str:
    """The message of a refused batch: its first problem and how many more there are."""
    more = f" (and {total - 1} more)" if total > 1 else ""
    return f"{where}: {first['reason']}{more}. Nothing was written."


class NotFound(CmdbError, code="NOT_FOUND"):
    def __init__(self, kind: str, ids: list[str]) -> None:
        super().__init__(f"No {kind} with id {', '.join(sorted(ids))}.", kind=kind, ids=sorted(ids))


class ValidationFailed(CmdbError, code="VALIDATION_FAILED"): ...


def refuse_problem(problem: tuple[str, str] | None) -> None:
    """Raise :class:`ValidationFailed` for the (field, reason) that a record's fields
    contradict each other with (``contract_problem`` ...); nothing for None."""
    if problem:
        field, reason = problem
        raise ValidationFailed(f"Field '{field}': {reason}.", field=field)


class BulkValidationFailed(CmdbError, code="BULK_VALIDATION_FAILED"):
    """One or more rows of a bulk write are invalid; nothing was written."""

    def __init__(self, problems: list[dict[str, Any]]) -> None:
        first = problems[0]
        where = f"input[{first['row']}].{first['field']}"
        super().__init__(_nothing_written(where, first, len(problems)), problems=problems)


class Duplicate(CmdbError, code="DUPLICATE"): ...


class IllegalRelationship(CmdbError, code="ILLEGAL_RELATIONSHIP"): ...


class HasDependents(CmdbError, code="HAS_DEPENDENTS"): ...


class Unauthenticated(CmdbError, code="UNAUTHENTICATED"): ...


class Forbidden(CmdbError, code="FORBIDDEN"): ...


class OutsideScopes(CmdbError, code="OUTSIDE_SCOPES"):
    """A scoped token created something none of its scopes contains (rolled back)."""


class DatabaseUnavailable(CmdbError, code="DATABASE_UNAVAILABLE"): ...


class DatabaseBusy(CmdbError, code="DATABASE_BUSY"):
    """Concurrent writes kept colliding (deadlocks, lock waits) past the driver's retries:
    nothing was written; retry after ``retryAfter`` seconds (HTTP 503)."""


class LimitExceeded(CmdbError, code="LIMIT_EXCEEDED"): ...


class RequestTimedOut(CmdbError, code="TIMEOUT"):
    """A transaction or a whole request ran past its deadline (``db/deadlines.py``,
    ``api/lifetime.py``) and was stopped; ``retrySafe`` says whether nothing was written."""


class Overloaded(CmdbError, code="OVERLOADED"):
    """The server is at capacity for this kind of operation; retry after ``retryAfter``
    seconds (HTTP 503)."""


class RateLimited(CmdbError, code="RATE_LIMITED"):
    """The token made more requests than its rate allows; retry after ``retryAfter``
    seconds (HTTP 429)."""


class QueryTooCostly(CmdbError, code="QUERY_TOO_COSTLY"):
    """A document over the cost budget or the fragment-spread cap (``api/graphql/cost``)."""


class IllegalTransition(CmdbError, code="ILLEGAL_TRANSITION"):
    """A lifecycle move the state machine does not allow; ``allowed`` lists the legal ones."""


class DisposalIncomplete(CmdbError, code="DISPOSAL_INCOMPLETE"):
    """DISPOSED without a disposal method, or without a data-wipe reference for storage."""


class AlreadyLinked(CmdbError, code="ALREADY_LINKED"):
    """An asset tracks one CI and a CI has one asset; a second link is refused."""


class ImportValidationFailed(CmdbError, code="IMPORT_VALIDATION_FAILED"):
    """Rows of an import file are invalid; nothing was written."""

    def __init__(self, problems: list[dict[str, Any]], total: int) -> None:
        first = problems[0]
        where = f"Line {first['line']}, column '{first['column']}'"
        super().__init__(_nothing_written(where, first, total), problems=problems, count=total)


class IllegalMerge(CmdbError, code="ILLEGAL_MERGE"):
    """A CI merged with itself, or CIs of different classes or serials merged without
    ``force``."""


class DiscoveryUnavailable(CmdbError, code="DISCOVERY_UNAVAILABLE"):
    """The SNMP scanner cannot be loaded in this installation."""


class AmbiguousIdentity(CmdbError, code="AMBIGUOUS_IDENTITY"):
    """A thing matches several CIs, or its identifiers point at different CIs; nothing
    is guessed (``candidates`` lists them)."""


class PlanStale(CmdbError, code="PLAN_STALE"):
    """A previewed plan no longer matches the graph: it was refused, not applied."""


class SecretKeyUnavailable(CmdbError, code="SECRET_KEY_UNAVAILABLE"):
    """A sealed secret cannot be opened or sealed: its key (named by ``keyId``) is not in
    the keyring, the key file is unusable, or the value does not open where it is."""


class PayloadInvalid(CmdbError, code="INVALID_PAYLOAD"):
    """A monitoring payload that is not what its sender documents; nothing was stored."""


class TooManyAlerts(CmdbError, code="TOO_MANY_ALERTS"):
    """A monitoring payload carrying more alerts than ``event_max_alerts``."""
