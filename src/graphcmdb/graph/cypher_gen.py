"""The CRUD and batched-upsert Cypher of every node type, generated from its spec.

Still Cypher as data: each statement is plain text with ``$parameters`` only, named
``<area>/<operation>`` in the catalogue and ``EXPLAIN``ed by the catalogue test like
the hand-written files. Labels, relationship types and property names come from the
spec (enums and pydantic field names), never from a request.
"""

from __future__ import annotations

from enum import StrEnum

from graphcmdb.graph.node_spec import AnySpec, Filter, FilterKind
from graphcmdb.graph.visibility import visible


class Op(StrEnum):
    GET_BY_IDS = "get_by_ids"
    LIST = "list"
    COUNT = "count"
    LIST_TEXT = "list_text"
    COUNT_TEXT = "count_text"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    UPSERT_BATCH = "upsert_batch"
    CREATE_MANY = "create_many"
    UPDATE_MANY = "update_many"


def projection(spec: AnySpec, var: str = "n", extra: tuple[str, ...] = ()) -> str:
    """The node as a map; hidden (secret) properties are never projected. ``extra``:
    further ``key: expression`` entries (a key of the node's overrides its value)."""
    props = [".*"] if not spec.hidden else [f".{p}" for p in spec.readable]
    return f"{var} {{{', '.join([*props, f'labels: labels({var})', *extra])}}}"


def listed_projection(spec: AnySpec, var: str = "n") -> str:
    """:func:`projection` with its temporal properties as ISO-8601 text (a zone name
    cut off, its offset kept), which the record parses back to the same value. The
    driver builds each DateTime in pure Python, ~40 µs apiece: two thirds of a page's
    decoding time (benchmarks/README.md, "load"). For reads into records only: a
    statement whose rows are written back (a merge) keeps :func:`projection`."""
    texts = tuple(f"{p}: split(toString({var}.{p}), '[')[0]" for p in spec.temporal)
    return projection(spec, var, texts)


def _snapshot(spec: AnySpec) -> str:
    """The audit's ``before``: every stored property but the hidden ones."""
    if not spec.hidden:
        return "n {.*}"
    return "n {" + ", ".join(f".{p}" for p in spec.readable) + "}"


def filter_condition(f: Filter) -> str:
    p = f"${f.param}"
    if f.kind is FilterKind.EQUALS:
        test = f"n.{f.fields[0]} = {p}"
    elif f.kind is FilterKind.AT_LEAST:
        test = f"n.{f.fields[0]} >= {p}"
    elif f.kind is FilterKind.CONTAINS:
        test = f"toLower(n.{f.fields[0]}) CONTAINS toLower({p})"
    elif f.kind is FilterKind.ANY_CONTAINS:
        values = ", ".join(f"n.{name}" for name in f.fields)
        test = f"any(v IN [{values}] WHERE toLower(v) CONTAINS toLower({p}))"
    elif f.kind is FilterKind.ID_IN:
        test = f"n.id IN {p}"
    else:
        assert f.rel is not None
        assert f.target is not None
        test = f"EXISTS {{ (n)-[:{f.rel.value}]->(:{f.target.value} {{id: {p}}}) }}"
    return f"({p} IS NULL OR {test})"


def cursor_condition(spec: AnySpec) -> str:
    o = spec.order
    key = "datetime($afterKey)" if o.temporal else "$afterKey"
    cmp = "<" if o.descending else ">"
    return (
        f"($afterKey IS NULL OR n.{o.prop} {cmp} {key} "
        f"OR (n.{o.prop} = {key} AND n.id {cmp} $afterId))"
    )


def where_clause(conditions: list[str]) -> str:
    return "WHERE " + "\n  AND ".join(conditions) if conditions else ""


def _source(spec: AnySpec, text: bool) -> str:
    if text:
        assert spec.fulltext is not None
        return f"CALL db.index.fulltext.queryNodes('{spec.fulltext[0]}', $text) YIELD node AS n"
    return f"MATCH (n:{spec.label.value})"


