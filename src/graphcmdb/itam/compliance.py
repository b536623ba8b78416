"""License positions from products, licenses and installations (pure).

Consumption (DESIGN "License compliance"): PER_DEVICE counts distinct CIs with an
installation, PER_CORE sums those CIs' ``cores`` (a CI without ``cores`` counts as
one core: unknown must not be free), PER_USER counts distinct people holding an
asset that tracks such a CI (CIs nobody holds are listed but count nothing).
Position = entitled - consumed: OVER_DEPLOYED when negative (shortfall = -position),
UNDER_USED when less than 80 % is used (yearly saving = unused x unit cost; with
licenses at several prices the lowest is used, so the saving is never overstated;
none is given when the prices are in different currencies),
otherwise COMPLIANT.

Version matching is ``itam.versions.covers``. Allocation within a product family is
deterministic: each version first uses its own licenses; what an older version still
lacks is charged to spare downgradable licenses of newer versions, the nearest newer
version first (a version-less license covers every version and is offered last). The
lent units count as consumed on the lending product's position, so each
position reads "this product's licenses: entitled, consumed, left".

Positions are reported for every product of a family in which at least one license
exists (so "Office 2019" installs with only non-downgradable "Office 2021" licenses
show as OVER_DEPLOYED), per metric; families without any license (freeware, or not
yet license-managed) are not reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from graphcmdb.graph.enums import LicenseMetric
from graphcmdb.itam.versions import covers, numeric, version_key

#: Below this share of use (consumed / entitled) a position is UNDER_USED.
UNDER_USED_BELOW = Decimal("0.8")


class ComplianceStatus(StrEnum):
    COMPLIANT = "COMPLIANT"
    OVER_DEPLOYED = "OVER_DEPLOYED"
    UNDER_USED = "UNDER_USED"


@dataclass(frozen=True)
class Install:
    product_id: str
    ci_id: str
    ci_name: str
    cores: int | None = None
    person_ids: tuple[str, ...] = ()


@dataclass
class Consumer:
    """One unit holder: a CI (PER_DEVICE, PER_CORE) or a person (PER_USER)."""

    key: str
    product_id: str
    units: int
    ci_ids: list[str] = field(default_factory=list)


@dataclass
class Position:
    product: dict[str, Any]
    metric: LicenseMetric
    entitled: int
    consumed: int = 0
    #: units drawn by older versions under downgrade rights (part of ``consumed``)
    lent: int = 0
    consumers: list[Consumer] = field(default_factory=list)
    unit_cost: Decimal | None = None
    currency: str | None = None

    @property
    def position(self) -> int:
        return self.entitled - self.consumed

    @property
    def status(self) -> ComplianceStatus:
        if self.position < 0:
            return ComplianceStatus.OVER_DEPLOYED
        if self.consumed < UNDER_USED_BELOW * self.entitled:
            return ComplianceStatus.UNDER_USED
        return ComplianceStatus.COMPLIANT

    @property
    def shortfall(self) -> int:
        return max(0, -self.position)

    @property
    def yearly_saving(self) -> Decimal | None:
        if self.status is not ComplianceStatus.UNDER_USED or self.unit_cost is None:
            return None
        return self.position * self.unit_cost


def consumers_of(metric: LicenseMetric, installs: list[Install]) -> list[Consumer]:
    """The unit holders of one product's installations, sorted by key for stable output."""
    found: dict[str, Consumer] = {}
    for inst in installs:
        if metric is LicenseMetric.PER_USER:
            holders = [(f"person:{p}", 1) for p in inst.person_ids] or [(f"ci:{inst.ci_id}", 0)]
        else:
            units = (inst.cores or 1) if metric is LicenseMetric.PER_CORE else 1
            holders = [(f"ci:{inst.ci_id}", units)]
        for key, units in holders:
            consumer = found.setdefault(key, Consumer(key, inst.product_id, units))
            if inst.ci_id not in consumer.ci_ids:
                consumer.ci_ids.append(inst.ci_id)
    return [found[k] for k in sorted(found)]


