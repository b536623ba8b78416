"""Software products, licenses, installations and the license positions computed from them.

Products are unique on their normalised key (``itam/versions.py``), so " microsoft
OFFICE 2021 " and "Microsoft Office 2021" are one product and a second create is
``DUPLICATE``. All licenses of one product family use one metric: mixing PER_DEVICE
and PER_USER for the same software would make "consumed" mean two things at once,
so such a license is refused. Positions are computed from one read
(``compliance/products``) in Python, whatever the number of products.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from graphcmdb.db.database import Database, Row, Tx
from graphcmdb.db.queries import Q
from graphcmdb.domain.contract_models import (
    InstallInput,
    LicenseCreate,
    LicenseUpdate,
    SoftwareProductCreate,
    license_problem,
)
from graphcmdb.domain.directory_models import SoftwareProductUpdate
from graphcmdb.domain.records import (
    ContractRecord,
    Installation,
    LicenseRecord,
    SoftwareProductRecord,
)
from graphcmdb.domain.specs import CI_SPEC, CONTRACT_SPEC, LICENSE_SPEC, SOFTWARE_PRODUCT_SPEC
from graphcmdb.errors import Duplicate, NotFound, ValidationFailed, refuse_problem
from graphcmdb.itam.compliance import Install, Position, positions
from graphcmdb.services import audit, directory, nodes
from graphcmdb.services.actor import Actor
from graphcmdb.services.directory import Directory
from graphcmdb.services.paging import Page, PageRequest, make_page


@dataclass(frozen=True)
class LicenseView:
    """A license with the product it is for and the contract it was bought under."""

    license: LicenseRecord
    product: SoftwareProductRecord
    contract: ContractRecord | None


# --- products ------------------------------------------------------------------------


async def get_products(db: Database, ids: list[str]) -> dict[str, SoftwareProductRecord]:
    return await nodes.get_many(db, SOFTWARE_PRODUCT_SPEC, ids)


def _dup_product(props: dict[str, Any]) -> Duplicate:
    return Duplicate(
        f"The software product '{props['name']}' already exists (publisher, product and "
        "version are compared trimmed and case-insensitively).",
        field="product",
        key=props["key"],
    )


async def create_product(
    db: Database, actor: Actor, data: SoftwareProductCreate
) -> SoftwareProductRecord:
    return await nodes.create(db, actor, SOFTWARE_PRODUCT_SPEC, data.graph_props(), _dup_product)


async def list_products(
    db: Database, text: str | None, req: PageRequest
) -> Page[SoftwareProductRecord]:
    return await nodes.list_page(db, SOFTWARE_PRODUCT_SPEC, {"text": text or None}, req)


async def count_products(db: Database, text: str | None) -> int:
    return await nodes.count(db, SOFTWARE_PRODUCT_SPEC, {"text": text or None})


PRODUCTS = Directory(
    SOFTWARE_PRODUCT_SPEC, Q.PRODUCT_REFERRERS_BY_IDS, natural_key="key", key_field="product"
)


async def _check_family_move(tx: Tx, product_id: str, family: str) -> None:
    """A product moving to another family brings its licenses' metric along: refused
    when the new family counts in another metric (one metric per family)."""
    refs = (await directory.referrers_in(tx, PRODUCTS, [product_id])).get(product_id, {})
    own = {str(lic.metric) for lic in refs.get("licenses", []) if isinstance(lic, LicenseRecord)}
    theirs = {
        r["metric"] for r in await tx.run(Q.LICENSE_FAMILY_METRICS, family=family, licenseId="")
    }
    if own and theirs and own != theirs:
        raise ValidationFailed(
            f"This product's licenses are counted {', '.join(sorted(own))} but those of "
            f"the family it would join are counted {', '.join(sorted(theirs))}; one product "
            "family has one metric.",
            field="product",
            metrics=sorted(own | theirs),
        )


async def update_product(
    db: Database, actor: Actor, product_id: str, data: SoftwareProductUpdate
) -> SoftwareProductRecord:
    """Renaming recomputes name, key and family, so a rename onto an existing product is
    ``DUPLICATE`` and the versions of the family are compared anew."""

    async def change(tx: Tx, current: SoftwareProductRecord) -> dict[str, Any]:
        props = data.merged_props(current.model_dump())
        if props["family"] != current.family:
            await _check_family_move(tx, product_id, props["family"])
        return props

    return await directory.update(db, actor, PRODUCTS, product_id, change)


async def delete_product(
    db: Database, actor: Actor, product_id: str, force: bool
) -> SoftwareProductRecord:
    """Refused while licenses or installations point at it; ``force`` deletes its licenses
    (a license is for exactly one product) and removes the installations."""
    return await directory.delete(db, actor, PRODUCTS, product_id, force)


# --- licenses ------------------------------------------------------------------------


async def _check_metric(
    tx: Tx, product: SoftwareProductRecord, metric: str, license_id: str
) -> None:
    rows = await tx.run(Q.LICENSE_FAMILY_METRICS, family=product.family, licenseId=license_id)
    others = sorted({r["metric"] for r in rows} - {metric})
    if others:
        raise ValidationFailed(
            f"Licenses of {product.publisher} {product.product} are counted "
            f"{', '.join(others)}; one product family has one metric.",
            field="metric",
            metrics=others,
        )


async def _set_contract(tx: Tx, license_id: str, contract_id: str | None) -> None:
    if contract_id is not None:
        await nodes.require(tx, CONTRACT_SPEC, contract_id)
    await tx.run(Q.LICENSE_SET_CONTRACT, licenseId=license_id, contractId=contract_id)


async def create_license(db: Database, actor: Actor, data: LicenseCreate) -> LicenseRecord:
    props = data.graph_props()
    refuse_problem(license_problem(props))

    async def work(tx: Tx) -> LicenseRecord:
        product = await nodes.require(tx, SOFTWARE_PRODUCT_SPEC, data.productId)
        await _check_metric(tx, product, data.metric.value, "")
        props.setdefault("name", f"{product.name} ({data.metric.value})")
        links = {"productId": data.productId, "contractId": data.contractId}
        license = await nodes.create_in(tx, actor, LICENSE_SPEC, props, links=links)
        await tx.run(Q.LICENSE_SET_PRODUCT, licenseId=license.id, productId=data.productId)
        if data.contractId is not None:
            await _set_contract(tx, license.id, data.contractId)
        return license

    return await nodes.write_unique(db, work, lambda: _duplicate(data.reference))


async def update_license(
    db: Database, actor: Actor, license_id: str, data: LicenseUpdate
) -> LicenseRecord:
    props = data.graph_props()

    async def work(tx: Tx) -> LicenseRecord:
        current = await nodes.require(tx, LICENSE_SPEC, license_id)
        refuse_problem(license_problem(current.model_dump() | props))
        moves = "contractId" in data.model_fields_set
        links = {"contractId": data.contractId} if moves else None
        license = await nodes.update_in(tx, actor, LICENSE_SPEC, license_id, props, links=links)
        if moves:
            await _set_contract(tx, license_id, data.contractId)
        return license

    return await nodes.write_unique(db, work, lambda: _duplicate(data.reference))


def _duplicate(reference: str | None) -> Duplicate:
    """A license's reference (entitlement / PO number) is unique, like a contract number."""
    return Duplicate(
        f"A license with reference '{reference}' already exists.",
        field="reference",
        reference=reference,
    )


