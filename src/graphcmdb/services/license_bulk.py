"""Licenses from an import, by ``reference`` (the entitlement or purchase-order number).

The product is named by publisher, product and version and created when missing; the
contract by ``contractNumber`` must exist. Product and metric are a license's identity
(``LicenseUpdate``), so a row naming another product or metric for an existing
reference is refused, as is a metric that differs from the other licenses of the
product family (one family, one metric), in the file or in the graph.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

from graphcmdb.db.database import Row, Tx
from graphcmdb.db.queries import Q
from graphcmdb.domain.contract_models import LicenseFields, Quantity, license_problem
from graphcmdb.domain.itam_models import Tag
from graphcmdb.graph.enums import LicenseMetric
from graphcmdb.services.import_batch import BatchPlan
from graphcmdb.services.product_refs import ProductColumns, resolve_products
from graphcmdb.services.row_checks import (
    Prepared,
    Problem,
    check_each,
    checked_props,
    refuse_columns,
    split_defaults,
)

#: Filled in only when a license is created (as ``createLicense`` does).
CREATE_DEFAULTS = ("name", "downgradable")
ONE_METRIC = "one product family has one metric"


class LicenseImport(ProductColumns, LicenseFields):
    """A license row: its product by name and its contract by number, not by id."""

    reference: Tag
    metric: LicenseMetric
    quantity: Quantity
    contractNumber: Tag | None = None

    def graph_props(self) -> dict[str, Any]:
        props = super().graph_props()
        props.pop("contractNumber", None)
        return props


def prepare_license(raw: dict[str, Any]) -> Prepared:
    refuse_columns(
        raw, {"contractId": "contractNumber", "productId": "publisher, product and version"}
    )
    record = LicenseImport.model_validate(raw)
    props = checked_props(record, license_problem)
    product = record.product_ref()
    props.setdefault("downgradable", False)  # the name defaults in the query, from the product
    return {
        "id": str(uuid.uuid4()),
        "key": record.reference,
        "reference": record.reference,
        "metric": record.metric.value,
        "product": product,
        "productKey": product["props"]["key"],
        "family": product["props"]["family"],
        "contractNumber": record.contractNumber,
        **split_defaults(props, set(raw), CREATE_DEFAULTS),
    }


def check_license_rows(
    rows: list[dict[str, Any]],
) -> tuple[list[Prepared | None], list[Problem]]:
    """As :func:`check_each`, and a row whose metric differs from an earlier row of the
    same product family is refused."""
    prepared, problems = check_each(rows, prepare_license, "reference")
    first: dict[str, tuple[str, int]] = {}
    for index, row in enumerate(prepared):
        if row is None:
            continue
        metric, at = first.setdefault(row["family"], (row["metric"], index))
        if metric != row["metric"]:
            reason = f"an earlier row of this product family is counted {metric}; {ONE_METRIC}"
            problems.append({"row": index, "field": "metric", "reason": reason, "sameAs": at})
            prepared[index] = None
    return prepared, problems


async def license_problems(tx: Tx, rows: list[Prepared]) -> list[Problem]:
    """Unknown contracts, another product or metric for an existing reference, and a
    metric the family's other licenses do not use."""
    numbers = sorted({r["contractNumber"] for r in rows if r["contractNumber"]})
    known = {r["number"] for r in await tx.run(Q.CONTRACT_BY_NUMBERS, numbers=numbers)}
    existing = {
        r["reference"]: r
        for r in await tx.run(Q.LICENSE_BY_REFERENCES, references=[r["reference"] for r in rows])
    }
    metrics: dict[str, list[Row]] = defaultdict(list)
    families = sorted({r["family"] for r in rows})
    for m in await tx.run(Q.LICENSE_METRICS_BY_FAMILIES, families=families):
        metrics[m["family"]].append(m)
    problems: list[Problem] = []
    for index, row in enumerate(rows):
        if row["contractNumber"] and row["contractNumber"] not in known:
            reason = f"no contract numbered '{row['contractNumber']}'"
            problems.append({"row": index, "field": "contractNumber", "reason": reason})
        found = _identity_problem(row, existing.get(row["reference"]))
        found = found or _family_problem(row, metrics[row["family"]])
        if found:
            problems.append({"row": index, "field": found[0], "reason": found[1]})
    return problems


def _identity_problem(row: Prepared, current: Row | None) -> tuple[str, str] | None:
    if current is None:
        return None
    if current["productKey"] != row["productKey"]:
        return "product", (
            f"license {row['reference']} is for {current['productName']}; product and "
            "metric are a license's identity (import a new reference instead)"
        )
    if current["metric"] != row["metric"]:
        return "metric", (
            f"license {row['reference']} is counted {current['metric']}; product and metric "
            "are a license's identity (import a new reference instead)"
        )
    return None


def _family_problem(row: Prepared, licenses: list[Row]) -> tuple[str, str] | None:
    others = {
        m["metric"]
        for m in licenses
        if m["licenses"] > (1 if row["reference"] in m["references"] else 0)
    } - {row["metric"]}
    if not others:
        return None
    counted = ", ".join(sorted(others))
    return "metric", f"this product's licenses are counted {counted}; {ONE_METRIC}"


PLAN = BatchPlan(
    operation="importLicenses",
    upsert=Q.LICENSE_UPSERT_BATCH,
    refs=license_problems,
    resolve=resolve_products,
    resolved_as="productsCreated",
)
