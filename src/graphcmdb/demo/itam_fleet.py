"""The demo's assets: the data-centre hardware, a few records without a CI, laptops, and
the developers' virtual workstations.

Most hardware CIs have an asset whose serial number, maker and model are the CI's;
purchases are spread over five years before the load date. Deliberate findings for
the reconciliation reports and the expiry list:

* shadow IT: :data:`SHADOW_IT` (hardware CIs nobody recorded as an asset);
* ghosts: the DEPLOYED assets ``ctx-dc1-01`` and ``fas-ham-01`` whose CIs were deleted,
  and ``dwh-dc1-03`` whose CI discovery last saw :data:`NOT_SEEN` days ago;
* retired but still needed: ``esx-dc2-07`` (retired by force; VMs still run on it);
* expiring warranties: ``esx-dc1-09`` to ``-12`` and a laptop, within 90 days;
* out of warranty and under no support contract while criticality-4+ services need it:
  ``tor-dc2-r04`` (left out of the Arista renewal).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import count
from typing import Any

from graphcmdb.demo.itam_contracts import (
    ARISTA_CARE,
    CISCO_SMARTNET,
    DELL_DATA_PROTECTION,
    DELL_PROSUPPORT,
    F5_SUPPORT,
    HPE_TECH_CARE,
    JUNIPER_CARE,
    NETAPP_SUPPORT,
    PALO_ALTO_SUPPORT,
    PURE_EVERGREEN,
)
from graphcmdb.demo.itam_history import Plot, Story, add_months, history
from graphcmdb.demo.itam_model import CURRENCY, DemoAsset, money
from graphcmdb.demo.itam_parties import (
    DC1,
    DC2,
    DEVELOPERS,
    HAMBURG,
    HQ,
    SITE_LOCATION,
    STORE,
    email,
)
from graphcmdb.demo.model import CIRef, DemoCI, DemoDataset
from graphcmdb.graph.enums import DepreciationMethod, LifecycleState

SL = DepreciationMethod.STRAIGHT_LINE
DB = DepreciationMethod.DECLINING_BALANCE

INFRA = "CC-1100 Datacentre"
NETWORK = "CC-1200 Network"
FINANCE = "CC-2100 Finance Systems"
WORKPLACE = "CC-3100 Workplace IT"
ENGINEERING = "CC-4100 Engineering"
DATA = "CC-5200 Data & Analytics"


@dataclass(frozen=True)
class Price:
    maker: str
    category: str
    cost: str | None
    salvage: str | None
    life_months: int | None
    warranty_months: int | None
    method: DepreciationMethod = SL
    has_storage: bool = True


def _hw(maker: str, category: str, cost: str, salvage: str, life: int, warranty: int) -> Price:
    return Price(maker, category, cost, salvage, life, warranty, has_storage=category != "network")


def _laptop(maker: str, cost: str, salvage: str) -> Price:
    return Price(maker, "laptop", cost, salvage, 36, 36, DB)


#: model -> maker, what one unit cost (EUR), its life and warranty in months
PRICES: dict[str, Price] = {
    "PowerEdge R750": _hw("Dell", "server", "18450", "900", 60, 36),
    "PowerEdge R650": _hw("Dell", "server", "12200", "600", 60, 36),
    "PowerEdge R760": _hw("Dell", "server", "21900", "1000", 60, 36),
    "PowerEdge R740": _hw("Dell", "server", "16900", "800", 60, 36),
    "PowerEdge R730": _hw("Dell", "server", "14300", "700", 60, 36),
    "ProLiant DL380 Gen10": _hw("HPE", "server", "16800", "800", 60, 36),
    "ProLiant DL380 Gen11": _hw("HPE", "server", "19600", "900", 60, 36),
    "ProLiant DL580 Gen10": _hw("HPE", "server", "61500", "3000", 60, 60),
    "Nexus 9336C-FX2": _hw("Cisco", "network", "38900", "1500", 84, 12),
    "Nexus 93180YC-FX": _hw("Cisco", "network", "14600", "500", 84, 12),
    "7280R3": _hw("Arista", "network", "42500", "1500", 84, 12),
    "7050SX3-48YC8": _hw("Arista", "network", "13200", "500", 84, 12),
    "PA-5220": _hw("Palo Alto Networks", "network", "96000", "4000", 60, 12),
    "MX204": _hw("Juniper Networks", "network", "27800", "1000", 84, 12),
    "ASR 1001-X": _hw("Cisco", "network", "21900", "800", 84, 12),
    "BIG-IP i5800": _hw("F5", "network", "44800", "1500", 60, 12),
    "AFF A400": _hw("NetApp", "storage", "182000", "8000", 60, 36),
    "FAS2750": _hw("NetApp", "storage", "38500", "1500", 60, 36),
    "FlashArray//X70 R3": _hw("Pure Storage", "storage", "239000", "10000", 60, 36),
    "DirectFlash Shelf": _hw("Pure Storage", "storage", "64000", "2500", 60, 36),
    "PowerProtect DD6900": _hw("Dell", "storage", "118000", "5000", 60, 36),
    "ThinkPad T14 Gen 4": _laptop("Lenovo", "1450", "100"),
    "ThinkPad X1 Carbon": _laptop("Lenovo", "2150", "150"),
    "MacBook Pro 14": _laptop("Apple", "2790", "300"),
    "VMware Virtual Platform": Price(
        "VMware, Inc.", "virtual-workstation", None, None, None, None, has_storage=False
    ),
}

#: cost centre of assets without a CI, by category
CENTRES = {"server": INFRA, "storage": INFRA, "network": NETWORK, "laptop": WORKPLACE}


def units(pattern: str, first: int, last: int) -> tuple[str, ...]:
    return tuple(pattern.format(n) for n in range(first, last + 1))


#: hardware CIs by name, days since they were ordered, cost centre, support contract
FLEET: tuple[tuple[tuple[str, ...], int, str, str | None], ...] = (
    (units("esx-dc1-{:02d}", 1, 8), 1400, INFRA, DELL_PROSUPPORT),
    (units("esx-dc1-{:02d}", 9, 12), 1075, INFRA, DELL_PROSUPPORT),
    (("h1", "h2"), 1600, INFRA, DELL_PROSUPPORT),
    (units("esx-dc2-{:02d}", 1, 8), 1780, INFRA, HPE_TECH_CARE),
    (("hana-dc1-01", "hana-dc2-01"), 900, FINANCE, HPE_TECH_CARE),
    (units("dwh-dc1-{:02d}", 1, 3), 420, DATA, None),
    (("core-dc1-01", "core-dc1-02"), 1700, NETWORK, CISCO_SMARTNET),
    (units("tor-dc1-r{:02d}", 1, 5), 1700, NETWORK, CISCO_SMARTNET),
    (("rtr-dc2-01", "rtr-dc2-02"), 1500, NETWORK, CISCO_SMARTNET),
    (("rtr-dc1-01", "rtr-dc1-02"), 1550, NETWORK, JUNIPER_CARE),
    (("fw-dc1-01", "fw-dc1-02", "fw-dc2-01", "fw-dc2-02"), 1300, NETWORK, PALO_ALTO_SUPPORT),
    (("core-dc2-01", "core-dc2-02", *units("tor-dc2-r{:02d}", 1, 3)), 1250, NETWORK, ARISTA_CARE),
    (("tor-dc2-r04",), 1250, NETWORK, None),
    (("san-dc1",), 1000, INFRA, NETAPP_SUPPORT),
    (("san-dc2",), 640, INFRA, PURE_EVERGREEN),
    (("dd-dc1",), 1200, INFRA, DELL_DATA_PROTECTION),
    (("lb-dc1-01", "lb-dc1-02", "lb-dc2-01", "lb-dc2-02"), 1450, NETWORK, F5_SUPPORT),
)

#: hardware CIs with no asset: the shadow IT report lists them
SHADOW_IT: tuple[str, ...] = ("dd-dc2", "dwh-dc1-04", "tor-dc1-r06")

#: CI -> days since discovery last saw it (the others were seen yesterday)
NOT_SEEN: dict[str, int] = {"dwh-dc1-03": 64}

#: CI -> how its asset's history goes on after deployment, from how many days ago
STORIES: dict[str, tuple[Story, int]] = {
    "esx-dc1-11": (Story.IN_MAINTENANCE, 2),
    "esx-dc2-07": (Story.RETIRED_IN_USE, 35),
    "san-dc1": (Story.MAINTAINED, 210),
    "esx-dc2-03": (Story.MAINTAINED, 400),
    "core-dc1-02": (Story.MAINTAINED, 620),
    "lb-dc1-02": (Story.MAINTAINED, 95),
}

#: assets without a CI: tag, name, model, serial, days since ordered (negative: planned
#: for later), location, story, from how many days ago
EXTRAS: tuple[tuple[str, str, str, str | None, int, str, Story, int], ...] = (
    ("A-18001", "ctx-dc1-01", "PowerEdge R740", "8JX4TQ2", 1900, DC1, Story.DEPLOYED, 0),
    ("A-18002", "fas-ham-01", "FAS2750", "721845002317", 1650, HAMBURG, Story.DEPLOYED, 0),
    ("A-18003", "esx-dc1-old-03", "PowerEdge R730", "4HX9ZK1", 2150, STORE, Story.DISPOSED, 400),
    ("A-18004", "esx-dc1-old-04", "PowerEdge R730", "4HY0AL2", 2150, STORE, Story.RETIRED, 400),
    ("A-18005", "tor-spare-dc1", "Nexus 93180YC-FX", "FDO2719B0QX", 300, DC1, Story.IN_STOCK, 0),
    ("A-18006", "esx-spare-dc1", "PowerEdge R750", "J7T2KX3", 1400, DC1, Story.RESTOCKED, 90),
    ("A-18007", "esx-dc2-09", "ProLiant DL380 Gen11", None, 20, DC2, Story.ORDERED, 0),
    ("A-18008", "esx-dc2-10", "ProLiant DL380 Gen11", None, 20, DC2, Story.ORDERED, 0),
    ("A-18009", "san-dc2-shelf-2", "DirectFlash Shelf", None, -11, DC2, Story.PLANNED, 0),
)

#: support contracts of assets without a CI (spares are covered too)
EXTRA_COVER: dict[str, str] = {"A-18005": CISCO_SMARTNET, "A-18006": DELL_PROSUPPORT}

#: end-user laptops (no CI): tag, model, serial, holder, location, days since ordered,
#: story, from how many days ago
LAPTOPS: tuple[tuple[str, str, str, str | None, str, int, Story, int], ...] = (
    ("L-20001", "ThinkPad T14 Gen 4", "PF4K2M7Q", "Jana Keller", HQ, 420, Story.DEPLOYED, 0),
    ("L-20002", "MacBook Pro 14", "C02FK3LQ9D", "Anna Schmidt", HQ, 250, Story.DEPLOYED, 0),
    ("L-20003", "MacBook Pro 14", "C02DW8RT1M", "Ben Mueller", HQ, 1065, Story.DEPLOYED, 0),
    ("L-20004", "ThinkPad T14 Gen 4", "PF4K2N1X", "Sofia Romano", HQ, 600, Story.DEPLOYED, 0),
    ("L-20005", "ThinkPad X1 Carbon", "PF3Z8B6W", "Mark de Vries", HAMBURG, 700, Story.LOST, 50),
    ("L-20006", "ThinkPad T14 Gen 4", "PF4K2P5C", None, STORE, 130, Story.IN_STOCK, 0),
)

DEVBOX = re.compile(r"devbox-\d+")


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
    #: default: by category (:data:`CENTRES`)
    cost_centre: str | None = None


def build_asset(unit: Unit, today: date) -> DemoAsset:
    price = PRICES[unit.model]
    purchased = today - timedelta(days=unit.ordered)
    plot = Plot(
        story=unit.story,
        purchased=purchased,
        days_ago=unit.days_ago,
        po=f"PO-{purchased.year}-{unit.tag[2:]}",
        where=unit.location,
        what=unit.ci.name if unit.ci else (unit.holder or unit.name),
        tracks_ci=unit.ci is not None,
        wipe_reference=f"WIPE-CERT-{unit.tag}" if price.has_storage else None,
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
        "depreciationMethod": price.method.value,
        "inServiceDate": deployed,
        "warrantyEnd": (
            add_months(purchased, price.warranty_months)
            if bought and price.warranty_months
            else None
        ),
        "costCenter": unit.cost_centre or CENTRES[price.category],
        "hasStorage": price.has_storage,
        "description": unit.description,
    }
    given = {k: v for k, v in row.items() if v is not None}
    return DemoAsset(given, events, unit.ci, unit.location, email_of(unit.holder))


def email_of(holder: str | None) -> str | None:
    return email(holder) if holder else None


def ci_unit(ci: DemoCI, tag: str, ordered: int, **more: Any) -> Unit:
    """The asset of a CI: its name, maker, model, serial number and site are the CI's."""
    return Unit(
        tag=tag,
        name=ci.name,
        model=str(ci.model),
        serial=ci.serialNumber,
        ordered=ordered,
        location=SITE_LOCATION[str(ci.site)],
        ci=ci.ref,
        manufacturer=ci.manufacturer,
        **more,
    )


