"""The shape of a node spec: what one node type is, declared once.

A spec names the label, points at the pydantic model its writable fields come from
(never a copied list), and declares keys, indexes, list filters and order, the fields
discovery may own and the identity rules. Constraints, the CRUD and upsert Cypher, the
import columns and the GraphQL input types are all derived from it. Specs are plain
frozen data, so a later step can build them from stored definitions (custom classes
and fields) instead of Python literals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from types import NoneType, UnionType
from typing import Any, Generic, Protocol, TypeVar, Union, get_args, get_origin, runtime_checkable

from pydantic import BaseModel

from graphcmdb.graph.enums import Label, RelType

#: Every entity node has these; the server sets all four.
COMMON_PROPERTIES = ("id", "name", "createdAt", "updatedAt")

#: What a read of a node type answers: its frozen record model, or a plain dict for the
#: internal types that have none (tokens, audit entries, discovery runs ...).
R_co = TypeVar("R_co", covariant=True)
PlainRow = dict[str, Any]


@runtime_checkable
class Writable(Protocol):
    """What a spec's field model gives the writers: the properties to store."""

    def graph_props(self) -> dict[str, Any]: ...


class FilterKind(StrEnum):
    EQUALS = "EQUALS"
    AT_LEAST = "AT_LEAST"
    CONTAINS = "CONTAINS"  # case-insensitive substring of one field
    ANY_CONTAINS = "ANY_CONTAINS"  # case-insensitive substring of any of several fields
    ID_IN = "ID_IN"
    LINKED_TO = "LINKED_TO"  # (n)-[:rel]->(:label {id: $param})


@dataclass(frozen=True)
class Filter:
    """One optional list filter: ``$param IS NULL`` turns it off."""

    param: str
    kind: FilterKind
    fields: tuple[str, ...] = ()
    rel: RelType | None = None
    target: Label | None = None


def equals(param: str, prop: str | None = None) -> Filter:
    return Filter(param, FilterKind.EQUALS, (prop or param,))


def at_least(param: str, prop: str) -> Filter:
    return Filter(param, FilterKind.AT_LEAST, (prop,))


def contains(param: str, prop: str) -> Filter:
    return Filter(param, FilterKind.CONTAINS, (prop,))


def any_contains(param: str, *props: str) -> Filter:
    return Filter(param, FilterKind.ANY_CONTAINS, props)


def id_in(param: str) -> Filter:
    return Filter(param, FilterKind.ID_IN)


def linked_to(param: str, rel: RelType, target: Label) -> Filter:
    return Filter(param, FilterKind.LINKED_TO, rel=rel, target=target)


@dataclass(frozen=True)
class Order:
    """The list order: one property, then ``id``, as a keyset (cursor) pair."""

    prop: str = "name"
    descending: bool = False
    #: cursors carry the key as ISO text; temporal keys are parsed back in Cypher
    temporal: bool = False


@dataclass(frozen=True)
class Cascade:
    """Nodes that belong to this one and are deleted with it (an asset's events)."""

    rel: RelType
    label: Label
    incoming: bool = False


@dataclass(frozen=True)
class IdentityRule:
    """One identification rule, declared strongest first (``identity/match.py`` gives each
    name its comparison and normalisation)."""

    name: str
    #: the properties it compares
    props: tuple[str, ...]
    #: the class values (``class_label``) it applies to; empty: every class
    classes: tuple[str, ...] = ()
    #: a strong rule names one thing: two strong rules pointing at different nodes are
    #: ambiguous, whereas a weak rule (a host name, an address) only finds a candidate
    strong: bool = False


@dataclass(frozen=True)
class NodeSpec(Generic[R_co]):
    label: Label
    #: the catalogue folder of its generated statements (``ci/get_by_ids``)
    area: str
    #: what the generic service turns a stored row into (``CIRecord``; ``dict`` for none)
    record: type[R_co]
    #: the pydantic model whose fields a client may write (its Create model)
    fields: type[BaseModel] | None = None
    #: fields of that model that name other nodes (relationships, not properties)
    links: tuple[str, ...] = ()
    #: properties only the server writes (besides the common four)
    system: tuple[str, ...] = ()
    #: the natural key: a unique constraint, and what the batched upsert MERGEs on
    key: tuple[str, ...] = ()
    #: further unique constraints (a key of its own, e.g. a token's hash)
    unique: tuple[tuple[str, ...], ...] = ()
    indexed: tuple[str, ...] = ()
    #: (index name, properties) of a full-text index, whose list/count variants it gets
    fulltext: tuple[str, tuple[str, ...]] | None = None
    #: fields discovery may keep updating until a person sets them
    discoverable: tuple[str, ...] = ()
    identity: tuple[IdentityRule, ...] = ()
    #: the word in audit operations: ``create<audit_name>``
    audit_name: str = ""
    #: False for nodes that ``node(id)``, ``relate`` and the explorer must not see
    entity: bool = True
    #: False for records without id/name/createdAt/updatedAt (audit entries, counters)
    common: bool = True
    #: a field whose (enum) value is also a label (a CI's class)
    class_label: str | None = None
    filters: tuple[Filter, ...] = ()
    order: Order = field(default_factory=Order)
    #: properties no generated read returns (secrets)
    hidden: tuple[str, ...] = ()
    cascade: tuple[Cascade, ...] = ()
    #: whether CRUD statements are generated (internal nodes keep hand-written Cypher)
    crud: bool = True

    @property
    def has_record(self) -> bool:
        return issubclass(self.record, BaseModel)

    @property
    def field_names(self) -> tuple[str, ...]:
        if self.fields is None:
            return ()
        return tuple(f for f in self.fields.model_fields if f not in self.links)

    @property
    def all_properties(self) -> tuple[str, ...]:
        """Every property a node of this type may carry, common ones first."""
        names: list[str] = list(COMMON_PROPERTIES) if self.common else []
        for name in (*self.key, *self.field_names, *self.system):
            if name not in names:
                names.append(name)
        return tuple(names)

    @property
    def readable(self) -> tuple[str, ...]:
        return tuple(p for p in self.all_properties if p not in self.hidden)

    @property
    def temporal(self) -> tuple[str, ...]:
        """Readable properties its record holds as one date or datetime (or None)."""
        record: type[Any] = self.record
        if not issubclass(record, BaseModel):
            return ()
        fields = record.model_fields
        return tuple(p for p in self.readable if p in fields and _is_temporal(fields[p].annotation))

    @property
    def operation(self) -> str:
        return self.audit_name or self.label.value

    @property
    def title(self) -> str:
        """The label in words for messages: SoftwareProduct -> software product."""
        if self.label.value.isupper():
            return self.label.value
        return "".join(f" {c}" if c.isupper() else c for c in self.label.value).strip().lower()


def _is_temporal(annotation: Any) -> bool:
    """``datetime``, ``date``, or either ``| None``; never a list of them."""
    if get_origin(annotation) in (Union, UnionType):
        kinds = [a for a in get_args(annotation) if a is not NoneType]
        return len(kinds) == 1 and _is_temporal(kinds[0])
    return annotation in (datetime, date)


#: A spec whatever its record type (for code that does not read nodes).
AnySpec = NodeSpec[Any]
