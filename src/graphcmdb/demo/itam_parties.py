"""Who and where: the demo's vendors, locations and people, read from
``data/itam/parties.toml``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from graphcmdb.demo.tables import read, records
from graphcmdb.domain.itam_models import LocationCreate, PersonCreate, VendorCreate


@dataclass(frozen=True)
class Vendor:
    name: str
    website: str


@dataclass(frozen=True)
class Location:
    name: str
    kind: str
    address: str
    #: the data-centre site of the CI dataset whose hardware stands here
    site: str | None = None


@dataclass(frozen=True)
class Staff:
    name: str
    department: str


@dataclass(frozen=True)
class Parties:
    domain: str
    vendors: tuple[Vendor, ...]
    locations: tuple[Location, ...]
    #: in the order of the devbox VMs they each own (devbox-01 ...)
    developers: tuple[str, ...]
    staff: tuple[Staff, ...]

    @property
    def site_location(self) -> dict[str, str]:
        """The location of each data-centre site of the CI dataset."""
        return {p.site: p.name for p in self.locations if p.site}

    def email(self, name: str) -> str:
        """ "Mark de Vries" -> "mark.de.vries@example.com"."""
        return f"{'.'.join(name.lower().split())}@{self.domain}"


@cache
def read_parties() -> Parties:
    doc = read("itam", "parties")
    return Parties(
        domain=doc["domain"],
        vendors=records(Vendor, doc["vendors"], "vendor"),
        locations=records(Location, doc["locations"], "location"),
        developers=tuple(doc["developers"]),
        staff=records(Staff, doc["staff"], "person"),
    )


def parties() -> tuple[list[VendorCreate], list[LocationCreate], list[PersonCreate]]:
    table = read_parties()
    people = [(name, "Engineering") for name in table.developers]
    people += [(p.name, p.department) for p in table.staff]
    return (
        [VendorCreate(name=v.name, website=v.website) for v in table.vendors],
        [LocationCreate(name=p.name, kind=p.kind, address=p.address) for p in table.locations],
        [PersonCreate(name=n, email=table.email(n), department=d) for n, d in people],
    )
