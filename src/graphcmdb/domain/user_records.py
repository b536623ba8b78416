"""The read record of a person who signs in: never the password hash (``hidden`` in
``USER_SPEC``, so no record, GraphQL answer or log line can carry it). Its grants read
as a token's (``Grants``): role, permissions, scopes."""

from __future__ import annotations

from datetime import datetime

from graphcmdb.domain.system_records import Grants


class UserRecord(Grants):
    """``name`` is the user name, what a person types to sign in (unique)."""

    createdAt: datetime
    updatedAt: datetime
    #: set once disabled: the user's sessions are gone and sign-in is refused
    disabledAt: datetime | None = None
    lastSignInAt: datetime | None = None
