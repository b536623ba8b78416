"""File import over GraphQL (editor role): the same path as `graphcmdb import`."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql import financials
from graphcmdb.api.graphql.core.plan_types import IdentityPlan, to_plan
from graphcmdb.api.graphql.from_models import from_record
from graphcmdb.api.graphql.permissions import IsAdmin, IsEditor, authorize
from graphcmdb.graph.enums import Role
from graphcmdb.importing import files
from graphcmdb.importing.mapping import read_mapping
from graphcmdb.importing.reader import ImportFormat


@strawberry.enum(description="What an import file holds; each kind has its natural key.")
class ImportKind(Enum):
    CIS = "cis"
    ASSETS = "assets"
    CONTRACTS = "contracts"
    LICENSES = "licenses"
    INSTALLATIONS = "installations"
    SERVICES = "services"
    RELATIONSHIPS = "relationships"
    INCIDENTS = "incidents"
    CHANGES = "changes"


@strawberry.enum(name="ImportFormat")
class ImportFormatEnum(Enum):
    CSV = "csv"
    JSON = "json"


@strawberry.type
class ImportProblem:
    line: int
    column: str
    reason: str


@strawberry.type
class ImportReportType:
    rows: int
    created: int
    updated: int
    unchanged: int
    skipped: int
    problems: list[ImportProblem]
    dryRun: bool = strawberry.field(
        default=False, description="A preview: nothing was written; the counts are the plan's."
    )
    plan: IdentityPlan | None = strawberry.field(
        default=None, description="CI imports: per row, what identification decided."
    )


@strawberry.type
class ImportMutation:
    @strawberry.mutation(
        permission_classes=[IsEditor],
        description=(
            "Import a CSV or JSON file's content. Every bad row is reported with its line and "
            "column; nothing is written unless skipInvalid. CI rows are identified like every "
            "other source (an ambiguous one is a problem, or with skipInvalid a reconciliation "
            "task); the others are idempotent by natural keys: asset assetTag, contract "
            "number, license reference, installation ciClass + ciName + publisher + product + "
            "version. dryRun: what it would do, nothing written (CIs: the plan); planToken: "
            "write CIs only if the plan is still that preview's. fileName: the file's name, "
            "recorded in the import's audit entries (importCIs, importAssets …) with the "
            "kind, the format and the counts. A cost column with a value needs the "
            "financials permission (FORBIDDEN, nothing written)."
        ),
    )
    async def importData(
        self,
        info: Info,
        kind: ImportKind,
        format: ImportFormatEnum,
        content: str,
        skipInvalid: bool = False,
        dryRun: bool = False,
        planToken: str | None = None,
        fileName: str | None = None,
        mapping: Annotated[
            str | None,
            strawberry.argument(
                description="A TOML column mapping (another tool's export: docs/examples/)."
            ),
        ] = None,
    ) -> ImportReportType:
        actor = authorize(info.context.actor, Role.EDITOR)
        report = await files.import_file(
            info.context.db,
            actor,
            files.ImportKind(kind.value),
            content,
            ImportFormat(format.value),
            skipInvalid,
            dry_run=dryRun,
            expect=planToken,
            file_name=fileName,
            check_rows=financials.import_guard(actor),
            mapping=read_mapping(mapping) if mapping is not None else None,
        )
        return from_record(
            ImportReportType,
            report,
            problems=[
                ImportProblem(line=p["line"], column=str(p["column"]), reason=p["reason"])
                for p in report.problems
            ],
            plan=to_plan(report.plan, report.plan_lines) if report.plan else None,
        )


@strawberry.type
class ExportQuery:
    @strawberry.field(
        permission_classes=[IsAdmin],
        description=(
            "Every record of a kind in its import columns, as CSV or as a JSON array: "
            "re-importing it changes nothing (`graphcmdb export`). Admin only: an export "
            "holds every cost figure of the kind."
        ),
    )
    async def exportData(self, info: Info, kind: ImportKind, format: ImportFormatEnum) -> str:
        authorize(info.context.actor, Role.ADMIN)
        return await files.export_file(
            info.context.db, files.ImportKind(kind.value), fmt=ImportFormat(format.value)
        )
