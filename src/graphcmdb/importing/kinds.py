"""What each import kind is made of: its columns, row check, reference check, batch
writer and export page. ``files.py`` runs them all the same way.

Natural keys: CI (ciClass, name); asset assetTag; contract number; license reference;
installation (ciClass, ciName, publisher, product, version).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from typing import Any

from pydantic import BaseModel

from graphcmdb.db.database import Database, Row
from graphcmdb.db.queries import Q, QueryName, fixed
from graphcmdb.domain.specs import (
    ASSET_SPEC,
    CHANGE_SPEC,
    CI_SPEC,
    CONTRACT_SPEC,
    INCIDENT_SPEC,
    LICENSE_SPEC,
    SERVICE_SPEC,
)
from graphcmdb.graph.node_spec import AnySpec
from graphcmdb.services import (
    asset_bulk,
    assets,
    bulk,
    business_services,
    ci_identification,
    cis,
    contract_bulk,
    install_bulk,
    itsm_bulk,
    license_bulk,
    relationship_bulk,
    service_bulk,
)
from graphcmdb.services.actor import Actor
from graphcmdb.services.audit import ImportSource
from graphcmdb.services.bulk import UpsertResult
from graphcmdb.services.ci_identification import CIPlan
from graphcmdb.services.import_batch import BatchPlan, RefCheck, write_batch
from graphcmdb.services.paging import Page, PageRequest, make_page
from graphcmdb.services.row_checks import Prepared, Problem

Check = Callable[[list[dict[str, Any]]], tuple[list[Prepared | None], list[Problem]]]
#: Writes one batch in one transaction; ``lines`` are the batch rows' file lines; its
#: audit entry names the import (``ImportSource``).
Write = Callable[
    [Database, Actor, list[Prepared], list[int], ImportSource], Awaitable[UpsertResult]
]
PageOf = Callable[[Database, PageRequest], Awaitable[Page[Row]]]
#: Runs once over every good row before the first batch (and may refuse the import).
PreWrite = Callable[[Database, list[Prepared], list[int]], Awaitable[None]]


@dataclass(frozen=True)
class Identified:
    """A kind whose rows go through the identification engine: previewed as a whole,
    then written with the preview as the promise (``services/ci_identification.py``)."""

    preview: Callable[[Database, list[Prepared], int], Awaitable[CIPlan]]
    apply: Callable[
        [
            Database,
            Actor,
            list[Prepared],
            CIPlan | None,
            int,
            Callable[[int, int], None],
            ImportSource,
        ],
        Awaitable[CIPlan],
    ]


class ImportKind(StrEnum):
    CIS = "cis"
    ASSETS = "assets"
    CONTRACTS = "contracts"
    LICENSES = "licenses"
    INSTALLATIONS = "installations"
    SERVICES = "services"
    RELATIONSHIPS = "relationships"
    INCIDENTS = "incidents"
    CHANGES = "changes"


@dataclass(frozen=True)
class KindSpec:
    columns: tuple[str, ...]
    check: Check
    #: None for a kind that goes through identification (``identified``) instead
    write: Write | None
    page: PageOf
    sort_field: str  # the export page's sort key (paired with ``id``)
    refs: RefCheck | None = None
    prewrite: PreWrite | None = None
    #: the node type the kind imports and exports (None: its rows are relationships)
    node: AnySpec | None = None
    identified: Identified | None = None


def _columns(model: type[BaseModel], *keys: str, exclude: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The natural key first, then every field the record accepts, in its order, so a
    field added to the record is imported and exported too."""
    rest = (f for f in model.model_fields if f not in keys and f not in exclude)
    return (*keys, *rest)


def spec_columns(spec: AnySpec, *lead: str) -> tuple[str, ...]:
    """The columns of a node type's import: ``lead`` (its natural key) first, then every
    field its spec's model accepts, so a field added to the spec is imported and exported."""
    return (*lead, *(f for f in spec.field_names if f not in lead))


def _tags(batch: list[Prepared], lines: list[int]) -> dict[str, int]:
    return {p["assetTag"]: line for p, line in zip(batch, lines, strict=True)}


async def _preview_cis(db: Database, good: list[Prepared], batch: int) -> CIPlan:
    return await ci_identification.preview(db, [bulk.ci_row(p) for p in good], batch)


async def _apply_cis(
    db: Database,
    actor: Actor,
    good: list[Prepared],
    promised: CIPlan | None,
    batch: int,
    progress: Callable[[int, int], None],
    source: ImportSource,
) -> CIPlan:
    rows = [bulk.ci_row(p) for p in good]
    return await ci_identification.reconcile_rows(
        db,
        actor,
        rows,
        operation="importCIs",
        promised=promised,
        batch=batch,
        progress=progress,
        origin=source,
    )


async def _write_assets(
    db: Database, actor: Actor, batch: list[Prepared], lines: list[int], source: ImportSource
) -> UpsertResult:
    return await asset_bulk.write_assets(db, actor, batch, _tags(batch, lines), source)


async def _asset_states(db: Database, good: list[Prepared], lines: list[int]) -> None:
    await asset_bulk.check_states(db, good, _tags(good, lines))


def _planned(plan: BatchPlan) -> Write:
    async def write(
        db: Database, actor: Actor, batch: list[Prepared], lines: list[int], source: ImportSource
    ) -> UpsertResult:
        return await write_batch(db, actor, plan, batch, source)

    return write


