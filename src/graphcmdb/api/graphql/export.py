"""The SDL committed as ``schema.graphql``; a test keeps the file current."""

from __future__ import annotations

from pathlib import Path

from graphcmdb.api.graphql.schema import build_schema
from graphcmdb.config import Settings

SCHEMA_FILE = "schema.graphql"


def schema_sdl() -> str:
    return build_schema(Settings()).as_str().strip() + "\n"


def write_schema(path: Path) -> bool:
    """Write the SDL; True when the file changed."""
    sdl = schema_sdl()
    if path.exists() and path.read_text(encoding="utf-8") == sdl:
        return False
    path.write_text(sdl, encoding="utf-8")
    return True
