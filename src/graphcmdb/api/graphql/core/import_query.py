"""What an import page reads besides ``importData`` (editor role): a kind's columns, and
past imports (each run's kind, file, who, when and counts, read back from its audit
entries, so a report stays viewable after the import)."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.core.import_mutation import ImportKind
from graphcmdb.api.graphql.from_models import from_record
from graphcmdb.api.graphql.permissions import IsEditor
from graphcmdb.domain.system_records import ImportRunRecord
from graphcmdb.importing import files
from graphcmdb.services import import_runs


@strawberry.type(description="One import of a file, as its audit entries tell it.")
class ImportRun:
    run: str = strawberry.field(
        description="The request that ran it (its audit entries' requestId)."
    )
    at: datetime = strawberry.field(description="When its last batch was written.")
    actor: str
    operation: str = strawberry.field(description="importCIs, importAssets …")
    kind: str
    fileName: str | None
    format: str | None
    rows: int = strawberry.field(description="Rows read from the file.")
    refused: int = strawberry.field(description="Rows skipped as invalid or ambiguous.")
    created: int
    updated: int
    unchanged: int = strawberry.field(description="Rows read, neither refused nor written.")
    batches: int = strawberry.field(description="Audit entries (written batches).")


def to_run(record: ImportRunRecord) -> ImportRun:
    return from_record(ImportRun, record)


@strawberry.type
class ImportQuery:
    @strawberry.field(
        permission_classes=[IsEditor],
        description=(
            "The columns a file of this kind may hold, its natural key first (what an "
            "import page maps a file's columns to)."
        ),
    )
    def importColumns(self, kind: ImportKind) -> list[str]:
        return list(files.COLUMNS[files.ImportKind(kind.value)])

    @strawberry.field(
        permission_classes=[IsEditor],
        description=(
            "The newest imports (at most 100), newest first, from their audit entries "
            "(importCIs, importAssets …): an import that wrote nothing left none."
        ),
    )
    async def importRuns(self, info: Info, first: int = 20) -> list[ImportRun]:
        return [to_run(r) for r in await import_runs.list_runs(info.context.db, first)]
