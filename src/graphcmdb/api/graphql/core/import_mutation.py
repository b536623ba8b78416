"""File import over GraphQL (editor role): the same path as `graphcmdb import`."""

from __future__ import annotations

from enum import Enum

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.from_models import from_record
from graphcmdb.api.graphql.permissions import IsEditor, authorize
from graphcmdb.graph.enums import Role
from graphcmdb.importing import files
from graphcmdb.importing.reader import ImportFormat


@strawberry.enum(description="What an import file holds; each kind has its natural key.")
class ImportKind(Enum):
    CIS = "cis"
    ASSETS = "assets"
    CONTRACTS = "contracts"
    LICENSES = "licenses"
    INSTALLATIONS = "installations"


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


@strawberry.type
class ImportMutation:
    @strawberry.mutation(
        permission_classes=[IsEditor],
        description=(
            "Import a CSV or JSON file's content. Every bad row is reported with its line and "
            "column; nothing is written unless skipInvalid. Idempotent by natural keys: CI "
            "ciClass + name, asset assetTag, contract number, license reference, installation "
            "ciClass + ciName + publisher + product + version."
        ),
    )
    async def importData(
        self,
        info: Info,
        kind: ImportKind,
        format: ImportFormatEnum,
        content: str,
        skipInvalid: bool = False,
    ) -> ImportReportType:
        actor = authorize(info.context.actor, Role.EDITOR)
        report = await files.import_file(
            info.context.db,
            actor,
            files.ImportKind(kind.value),
            content,
            ImportFormat(format.value),
            skipInvalid,
        )
        return from_record(
            ImportReportType,
            report,
            problems=[
                ImportProblem(line=p["line"], column=str(p["column"]), reason=p["reason"])
                for p in report.problems
            ],
        )
