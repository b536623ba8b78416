"""Stale CIs and links: flagged in reports, never deleted.

Two rules (see ``domain/quality_rules.py`` for the per-class periods):

- **Not confirmed for N days.** A CI is confirmed when a source sees it (``lastSeen``),
  else when a person or an import last wrote it (``updatedAt``), else when it was
  created. A discovered link (``CONNECTED_TO`` with a ``source``) is confirmed when a
  run sees it again (``lastSeen``), else when it was created; its period is the shorter
  of its two ends' classes. Links people draw are theirs and never go stale.
- **Not seen by a run that covered both ends.** At the end of a discovery run, every
  discovered link of a device the run reached that the run did not see, although the run
  covered the other end too (reached it, or had one of its addresses or names among its
  targets), gets ``staleSince``/``staleRun``. The next run that sees the link clears
  them (``discovery/link``). A run that reached neither end, or covered only one, says
  nothing about the link: a partial run flags nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from graphcmdb.config import Settings
from graphcmdb.db.database import Database, Row, Tx
from graphcmdb.db.queries import Q
from graphcmdb.discovery.targets import TargetError, parse_targets
from graphcmdb.domain.quality_rules import StalenessPolicy
from graphcmdb.domain.records import CIRecord
from graphcmdb.domain.specs import CI_SPEC
from graphcmdb.graph.enums import CIClass
from graphcmdb.services import audit, nodes
from graphcmdb.services.actor import Actor
from graphcmdb.services.reconciliation import row_limit


def policy_of(settings: Settings) -> StalenessPolicy:
    return StalenessPolicy(settings.stale_after_days, dict(settings.stale_after_days_by_class))


@dataclass(frozen=True)
class StaleCI:
    ci: CIRecord
    confirmed_at: datetime
    stale_after_days: int


@dataclass(frozen=True)
class LinkEnd:
    id: str
    name: str
    ci_class: CIClass


@dataclass(frozen=True)
class StaleLink:
    """A discovered link; ``stale_since`` is set when a covering run did not see it."""

    id: str | None
    from_ci: LinkEnd
    to_ci: LinkEnd
    local_port: str | None
    remote_port: str | None
    source: str
    confirmed_at: datetime
    stale_since: datetime | None
    stale_run: str | None


def covered_hosts(targets: Sequence[str]) -> list[str]:
    """The hosts (addresses, names; lower case) a run's targets name; none if unreadable."""
    try:
        return sorted({t.host.lower() for t in parse_targets(targets)})
    except TargetError:
        return []


async def flag_unseen_links(
    db: Database,
    actor: Actor,
    run_id: str,
    targets: Sequence[str],
    reached: Sequence[str],
    seen: Sequence[str],
) -> int:
    """Flag the links a run should have seen and did not (the second rule above).

    ``reached``: ids of the CIs the run wrote or confirmed; ``seen``: element ids of the
    links it saw. One transaction, one audit entry when anything was flagged.
    """
    if not reached:
        return 0
    hosts = covered_hosts(targets)

    async def work(tx: Tx) -> int:
        flagged = await tx.run(
            Q.DISCOVERY_FLAG_UNSEEN_LINKS,
            reached=list(reached),
            seen=list(seen),
            hosts=hosts,
            now=datetime.now(UTC),
            runId=run_id,
        )
        if flagged:
            ids = sorted({r["fromId"] for r in flagged} | {r["toId"] for r in flagged})
            after = {"runId": run_id, "staleLinks": flagged}
            await audit.record(tx, actor, "discoveryLinksStale", ids, None, after)
        return len(flagged)

    return await db.write(work)


async def stale_cis(
    db: Database,
    policy: StalenessPolicy,
    ci_class: CIClass | None = None,
    as_of: datetime | None = None,
    limit: int = 1000,
) -> list[StaleCI]:
    """CIs not confirmed within their class's period, the longest unconfirmed first."""
    rows = await db.read(
        Q.QUALITY_STALE_CIS,
        ciClass=ci_class.value if ci_class else None,
        cutoffs=policy.cutoffs(as_of or datetime.now(UTC)),
        limit=row_limit(limit),
    )
    out = []
    for r in rows:
        ci = nodes.as_record(CI_SPEC, r["ci"])
        out.append(StaleCI(ci, r["confirmedAt"], policy.days(ci.ciClass)))
    return out


def _end(row: Row) -> LinkEnd:
    return LinkEnd(str(row["id"]), str(row["name"]), CIClass(row["ciClass"]))


async def stale_links(
    db: Database, policy: StalenessPolicy, as_of: datetime | None = None, limit: int = 1000
) -> list[StaleLink]:
    """Discovered links flagged by a covering run or not confirmed within their period."""
    rows = await db.read(
        Q.QUALITY_STALE_LINKS,
        cutoffs=policy.cutoffs(as_of or datetime.now(UTC)),
        limit=row_limit(limit),
    )
    return [
        StaleLink(
            id=r["id"],
            from_ci=_end(r["fromCI"]),
            to_ci=_end(r["toCI"]),
            local_port=r["localPort"],
            remote_port=r["remotePort"],
            source=str(r["source"]),
            confirmed_at=r["confirmedAt"],
            stale_since=r["staleSince"],
            stale_run=r["staleRun"],
        )
        for r in rows
    ]
