"""Installed-software names normalised to publisher / product / version by the rule table
in ``data/software_rules.toml`` (see its header for the template rules)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from graphcmdb.discovery.observation import Software
from graphcmdb.discovery.rules import load_rules

UNKNOWN_PUBLISHER = "Unknown"
AUTO = "{auto}"  # publisher template: look the publisher up by the name's prefix
_FIELD = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class SoftwareRule:
    pattern: re.Pattern[str]
    publisher: str
    product: str
    version: str | None = None
    build: str | None = None


def fill_loose(template: str, groups: Mapping[str, str | None]) -> str:
    """Missing groups become empty and the spaces around them collapse."""
    filled = _FIELD.sub(lambda m: groups.get(m[1]) or "", template)
    return " ".join(filled.split())


def fill_strict(template: str | None, groups: Mapping[str, str | None]) -> str | None:
    """None when the template names a group that did not match."""
    if template is None:
        return None
    names = _FIELD.findall(template)
    if any(not groups.get(name) for name in names):
        return None
    return _FIELD.sub(lambda m: str(groups[m[1]]), template).strip() or None


class SoftwareRules:
    def __init__(self, rules: list[SoftwareRule], publishers: Mapping[str, str]) -> None:
        self.rules = rules
        # longest prefix first, so "HPE" wins over "HP"
        self.publishers = sorted(
            ((k.lower(), v) for k, v in publishers.items()), key=lambda kv: -len(kv[0])
        )

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> SoftwareRules:
        rules = [
            SoftwareRule(
                pattern=re.compile(r["pattern"], re.IGNORECASE),
                publisher=r["publisher"],
                product=r["product"],
                version=r.get("version"),
                build=r.get("build"),
            )
            for r in data["rules"]
        ]
        return cls(rules, data.get("publishers", {}))

    @classmethod
    def load(cls, path: Path | None = None) -> SoftwareRules:
        """The packaged rule table, or another file in the same format."""
        return cls.parse(load_rules("software_rules.toml", path))

    def publisher_of(self, raw: str) -> str:
        lowered = raw.lower()
        for prefix, publisher in self.publishers:
            if lowered == prefix or lowered.startswith(prefix + " "):
                return publisher
        return UNKNOWN_PUBLISHER

    def normalise(self, raw: str, installed_on: date | None = None) -> Software:
        name = " ".join(raw.split())
        for rule in self.rules:
            match = rule.pattern.fullmatch(name)
            if match is None:
                continue
            groups = match.groupdict()
            publisher = (
                self.publisher_of(name)
                if rule.publisher == AUTO
                else fill_loose(rule.publisher, groups)
            )
            return Software(
                raw_name=raw,
                publisher=publisher,
                product=fill_loose(rule.product, groups) or name,
                version=fill_strict(rule.version, groups),
                installed_on=installed_on,
                build=fill_strict(rule.build, groups),
            )
        return Software(raw, self.publisher_of(name), name, None, installed_on)
