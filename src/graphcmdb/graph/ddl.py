"""Constraints and indexes of every node type, generated from its spec.

Each statement is ``IF NOT EXISTS`` and named after the label and properties, so
applying them on every start-up is idempotent; Neo4j also skips a statement whose
equivalent (same label, properties and kind) already exists under the older
hand-chosen names of migrations 0001-0008.
"""

from __future__ import annotations

import re

from graphcmdb.graph.node_spec import AnySpec


def _snake(text: str) -> str:
    """ciClass -> ci_class, SoftwareProduct -> software_product, CI -> ci."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", text).lower()


def _name(spec: AnySpec, props: tuple[str, ...], suffix: str) -> str:
    return "_".join((_snake(spec.label.value), *(_snake(p) for p in props), suffix))


def _unique(spec: AnySpec, props: tuple[str, ...]) -> str:
    label = spec.label.value
    target = "(" + ", ".join(f"n.{p}" for p in props) + ")"
    return (
        f"CREATE CONSTRAINT {_name(spec, props, 'unique')} IF NOT EXISTS "
        f"FOR (n:{label}) REQUIRE {target} IS UNIQUE"
    )


def unique_keys(spec: AnySpec) -> tuple[tuple[str, ...], ...]:
    keys: list[tuple[str, ...]] = [("id",)] if spec.common else []
    for key in (spec.key, *spec.unique):
        if key and key not in keys:
            keys.append(key)
    return tuple(keys)


def spec_ddl(spec: AnySpec) -> list[str]:
    """The constraint and index statements one node type needs."""
    label = spec.label.value
    out = [_unique(spec, key) for key in unique_keys(spec)]
    out += [
        f"CREATE INDEX {_name(spec, (prop,), 'index')} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
        for prop in spec.indexed
    ]
    if spec.fulltext is not None:
        index, props = spec.fulltext
        fields = ", ".join(f"n.{p}" for p in props)
        out.append(
            f"CREATE FULLTEXT INDEX {index} IF NOT EXISTS FOR (n:{label}) ON EACH [{fields}]"
        )
    return out


def all_ddl(specs: tuple[AnySpec, ...]) -> list[str]:
    return [statement for spec in specs for statement in spec_ddl(spec)]
