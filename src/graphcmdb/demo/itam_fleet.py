"""The demo's assets (:mod:`~graphcmdb.demo.itam_fleet_data`): the data-centre hardware,
a few records without a CI, laptops, and the developers' virtual workstations.

Most hardware CIs have an asset whose serial number, maker and model are the CI's;
purchases are counted back from the load date, and each asset's lifecycle history is
told from its story (:mod:`~graphcmdb.demo.itam_history`). ``fleet.toml`` lists the
findings the register is meant to show (shadow IT, ghosts, expiring warranties ...).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import count
from typing import Any

from graphcmdb.demo.itam_fleet_data import Loose, read_fleet
from graphcmdb.demo.itam_history import Plot, Story, add_months, history
from graphcmdb.demo.itam_model import CURRENCY, DemoAsset, money
from graphcmdb.demo.itam_parties import read_parties
from graphcmdb.demo.model import CIRef, DemoCI, DemoDataset
from graphcmdb.graph.enums import LifecycleState


@dataclass(frozen=True)
class Unit:
    """One asset to record; ``ordered`` days before the load date."""

    tag: str
    name: str
    model: str
    serial: str | None
    ordered: int
    location: str
    story: Story = Story.DEPLOYED
    days_ago: int = 0
    ci: CIRef | None = None
    holder: str | None = None
    description: str | None = None
    #: the CI's maker when it has one, else the model's
    manufacturer: str | None = None
    #: default: by category
    cost_centre: str | None = None


def build_asset(unit: Unit, today: date) -> DemoAsset:
    table = read_fleet()
    price = table.models[unit.model]
    category = table.categories[price.category]
    purchased = today - timedelta(days=unit.ordered)
    plot = Plot(
        story=unit.story,
        purchased=purchased,
        days_ago=unit.days_ago,
        po=f"PO-{purchased.year}-{unit.tag[2:]}",
        where=unit.location,
        what=unit.ci.name if unit.ci else (unit.holder or unit.name),
        tracks_ci=unit.ci is not None,
        wipe_reference=f"WIPE-CERT-{unit.tag}" if category.has_storage else None,
    )
    events = history(plot, today)
    states = [e.to for e in events]
    bought = LifecycleState.RECEIVED in states or unit.story is Story.RECORDED
    deployed = next((e.at.date() for e in events if e.to is LifecycleState.DEPLOYED), None)
    row = {
        "assetTag": unit.tag,
        "name": unit.name,
        "serialNumber": unit.serial,
        "manufacturer": unit.manufacturer or price.maker,
        "model": unit.model,
        "category": price.category,
        "purchaseDate": purchased if LifecycleState.ORDERED in states else None,
        "purchaseCost": money(price.cost) if price.cost else None,
        "currency": CURRENCY if price.cost else None,
        "salvageValue": money(price.salvage) if price.salvage else None,
        "usefulLifeMonths": price.life_months,
        "depreciationMethod": category.method.value,
        "inServiceDate": deployed,
        "warrantyEnd": (
            add_months(purchased, price.warranty_months)
            if bought and price.warranty_months
            else None
        ),
        "costCenter": unit.cost_centre or category.cost_centre,
        "hasStorage": category.has_storage,
        "description": unit.description,
    }
    given = {k: v for k, v in row.items() if v is not None}
    holder = read_parties().email(unit.holder) if unit.holder else None
    return DemoAsset(given, events, unit.ci, unit.location, holder)


def ci_unit(ci: DemoCI, tag: str, ordered: int, **more: Any) -> Unit:
    """The asset of a CI: its name, maker, model, serial number and site are the CI's."""
    return Unit(
        tag=tag,
        name=ci.name,
        model=str(ci.model),
        serial=ci.serialNumber,
        ordered=ordered,
        location=read_parties().site_location[str(ci.site)],
        ci=ci.ref,
        manufacturer=ci.manufacturer,
        **more,
    )


def datacentre_units(data: DemoDataset) -> Iterator[tuple[Unit, str | None]]:
    """The assets of the hardware CIs of ``fleet.toml``, with their support contract."""
    table = read_fleet()
    by_name = {ci.name: ci for ci in data.cis}
    numbers = count(table.first_tag)
    for group in table.datacentre:
        for name in group.cis:
            story = table.stories.get(name)
            unit = ci_unit(
                by_name[name],
                f"{table.tag_prefix}{next(numbers)}",
                group.ordered,
                cost_centre=group.cost_centre,
                story=story.story if story else Story.DEPLOYED,
                days_ago=story.days_ago if story else 0,
                description=by_name[name].description,
            )
            yield unit, group.contract


def other_units() -> Iterator[tuple[Unit, str | None]]:
    """Assets without a CI: leftovers, spares, orders and laptops."""
    table = read_fleet()
    for e in table.extras:
        yield _loose_unit(e, e.name), e.contract
    for p in table.laptops:
        yield _loose_unit(p, p.name, holder=p.holder), None


def _loose_unit(loose: Loose, name: str, holder: str | None = None) -> Unit:
    return Unit(
        tag=loose.tag,
        name=name,
        model=loose.model,
        serial=loose.serial,
        ordered=loose.ordered,
        location=loose.location,
        story=loose.story,
        days_ago=loose.days_ago,
        holder=holder,
    )


def virtual_units(data: DemoDataset) -> Iterator[Unit]:
    """Each developer's personal VM, recorded as an asset held by them (per-user licenses
    are counted through such assets)."""
    box = read_fleet().devboxes
    pattern = re.compile(box.cis)
    boxes = sorted((ci for ci in data.cis if pattern.fullmatch(ci.name)), key=lambda ci: ci.name)
    developers = read_parties().developers
    for n, (ci, developer) in enumerate(zip(boxes, developers, strict=True), start=1):
        yield ci_unit(
            ci,
            f"V-{box.tag_base + n}",
            box.first_ordered - box.step * (n - 1),
            cost_centre=box.cost_centre,
            story=Story.RECORDED,
            holder=developer,
            description=box.description.format(holder=developer),
        )


def fleet(data: DemoDataset, today: date) -> tuple[list[DemoAsset], dict[str, list[str]]]:
    """Every demo asset, and the tags of the assets each support contract covers."""
    assets: list[DemoAsset] = []
    covered: dict[str, list[str]] = {}
    planned = [*datacentre_units(data), *other_units(), *((u, None) for u in virtual_units(data))]
    for unit, contract in planned:
        asset = build_asset(unit, today)
        assets.append(asset)
        if contract is not None:
            covered.setdefault(contract, []).append(asset.tag)
    return assets, covered
