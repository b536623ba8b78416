"""The scopes of the request being served, handed to every scoped statement.

A token may carry scopes (``graph.enums.ScopeKind`` = value); a scoped token sees only
what is inside at least one of them. The API binds the caller's scopes once per request
(:func:`bound`); every catalogue statement that tests visibility (its text names
``$scoped``: the generated reads and writes, ``node/visible_ids``) gets them as
parameters from here, so no read can forget them. Outside a request (the CLI, the
server's own work) nothing is scoped.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from graphcmdb.graph.enums import ScopeKind


@dataclass(frozen=True)
class Scope:
    kind: ScopeKind
    value: str

    @property
    def text(self) -> str:
        """How a token stores it: ``environment=PRODUCTION``."""
        return f"{self.kind.value}={self.value}"

    @classmethod
    def parse(cls, text: str) -> Scope:
        kind, sep, value = text.partition("=")
        if not sep or not value.strip():
            raise ValueError(f"a scope is kind=value, e.g. environment=PRODUCTION: {text!r}")
        return cls(ScopeKind(kind.strip().lower()), value.strip())


def scope_params(scopes: tuple[Scope, ...]) -> dict[str, object]:
    """The parameters of the visibility predicate; ``scoped`` null: sees everything."""

    def values(kind: ScopeKind) -> list[str]:
        return sorted({s.value for s in scopes if s.kind is kind})

    return {
        "scoped": True if scopes else None,
        "scopeEnvironments": values(ScopeKind.ENVIRONMENT),
        "scopeLocations": values(ScopeKind.LOCATION),
        "scopeOwners": values(ScopeKind.OWNER),
        "scopeServices": values(ScopeKind.SERVICE),
    }


UNSCOPED = scope_params(())
_current: ContextVar[dict[str, object]] = ContextVar("graphcmdb_scopes", default=UNSCOPED)


def current() -> dict[str, object]:
    return _current.get()


def is_scoped() -> bool:
    return current()["scoped"] is not None


def bind(scopes: tuple[Scope, ...]) -> None:
    """Scope the rest of this task (a request's) and the tasks it starts."""
    _current.set(scope_params(scopes))


@contextmanager
def bound(scopes: tuple[Scope, ...]) -> Iterator[None]:
    token = _current.set(scope_params(scopes))
    try:
        yield
    finally:
        _current.reset(token)
