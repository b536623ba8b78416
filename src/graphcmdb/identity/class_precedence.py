"""Who may correct a CI's class: the more trusted source wins, within one family.

A CI's class is set by whoever created it. A later source that identifies the same
thing and names another class may correct it when it is trusted at least as much as the
source that set the current class (``classSource`` on the CI):

1. ``person``: someone chose the class by hand (``createCI``, ``updateCI``);
2. ``discovery``: a scan saw what the device is (its SNMP system and bridge MIBs);
3. ``import``: a file or an ``upsertCIs`` call (finance's class names are bookkeeping
   categories, mapped by ``identity/classes.py``).

A CI stored before classes had a source counts as set by an import. A class never moves
between a device (server, VM, network, storage, load balancer) and a logical CI
(application, database, cluster): identification never matches across that line, so such a
correction can only be a mistake.
"""

from __future__ import annotations

from enum import StrEnum

from graphcmdb.graph.enums import CIClass
from graphcmdb.identity.keys import DEVICE_CLASSES

#: the CI property naming the source of its class
CLASS_SOURCE = "classSource"


class ClassSource(StrEnum):
    IMPORT = "import"
    DISCOVERY = "discovery"
    PERSON = "person"


TRUST: dict[ClassSource, int] = {
    ClassSource.IMPORT: 1,
    ClassSource.DISCOVERY: 2,
    ClassSource.PERSON: 3,
}


def _trust(stored: object) -> int:
    try:
        return TRUST[ClassSource(str(stored))]
    except ValueError:
        return TRUST[ClassSource.IMPORT]  # set before classes had a source


def same_family(a: CIClass, b: CIClass) -> bool:
    """Both devices, or both logical CIs."""
    return (a in DEVICE_CLASSES) == (b in DEVICE_CLASSES)


def refusal(
    current: CIClass, wanted: CIClass, stored_source: object, source: ClassSource
) -> str | None:
    """Why ``source`` may not move a CI of class ``current`` (set by ``stored_source``)
    to ``wanted``, or None when it may (or nothing changes)."""
    if current is wanted:
        return None
    if not same_family(current, wanted):
        kinds = ("a device", "a logical CI")
        a, b = (kinds[c not in DEVICE_CLASSES] for c in (current, wanted))
        return f"{current.value} is {a} and {wanted.value} {b}: a class never crosses that line"
    if TRUST[source] < _trust(stored_source):
        return (
            f"its class was set by {ClassSource(str(stored_source)).value}, which {source.value} "
            "does not override"
        )
    return None


def overridable(source: ClassSource) -> list[str]:
    """The class sources ``source`` may override (a write re-checks them under the CI's
    lock: a person's choice made meanwhile wins). "import" also stands for none."""
    return [s.value for s in ClassSource if TRUST[s] <= TRUST[source]]
