"""An import written in several batches is one run: its entries are summed."""

from __future__ import annotations

from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.importing import files
from graphcmdb.importing.reader import ImportFormat
from graphcmdb.services import import_runs
from graphcmdb.services.actor import system_actor


async def test_the_batches_of_one_import_are_one_run(db: Database, settings: Settings) -> None:
    small = Database(settings.model_copy(update={"bulk_batch_size": 2}))
    try:
        actor = system_actor("test")
        content = "name,ciClass\n" + "".join(f"host-{i},Server\n" for i in range(5))
        kind, csv = files.ImportKind.CIS, ImportFormat.CSV
        await files.import_file(small, actor, kind, content, csv, file_name="five.csv")
        content += "host-9,Server\n"
        await files.import_file(small, system_actor("test"), kind, content, csv)
    finally:
        await small.close()
    newest, run = await import_runs.list_runs(db, 10)
    assert (run.run, run.fileName, run.batches) == (actor.request_id, "five.csv", 3)
    assert (run.rows, run.created, run.updated, run.unchanged) == (5, 5, 0, 0)
    assert (newest.batches, newest.rows, newest.created, newest.unchanged) == (1, 6, 1, 5)
