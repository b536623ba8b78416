"""Typed errors. Each carries a stable ``code`` and details; GraphQL exposes both as
``extensions`` so a client can branch on the code and show the message."""

from __future__ import annotations

from typing import Any


class CmdbError(Exception):
    """Base of every error a caller is meant to see."""

    code = "CMDB_ERROR"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    @property
    def extensions(self) -> dict[str, Any]:
        return {"code": self.code, **self.details}


class NotFound(CmdbError):
    code = "NOT_FOUND"

    def __init__(self, kind: str, ids: list[str]) -> None:
        super().__init__(f"No {kind} with id {', '.join(sorted(ids))}.", kind=kind, ids=sorted(ids))


class ValidationFailed(CmdbError):
    code = "VALIDATION_FAILED"


class BulkValidationFailed(CmdbError):
    """One or more rows of a bulk write are invalid; nothing was written."""

    code = "BULK_VALIDATION_FAILED"

    def __init__(self, problems: list[dict[str, Any]]) -> None:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(
            f"input[{first['row']}].{first['field']}: {first['reason']}{more}. "
            "Nothing was written.",
            problems=problems,
        )


class Duplicate(CmdbError):
    code = "DUPLICATE"


class IllegalRelationship(CmdbError):
    code = "ILLEGAL_RELATIONSHIP"


class HasDependents(CmdbError):
    code = "HAS_DEPENDENTS"


class Unauthenticated(CmdbError):
    code = "UNAUTHENTICATED"


class Forbidden(CmdbError):
    code = "FORBIDDEN"


class DatabaseUnavailable(CmdbError):
    code = "DATABASE_UNAVAILABLE"


class LimitExceeded(CmdbError):
    code = "LIMIT_EXCEEDED"


class IllegalTransition(CmdbError):
    """A lifecycle move the state machine does not allow; ``allowed`` lists the legal ones."""

    code = "ILLEGAL_TRANSITION"


class DisposalIncomplete(CmdbError):
    """DISPOSED without a disposal method, or without a data-wipe reference for storage."""

    code = "DISPOSAL_INCOMPLETE"


class AlreadyLinked(CmdbError):
    """An asset tracks one CI and a CI has one asset; a second link is refused."""

    code = "ALREADY_LINKED"


class ImportValidationFailed(CmdbError):
    """Rows of an import file are invalid; nothing was written."""

    code = "IMPORT_VALIDATION_FAILED"

    def __init__(self, problems: list[dict[str, Any]], total: int) -> None:
        first = problems[0]
        more = f" (and {total - 1} more)" if total > 1 else ""
        super().__init__(
            f"Line {first['line']}, column '{first['column']}': {first['reason']}{more}. "
            "Nothing was written.",
            problems=problems,
            count=total,
        )


class IllegalMerge(CmdbError):
    """A CI merged with itself, or CIs of different classes merged without ``force``."""

    code = "ILLEGAL_MERGE"


class DiscoveryUnavailable(CmdbError):
    """The SNMP scanner cannot be loaded in this installation."""

    code = "DISCOVERY_UNAVAILABLE"
