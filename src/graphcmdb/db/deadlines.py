"""How long a transaction may run, by the kind of work it is part of.

A read is short (``read_deadline_s``); a write, and every transaction of work that
writes (a mutation's previews and plans read too, over up to 100,000 rows), is long
(``write_deadline_s``). The API marks a mutation's work with :func:`writing`; a
transaction started inside gets the write deadline whatever its mode.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from graphcmdb.config import Settings

_writing: ContextVar[bool] = ContextVar("graphcmdb_writing", default=False)


@contextmanager
def writing() -> Iterator[None]:
    """Transactions started inside (tasks started inside too) are part of a write."""
    token = _writing.set(True)
    try:
        yield
    finally:
        _writing.reset(token)


def transaction_seconds(settings: Settings, mode: str) -> float:
    """The deadline of a transaction of ``mode`` ("r" or "w") started here; 0: none."""
    if mode == "w" or _writing.get():
        return settings.write_deadline_s
    return settings.read_deadline_s
