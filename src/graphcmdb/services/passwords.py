"""People's passwords: argon2id (``argon2-cffi``'s defaults: 64 MiB, 3 passes), never
stored, logged or compared in clear. Verifying costs tens of milliseconds of CPU on
purpose, so the API runs it in a thread (``asyncio.to_thread``), off the event loop.
"""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from graphcmdb.errors import ValidationFailed

MIN_LENGTH = 10
MAX_LENGTH = 1024

_HASHER = PasswordHasher()


@cache
def _decoy() -> str:
    """Verified against when the user does not exist, so an unknown name costs the same
    time as a wrong password (a name cannot be told to exist by timing). Made on first
    need, not at import: a hash costs as much as a sign-in, and every CLI command and
    API process imports this module."""
    return _HASHER.hash("graphcmdb decoy password, never a real one")


def checked(password: str) -> str:
    """The password, if it may be one: ``VALIDATION_FAILED`` (never echoing it) else."""
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        raise ValidationFailed(
            f"A password has {MIN_LENGTH} to {MAX_LENGTH} characters.", field="password"
        )
    if not password.strip():
        raise ValidationFailed("A password is not only spaces.", field="password")
    return password


def hash_password(password: str) -> str:
    return _HASHER.hash(checked(password))


def verify(stored: str | None, password: str) -> bool:
    """Whether ``password`` matches the ``stored`` hash (None: an unknown user, checked
    against a decoy so that it takes as long, and refused)."""
    try:
        ok = _HASHER.verify(stored or _decoy(), password)
    except (VerificationError, InvalidHashError):  # a mismatch is a VerificationError
        return False
    return ok and stored is not None
