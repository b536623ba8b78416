"""What expires soon, with the services each item affects (rules in ``itam/expiry.py``).

One read per requested kind plus one batched ``rel/services_by_ids`` call for the
CIs of every item, whatever the number of items: no query per item.

The CIs behind an item: for a warranty, the CI its asset tracks; for a contract, the
CIs tracked by the assets it covers; for a license (ending with the contract it is
UNDER), the CIs with an installation that license covers (version rule included).
Warranties of RETIRED, DISPOSED or LOST assets are left out: nobody renews those.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypedDict

from graphcmdb.db.database import Database, Row, Tx
from graphcmdb.db.queries import Q
from graphcmdb.domain.records import AssetRecord, ContractRecord, ServiceRecord
from graphcmdb.domain.specs import ASSET_SPEC, CONTRACT_SPEC
from graphcmdb.errors import ValidationFailed
from graphcmdb.graph.enums import LifecycleState
from graphcmdb.itam.expiry import (
    AffectedService,
    ExpiringItem,
    ExpiringKind,
    Window,
    attach_services,
    sort_key,
)
from graphcmdb.itam.versions import covers
from graphcmdb.services import nodes
from graphcmdb.services.licenses import LicenseView, license_view
from graphcmdb.services.relations import supported_services

INACTIVE = (LifecycleState.RETIRED, LifecycleState.DISPOSED, LifecycleState.LOST)
#: A window longer than this is a listing of everything, not a warning.
MAX_WINDOW_DAYS = 3660


class _Terms(TypedDict):
    end_date: date
    notice_date: date
    as_of: date
    auto_renew: bool


def _contract_terms(window: Window, contract: Row) -> _Terms:
    """When a contract (or a license under it) ends, its notice date and renewal."""
    return _Terms(
        end_date=contract["endDate"],
        notice_date=window.notice_date(contract["endDate"], contract.get("noticeDays")),
        as_of=window.as_of,
        auto_renew=bool(contract.get("autoRenew")),
    )


def _warranty(window: Window, r: Row) -> ExpiringItem:
    asset = r["asset"]
    return ExpiringItem(
        kind=ExpiringKind.WARRANTY,
        id=asset["id"],
        reference=asset["assetTag"],
        end_date=asset["warrantyEnd"],
        notice_date=asset["warrantyEnd"],
        as_of=window.as_of,
        row=asset,
        ci_ids=[r["ciId"]] if r["ciId"] else [],
    )


def _contract(window: Window, r: Row) -> ExpiringItem:
    contract = r["contract"]
    return ExpiringItem(
        kind=ExpiringKind.CONTRACT,
        id=contract["id"],
        reference=contract["number"],
        row=contract,
        ci_ids=sorted(set(r["ciIds"])),
        **_contract_terms(window, contract),
    )


def _license(window: Window, r: Row) -> ExpiringItem:
    license, product, contract = r["license"], r["product"], r["contract"]
    downgradable = bool(license.get("downgradable"))
    cis = {
        i["ciId"]
        for i in r["installs"]
        if covers(product.get("version"), i["version"], downgradable)
    }
    return ExpiringItem(
        kind=ExpiringKind.LICENSE,
        id=license["id"],
        reference=str(license.get("name") or product["name"]),
        row=license | {"product": product, "contract": contract},
        contract=contract,
        ci_ids=sorted(cis),
        **_contract_terms(window, contract),
    )


_READS = {
    ExpiringKind.WARRANTY: (Q.EXPIRY_WARRANTIES, _warranty),
    ExpiringKind.CONTRACT: (Q.EXPIRY_CONTRACTS, _contract),
    ExpiringKind.LICENSE: (Q.EXPIRY_LICENSES, _license),
}


@dataclass(frozen=True)
class Expiring:
    """An expiring item with what it is about as records: the asset of a WARRANTY, the
    contract of a CONTRACT (or the one a LICENSE is under), the license of a LICENSE."""

    item: ExpiringItem
    asset: AssetRecord | None
    contract: ContractRecord | None
    license: LicenseView | None
    services: list[ServiceRecord]


def _typed(item: ExpiringItem, services: dict[str, ServiceRecord]) -> Expiring:
    row, kind = item.row, item.kind
    contract = row if kind is ExpiringKind.CONTRACT else item.contract
    return Expiring(
        item=item,
        asset=nodes.as_record(ASSET_SPEC, row) if kind is ExpiringKind.WARRANTY else None,
        contract=nodes.as_record(CONTRACT_SPEC, contract) if contract else None,
        license=(
            license_view(row, row["product"], row["contract"])
            if kind is ExpiringKind.LICENSE
            else None
        ),
        services=[services[s.id] for s in item.services],
    )


async def expiring_records(
    db: Database, within_days: int, kinds: list[ExpiringKind], as_of: date
) -> list[Expiring]:
    """:func:`expiring` with records (for the API)."""
    items, services = await _expiring(db, within_days, kinds, as_of)
    return [_typed(i, services) for i in items]


async def expiring(
    db: Database, within_days: int, kinds: list[ExpiringKind], as_of: date
) -> list[ExpiringItem]:
    return (await _expiring(db, within_days, kinds, as_of))[0]


def _affected(service: ServiceRecord) -> AffectedService:
    return AffectedService(service.id, service.name, service.criticality)


async def _expiring(
    db: Database, within_days: int, kinds: list[ExpiringKind], as_of: date
) -> tuple[list[ExpiringItem], dict[str, ServiceRecord]]:
    """The items, sorted, and the services they affect by id."""
    if not 0 <= within_days <= MAX_WINDOW_DAYS:
        raise ValidationFailed(
            f"'withinDays' must be between 0 and {MAX_WINDOW_DAYS}.", field="withinDays"
        )
    window = Window(as_of, within_days)
    params = {
        "asOf": as_of,
        "until": window.until,
        "inactiveStates": [s.value for s in INACTIVE],
    }

    async def work(tx: Tx) -> list[ExpiringItem]:
        items: list[ExpiringItem] = []
        for kind in sorted(set(kinds or list(ExpiringKind))):
            query, build = _READS[kind]
            for r in await tx.run(query, **params):
                item = build(window, r)
                if window.includes(item.end_date, (item.end_date - item.notice_date).days):
                    items.append(item)
        return items

    items = await db.read_tx(work)
    ci_ids = sorted({c for item in items for c in item.ci_ids})
    by_ci = await supported_services(db, ci_ids) if ci_ids else {}
    attach_services(items, {ci: [_affected(s) for s in found] for ci, found in by_ci.items()})
    services = {s.id: s for found in by_ci.values() for s in found}
    return sorted(items, key=sort_key), services
