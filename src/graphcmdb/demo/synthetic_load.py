"""Load a synthetic CMDB through the service layer, batch by batch.

CIs go through ``bulk.upsert_cis`` and relationships through
``relations.relate_many`` (validation and one audit entry per batch, as for any
import); services through ``business_services``, one by one, since there are only
about one per 500 CIs. Only a (ciClass, name) -> id map outlives a batch. Loading
the same plan twice gives the same graph: CIs are upserted by natural key,
services looked up by name, relationships merged.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graphcmdb.db.database import Database
from graphcmdb.demo.load import ensure_service, existing_services
from graphcmdb.demo.model import DemoService
from graphcmdb.demo.synthetic import RandomPool, SyntheticPlan, generate, plan_synthetic
from graphcmdb.demo.synthetic_model import SERVICE, Key, Rel
from graphcmdb.domain.models import RelateInput
from graphcmdb.services import bulk, relations
from graphcmdb.services.actor import Actor, system_actor

#: ``progress(stage, done, total)``, stages "services", "cis", "relationships"; the
#: relationship total is an estimate (extrapolated from the stream) until the last call
Progress = Callable[[str, int, int], None]
#: service writes in flight at once
SERVICE_WRITERS = 4


@dataclass(frozen=True)
class SyntheticSummary:
    cis: int
    services: int
    relationships: int
    seconds: float
    seed: int = 42
    cis_created: int = 0
    services_created: int = 0
    #: per site, ids of the first hypervisor, the SAN and the border router ("core_switch")
    hotspots: dict[str, list[str]] = field(default_factory=dict)
    hotspot_names: dict[str, list[str]] = field(default_factory=dict)
    #: ~1000 CI ids, the same for the same (cis, seed), to pick "random CIs" from
    random_pool: list[str] = field(default_factory=list)

    @property
    def rows_per_second(self) -> float:
        """Nodes plus relationships written per second."""
        rows = self.cis + self.services + self.relationships
        return rows / self.seconds if self.seconds else 0.0


def _silent(stage: str, done: int, total: int) -> None:
    """The default progress callback."""


async def load_synthetic(
    db: Database,
    cis: int,
    seed: int = 42,
    batch_size: int = 10_000,
    progress: Progress | None = None,
    *,
    actor: Actor | None = None,
) -> SyntheticSummary:
    """Generate and load ``cis`` CIs (plus services and relationships); safe to repeat.

    Another size or seed loaded into the same graph overlays this one (names such as
    ``esx-s01-r001-h01`` recur), so benchmarks should start from an empty graph.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    loader = _Loader(db, actor or system_actor("generator"), plan_synthetic(cis, seed))
    return await loader.run(batch_size, progress or _silent)


async def ensure_services(
    db: Database, actor: Actor, services: tuple[DemoService, ...], report: Progress = _silent
) -> tuple[dict[str, str], int]:
    """Create the missing services and restore changed ones; their ids by name, and how
    many were created. There is no bulk service write, so this is one small transaction
    per service that changes, a few in flight at once (round trips, not the database,
    bound them: 2,000 services one after the other took 25 s)."""
    stored = await existing_services(db, {s.name for s in services})
    ids: dict[str, str] = {}
    created: list[bool] = []
    gate = asyncio.Semaphore(SERVICE_WRITERS)

    async def one(svc: DemoService) -> None:
        async with gate:
            ids[svc.name], new, _ = await ensure_service(db, actor, svc, stored.get(svc.name))
        created.append(new)
        report("services", len(created), len(services))

    await asyncio.gather(*(one(svc) for svc in services))
    return ids, sum(created)


