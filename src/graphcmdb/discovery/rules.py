"""Load the discovery rule tables shipped in ``graphcmdb/discovery/data``."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any


def load_rules(name: str, path: Path | None = None) -> dict[str, Any]:
    """A packaged data file by name, or another file in the same format."""
    if path is None:
        text = resources.files("graphcmdb.discovery").joinpath("data", name).read_text("utf-8")
    else:
        text = path.read_text("utf-8")
    return tomllib.loads(text)


def enterprise_of(sys_object_id: str | None) -> int | None:
    """The IANA enterprise number of a sysObjectID under 1.3.6.1.4.1."""
    prefix = "1.3.6.1.4.1."
    if not sys_object_id or not sys_object_id.startswith(prefix):
        return None
    head = sys_object_id[len(prefix) :].split(".", 1)[0]
    return int(head) if head.isdigit() else None
