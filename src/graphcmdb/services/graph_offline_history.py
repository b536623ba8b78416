"""Version one of every entity, written into the offline import's CSV files.

Online, ``db migrate`` seeds version one of a graph that has none
(``cypher/history/seed_*.cypher``: a ``Timeline`` and a ``State`` per entity, a
``WAS_<TYPE>`` edge per relationship between entities) at ~3,000 entities a second:
most of an offline load's time at 1M CIs. Here the same rows go to the importer
beside the data, at its speed, with the seed's values:

- the Timeline ``{id}``; its ``STATE`` edge valid from the entity's ``createdAt``,
  else from ``at`` (the import's clock); the State holds every property but the
  hidden ones (:data:`history.HIDDEN`), and ``_labels``, the entity's labels in the
  order Neo4j gives them (checked after the import: :func:`graph_offline.
  _check_label_order`);
- for a relationship between two entities, ``WAS_<type>`` between their Timelines
  with its properties and ``validFrom`` its ``createdAt``, else the later of its
  ends' (each ``createdAt`` else ``at``).

What the CSV cannot carry (a fix-up) is set on the State too, after the schema
(``exchange/offline_fixup_states``), and what depends on it is left to the seed
itself, which stays exact: an entity whose ``createdAt`` is a fix-up gets no rows here
(``seed_states`` makes its version, ``seed_edges`` those of its relationships); a
relationship with fix-ups, or whose ends' times this does not compare as Cypher does,
gets none either: it is marked as a fix-up is, and its start's Timeline marked for
``seed_edges`` (``exchange/offline_reseed_timelines``). Without any of those, the
seed is not even looked for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from graphcmdb.db.history import HIDDEN
from graphcmdb.services.graph_codec import Decoded, decode
from graphcmdb.services.graph_offline_values import ARRAY_DELIMITER, quoted

#: the history's node labels and edge types (``db/history.py``), fixed names
TIMELINE, STATE, STATE_EDGE, WAS = "Timeline", "State", "STATE", "WAS_"
#: the importer's id groups of the Timelines and States (data nodes: the default group)
TIMELINES, STATES = "h", "s"
ENTITY = "Entity"
_HIDDEN = frozenset(HIDDEN)
#: not copied into a State: the hidden keys, and ``_labels``, which the State's own is
_NOT_KEPT = _HIDDEN | {"_labels"}

Shape = tuple[tuple[str, str], ...]
#: a CSV field: its type and text
Cell = tuple[str, str]
#: ``(names, id columns, property columns, fields)``: one row into the file of its shape
Write = Callable[[str, tuple[str, ...], Shape, list[str]], None]


@dataclass
class HistoryRows:
    """Writes version one as the data streams by; what is left to the seed, noted."""

    at: datetime
    node_row: Write
    rel_row: Write
    #: entity number → the CSV cell of its ``createdAt`` (None: it has none)
    created: dict[int, Cell | None] = field(default_factory=dict)
    #: entity numbers whose version is left to the seed (their ``createdAt`` is a fix-up)
    seeded: set[int] = field(default_factory=set)
    #: relationships between entities whose version is left to the seed
    left: int = 0
    #: entity id → its fix-ups but hidden ones: set on its State too, after the schema
    state_fixups: dict[str, dict[str, Decoded]] = field(default_factory=dict)
    #: each label order written into ``_labels``, with one entity id that has it
    label_orders: dict[tuple[str, ...], str] = field(default_factory=dict)

    def seed_needed(self, marked: int) -> bool:
        """Whether the seed has work: entities left to it, or ``marked`` Timelines."""
        return bool(self.seeded) or marked > 0

    def node(
        self, n: int, labels: list[str], entity_id: object, shape: Shape, fields: list[str],
        fixups: dict[str, Decoded],
    ) -> None:  # fmt: skip
        """The Timeline, State and STATE edge of an entity (nothing for other nodes)."""
        if ENTITY not in labels:
            return
        created = _column_of(shape, fields, "createdAt")
        self.created[n] = created
        if "createdAt" in fixups or not isinstance(entity_id, str):
            self.seeded.add(n)  # a time CSV cannot carry, or no id a Timeline could have
            return
        self.label_orders.setdefault(tuple(labels), entity_id)
        if kept_fixups := {k: v for k, v in fixups.items() if k not in _HIDDEN}:
            self.state_fixups[entity_id] = kept_fixups
        kept = [(c, f) for c, f in zip(shape, fields, strict=True) if c[0] not in _NOT_KEPT]
        state_shape = (*(c for c, _ in kept), ("_labels", "string[]"))
        state_fields = [*(f for _, f in kept), quoted(ARRAY_DELIMITER.join(labels))]
        self.node_row(TIMELINE, (f":ID({TIMELINES})",), (("id", "string"),),
                      [str(n), quoted(entity_id)])  # fmt: skip
        self.node_row(STATE, (f":ID({STATES})",), state_shape, [str(n), *state_fields])
        since = created or self._at()
        self.rel_row(STATE_EDGE, (f":START_ID({TIMELINES})", f":END_ID({STATES})"),
                     (("validFrom", since[0]),), [str(n), str(n), since[1]])  # fmt: skip

    def relationship(
        self, rel_type: str, a: int, b: int, shape: Shape, fields: list[str], fixups: bool
    ) -> bool:
        """The ``WAS_<type>`` edge of a relationship between entities (nothing else);
        False when it is left to the seed: with fix-ups (its start's Timeline is marked
        for ``seed_edges`` with them), or ends whose creation times do not compare."""
        if a not in self.created or b not in self.created or a in self.seeded or b in self.seeded:
            return True  # not between entities, or at one the seed versions (with its edges)
        if fixups:
            self.left += 1
            return False  # set on it after the import: the seed versions it then
        kept = [(c, f) for c, f in zip(shape, fields, strict=True) if c[0] != "validFrom"]
        since = _column_of(shape, fields, "createdAt") or self._later(a, b)
        if since is None:
            self.left += 1
            return False
        self.rel_row(
            WAS + rel_type,
            (f":START_ID({TIMELINES})", f":END_ID({TIMELINES})"),
            (*(c for c, _ in kept), ("validFrom", since[0])),
            [str(a), str(b), *(f for _, f in kept), since[1]],
        )
        return True

    def _at(self) -> Cell:
        return "datetime", self.at.isoformat()

    def _later(self, a: int, b: int) -> Cell | None:
        """The seed's ``CASE WHEN fx > fy THEN fx ELSE fy END`` of the ends' creation
        times (each else ``at``): values of two kinds do not compare there (null: ``fy``);
        None for a kind this does not compare as Cypher does (left to the seed)."""
        x, y = self.created[a] or self._at(), self.created[b] or self._at()
        if x[0] not in _TEMPORAL or y[0] not in _TEMPORAL:
            return None  # numbers, texts, lists: Cypher's own rules, the seed's
        if x[0] != y[0]:
            return y  # a date and a datetime, a local and a zoned one: null there
        if x[0] not in _COMPARED:
            return None
        vx, vy = _value(x), _value(y)
        if vx == vy and x[1] != y[1]:
            return None  # one instant at two offsets: Cypher's tie, not Python's
        return x if vx > vy else y


_TEMPORAL = frozenset({"datetime", "localdatetime", "date", "time", "localtime", "duration"})
#: kinds compared here as Cypher compares them (durations are not)
_COMPARED = frozenset({"datetime", "localdatetime", "date"})


def _value(cell: Cell) -> Any:
    kind, text = cell
    return decode({"$": kind.removeprefix("local"), "v": text}, "createdAt")


def _column_of(shape: Shape, fields: list[str], key: str) -> Cell | None:
    for (name, kind), text in zip(shape, fields, strict=True):
        if name == key:
            return kind, text
    return None
