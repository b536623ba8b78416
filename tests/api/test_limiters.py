"""The limiters on their own: bounded concurrency with a bounded line, token buckets,
and which fields make a document expensive."""

from __future__ import annotations

import asyncio

import pytest
from graphql import parse

from graphcmdb.api.capacity import Capacity, CapacityFull
from graphcmdb.api.graphql.cost import WEIGHTS, weighted_fields
from graphcmdb.api.graphql.schema import build_schema
from graphcmdb.api.graphql.shedding import CLASSES
from graphcmdb.api.rate import TokenBuckets
from graphcmdb.config import Settings


async def test_a_capacity_runs_some_lines_up_some_and_refuses_the_rest() -> None:
    capacity = Capacity(running=1, waiting=1)
    release = asyncio.Event()

    async def hold() -> None:
        async with capacity.slot():
            await release.wait()

    first = asyncio.create_task(hold())
    second = asyncio.create_task(hold())
    await asyncio.sleep(0)
    assert (capacity.running, capacity.waiting) == (1, 1)
    with pytest.raises(CapacityFull):
        async with capacity.slot():
            pass
    second.cancel()  # a waiter that gives up gives its place back
    await asyncio.gather(second, return_exceptions=True)
    assert (capacity.running, capacity.waiting) == (1, 0)
    release.set()
    await first
    assert (capacity.running, capacity.waiting) == (0, 0)


def test_a_bucket_allows_its_burst_then_its_rate() -> None:
    now = [0.0]
    buckets = TokenBuckets(rate=2.0, burst=2, clock=lambda: now[0])
    assert [buckets.take("a"), buckets.take("a"), buckets.take("a")] == [None, None, 1]
    assert buckets.take("b") is None  # one bucket per key
    now[0] = 0.5  # one earned at 2 a second
    assert [buckets.take("a"), buckets.take("a")] == [None, 1]
    assert TokenBuckets(rate=0, burst=1).take("a") is None  # 0: no limit


def test_buckets_are_bounded() -> None:
    buckets = TokenBuckets(rate=1.0, burst=1, clock=lambda: 0.0)
    for i in range(TokenBuckets.MAX_KEYS + 5):
        buckets.take(str(i))
    assert len(buckets._buckets) == TokenBuckets.MAX_KEYS


def test_every_expensive_field_has_a_class_and_cheap_ones_none() -> None:
    expensive = {name for name, weight in WEIGHTS.items() if weight >= 50}
    assert set(CLASSES) == expensive


def test_a_document_is_classed_by_the_expensive_fields_it_selects_anywhere() -> None:
    schema = build_schema(Settings())._schema
    document = parse(
        "query { cis { totalCount } ...F } fragment F on Query { ...G } "
        'fragment G on Query { impact(down: ["x"]) { summary { nodesDown } } }'
    )
    assert "Query.impact" in weighted_fields(schema, document)
    assert not {f for f in weighted_fields(schema, parse("{ cis { totalCount } }")) if f in CLASSES}
