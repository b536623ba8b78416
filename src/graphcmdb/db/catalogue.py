"""Cypher is data: every statement lives in ``cypher/<area>/<name>.cypher``.

The catalogue loads them all once and refuses to start when a name the code uses
has no file, so a typo fails at start-up rather than on the first request.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import graphcmdb
from graphcmdb.db.queries import NODE_VISIBLE_IDS, VISIBLE_IDS, Fixed, Q, QueryName
from graphcmdb.db.slots import fill_slots, starts_at_slot
from graphcmdb.domain.specs import CRUD_SPECS
from graphcmdb.graph.as_of_gen import AS_OF, as_of_statements
from graphcmdb.graph.cypher_gen import statements
from graphcmdb.graph.visibility import visible_ids_of, visible_ids_statement


def generated_statements(scoped: bool = False) -> dict[str, str]:
    """The CRUD and upsert statements of every node spec, by catalogue name; ``scoped``:
    the variants a caller with scopes runs, where they differ."""
    crud = {
        f"{spec.area}/{op.value}": text
        for spec in CRUD_SPECS
        for op, text in statements(spec, scoped).items()
    }
    if scoped:
        plain = generated_statements()
        return {name: text for name, text in crud.items() if plain[name] != text}
    by_label = {name.value: visible_ids_of(label) for label, name in VISIBLE_IDS.items()}
    as_of = {
        f"{spec.area}/{op}{AS_OF}": text
        for spec in CRUD_SPECS
        if spec.entity
        for op, text in as_of_statements(spec).items()
    }
    return crud | by_label | as_of | {NODE_VISIBLE_IDS.value: visible_ids_statement()}


def cypher_dir() -> Path:
    """The installed copy (wheel) or the checkout's ``cypher/`` (editable install)."""
    package_dir = Path(graphcmdb.__file__).resolve().parent
    for candidate in (package_dir / "cypher", package_dir.parents[1] / "cypher"):
        if candidate.is_dir():
            return candidate
    raise RuntimeError(f"No cypher/ folder next to {package_dir}: the package is incomplete.")


class CypherCatalogue:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._text: dict[str, str] = {}
        for path in sorted(root.rglob("*.cypher")):
            if path.parent.name == "schema":
                continue
            name = path.relative_to(root).with_suffix("").as_posix()
            self._text[name] = path.read_text(encoding="utf-8").strip()
        generated = generated_statements()
        clash = sorted(set(generated) & set(self._text))
        if clash:
            raise RuntimeError(f"Cypher files shadow generated statements: {', '.join(clash)}")
        self.generated = frozenset(generated)
        self._text.update(generated)
        #: what a caller with scopes runs instead, where it differs (graph/visibility.py)
        self._scoped = generated_statements(scoped=True)
        #: statements whose pattern starts at a slot: sent only through ``fixed(...)``
        self.must_fix = frozenset(name for name, text in self._text.items() if starts_at_slot(text))
        self._fixed: dict[str, str] = {}  # bounded: the enums' combinations callers name
        missing = [q.value for q in Q if q.value not in self._text]
        if missing:
            raise RuntimeError(f"Cypher files missing under {root}: {', '.join(missing)}")

    def __getitem__(self, query: QueryName) -> str:
        if isinstance(query, Fixed):
            if query.value not in self._fixed:
                self._fixed[query.value] = fill_slots(self._text[query.query.value], query)
            return self._fixed[query.value]
        if query.value in self.must_fix:
            raise KeyError(
                f"{query.value} starts a pattern at a label or type slot, which Neo4j "
                "plans as a scan of the whole graph: send it as fixed(query, name=value)"
            )
        return self._text[query.value]

    def scoped(self, query: QueryName) -> str:
        """The statement a caller with scopes runs (the same unless it tests visibility)."""
        return self._scoped.get(query.value) or self[query]

    @property
    def scoped_names(self) -> list[str]:
        return sorted(self._scoped)

    def scoped_text(self, name: str) -> str:
        return self._scoped[name]

    def text(self, name: str) -> str:
        return self._text[name]

    @property
    def names(self) -> list[str]:
        return sorted(self._text)


@lru_cache(maxsize=1)
def get_catalogue() -> CypherCatalogue:
    return CypherCatalogue(cypher_dir())
