"""Which CI class a device is, by the rule table in ``data/classifier_rules.toml``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphcmdb.discovery.rules import enterprise_of, load_rules
from graphcmdb.graph.enums import CIClass


@dataclass(frozen=True)
class DeviceFacts:
    """What classification looks at."""

    sys_object_id: str | None = None
    sys_descr: str | None = None
    sys_services: int | None = None
    manufacturer: str | None = None
    model: str | None = None


def has_layer(services: int | None, layer: int) -> bool:
    """sysServices is a sum of 2^(layer-1)."""
    return services is not None and bool(services & (1 << (layer - 1)))


@dataclass(frozen=True)
class ClassRule:
    ci_class: CIClass
    why: str
    enterprise: frozenset[int] | None = None
    descr: re.Pattern[str] | None = None
    hardware: re.Pattern[str] | None = None
    services_any: tuple[int, ...] = ()
    services_none: tuple[int, ...] = ()

    @classmethod
    def parse(cls, raw: Mapping[str, Any]) -> ClassRule:
        def regex(key: str) -> re.Pattern[str] | None:
            return re.compile(raw[key], re.IGNORECASE) if key in raw else None

        return cls(
            ci_class=CIClass(raw["class"]),
            why=raw.get("why", ""),
            enterprise=frozenset(raw["enterprise"]) if "enterprise" in raw else None,
            descr=regex("descr"),
            hardware=regex("hardware"),
            services_any=tuple(raw.get("services_any", ())),
            services_none=tuple(raw.get("services_none", ())),
        )

    def matches(self, facts: DeviceFacts) -> bool:
        hardware = " ".join(x for x in (facts.manufacturer, facts.model) if x)
        services = facts.sys_services
        return (
            (self.enterprise is None or enterprise_of(facts.sys_object_id) in self.enterprise)
            and (self.descr is None or bool(self.descr.search(facts.sys_descr or "")))
            and (self.hardware is None or bool(self.hardware.search(hardware)))
            and (not self.services_any or any(has_layer(services, n) for n in self.services_any))
            and (services is not None or not self.services_none)
            and not any(has_layer(services, n) for n in self.services_none)
        )


@dataclass(frozen=True)
class Classification:
    ci_class: CIClass
    why: str


class Classifier:
    def __init__(self, rules: list[ClassRule], default: CIClass) -> None:
        self.rules = rules
        self.default = default

    @classmethod
    def load(cls, path: Path | None = None) -> Classifier:
        data = load_rules("classifier_rules.toml", path)
        return cls([ClassRule.parse(r) for r in data["rules"]], CIClass(data["default"]))

    def classify(self, facts: DeviceFacts) -> Classification:
        for rule in self.rules:
            if rule.matches(facts):
                return Classification(rule.ci_class, rule.why)
        return Classification(self.default, "no rule matched")
