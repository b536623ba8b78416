"""A graph dump loaded into the managed Neo4j offline (``graphcmdb graph import --offline``).

The first load of a big CMDB (a copy moved from another installation, a restored
export): the dump is checked and converted to CSV while the server still runs, then the
server is stopped, ``neo4j-admin database import full`` writes the store, and the
server is started again with the schema (constraints, indexes) applied and the values
CSV could not carry set. All or nothing, like the online import:

- a database holding any dumped node, or a bad line, is refused before anything is
  stopped or written;
- if the importer fails, or the schema finds data it refuses (two CIs with one id), the
  database is emptied again (its store files removed; Neo4j creates the default
  database afresh at start) and the error says why.

Only for the managed server: its store files are on this machine. The import, like the
online one, writes no audit entry (the dump carries the source's log).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from graphcmdb import neo4j_server as ns
from graphcmdb.config import Settings
from graphcmdb.db.database import Database, Tx
from graphcmdb.db.deadlines import writing
from graphcmdb.db.history import seed as seed_history
from graphcmdb.db.queries import Q, fixed
from graphcmdb.db.schema import migrate
from graphcmdb.errors import CmdbError, ValidationFailed
from graphcmdb.graph.enums import IndexRelType, Label, RelType
from graphcmdb.neo4j_server.bulk_import import ImportSource, import_full
from graphcmdb.services.credential_secrets import seal_plain_secrets
from graphcmdb.services.graph_offline_csv import CsvDump, CsvFile, write_csv
from graphcmdb.services.graph_offline_history import HistoryRows
from graphcmdb.services.graph_offline_values import ARRAY_DELIMITER

#: ``(stage, done, total)``
Progress = Callable[[str, int, int], None]
RELATIONSHIP_TYPES = frozenset(t.value for t in RelType)


@dataclass(frozen=True)
class OfflineReport:
    nodes: int
    relationships: int
    fixups: int
    #: seconds: checking and converting, the importer, restarting Neo4j, schema and fix-ups
    convert_s: float
    import_s: float
    start_s: float
    schema_s: float
    #: the schema step's parts, in order
    schema_steps: tuple[tuple[str, float], ...] = ()

    @property
    def seconds(self) -> float:
        return self.convert_s + self.import_s + self.start_s + self.schema_s


async def import_offline(
    settings: Settings, path: Path, progress: Progress, at: datetime | None = None
) -> OfflineReport:
    """Load the dump at ``path`` into the managed server's empty database (see above);
    version one of every entity as of ``at`` (default: now) when history is on."""
    ns.start(settings)
    await _require_empty(settings)
    work = Path(tempfile.mkdtemp(prefix="offline-import-", dir=settings.state_dir))
    try:
        started = time.monotonic()
        try:
            since = (at or datetime.now(UTC)) if settings.history_enabled else None
            with path.open(encoding="utf-8") as lines:
                csv = write_csv(lines, work, progress, since)
        except UnicodeDecodeError as exc:
            raise ValidationFailed(f"the dump is not UTF-8 text ({exc.reason})",
                                   field="content") from exc  # fmt: skip
        convert_s = time.monotonic() - started
        ns.stop(settings)
        try:
            return await _load(settings, work, csv, progress, convert_s)
        except CmdbError as exc:
            _reset(settings)
            raise ValidationFailed(
                f"The imported graph was refused, and the database emptied again: {exc.message}",
                field="content",
            ) from exc
        except BaseException:
            _reset(settings)  # stopped, failed or interrupted: the empty database again
            raise
    finally:
        shutil.rmtree(work, ignore_errors=True)


async def _load(
    settings: Settings, work: Path, csv: CsvDump, progress: Progress, convert_s: float
) -> OfflineReport:
    """With the server stopped: the importer, the server started, the schema."""
    import_s = import_full(
        settings, work, _sources(csv.nodes), _sources(csv.relationships), ARRAY_DELIMITER,
        csv.longest_row, progress,
    )  # fmt: skip
    started = time.monotonic()
    ns.start(settings)
    start_s = time.monotonic() - started
    started = time.monotonic()
    steps = await _finish(settings, csv, progress)
    schema_s = time.monotonic() - started
    return OfflineReport(
        csv.node_count, csv.relationship_count, csv.fixups.count,
        convert_s, import_s, start_s, schema_s, steps,
    )  # fmt: skip


def _sources(files: list[CsvFile]) -> list[ImportSource]:
    return [ImportSource(f.names, f.path.name, f.multiline) for f in files]


async def _require_empty(settings: Settings) -> None:
    db = Database(settings)
    try:
        row = await db.read_tx(lambda tx: tx.one(Q.EXCHANGE_OFFLINE_HELD_COUNT))
        held = 0 if row is None else int(row["n"])
    finally:
        await db.close()
    if held:
        raise ValidationFailed(
            f"The database already holds {held} nodes (API tokens and users' sessions "
            "count too: the importer replaces the whole database); an offline import is "
            "for a first load, into an empty one.",
            field="content",
        )


async def _finish(settings: Settings, csv: CsvDump, progress: Progress) -> Steps:
    """Fix-ups set, then the schema (a constraint the data breaks refuses it; what the
    files left to the history seed is seeded then, so fix-ups come first), the versions
    completed (fix-ups, the order of labels), then secrets sealed; each step timed."""
    db = Database(settings)
    history = csv.history
    steps = _Laps()
    try:
        progress("schema and indexes", 0, 1)
        marked = 0
        if csv.fixups.count:
            with writing():
                marked = await db.write(lambda tx: _apply_fixups(tx, csv))
        steps.lap("fix-ups set")
        # the files hold version one of everything but what they left to the seed, which
        # finishes it as of the files' time
        await migrate(db, seed=history is None)
        steps.lap("schema: constraints, indexes, migrations, identity keys")
        if history is not None:
            if history.seed_needed(marked):
                await seed_history(db, history.at)
                steps.lap("history seed of what the files left")
            await _complete_versions(db, history)
            steps.lap("versions completed: fix-ups, label order")
        await seal_plain_secrets(db)
        steps.lap("secrets sealed")
        progress("schema and indexes", 1, 1)
    finally:
        await db.close()
    return tuple(steps.done)


#: ``(step, seconds)`` of the schema step, in order
Steps = tuple[tuple[str, float], ...]


class _Laps:
    def __init__(self) -> None:
        self.done: list[tuple[str, float]] = []
        self.since = time.monotonic()

    def lap(self, name: str) -> None:
        now = time.monotonic()
        self.done.append((name, now - self.since))
        self.since = now


async def _apply_fixups(tx: Tx, csv: CsvDump) -> int:
    """Set them; how many Timelines are marked for the seed (starts of relationships
    the files left to it)."""
    fixups = csv.fixups
    for label, by_n in fixups.nodes.items():
        await tx.raw(fixed(Q.EXCHANGE_OFFLINE_FIXUP_NODES, label=Label(label)), props=by_n)
    starts: set[str] = set()
    for rel_type, by_line in fixups.relationships.items():
        slot = RelType(rel_type) if rel_type in RELATIONSHIP_TYPES else IndexRelType(rel_type)
        rows = await tx.raw(fixed(Q.EXCHANGE_OFFLINE_FIXUP_RELATIONSHIPS, type=slot),
                            props=by_line)  # fmt: skip
        starts.update(str(i) for r in rows for i in r["starts"] if i is not None)
    if csv.history is None or not starts:
        return 0
    rows = await tx.raw(Q.EXCHANGE_OFFLINE_RESEED_TIMELINES, ids=sorted(starts))
    return int(rows[0]["n"]) if rows else 0


async def _complete_versions(db: Database, history: HistoryRows) -> None:
    """Version one as the seed would have written it: the entities' fix-ups on their
    States too, and Neo4j's order of labels (:func:`_check_label_order`)."""
    if history.state_fixups:
        rows = [{"id": i, "props": p} for i, p in sorted(history.state_fixups.items())]
        with writing():
            await db.write(lambda tx: tx.raw(Q.EXCHANGE_OFFLINE_FIXUP_STATES, rows=rows))
    await _check_label_order(db, history.label_orders)


async def _check_label_order(db: Database, written: dict[tuple[str, ...], str]) -> None:
    """The files wrote each State's ``_labels`` in the dump's order; Neo4j gives a
    node's labels in the order of its label tokens, which its importer chose. Where
    they differ, the States get Neo4j's order (else the next version of each would
    differ from version one by that order alone)."""
    if not written:
        return
    by_id = {entity_id: order for order, entity_id in written.items()}
    actual: dict[str, list[str]] = {}
    for row in await db.read(Q.EXCHANGE_OFFLINE_LABEL_ORDERS, ids=sorted(by_id)):
        order, labels = by_id[str(row["id"])], [str(x) for x in row["labels"]]
        if list(order) != labels:
            actual["".join(f":{label}" for label in order)] = labels
    if actual:
        with writing():
            await db.run_raw(db.catalogue[Q.EXCHANGE_OFFLINE_STATE_LABELS], actual=actual)


def _reset(settings: Settings) -> None:
    """Back to an empty database: the store files removed, Neo4j started afresh."""
    ns.stop(settings)
    data = settings.neo4j_dir / "data"
    for part in ("databases", "transactions"):
        shutil.rmtree(data / part / settings.neo4j_database, ignore_errors=True)
    ns.start(settings)