class _Loader:
    """Buffers the stream, writes CIs before the relationships that need them."""

    def __init__(self, db: Database, actor: Actor, plan: SyntheticPlan) -> None:
        self.db = db
        self.actor = actor
        self.plan = plan
        self.ids: dict[Key, str] = {}
        self.pool = RandomPool(plan.seed)
        self.cis: list[dict[str, Any]] = []
        self.rels: list[Rel] = []
        self.generated = [0, 0]  # CIs, relationships seen in the stream
        self.cis_done = self.cis_created = self.rels_done = 0
        self._relating: asyncio.Task[None] | None = None

    async def run(self, batch_size: int, report: Progress) -> SyntheticSummary:
        started = time.perf_counter()
        names, services_created = await ensure_services(
            self.db, self.actor, self.plan.services, report
        )
        self.ids.update({(SERVICE, name): i for name, i in names.items()})
        report("cis", 0, self.plan.cis)
        try:
            for chunk in generate(self.plan):
                for row in chunk.cis:
                    self.pool.offer((row["ciClass"], row["name"]))
                self.cis.extend(chunk.cis)
                self.rels.extend(chunk.rels)
                self.generated[0] += len(chunk.cis)
                self.generated[1] += len(chunk.rels)
                if len(self.cis) >= batch_size:
                    await self._step(batch_size, report, final=False)
            await self._step(batch_size, report, final=True)
            await self._settle()
        finally:
            if self._relating is not None:
                self._relating.cancel()
                await asyncio.gather(self._relating, return_exceptions=True)
        return self._summary(time.perf_counter() - started, services_created)

    async def _step(self, batch_size: int, report: Progress, *, final: bool) -> None:
        """Write the buffered CIs while the previous relationships are still being written,
        then start writing the relationships that became writable.

        The overlap keeps both cores busy (Python validating one batch, Neo4j writing
        the other). The two transactions never lock the same node: relationships only
        touch CIs of earlier batches, the upsert only those of the current one.
        """
        await self._write_cis(report)
        await self._settle()
        parts = []
        while len(self.rels) >= batch_size or (final and self.rels):
            parts.append(self.rels[:batch_size])
            del self.rels[:batch_size]
        if parts:
            self._relating = asyncio.create_task(self._write_rels(parts, report, final))

    async def _settle(self) -> None:
        """Wait for the relationship batches in flight (their errors surface here)."""
        if self._relating is not None:
            task, self._relating = self._relating, None
            await task

    async def _write_cis(self, report: Progress) -> None:
        if not self.cis:
            return
        result = await bulk.upsert_cis(self.db, self.actor, self.cis)
        for row, ci_id in zip(self.cis, result.ids, strict=True):
            self.ids[(row["ciClass"], row["name"])] = ci_id
        self.cis_done += len(self.cis)
        self.cis_created += result.created
        self.cis = []
        report("cis", self.cis_done, self.plan.cis)

    async def _write_rels(self, parts: list[list[Rel]], report: Progress, final: bool) -> None:
        """One ``relate_many`` per part; every endpoint is already written."""
        for part in parts:
            items = [
                RelateInput(
                    fromId=self.ids[r.source], type=r.type, toId=self.ids[r.target], kind=r.kind
                )
                for r in part
            ]
            self.rels_done += await relations.relate_many(self.db, self.actor, items)
            report("relationships", self.rels_done, self._rels_total(final))

    def _rels_total(self, final: bool) -> int:
        cis, rels = self.generated
        if final:
            return max(rels, self.rels_done)
        return max(self.rels_done, round(rels * self.plan.cis / max(cis, 1)))

    def _summary(self, seconds: float, services_created: int) -> SyntheticSummary:
        hotspots = self.plan.hotspot_keys()
        return SyntheticSummary(
            cis=self.cis_done,
            services=len(self.plan.services),
            relationships=self.rels_done,
            seconds=round(seconds, 3),
            seed=self.plan.seed,
            cis_created=self.cis_created,
            services_created=services_created,
            hotspots={k: [self.ids[key] for key in keys] for k, keys in hotspots.items()},
            hotspot_names={k: [key[1] for key in keys] for k, keys in hotspots.items()},
            random_pool=[self.ids[key] for key in self.pool.keys],
        )