def _export_row(record: BaseModel) -> Row:
    """A record as an export row (its stored property names; enums stay str-valued)."""
    return record.model_dump(by_alias=True, exclude={"labels"})


async def _cis_page(db: Database, req: PageRequest) -> Page[Row]:
    return (await cis.LISTING.page(db, cis.CIFilter(), req)).map(_export_row)


async def _assets_page(db: Database, req: PageRequest) -> Page[Row]:
    return (await assets.LISTING.page(db, assets.AssetFilter(), req)).map(_export_row)


async def _services_page(db: Database, req: PageRequest) -> Page[Row]:
    listed = business_services.LISTING
    return (await listed.page(db, business_services.ServiceFilter(), req)).map(_export_row)


async def _itsm_page(kind: itsm_bulk.ItsmKind, db: Database, req: PageRequest) -> Page[Row]:
    query = fixed(Q.EXCHANGE_ITSM_EXPORT, label=kind.label, link=kind.link)
    page = await _export_page(query, db, req)
    return page.map(partial(itsm_bulk.export_row, kind))


def _itsm(kind: itsm_bulk.ItsmKind, node: AnySpec) -> KindSpec:
    return KindSpec(
        columns=_columns(kind.model, "number", "externalKey", "title"),
        check=partial(itsm_bulk.check_rows, kind),
        write=partial(itsm_bulk.write, kind),
        page=partial(_itsm_page, kind),
        sort_field="sortKey",
        refs=partial(itsm_bulk.problems, kind),
        node=node,
    )


async def _export_page(
    query: QueryName, db: Database, req: PageRequest, **params: object
) -> Page[Row]:
    """A page of an ``*/export`` query: rows in the importer's columns plus sortKey, id
    (``params``: the query's own, a label or the relationship types)."""
    after_key, after_id = req.after if req.after else (None, None)
    rows = await db.read(query, afterKey=after_key, afterId=after_id, limit=req.fetch, **params)
    return make_page([r["row"] for r in rows], req, "sortKey")


SPECS: dict[ImportKind, KindSpec] = {
    ImportKind.CIS: KindSpec(
        columns=spec_columns(CI_SPEC, "name", "ciClass"),
        check=bulk.check_rows,
        write=None,
        page=_cis_page,
        sort_field="name",
        node=CI_SPEC,
        identified=Identified(_preview_cis, _apply_cis),
    ),
    ImportKind.ASSETS: KindSpec(
        columns=spec_columns(ASSET_SPEC, "assetTag", "name", "lifecycleState"),
        check=asset_bulk.check_asset_rows,
        write=_write_assets,
        page=_assets_page,
        sort_field="assetTag",
        prewrite=_asset_states,
        node=ASSET_SPEC,
    ),
    ImportKind.CONTRACTS: KindSpec(
        columns=_columns(
            contract_bulk.ContractImport, "number", "name", "kind", exclude=("vendorId",)
        ),
        check=contract_bulk.check_contract_rows,
        write=_planned(contract_bulk.PLAN),
        page=partial(_export_page, Q.CONTRACT_EXPORT),
        sort_field="sortKey",
        refs=contract_bulk.PLAN.refs,
        node=CONTRACT_SPEC,
    ),
    ImportKind.LICENSES: KindSpec(
        columns=_columns(
            license_bulk.LicenseImport,
            "reference",
            "name",
            "publisher",
            "product",
            "version",
            "metric",
            "quantity",
            exclude=("contractId",),
        ),
        check=license_bulk.check_license_rows,
        write=_planned(license_bulk.PLAN),
        page=partial(_export_page, Q.LICENSE_EXPORT),
        sort_field="sortKey",
        refs=license_bulk.PLAN.refs,
        node=LICENSE_SPEC,
    ),
    ImportKind.INSTALLATIONS: KindSpec(
        columns=_columns(install_bulk.InstallImport, "ciClass", "ciName"),
        check=install_bulk.check_install_rows,
        write=_planned(install_bulk.PLAN),
        page=partial(_export_page, Q.INSTALL_EXPORT),
        sort_field="sortKey",
        refs=install_bulk.PLAN.refs,
    ),
    ImportKind.SERVICES: KindSpec(
        columns=spec_columns(SERVICE_SPEC, "name"),
        check=service_bulk.check_service_rows,
        write=service_bulk.write_services,
        page=_services_page,
        sort_field="name",
        node=SERVICE_SPEC,
    ),
    ImportKind.RELATIONSHIPS: KindSpec(
        columns=_columns(relationship_bulk.RelationshipImport),
        check=relationship_bulk.check_relationship_rows,
        write=relationship_bulk.write_relationships,
        page=partial(
            _export_page,
            Q.EXCHANGE_RELATIONSHIP_EXPORT,
            types=[t.value for t in relationship_bulk.TYPES],
        ),
        sort_field="sortKey",
        refs=relationship_bulk.relationship_problems,
    ),
    ImportKind.INCIDENTS: _itsm(itsm_bulk.INCIDENTS, INCIDENT_SPEC),
    ImportKind.CHANGES: _itsm(itsm_bulk.CHANGES, CHANGE_SPEC),
}

#: The columns of each kind, as imported and exported.
COLUMNS: dict[ImportKind, tuple[str, ...]] = {kind: spec.columns for kind, spec in SPECS.items()}
