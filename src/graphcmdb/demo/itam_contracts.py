"""The demo's support, maintenance, license and subscription contracts, read from
``data/itam/contracts.toml``: end dates counted from the load date, so what the demo
shows as "expiring within 90 days" stays true whenever it is loaded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from graphcmdb.demo.itam_history import add_months
from graphcmdb.demo.itam_model import CURRENCY, Row, money
from graphcmdb.demo.tables import read, records
from graphcmdb.graph.enums import ContractKind


@dataclass(frozen=True)
class Contract:
    number: str
    #: what the contract is
    name: str
    vendor: str
    kind: ContractKind
    #: its term in years
    years: int
    #: days from the load date to its end
    ends_in: int
    #: EUR a year
    annual_cost: str
    auto_renew: bool
    notice_days: int


@cache
def read_contracts() -> tuple[Contract, ...]:
    return records(Contract, read("itam", "contracts")["contracts"], "contract")


def contracts(today: date, covered: dict[str, list[str]]) -> list[Row]:
    """The contract import rows; ``covered``: the asset tags each contract covers."""
    rows: list[Row] = []
    for c in read_contracts():
        end = today + timedelta(days=c.ends_in)
        rows.append(
            {
                "number": c.number,
                "name": c.name,
                "kind": c.kind.value,
                "startDate": add_months(end, -12 * c.years) + timedelta(days=1),
                "endDate": end,
                "annualCost": money(c.annual_cost),
                "currency": CURRENCY,
                "autoRenew": c.auto_renew,
                "noticeDays": c.notice_days,
                "vendorName": c.vendor,
                "assetTags": covered.get(c.number, []),
            }
        )
    return rows
