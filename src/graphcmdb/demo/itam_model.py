"""The demo's ITAM side as plain, immutable data: no database access here.

Nodes are referred to by their natural key (asset tag, contract number, product key,
e-mail ...) and CIs by :class:`~graphcmdb.demo.model.CIRef`; the loader resolves the
keys to ids in its transaction. Property maps are those the create mutations store
(built with the same pydantic records), so the demo's graph has the services' shape.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from graphcmdb.demo.model import CIRef
from graphcmdb.graph.enums import Label, LifecycleState, RelType

#: the demo's money is in euros, stored with cents as the mutations store "1200.00"
CURRENCY = "EUR"
CENT = Decimal("0.01")

#: a node by (label, natural key); a CI's key is ``str(CIRef)``, e.g. "Server:h1"
NodeKey = tuple[str, str]


def money(amount: str) -> Decimal:
    return Decimal(amount).quantize(CENT)


def ci_key(ref: CIRef) -> NodeKey:
    return (Label.CI.value, str(ref))


@dataclass(frozen=True)
class DemoNode:
    """A Vendor, Location, Person, Contract, SoftwareProduct or License."""

    label: Label
    key: str
    props: Mapping[str, Any]

    @property
    def node_key(self) -> NodeKey:
        return (self.label.value, self.key)


@dataclass(frozen=True)
class DemoLink:
    """A relationship; ``single``: the source keeps no other of this type (a holder, a
    place, a vendor); ``one_to_one``: nor does the target (TRACKS)."""

    type: RelType
    source: NodeKey
    target: NodeKey
    props: Mapping[str, Any] = field(default_factory=dict)
    single: bool = False
    one_to_one: bool = False


@dataclass(frozen=True)
class DemoEvent:
    """One lifecycle event, as ``asset/create`` (seq 1) or a transition writes it."""

    seq: int
    to: LifecycleState
    at: datetime
    actor: str
    note: str
    previous: LifecycleState | None = None
    #: the first deployment links the asset's CI (the event records the CI's id)
    links_ci: bool = False
    #: a retirement forced past the CI's dependents (the event records their ids)
    forced: bool = False
    disposal_method: str | None = None
    data_wipe_reference: str | None = None

    def props(self) -> dict[str, Any]:
        props: dict[str, Any] = {
            "to": self.to.value,
            "at": self.at,
            "actor": self.actor,
            "note": self.note,
        }
        if self.seq > 1:
            props |= {
                "from": self.previous.value if self.previous else None,
                "disposalMethod": self.disposal_method,
                "dataWipeReference": self.data_wipe_reference,
            }
        return props

    def row(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "props": self.props(),
            "linksCi": self.links_ci,
            "forced": self.forced,
        }


@dataclass(frozen=True)
class DemoAsset:
    tag: str
    props: Mapping[str, Any]
    events: tuple[DemoEvent, ...]
    ci: CIRef | None = None
    location: str | None = None
    holder: str | None = None

    @property
    def state(self) -> LifecycleState:
        return LifecycleState(self.props["lifecycleState"])

    @property
    def node(self) -> DemoNode:
        return DemoNode(Label.ASSET, self.tag, self.props)

    def links(self) -> Iterator[DemoLink]:
        me = self.node.node_key
        if self.ci is not None:
            yield DemoLink(RelType.TRACKS, me, ci_key(self.ci), single=True, one_to_one=True)
        if self.location is not None:
            location = (Label.LOCATION.value, self.location)
            yield DemoLink(RelType.LOCATED_AT, me, location, single=True)
        if self.holder is not None:
            yield DemoLink(RelType.ASSIGNED_TO, me, (Label.PERSON.value, self.holder), single=True)


@dataclass(frozen=True)
class DemoInstall:
    ci: CIRef
    product: str
    version: str
    installedAt: datetime

    def link(self) -> DemoLink:
        product = (Label.SOFTWARE_PRODUCT.value, self.product)
        props = {"version": self.version, "installedAt": self.installedAt}
        return DemoLink(RelType.HAS_INSTALLED, ci_key(self.ci), product, props)


@dataclass(frozen=True)
class ItamDataset:
    today: date
    #: vendors, locations, people, contracts, products and licences
    nodes: tuple[DemoNode, ...]
    assets: tuple[DemoAsset, ...]
    #: WITH, COVERED_BY, FOR, UNDER
    links: tuple[DemoLink, ...]
    installs: tuple[DemoInstall, ...]
    #: when the demo's discovery sweep last saw each CI on the network
    sightings: tuple[tuple[CIRef, datetime], ...]

    def asset(self, tag: str) -> DemoAsset:
        for asset in self.assets:
            if asset.tag == tag:
                return asset
        raise KeyError(tag)

    def asset_of(self, ci_name: str) -> DemoAsset:
        for asset in self.assets:
            if asset.ci is not None and asset.ci.name == ci_name:
                return asset
        raise KeyError(ci_name)

    def of_label(self, label: Label) -> list[DemoNode]:
        return [n for n in self.nodes if n.label is label]

    def all_nodes(self) -> list[DemoNode]:
        return [*self.nodes, *(a.node for a in self.assets)]

    def all_links(self) -> list[DemoLink]:
        return [
            *(link for a in self.assets for link in a.links()),
            *self.links,
            *(i.link() for i in self.installs),
        ]