def _seen(spec: AnySpec, scoped: bool) -> list[str]:
    """The visibility condition of a scoped caller's variant (``graph/visibility.py``);
    none in the variant everyone else runs, which plans in milliseconds, not seconds."""
    return [visible(spec.label)] if scoped else []


def list_statement(spec: AnySpec, text: bool = False, scoped: bool = False) -> str:
    direction = " DESC" if spec.order.descending else ""
    conditions = [filter_condition(f) for f in spec.filters] + [
        cursor_condition(spec),
        *_seen(spec, scoped),
    ]
    return "\n".join(
        (
            _source(spec, text),
            where_clause(conditions),
            f"RETURN {listed_projection(spec)} AS node",
            f"ORDER BY n.{spec.order.prop}{direction}, n.id{direction}",
            "LIMIT $limit",
        )
    )


def count_statement(spec: AnySpec, text: bool = False, scoped: bool = False) -> str:
    conditions = [filter_condition(f) for f in spec.filters] + _seen(spec, scoped)
    lines = [_source(spec, text), where_clause(conditions), "RETURN count(n) AS total"]
    return "\n".join(line for line in lines if line)


def get_statement(spec: AnySpec, scoped: bool = False) -> str:
    lines = [
        "UNWIND $ids AS id",
        f"MATCH (n:{spec.label.value} {{id: id}})",
        *(f"WHERE {c}" for c in _seen(spec, scoped)),
        f"RETURN {projection(spec)} AS node",
    ]
    return "\n".join(lines)


def _labels(spec: AnySpec) -> str:
    return f"Entity:{spec.label.value}" if spec.entity else spec.label.value


def _create(spec: AnySpec, row: str) -> list[str]:
    """A node from ``<row>id`` and ``<row>props`` (``$`` for one, ``row.`` for many)."""
    lines = [
        f"CREATE (n:{_labels(spec)} {{id: {row}id}})",
        f"SET n += {row}props, n.createdAt = datetime(), n.updatedAt = datetime()",
    ]
    if spec.class_label:
        lines.append(f"SET n:$(n.{spec.class_label})")
    return [*lines, f"RETURN {projection(spec)} AS node"]


def _update(spec: AnySpec, row: str, scoped: bool, carried: str) -> list[str]:
    """``<row>props`` set on the node ``<row>id`` (``carried``: what the WITH keeps)."""
    return [
        f"MATCH (n:{spec.label.value} {{id: {row}id}})",
        *(f"WHERE {c}" for c in _seen(spec, scoped)),
        f"WITH {carried}, {_snapshot(spec)} AS before",
        f"SET n += {row}props, n.updatedAt = datetime()",
        f"RETURN before, {projection(spec)} AS node",
    ]


def create_statement(spec: AnySpec) -> str:
    return "\n".join(_create(spec, "$"))


def update_statement(spec: AnySpec, scoped: bool = False) -> str:
    return "\n".join(_update(spec, "$", scoped, "n"))


def create_many_statement(spec: AnySpec) -> str:
    """:func:`create_statement` for ``$rows`` of ``{id, props}``, one node each."""
    return "\n".join(["UNWIND $rows AS row", *_create(spec, "row.")])


def update_many_statement(spec: AnySpec, scoped: bool = False) -> str:
    """:func:`update_statement` for ``$rows`` of ``{id, props}`` (an id that names no
    node, or none the caller sees, answers no row)."""
    return "\n".join(["UNWIND $rows AS row", *_update(spec, "row.", scoped, "n, row")])