async def delete_license(db: Database, actor: Actor, license_id: str) -> LicenseRecord:
    return await nodes.delete(db, actor, LICENSE_SPEC, license_id)


def license_view(license: Row, product: Row, contract: Row | None) -> LicenseView:
    return LicenseView(
        license=nodes.as_record(LICENSE_SPEC, license),
        product=nodes.as_record(SOFTWARE_PRODUCT_SPEC, product),
        contract=nodes.as_record(CONTRACT_SPEC, contract) if contract else None,
    )


def _view(row: Row) -> LicenseView:
    return license_view(row["license"], row["product"], row["contract"])


async def get_licenses(db: Database, ids: list[str]) -> dict[str, LicenseView]:
    return {r["license"]["id"]: _view(r) for r in await db.read(Q.LICENSE_VIEWS_BY_IDS, ids=ids)}


async def list_licenses(
    db: Database, product_id: str | None, req: PageRequest
) -> Page[LicenseView]:
    after_name, after_id = req.after if req.after else (None, None)
    rows = await db.read(
        Q.LICENSE_LIST_VIEWS,
        productId=product_id,
        afterName=after_name,
        afterId=after_id,
        limit=req.fetch,
    )
    page = make_page([r["license"] for r in rows], req, "name")
    views = [_view(r) for r in rows[: len(page.items)]]
    return Page(views, page.cursors, page.has_next, page.has_previous)


