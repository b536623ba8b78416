"""The history tests' clock: versions are stamped with ``Database.clock``, which a test
moves by hand (``clock.now += …``) so each change has a time of its own."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from graphcmdb.db.database import Database

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = MONDAY

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(db: Database) -> Iterator[Clock]:
    fake, real = Clock(), db.clock
    db.clock = fake
    yield fake
    db.clock = real
