"""Source precedence: which CI fields discovery may write, and when a person's value wins.

The discoverable fields and where a scan finds them:

| field          | from the observation                                   |
| -------------- | ------------------------------------------------------ |
| hostname       | sysName, first label, lower-case                       |
| fqdn           | sysName when it has a domain, lower-case               |
| ipAddresses    | the answering address + IP-MIB addresses (no loopback) |
| macAddresses   | IF-MIB interface MACs (no shared virtual MACs)         |
| serialNumber   | ENTITY-MIB chassis serial                              |
| manufacturer   | ENTITY-MIB / sysObjectID enterprise                    |
| model          | ENTITY-MIB chassis model                               |
| os             | sysDescr                                               |
| sysObjectId    | sysObjectID                                            |
| cores          | HOST-RESOURCES processor rows                          |

Everything else (name after creation, class, status, environment, criticality,
description, ...) is never written by discovery.

Each CI keeps ``discoveredFields``: the fields whose value discovery wrote and still owns.
Discovery writes a discoverable field when it is empty or discovery owns it; a value a
person entered (any non-empty field discovery does not own) is left alone. A person's
edit of an owned field through ``updateCI`` takes it back (:func:`claim_fields`);
``releaseFieldsToDiscovery`` hands a field to discovery again. A value the scan did not
report never clears a field (no answer is not evidence of absence).

The multi-valued facts (``ipAddresses``, ``macAddresses``: ``identity/plan.ACCUMULATING``)
have no single owner: discovery adds the addresses it sees to the list whoever set it (an
import, a person), and its write never takes one off; who said which is kept per source
as address facts (``services/address_facts.py``), and only addresses whose every fact is
a scan's age out (``identity/ageing.py``). Whether such a field is in
``discoveredFields`` changes nothing of what discovery adds.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from graphcmdb.discovery.observation import Observation
from graphcmdb.identity.candidates import OWNED, DiscoveredProps
from graphcmdb.identity.keys import Identity
from graphcmdb.identity.normalise import host_names
from graphcmdb.identity.plan import ACCUMULATING

SHORT_TEXT = 500


class DiscoverableField(StrEnum):
    HOSTNAME = "hostname"
    FQDN = "fqdn"
    IP_ADDRESSES = "ipAddresses"
    MAC_ADDRESSES = "macAddresses"
    SERIAL_NUMBER = "serialNumber"
    MANUFACTURER = "manufacturer"
    MODEL = "model"
    OS = "os"
    SYS_OBJECT_ID = "sysObjectId"
    CORES = "cores"


#: every CI property discovery reads and writes: the fields, their owner, provenance
STORED_KEYS: tuple[str, ...] = (
    *(f.value for f in DiscoverableField),
    OWNED,
    "sources",
    "firstSeen",
    "lastSeen",
)


def _text(value: str | None) -> str | None:
    cleaned = " ".join((value or "").split())
    return cleaned[:SHORT_TEXT] or None


def observed_fields(obs: Observation, identity: Identity) -> dict[str, object]:
    """The discoverable values the observation reports (fields it lacks are absent)."""
    fqdn, names = host_names(obs.sys_name)
    values: dict[DiscoverableField, object] = {
        DiscoverableField.HOSTNAME: names[-1] if names else None,
        DiscoverableField.FQDN: fqdn,
        DiscoverableField.IP_ADDRESSES: list(identity.ips) or None,
        DiscoverableField.MAC_ADDRESSES: list(identity.macs) or None,
        DiscoverableField.SERIAL_NUMBER: _text(obs.serial_number),
        DiscoverableField.MANUFACTURER: _text(obs.manufacturer),
        DiscoverableField.MODEL: _text(obs.model),
        DiscoverableField.OS: _text(obs.sys_descr),
        DiscoverableField.SYS_OBJECT_ID: _text(obs.sys_object_id),
        DiscoverableField.CORES: obs.cores if obs.cores and obs.cores > 0 else None,
    }
    return {f.value: v for f, v in values.items() if v is not None}


def _empty(value: object) -> bool:
    return value is None or value == "" or value == []


def owned_fields(node: Mapping[str, object]) -> list[str]:
    """``discoveredFields`` of a node's properties.

    :func:`claim_fields` and :func:`release_fields` take the node's properties as a
    mapping, not a discovery record: their callers are the CI services, which hold the
    CI as the entity layer returns it, and only this one property is read.
    """
    return list(DiscoveredProps(node).owned)


def field_changes(current: DiscoveredProps, observed: Mapping[str, object]) -> dict[str, object]:
    """What discovery writes on an existing CI: observed values of fields that are empty
    or discovery's, plus ``discoveredFields`` when ownership changes."""
    owned = set(current.owned)
    changes: dict[str, object] = {}
    for field, value in observed.items():
        have = current.get(field)
        if _empty(have) or field in owned:
            owned.add(field)
        elif field not in ACCUMULATING:
            continue  # another source's value: precedence keeps it
        if field in ACCUMULATING and isinstance(value, list):
            value = sorted({*current.texts(field), *value})  # facts accumulate, any owner
        if have != value:
            changes[field] = value
    if sorted(owned) != sorted(current.owned):
        changes[OWNED] = sorted(owned)
    return changes


def claim_fields(
    current: Mapping[str, object], edited: Mapping[str, object]
) -> dict[str, list[str]]:
    """The ``discoveredFields`` update for a person's edit: edited fields become theirs."""
    owned = owned_fields(current)
    kept = [f for f in owned if f not in edited]
    return {OWNED: kept} if kept != owned else {}


def release_fields(
    current: Mapping[str, object], fields: list[DiscoverableField]
) -> dict[str, list[str]]:
    """The ``discoveredFields`` update that lets discovery overwrite ``fields`` again."""
    owned = owned_fields(current)
    released = sorted({*owned, *(f.value for f in fields)})
    return {OWNED: released} if released != sorted(owned) else {}
