"""License rules without a database: normalisation, version matching and positions
by hand-computed values for each metric (the graph-backed twin is test_licenses.py)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from graphcmdb.domain.contract_models import SoftwareProductCreate
from graphcmdb.graph.enums import LicenseMetric
from graphcmdb.itam.compliance import ComplianceStatus, Install, Position, positions
from graphcmdb.itam.versions import covers, family_key, numeric, product_key

M = LicenseMetric


def product(pid: str, version: str | None, family: str = "microsoft|office") -> dict[str, Any]:
    return {
        "id": pid,
        "name": f"Office {version or ''}".strip(),
        "version": version,
        "family": family,
    }


def license(
    pid: str, qty: int, metric: M = M.PER_DEVICE, cost: str | None = "25.00", down: bool = False
) -> dict[str, Any]:
    return {
        "productId": pid,
        "metric": metric.value,
        "quantity": qty,
        "unitCost": cost,
        "currency": "EUR" if cost else None,
        "downgradable": down,
    }


def installs(pid: str, n: int, prefix: str = "ci", **extra: Any) -> list[Install]:
    return [Install(pid, f"{prefix}{pid}-{i}", f"{prefix}{pid}-{i}", **extra) for i in range(n)]


def by_product(found: list[Position]) -> dict[str, Position]:
    return {p.product["id"]: p for p in found}


def test_normalised_keys() -> None:
    assert product_key(" Microsoft ", "office   365", " 16.0 ") == "microsoft|office 365|16"
    assert product_key("MICROSOFT", "Office 365", "16") == "microsoft|office 365|16"
    assert product_key("Adobe", "Acrobat", None) == product_key("adobe", "acrobat", "  ")
    assert product_key("Acme", "Tool", " XP ") == "acme|tool|xp"
    assert family_key(" Adobe", "Acrobat ") == "adobe|acrobat"
    assert numeric("v10.10.0") == (10, 10)
    assert numeric("2019 R2") is None


@pytest.mark.parametrize(
    ("licensed", "installed", "downgradable", "expected"),
    [
        ("2021", "2021", False, True),
        ("2021", "2019", False, False),  # the Office example
        ("2021", "2019", True, True),
        ("2019", "2021", True, False),  # never upwards
        ("16.0", "15.2", True, True),
        ("10.10", "10.9", True, True),  # numerically, not as text
        ("16", "16.0", False, True),
        ("XP", "7", True, False),  # not ordered: only itself
        ("2019 R2", "2019 r2", False, True),
        (None, "2019", False, True),  # a version-less license covers every version
        ("2019", None, True, False),  # an unknown installed version is not covered
    ],
)
def test_version_matching(
    licensed: str | None, installed: str | None, downgradable: bool, expected: bool
) -> None:
    assert covers(licensed, installed, downgradable) is expected


def test_per_device_over_deployed_with_shortfall() -> None:
    [pos] = positions([product("p", "2021")], [license("p", 10)], installs("p", 12))
    assert (pos.entitled, pos.consumed, pos.position) == (10, 12, -2)
    assert pos.status is ComplianceStatus.OVER_DEPLOYED
    assert pos.shortfall == 2
    assert pos.yearly_saving is None


def test_under_used_with_yearly_saving_and_the_80_percent_boundary() -> None:
    [pos] = positions([product("p", "2021")], [license("p", 500)], installs("p", 320))
    assert pos.status is ComplianceStatus.UNDER_USED  # 320 / 500 = 64 %
    assert pos.position == 180
    assert pos.yearly_saving == Decimal("4500.00")  # 180 x 25.00
    at_80 = positions([product("p", "1")], [license("p", 100)], installs("p", 80))[0]
    assert at_80.status is ComplianceStatus.COMPLIANT
    at_79 = positions([product("p", "1")], [license("p", 100)], installs("p", 79))[0]
    assert at_79.status is ComplianceStatus.UNDER_USED
    assert at_79.yearly_saving == Decimal("525.00")
    full = positions([product("p", "1")], [license("p", 3)], installs("p", 3))[0]
    assert (full.status, full.shortfall) == (ComplianceStatus.COMPLIANT, 0)


def test_per_core_sums_cores_and_unknown_counts_one() -> None:
    found = [
        Install("p", "a", "a", cores=8),
        Install("p", "b", "b", cores=16),
        Install("p", "c", "c", cores=None),
        Install("p", "a", "a", cores=8),  # the same CI twice counts once
    ]
    [pos] = positions([product("p", "1")], [license("p", 24, M.PER_CORE)], found)
    assert pos.consumed == 25
    assert (pos.status, pos.shortfall) == (ComplianceStatus.OVER_DEPLOYED, 1)


def test_per_user_counts_distinct_people() -> None:
    found = [
        Install("p", "lt1", "lt1", person_ids=("ada",)),
        Install("p", "lt2", "lt2", person_ids=("ada",)),
        Install("p", "lt3", "lt3", person_ids=("bob",)),
        Install("p", "kiosk", "kiosk"),  # nobody holds it: listed, counts nothing
    ]
    [pos] = positions([product("p", "1")], [license("p", 2, M.PER_USER)], found)
    assert pos.consumed == 2
    assert pos.status is ComplianceStatus.COMPLIANT
    assert {c.key: c.units for c in pos.consumers} == {
        "person:ada": 1,
        "person:bob": 1,
        "ci:kiosk": 0,
    }
    ada = next(c for c in pos.consumers if c.key == "person:ada")
    assert ada.ci_ids == ["lt1", "lt2"]


def test_without_downgrade_rights_older_installs_are_over_deployed() -> None:
    products = [product("o21", "2021"), product("o19", "2019")]
    found = installs("o21", 4) + installs("o19", 3)
    pos = by_product(positions(products, [license("o21", 10)], found))
    assert (pos["o21"].consumed, pos["o21"].status) == (4, ComplianceStatus.UNDER_USED)
    assert (pos["o19"].entitled, pos["o19"].consumed, pos["o19"].shortfall) == (0, 3, 3)
    assert pos["o19"].status is ComplianceStatus.OVER_DEPLOYED


def test_downgrade_rights_cover_older_installs_on_the_newer_position() -> None:
    products = [product("o21", "2021"), product("o19", "2019")]
    found = installs("o21", 4) + installs("o19", 3)
    pos = by_product(positions(products, [license("o21", 10, down=True)], found))
    assert "o19" not in pos  # nothing entitled, nothing left uncovered
    o21 = pos["o21"]
    assert (o21.consumed, o21.lent, o21.position) == (7, 3, 3)
    assert o21.status is ComplianceStatus.UNDER_USED  # 7 / 10 = 70 %
    assert o21.yearly_saving == Decimal("75.00")
    assert sum(c.units for c in o21.consumers if c.product_id == "o19") == 3


def test_downgrade_never_covers_newer_versions() -> None:
    products = [product("o21", "2021"), product("o19", "2019")]
    found = installs("o21", 2)
    pos = by_product(positions(products, [license("o19", 10, down=True)], found))
    assert (pos["o21"].entitled, pos["o21"].shortfall) == (0, 2)
    assert pos["o19"].consumed == 0


def test_own_licenses_first_then_nearest_newer_then_versionless() -> None:
    products = [product("o21", "2021"), product("o19", "2019"), product("o16", "2016")]
    products.append(product("any", None))
    lic = [
        license("o19", 2, down=True),
        license("o21", 1, down=True),
        license("any", 5),
        license("o16", 1),
    ]
    found = installs("o19", 1) + installs("o16", 4) + installs("any", 1)
    pos = by_product(positions(products, lic, found))
    # o16: 1 own, then 1 from o19 (its spare), 1 from o21, the last from the version-less
    assert (pos["o16"].consumed, pos["o16"].position) == (1, 0)
    assert (pos["o19"].consumed, pos["o19"].lent) == (2, 1)
    assert (pos["o21"].consumed, pos["o21"].lent) == (1, 1)
    assert (pos["any"].consumed, pos["any"].lent) == (2, 1)


def test_no_positions_for_families_without_licenses_and_metrics_apart() -> None:
    free = product("zip", "19", family="7-zip|7-zip")
    assert positions([free], [], installs("zip", 5)) == []
    found = positions(
        [product("p", "1")], [license("p", 4, cost=None), license("p", 6, cost=None)], []
    )
    assert [(p.entitled, p.consumed, p.yearly_saving) for p in found] == [(10, 0, None)]


def test_saving_needs_one_currency_and_uses_the_lowest_price() -> None:
    cheap, dear = license("p", 5, cost="10.00"), license("p", 5, cost="30.00")
    [pos] = positions([product("p", "1")], [cheap, dear], installs("p", 2))
    assert (pos.position, pos.yearly_saving, pos.currency) == (8, Decimal("80.00"), "EUR")
    dollars = dear | {"currency": "USD"}
    [mixed] = positions([product("p", "1")], [cheap, dollars], installs("p", 2))
    assert mixed.yearly_saving is None


def test_product_record_stores_trimmed_values_and_keys() -> None:
    props = SoftwareProductCreate(
        publisher=" Microsoft ", product="Office  365", version=" "
    ).graph_props()
    assert props == {
        "publisher": "Microsoft",
        "product": "Office 365",
        "version": None,
        "name": "Microsoft Office 365",
        "key": "microsoft|office 365|",
        "family": "microsoft|office 365",
    }