def _order(product: dict[str, Any]) -> tuple[int, tuple[int, ...], str]:
    """Allocation order: version-less first, then numbered newest first, then the rest."""
    version = product.get("version")
    if not version_key(version):
        return (0, (), "")
    parsed = numeric(version)
    if parsed is not None:
        return (1, tuple(-p for p in parsed), "")
    return (2, (), version_key(version))


@dataclass
class _Pool:
    position: Position
    remaining: int


def _charge(position: Position, consumer: Consumer, units: int) -> None:
    position.consumed += units
    if consumer.product_id != position.product["id"]:
        position.lent += units
    position.consumers.append(Consumer(consumer.key, consumer.product_id, units, consumer.ci_ids))


def _allocate(own: Position, consumers: list[Consumer], pools: list[_Pool]) -> int:
    """Charge ``consumers`` to ``own`` then to the pools; return own units left over."""
    left = own.entitled
    for consumer in consumers:
        take = min(consumer.units, left)
        left -= take
        rest = consumer.units - take
        if take or not rest:
            _charge(own, consumer, take)
        for pool in pools:
            if rest == 0:
                break
            lender = pool.position.product
            if pool.remaining and covers(lender.get("version"), own.product.get("version"), True):
                lent = min(rest, pool.remaining)
                pool.remaining -= lent
                rest -= lent
                _charge(pool.position, consumer, lent)
        if rest:
            _charge(own, consumer, rest)
    return left


def _price(own: list[dict[str, Any]]) -> tuple[Decimal | None, str | None]:
    """The lowest unit cost, when every priced license is in one currency."""
    costs = {
        (Decimal(str(lic["unitCost"])), lic.get("currency"))
        for lic in own
        if lic.get("unitCost") is not None
    }
    if not costs or len({currency for _, currency in costs}) > 1:
        return None, None
    return min(costs)


def family_positions(
    metric: LicenseMetric,
    products: list[dict[str, Any]],
    licenses: list[dict[str, Any]],
    installs: dict[str, list[Install]],
) -> list[Position]:
    """Positions for one family and metric (``licenses`` already of that metric,
    ``installs`` by product id)."""
    found: list[Position] = []
    pools: list[_Pool] = []
    for product in sorted(products, key=_order):
        own = [lic for lic in licenses if lic["productId"] == product["id"]]
        position = Position(product, metric, entitled=sum(int(lic["quantity"]) for lic in own))
        position.unit_cost, position.currency = _price(own)
        consumers = consumers_of(metric, installs.get(product["id"], []))
        left = _allocate(position, consumers, pools)
        versionless = not version_key(product.get("version"))
        lendable = sum(
            int(lic["quantity"]) for lic in own if lic.get("downgradable") or versionless
        )
        if min(left, lendable) > 0:
            # nearest newer version first; version-less licenses are the last resort
            pools.insert(len(pools) if versionless else 0, _Pool(position, min(left, lendable)))
        if position.entitled or position.consumers:
            found.append(position)
    return found


def positions(
    products: list[dict[str, Any]], licenses: list[dict[str, Any]], installs: list[Install]
) -> list[Position]:
    """Every position, ordered by product name then metric (see the module docstring)."""
    by_family: dict[str, list[dict[str, Any]]] = {}
    for product in products:
        by_family.setdefault(product["family"], []).append(product)
    family_of = {p["id"]: p["family"] for p in products}
    by_product: dict[str, list[Install]] = {}
    for inst in installs:
        by_product.setdefault(inst.product_id, []).append(inst)
    out: list[Position] = []
    for family, members in by_family.items():
        family_licenses = [lic for lic in licenses if family_of.get(lic["productId"]) == family]
        for metric in sorted({LicenseMetric(lic["metric"]) for lic in family_licenses}):
            mine = [lic for lic in family_licenses if lic["metric"] == metric.value]
            out.extend(family_positions(metric, members, mine, by_product))
    return sorted(out, key=lambda p: (str(p.product.get("name", "")).lower(), p.metric.value))