def delete_statement(spec: AnySpec, scoped: bool = False) -> str:
    """Deletes the node and what it owns (``cascade``); returns the ids it was linked to."""
    lines = [
        f"MATCH (n:{spec.label.value} {{id: $id}})",
        *(f"WHERE {c}" for c in _seen(spec, scoped)),
        f"WITH n, {_snapshot(spec)} AS before",
    ]
    for c in spec.cascade:
        arrow = f"<-[:{c.rel.value}]-" if c.incoming else f"-[:{c.rel.value}]->"
        lines.append(
            f"CALL (n) {{\n  MATCH (n){arrow}(owned:{c.label.value})\n  DETACH DELETE owned\n}}"
        )
    lines += [
        "WITH n, before, COLLECT { MATCH (n)--(m:Entity) RETURN DISTINCT m.id } AS detachedIds",
        "DETACH DELETE n",
        "RETURN before, detachedIds",
    ]
    return "\n".join(lines)


def upsert_statement(spec: AnySpec) -> str:
    """Create-or-update by natural key. A row that would change nothing is left alone (no
    ``updatedAt`` bump), so re-importing the same data changes nothing. ``row.defaults``
    apply on create only; a field a person or a file sets is no longer discovery's. It
    answers one row, ``rows``: ``{id, created, changed, <key>...}`` per row, in order."""
    key = ", ".join(f"{k}: row.{k}" for k in spec.key)
    on_create = "n.id = row.id, n.createdAt = $now, n.updatedAt = $now, n += row.defaults"
    if spec.entity:
        on_create = "n:Entity, " + on_create
    changed_sets = ["n += row.props", "n.updatedAt = $now"]
    if spec.discoverable:
        changed_sets.append(
            "n.discoveredFields = CASE WHEN n.discoveredFields IS NOT NULL\n"
            "    THEN [f IN n.discoveredFields WHERE NOT f IN keys(row.props)] END"
        )
    inner = ["  WITH n, row WHERE changed"]
    if spec.class_label:
        inner.append(f"  SET n:$(row.{spec.class_label})")
    inner.append("  SET " + ",\n      ".join(changed_sets))
    keys_out = "".join(f", {k}: n.{k}" for k in spec.key)
    return "\n".join(
        (
            "UNWIND $rows AS row",
            f"MERGE (n:{spec.label.value} {{{key}}})",
            f"ON CREATE SET {on_create}",
            "WITH n, row, n.createdAt = $now AS created",
            "WITH n, row, created,",
            "     created OR any(k IN keys(row.props)",
            "                    WHERE NOT coalesce(n[k] = row.props[k],"
            " n[k] IS NULL AND row.props[k] IS NULL))",
            "       AS changed",
            "CALL (n, row, changed) {",
            *inner,
            "}",
            # one row for the whole statement: a write answering a record per row costs
            # ~3x more (benchmarks/README.md, "identity")
            f"RETURN collect({{id: n.id, created: created, changed: changed{keys_out}}}) AS rows",
        )
    )


def statements(spec: AnySpec, scoped: bool = False) -> dict[Op, str]:
    """Every generated statement of one node type, by operation; ``scoped``: the
    variants a caller with scopes runs (the reads, updates and deletes test visibility),
    the others being the same either way."""
    if not spec.crud:
        return {}
    out = {
        Op.GET_BY_IDS: get_statement(spec, scoped),
        Op.LIST: list_statement(spec, scoped=scoped),
        Op.COUNT: count_statement(spec, scoped=scoped),
        Op.CREATE: create_statement(spec),
        Op.UPDATE: update_statement(spec, scoped),
        Op.CREATE_MANY: create_many_statement(spec),
        Op.UPDATE_MANY: update_many_statement(spec, scoped),
        Op.DELETE: delete_statement(spec, scoped),
    }
    if spec.fulltext is not None:
        out[Op.LIST_TEXT] = list_statement(spec, text=True, scoped=scoped)
        out[Op.COUNT_TEXT] = count_statement(spec, text=True, scoped=scoped)
    if spec.key:
        out[Op.UPSERT_BATCH] = upsert_statement(spec)
    return out
