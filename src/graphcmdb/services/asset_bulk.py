"""Bulk create-or-update of assets by asset tag (the import path), one transaction."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from graphcmdb.db.database import Database, Tx
from graphcmdb.db.queries import Q
from graphcmdb.domain.itam_models import AssetCreate, money_problem
from graphcmdb.domain.specs import ASSET_SPEC
from graphcmdb.errors import ImportValidationFailed
from graphcmdb.services import asset_identification, assets, audit, nodes
from graphcmdb.services.actor import Actor
from graphcmdb.services.asset_identification import AssetSerial
from graphcmdb.services.audit import ImportSource, import_note
from graphcmdb.services.bulk import UpsertResult
from graphcmdb.services.row_checks import check_unique, checked_props, split_defaults

#: Filled in only when an asset is created, so an import never resets them.
CREATE_DEFAULTS = ("name", "hasStorage", "depreciationMethod")


def prepare_asset(raw: dict[str, Any]) -> dict[str, Any]:
    record = AssetCreate.model_validate(raw)
    props = checked_props(record, money_problem)
    state = props.pop("lifecycleState")
    explicit = set(raw)
    row = split_defaults(props, explicit, CREATE_DEFAULTS)
    # a state is given on creation only: an existing asset moves by transitions
    row["defaults"]["lifecycleState"] = state
    return {
        "id": str(uuid.uuid4()),
        "assetTag": record.assetTag,
        "state": state,
        "stateGiven": "lifecycleState" in explicit,
        **row,
    }


def check_asset_rows(
    rows: list[dict[str, Any]],
) -> tuple[list[dict[str, Any] | None], list[dict[str, Any]]]:
    """Each row prepared (None where invalid) and the problems with their row index."""
    return check_unique(rows, prepare_asset, "assetTag")


async def states_by_tag(tx: Tx, tags: list[str]) -> dict[str, str]:
    """The lifecycle state of each existing asset among ``tags``, by tag (no round trip
    for none: most imports name no state)."""
    if not tags:
        return {}
    [answer] = await tx.raw(Q.ASSET_STATES_BY_TAGS, tags=tags)
    return {str(tag): str(state) for tag, state in answer["states"]}


async def state_conflicts(tx: Tx, prepared: list[dict[str, Any]]) -> dict[str, str]:
    """Existing assets whose row names another lifecycle state: tag -> current state."""
    given = [p for p in prepared if p["stateGiven"]]
    current = await states_by_tag(tx, [p["assetTag"] for p in given])
    return {
        p["assetTag"]: current[p["assetTag"]]
        for p in given
        if p["assetTag"] in current and current[p["assetTag"]] != p["state"]
    }


def _conflict_error(conflicts: dict[str, str], lines: dict[str, int]) -> ImportValidationFailed:
    problems = [
        {
            "line": lines[tag],
            "column": "lifecycleState",
            "reason": f"is {state}; states change through transitionAsset",
        }
        for tag, state in sorted(conflicts.items(), key=lambda c: lines[c[0]])
    ]
    return ImportValidationFailed(problems[:100], len(problems))


async def check_states(db: Database, prepared: list[dict[str, Any]], lines: dict[str, int]) -> None:
    """Refuse the whole import before any batch is written if a row would move a state."""

    async def work(tx: Tx) -> dict[str, str]:
        return await state_conflicts(tx, prepared)

    conflicts = await db.read_tx(work)
    if conflicts:
        raise _conflict_error(conflicts, lines)


async def write_assets(
    db: Database,
    actor: Actor,
    prepared: list[dict[str, Any]],
    lines: dict[str, int],
    source: ImportSource | None = None,
) -> UpsertResult:
    """One transaction; a state change on an existing asset refuses the whole import."""
    now = datetime.now(UTC)

    async def work(tx: Tx) -> UpsertResult:
        conflicts = await state_conflicts(tx, prepared)
        if conflicts:  # changed since check_states ran: refuse this batch too
            raise _conflict_error(conflicts, lines)
        written = await nodes.upsert_in(tx, ASSET_SPEC, prepared, now)
        new = [str(w["id"]) for w in written if w["created"]]
        await assets.record_first_events(tx, actor, new, "imported")
        created = len(new)
        changed = [w for w in written if w["changed"]]
        serials = [
            AssetSerial(
                str(w["id"]), p["props"].get("serialNumber"), p["props"].get("manufacturer")
            )
            for w, p in zip(written, prepared, strict=True)
        ]
        tracked = await asset_identification.link_by_serial(tx, serials)
        if changed or tracked:
            await audit.record(
                tx,
                actor,
                "importAssets",
                sorted({str(w["id"]) for w in changed} | {t.asset_id for t in tracked}),
                None,
                {
                    "created": created,
                    "updated": len(changed) - created,
                    "unchanged": len(written) - len(changed),
                    "assetTags": [w["assetTag"] for w in changed],
                    "tracked": [{"assetId": t.asset_id, "ciId": t.ci_id} for t in tracked],
                }
                | import_note(source),
            )
        return UpsertResult.counted([str(w["id"]) for w in written], created, len(changed))

    return await db.write(work)
