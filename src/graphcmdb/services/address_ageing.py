"""Address ageing at the end of a discovery run: addresses re-observed on another CI move,
addresses a source stopped seeing drop (the rules: ``identity/ageing.py``).

One transaction after the run's devices are written: the IP keys involved are locked
(as identifying writers lock them, so an import deciding on one of them runs before or
after, never in between), the facts and holders read, the plan made, the misses counted,
the leaving addresses taken off their CIs and their keys released, one audit entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from graphcmdb.db import identity_claims
from graphcmdb.db.database import Database, Tx
from graphcmdb.db.queries import Q
from graphcmdb.discovery.observation import Observation
from graphcmdb.discovery.reconcile import observed_identity
from graphcmdb.identity.ageing import AgeingPlan, FactView, Holder, plan_ageing, sole_reporters
from graphcmdb.identity.keys import DEVICE_CLASSES, KeyKind
from graphcmdb.services import audit, identity_keys
from graphcmdb.services.actor import Actor
from graphcmdb.services.staleness import covered_hosts

IP = f"{KeyKind.IP}:"


def reported_addresses(reached: Sequence[tuple[str, Observation]]) -> dict[str, set[str]]:
    """Per CI the run reached, the IP addresses its observations gave (normalised, with
    the address each answered on)."""
    out: dict[str, set[str]] = {}
    for ci_id, obs in reached:
        out.setdefault(ci_id, set()).update(observed_identity(obs).ips)
    return out


async def _facts(tx: Tx, ids: list[str]) -> dict[str, list[FactView]]:
    out: dict[str, list[FactView]] = {}
    for row in await tx.run(Q.IDENTITY_IP_FACTS_BY_CI, ids=ids, prefix=IP):
        address = str(row["key"])[len(IP) :]
        fact = FactView(address, str(row["source"]), int(row["missed"]), bool(row["dropped"]))
        out.setdefault(str(row["id"]), []).append(fact)
    return out


async def _holders(tx: Tx, keys: list[str]) -> dict[str, list[Holder]]:
    out: dict[str, list[Holder]] = {}
    rows = await tx.run(Q.IDENTITY_ADDRESS_HOLDERS, keys=keys, classes=sorted(DEVICE_CLASSES))
    for row in rows:
        env = row["environment"]
        holder = Holder(str(row["id"]), str(env) if env is not None else None)
        out.setdefault(str(row["key"])[len(IP) :], []).append(holder)
    return out


async def _cis(tx: Tx, ids: list[str]) -> tuple[dict[str, str | None], dict[str, list[str]]]:
    """The environment and the ``ipAddresses`` of each CI."""
    rows = [r["ci"] for r in await tx.run(Q.IDENTITY_CI_PROPS, ids=ids)]
    envs = {str(c["id"]): c.get("environment") for c in rows}
    return envs, {str(c["id"]): list(c.get("ipAddresses") or []) for c in rows}


async def age(
    db: Database,
    actor: Actor,
    run_id: str,
    reached: Sequence[tuple[str, Observation]],
    targets: Sequence[str],
    source: str,
    answered: Sequence[str] = (),
) -> AgeingPlan:
    """Move and drop the addresses of the CIs a run reached (``(ci id, observation)``
    each; a CI may come with several observations); returns what was decided.
    ``answered``: targets that answered but were not written (refused credentials, an
    ambiguous device): something is still there, so they count as not covered."""
    reported = reported_addresses(reached)
    if not reported:
        return AgeingPlan()
    ids = sorted(reported)
    covered = set(covered_hosts(targets)) - set(covered_hosts(answered))
    sole = sorted(IP + a for a in sole_reporters(reported))
    max_misses = db.settings.address_drop_after_runs

    async def work(tx: Tx) -> AgeingPlan:
        known = await _facts(tx, ids)  # the keys to lock: then read again, under the locks
        locked = {*sole, *(IP + f.address for facts in known.values() for f in facts)}
        await identity_keys.lock(tx, locked)
        facts, holders = await _facts(tx, ids), await _holders(tx, sole)
        envs, current = await _cis(tx, ids)
        plan = plan_ageing(source, reported, facts, holders, envs, covered, max_misses, current)
        if plan.misses:
            rows = [{"id": ci, "keys": [IP + a for a in ips]} for ci, ips in plan.misses.items()]
            await tx.run(Q.IDENTITY_COUNT_MISSES, rows=rows, source=source)
        leaving = plan.leaving()
        if leaving:
            rows = [
                {"id": ci, "ips": ips, "keys": [IP + a for a in ips]} for ci, ips in leaving.items()
            ]
            await tx.run(Q.IDENTITY_DROP_ADDRESSES, rows=rows, now=datetime.now(UTC))
            await identity_claims.claim_ids(tx, list(leaving))
            targets_ = sorted({*leaving, *(m.to_id for m in plan.moves)})
            after = {
                "runId": run_id,
                "source": source,
                "moved": [{"address": m.address, "from": m.from_id, "to": m.to_id}
                          for m in plan.moves],
                "dropped": [{"address": d.address, "ciId": d.ci_id, "missedRuns": d.missed}
                            for d in plan.drops],
            }  # fmt: skip
            await audit.record(tx, actor, "ageAddresses", targets_, leaving, after)
        await identity_keys.drop_unclaimed(tx, locked)  # a key the lock created for nothing
        return plan

    return await db.write(work)
