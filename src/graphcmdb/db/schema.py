"""Constraints and indexes, applied idempotently at every start-up.

Two sources: the versioned files ``cypher/schema/NNNN_name.cypher`` (the history of
deployed databases, and data migrations), then the statements generated from the node
specs (``graph/ddl.py``), so a field indexed in a spec gets its index without a file.
Every statement uses ``IF NOT EXISTS``; the highest applied file number is recorded as
``(:SchemaMigration)``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import neo4j.exceptions

from graphcmdb.db import history, identity_claims
from graphcmdb.db.catalogue import cypher_dir
from graphcmdb.db.database import Database, Tx
from graphcmdb.db.queries import Q
from graphcmdb.domain.specs import NODE_SPECS
from graphcmdb.errors import Duplicate
from graphcmdb.graph.ddl import all_ddl

FILE_PATTERN = re.compile(r"^(\d{4})_[a-z0-9_]+\.cypher$")


@dataclass(frozen=True)
class Migration:
    version: int
    path: Path
    statements: tuple[str, ...]

    @property
    def checksum(self) -> str:
        return hashlib.sha256("\n".join(self.statements).encode()).hexdigest()[:16]


def split_statements(text: str) -> tuple[str, ...]:
    lines = [ln for ln in text.splitlines() if not ln.strip().startswith("//")]
    return tuple(s.strip() for s in "\n".join(lines).split(";") if s.strip())


def load_migrations(root: Path | None = None) -> list[Migration]:
    folder = (root or cypher_dir()) / "schema"
    migrations = []
    for path in sorted(folder.glob("*.cypher")):
        match = FILE_PATTERN.match(path.name)
        if not match:
            raise RuntimeError(f"Schema file {path.name} must be named NNNN_name.cypher")
        migrations.append(
            Migration(int(match.group(1)), path, split_statements(path.read_text("utf-8")))
        )
    return migrations


def latest_version() -> int:
    return max(m.version for m in load_migrations())


async def applied_version(db: Database) -> int | None:
    rows = await db.read(Q.SYSTEM_SCHEMA_VERSION)
    version = rows[0]["version"] if rows else None
    return int(version) if version is not None else None


CONSTRAINT_FAILED = "Neo.DatabaseError.Schema.ConstraintCreationFailed"


async def _apply(db: Database, statement: str) -> None:
    """Run one statement; data a new constraint refuses is ``DUPLICATE``, with Neo4j's
    example of it (two nodes with one key), instead of the driver's error."""
    try:
        await db.run_raw(statement)
    except neo4j.exceptions.DatabaseError as exc:
        if exc.code != CONSTRAINT_FAILED:
            raise
        raise Duplicate(f"The graph breaks a constraint of the schema: {exc.message}") from exc


async def migrate(db: Database, seed: bool = True) -> int:
    """Apply every schema file; return the version now recorded in the graph. Without
    ``seed`` the history seed is not even looked for (a caller that wrote version one
    of everything itself: the offline import)."""
    migrations = load_migrations()
    for migration in migrations:
        for statement in migration.statements:
            await _apply(db, statement)

        async def record(tx: Tx, m: Migration = migration) -> None:
            await tx.run(
                Q.SYSTEM_RECORD_MIGRATION, version=m.version, file=m.path.name, checksum=m.checksum
            )

        await db.write(record)
    for statement in all_ddl(NODE_SPECS):
        await _apply(db, statement)
    await db.run_raw("CALL db.awaitIndexes(300)")
    await identity_claims.backfill(db)
    if seed and db.settings.history_enabled:  # off: nothing is versioned, nor the old graph
        await history.seed(db, db.clock())
    return migrations[-1].version