def datacentre_units(data: DemoDataset) -> Iterator[tuple[Unit, str | None]]:
    """The assets of the hardware CIs in :data:`FLEET`, with their support contract."""
    by_name = {ci.name: ci for ci in data.cis}
    numbers = count(10_001)
    for names, ordered, cost_centre, contract in FLEET:
        for name in names:
            story, days_ago = STORIES.get(name, (Story.DEPLOYED, 0))
            unit = ci_unit(
                by_name[name],
                f"A-{next(numbers)}",
                ordered,
                cost_centre=cost_centre,
                story=story,
                days_ago=days_ago,
                description=by_name[name].description,
            )
            yield unit, contract


def other_units() -> Iterator[tuple[Unit, str | None]]:
    """Assets without a CI: leftovers, spares, orders and laptops."""
    for tag, name, model, serial, ordered, where, story, ago in EXTRAS:
        yield Unit(tag, name, model, serial, ordered, where, story, ago), EXTRA_COVER.get(tag)
    for tag, model, serial, holder, where, ordered, story, ago in LAPTOPS:
        name = f"{model} ({holder or 'spare'})"
        yield Unit(tag, name, model, serial, ordered, where, story, ago, holder=holder), None


def virtual_units(data: DemoDataset) -> Iterator[Unit]:
    """Each developer's personal VM, recorded as an asset held by them (per-user licences
    are counted through such assets)."""
    boxes = sorted((ci for ci in data.cis if DEVBOX.fullmatch(ci.name)), key=lambda ci: ci.name)
    for n, (ci, developer) in enumerate(zip(boxes, DEVELOPERS, strict=True), start=1):
        yield ci_unit(
            ci,
            f"V-{30_000 + n}",
            400 - 25 * n,
            cost_centre=ENGINEERING,
            story=Story.RECORDED,
            holder=developer,
            description=f"Personal development VM of {developer}",
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
