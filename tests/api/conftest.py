"""The as-of tests' week: the database's clock starts on Monday; a test moves it on by
setting ``week[0]`` (what every write then records as its time)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from graphcmdb.db.database import Database

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TUESDAY = MONDAY + timedelta(days=1)


@pytest.fixture
def week(db: Database) -> Iterator[list[datetime]]:
    real, now = db.clock, [MONDAY]
    db.clock = lambda: now[0]
    yield now
    db.clock = real