async def count_licenses(db: Database, product_id: str | None) -> int:
    return await nodes.count(db, LICENSE_SPEC, {"productId": product_id})


# --- installations -------------------------------------------------------------------


async def install(db: Database, actor: Actor, data: InstallInput) -> Installation:
    """Record (or update) that a CI has a product installed; the version defaults to
    the product's. Replaying the same installation changes nothing but the audit."""

    async def work(tx: Tx) -> Installation:
        await nodes.require(tx, CI_SPEC, data.ciId)
        product = await nodes.require(tx, SOFTWARE_PRODUCT_SPEC, data.productId)
        row = await tx.one(
            Q.INSTALL_UPSERT,
            ciId=data.ciId,
            productId=data.productId,
            version=data.version or product.version,
            installedAt=data.installedAt or datetime.now(UTC),
        )
        assert row is not None
        after = dict(row["installation"]) | {"ciId": data.ciId, "productId": data.productId}
        ids = [data.ciId, data.productId]
        await audit.record(tx, actor, "installSoftware", ids, row["before"], after)
        return Installation.of(row["installation"], data.ciId, data.productId)

    return await db.write(work)


async def installations_by_ci(db: Database, ci_ids: list[str]) -> dict[str, list[Installation]]:
    grouped: dict[str, list[Installation]] = defaultdict(list)
    for r in await db.read(Q.INSTALL_BY_CI_IDS, ids=ci_ids):
        i = r["installation"]
        grouped[r["id"]].append(Installation.of(i, i["ciId"], i["productId"]))
    return grouped


async def uninstall(db: Database, actor: Actor, ci_id: str, product_id: str) -> bool:
    async def work(tx: Tx) -> bool:
        row = await tx.one(Q.INSTALL_REMOVE, ciId=ci_id, productId=product_id)
        if row is None:
            raise NotFound("HAS_INSTALLED relationship", [f"{ci_id}->{product_id}"])
        before = dict(row["before"]) | {"ciId": ci_id, "productId": product_id}
        await audit.record(tx, actor, "uninstallSoftware", [ci_id, product_id], before, None)
        return True

    return await db.write(work)


# --- positions -----------------------------------------------------------------------


async def license_positions(db: Database) -> list[Position]:
    """Every license position, from one read (see ``itam/compliance.py`` for the rules)."""
    rows = await db.read(Q.COMPLIANCE_PRODUCTS)
    products = [r["product"] for r in rows]
    licenses = [lic for r in rows for lic in r["licenses"]]
    installs = [
        Install(
            product_id=r["product"]["id"],
            ci_id=i["ciId"],
            ci_name=i["ciName"],
            cores=i["cores"],
            person_ids=tuple(sorted(set(i["personIds"]))),
        )
        for r in rows
        for i in r["installs"]
    ]
    return positions(products, licenses, installs)


@dataclass(frozen=True)
class PositionView:
    """A license position with its product as a record."""

    position: Position
    product: SoftwareProductRecord


async def position_views(db: Database) -> list[PositionView]:
    found = await license_positions(db)
    return [PositionView(p, nodes.as_record(SOFTWARE_PRODUCT_SPEC, p.product)) for p in found]
