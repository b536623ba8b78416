"""Manufacturer names normalised by ``data/vendors.toml``."""

from __future__ import annotations

import re
from pathlib import Path

from graphcmdb.discovery.rules import enterprise_of, load_rules


class Vendors:
    def __init__(self, aliases: dict[str, list[str]], enterprises: dict[int, str]) -> None:
        self.aliases = [
            (canonical, re.compile(pattern, re.IGNORECASE))
            for canonical, patterns in aliases.items()
            for pattern in patterns
        ]
        self.enterprises = enterprises

    @classmethod
    def load(cls, path: Path | None = None) -> Vendors:
        data = load_rules("vendors.toml", path)
        enterprises = {int(k): str(v) for k, v in data.get("enterprises", {}).items()}
        return cls(data.get("aliases", {}), enterprises)

    def manufacturer(self, reported: str | None, sys_object_id: str | None) -> str | None:
        """The canonical name of what ENTITY-MIB reports, else the sysObjectID's maker."""
        if reported:
            name = " ".join(reported.split())
            for canonical, pattern in self.aliases:
                if pattern.fullmatch(name):
                    return canonical
            return name
        enterprise = enterprise_of(sys_object_id)
        return self.enterprises.get(enterprise) if enterprise is not None else None
