"""The ITSM generator's settings as typed records, read from ``data/itsm/incidents.toml``
and ``data/itsm/changes.toml`` (which say what each setting means)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from functools import cache

from graphcmdb.demo.model import CIRef
from graphcmdb.demo.tables import keyed, read, record
from graphcmdb.graph.enums import ChangeState, CIClass, IncidentPriority


@dataclass(frozen=True)
class _AtCI:
    """A setting about one CI of the demo enterprise, named by its class and name."""

    ci_class: CIClass
    ci: str

    @property
    def ref(self) -> CIRef:
        return CIRef(self.ci_class, self.ci)


@dataclass(frozen=True)
class Resolution:
    min_hours: float
    max_hours: float
    #: the share resolved at first contact
    first_contact: float


@dataclass(frozen=True)
class Outage(_AtCI):
    days_ago: int
    hours: float
    priority: IncidentPriority
    title: str


@dataclass(frozen=True)
class Problem(_AtCI):
    count: int
    priority: IncidentPriority
    hours_before: int


@dataclass(frozen=True)
class ServiceIncident:
    service: str
    priority: IncidentPriority
    days_ago: int
    hours: float
    title: str


@dataclass(frozen=True)
class OpenIncident:
    priority: IncidentPriority
    hours_ago: int


@dataclass(frozen=True)
class Incidents:
    key: str
    days: int
    per_week: int
    close_after_days: int
    new_for_hours: int
    symptoms: tuple[str, ...]
    outages: tuple[Outage, ...]
    problems: tuple[Problem, ...]
    services: tuple[ServiceIncident, ...]
    open: tuple[OpenIncident, ...]
    resolution: dict[IncidentPriority, Resolution]
    priorities: dict[IncidentPriority, int]
    classes: dict[CIClass, int]


@dataclass(frozen=True)
class Weekly:
    weeks: int
    max_cis: int
    hours: tuple[int, ...]
    cancelled: float
    title: str
    breaks_every: int
    breaks_after: int
    broke: str


@dataclass(frozen=True)
class Outcome:
    priority: IncidentPriority
    after: int
    hours: float
    title: str


@dataclass(frozen=True)
class Caused(_AtCI):
    """A change that caused an incident."""

    days: int
    hours: int
    title: str
    incident: Outcome


@dataclass(frozen=True)
class Upcoming(_AtCI):
    days: int
    hours: int
    state: ChangeState
    title: str


@dataclass(frozen=True)
class Maintenance:
    count: int
    first_day: int
    every: int
    hours: int
    states: tuple[ChangeState, ...]
    title: str


@dataclass(frozen=True)
class Changes:
    key: str
    night: time
    hosts: tuple[CIClass, ...]
    weekly: Weekly
    caused: tuple[Caused, ...]
    upcoming: tuple[Upcoming, ...]
    maintenance: Maintenance


@cache
def read_incidents() -> Incidents:
    doc = dict(read("itsm", "incidents"))
    resolution = keyed(Resolution, doc.pop("resolution"), "resolution of")
    return record(
        Incidents,
        doc
        | {
            "resolution": {IncidentPriority(k): v for k, v in resolution.items()},
            "priorities": {IncidentPriority(k): int(v) for k, v in doc["priorities"].items()},
            "classes": {CIClass(k): int(v) for k, v in doc["classes"].items()},
        },
        "incidents.toml",
    )


@cache
def read_changes() -> Changes:
    return record(Changes, read("itsm", "changes"), "changes.toml")
