"""Who and where: the demo's vendors, locations and people (fictional, example.com)."""

from __future__ import annotations

from graphcmdb.domain.itam_models import LocationCreate, PersonCreate, VendorCreate

DOMAIN = "example.com"

#: hardware makers (named as on the CIs) and software publishers
VENDORS: tuple[tuple[str, str], ...] = (
    ("Dell", "dell.com"),
    ("HPE", "hpe.com"),
    ("Cisco", "cisco.com"),
    ("Arista", "arista.com"),
    ("Palo Alto Networks", "paloaltonetworks.com"),
    ("Juniper Networks", "juniper.net"),
    ("NetApp", "netapp.com"),
    ("Pure Storage", "purestorage.com"),
    ("F5", "f5.com"),
    ("Lenovo", "lenovo.com"),
    ("Apple", "apple.com"),
    ("Microsoft", "microsoft.com"),
    ("Red Hat", "redhat.com"),
    ("VMware by Broadcom", "vmware.com"),
    ("SUSE", "suse.com"),
    ("Veeam", "veeam.com"),
    ("JetBrains", "jetbrains.com"),
)

DC1 = "DC1 Frankfurt"
DC2 = "DC2 Amsterdam"
HQ = "HQ Berlin"
HAMBURG = "Office Hamburg"
STORE = "IT Store Berlin"

#: name, kind, address
LOCATIONS: tuple[tuple[str, str, str], ...] = (
    (DC1, "DATA_CENTRE", "Frankfurt am Main, Germany"),
    (DC2, "DATA_CENTRE", "Amsterdam, Netherlands"),
    (HQ, "OFFICE", "Berlin, Germany"),
    (HAMBURG, "OFFICE", "Hamburg, Germany"),
    (STORE, "STORE_ROOM", "Berlin, Germany (HQ basement)"),
)

#: the location of each data-centre site of the CI dataset
SITE_LOCATION = {"dc1": DC1, "dc2": DC2}

#: developers, in the order of the devbox VMs they each own (devbox-01 ...)
DEVELOPERS: tuple[str, ...] = (
    "Anna Schmidt",
    "Ben Mueller",
    "Clara Wagner",
    "David Fischer",
    "Elif Yilmaz",
    "Felix Becker",
    "Greta Schulz",
    "Hannah Koch",
    "Ivan Petrov",
    "Julia Richter",
    "Karim Haddad",
    "Lea Zimmermann",
)

#: everybody else: name, department
STAFF: tuple[tuple[str, str], ...] = (
    ("Jana Keller", "IT Asset Management"),
    ("Tobias Brandt", "Infrastructure"),
    ("Miriam Vos", "Infrastructure"),
    ("Lukas Hoffmann", "Network Engineering"),
    ("Sofia Romano", "Finance"),
    ("Mark de Vries", "Logistics"),
)


def email(name: str) -> str:
    """ "Mark de Vries" -> "mark.de.vries@example.com"."""
    return f"{'.'.join(name.lower().split())}@{DOMAIN}"


def parties() -> tuple[list[VendorCreate], list[LocationCreate], list[PersonCreate]]:
    people = [(name, "Engineering") for name in DEVELOPERS] + list(STAFF)
    return (
        [VendorCreate(name=name, website=site) for name, site in VENDORS],
        [LocationCreate(name=n, kind=kind, address=address) for n, kind, address in LOCATIONS],
        [PersonCreate(name=n, email=email(n), department=dept) for n, dept in people],
    )
