"""Every GraphQL example in the README is valid against the current schema."""

from __future__ import annotations

import re
from pathlib import Path

from graphql import parse, validate

from graphcmdb.api.graphql.schema import build_schema
from graphcmdb.config import Settings

README = Path(__file__).resolve().parents[1] / "README.md"


def examples() -> list[str]:
    blocks = re.findall(r"```graphql\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    return [b for b in blocks if b.strip()]


def test_readme_graphql_examples_validate() -> None:
    schema = build_schema(Settings())._schema
    found = examples()
    assert len(found) >= 5
    for block in found:
        # a block may hold several operations; validate each on its own
        for operation in re.split(r"\n(?=(?:query|mutation)\b)", block.strip()):
            errors = validate(schema, parse(operation))
            assert not errors, f"README example is stale:\n{operation}\n{errors}"
