"""The demo's asset register as typed records, read from ``data/itam/prices.toml`` (what
each model cost) and ``data/itam/fleet.toml`` (which assets there are, and the findings
they are meant to show)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from functools import cache

from graphcmdb.demo.itam_history import Story
from graphcmdb.demo.tables import keyed, read, record, records
from graphcmdb.graph.enums import DepreciationMethod


@dataclass(frozen=True)
class Category:
    #: the cost centre of assets without a CI
    cost_centre: str | None = None
    #: it stores data (a disposal needs a wipe certificate)
    has_storage: bool = True
    method: DepreciationMethod = DepreciationMethod.STRAIGHT_LINE


@dataclass(frozen=True)
class Price:
    maker: str
    category: str
    #: what one unit cost, and its salvage value (EUR)
    cost: str | None = None
    salvage: str | None = None
    life_months: int | None = None
    warranty_months: int | None = None


@dataclass(frozen=True)
class StoryAt:
    story: Story
    #: the story goes on from this many days before the load date
    days_ago: int = 0


@dataclass(frozen=True)
class Group:
    """Hardware CIs ordered together, with the support contract covering them."""

    cis: tuple[str, ...]
    ordered: int
    cost_centre: str
    contract: str | None = None


@dataclass(frozen=True, kw_only=True)
class Loose:
    """An asset without a CI: what the extras and the laptops both say of theirs."""

    tag: str
    model: str
    ordered: int
    location: str
    serial: str | None = None
    story: Story = Story.DEPLOYED
    days_ago: int = 0


@dataclass(frozen=True, kw_only=True)
class Extra(Loose):
    """A leftover, a spare or an order, named in the data."""

    name: str
    contract: str | None = None


@dataclass(frozen=True, kw_only=True)
class Laptop(Loose):
    serial: str
    holder: str | None = None

    @property
    def name(self) -> str:
        return f"{self.model} ({self.holder or 'spare'})"


@dataclass(frozen=True)
class Devboxes:
    """The developers' personal VMs, recorded as assets they hold."""

    #: a pattern the CI names match (whole)
    cis: str
    tag_base: int
    first_ordered: int
    step: int
    cost_centre: str
    #: ``{holder}`` is filled in
    description: str


@dataclass(frozen=True)
class Fleet:
    categories: dict[str, Category]
    models: dict[str, Price]
    tag_prefix: str
    first_tag: int
    #: hardware CIs nobody recorded as an asset
    shadow_it: tuple[str, ...]
    #: CI -> days since discovery last saw it (the others were seen yesterday)
    not_seen: dict[str, int]
    #: the time of day (UTC) of the nightly discovery sweep
    sweep: time
    stories: dict[str, StoryAt]
    datacentre: tuple[Group, ...]
    extras: tuple[Extra, ...]
    laptops: tuple[Laptop, ...]
    devboxes: Devboxes


@cache
def read_fleet() -> Fleet:
    prices, doc = read("itam", "prices"), read("itam", "fleet")
    fleet = Fleet(
        categories=keyed(Category, prices["categories"], "category"),
        models=keyed(Price, prices["models"], "model"),
        tag_prefix=doc["tag_prefix"],
        first_tag=doc["first_tag"],
        shadow_it=tuple(doc["shadow_it"]),
        not_seen=dict(doc["not_seen"]),
        sweep=doc["sweep"],
        stories=keyed(StoryAt, doc["stories"], "story of"),
        datacentre=records(Group, doc["datacentre"], "datacentre group"),
        extras=records(Extra, doc["extras"], "asset without a CI"),
        laptops=records(Laptop, doc["laptops"], "laptop"),
        devboxes=record(Devboxes, doc["devboxes"], "devboxes"),
    )
    unknown = {p.category for p in fleet.models.values()} - set(fleet.categories)
    models = {u.model for u in fleet.extras} | {u.model for u in fleet.laptops}
    unknown |= models - set(fleet.models)
    if unknown:
        raise ValueError(f"fleet data: unknown models or categories {sorted(unknown)}")
    return fleet
