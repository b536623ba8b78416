"""The ITAM side of the demo enterprise, built deterministically from the CI dataset and
the load date.

Dates are not fixed: every date (purchases, lifecycle events, warranty and contract
ends, the last discovery sweep) is counted back or forward from ``today``, the day the
demo is loaded. So the demo shows the same picture whenever it is loaded (a contract
"expiring within 90 days" still is next year), and tests pass the load date as
``asOf``. Serial numbers, makers and models come from the CI dataset (and so from its
seed); the rest is data, ``data/itam/*.toml``, each read by its ``itam_*`` module:

- ``parties.toml`` (:mod:`~graphcmdb.demo.itam_parties`): vendors, locations, people
- ``prices.toml``, ``fleet.toml`` (:mod:`~graphcmdb.demo.itam_fleet_data`): what each
  model cost; the assets, their stories and support contracts
- ``stories.toml`` (:mod:`~graphcmdb.demo.itam_history`): lifecycle histories over
  DESIGN's state table
- ``contracts.toml`` (:mod:`~graphcmdb.demo.itam_contracts`): contracts and their vendors
- ``software.toml`` (:mod:`~graphcmdb.demo.itam_software`): products, licenses,
  installations
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from graphcmdb.demo.itam_contracts import contracts
from graphcmdb.demo.itam_fleet import fleet
from graphcmdb.demo.itam_fleet_data import read_fleet
from graphcmdb.demo.itam_model import ItamDataset
from graphcmdb.demo.itam_parties import parties
from graphcmdb.demo.itam_software import installs, licenses
from graphcmdb.demo.model import CIRef, DemoDataset


def sightings(data: DemoDataset, today: date) -> tuple[tuple[CIRef, datetime], ...]:
    """When discovery last saw each CI with an address: yesterday's sweep, or as long ago
    as ``fleet.toml`` says."""
    table = read_fleet()
    return tuple(
        (
            ci.ref,
            datetime.combine(
                today - timedelta(days=table.not_seen.get(ci.name, 1)), table.sweep, UTC
            ),
        )
        for ci in data.cis
        if ci.ipAddresses
    )


def build_itam(data: DemoDataset, today: date) -> ItamDataset:
    vendors, locations, people = parties()
    assets, covered = fleet(data, today)
    return ItamDataset(
        today=today,
        vendors=tuple(vendors),
        locations=tuple(locations),
        people=tuple(people),
        assets=tuple(assets),
        contracts=tuple(contracts(today, covered)),
        licenses=tuple(licenses()),
        installs=tuple(installs(data, today)),
        sightings=sightings(data, today),
    )
