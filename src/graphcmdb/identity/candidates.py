"""What identification reads of an existing CI, as typed records.

The services turn each row of a candidates query into these in one place
(``services/discovery_records.py``); the matcher, source precedence and the planners
never see a database row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property

from graphcmdb.identity.keys import IDENTITY_FIELDS, Identity

#: the CI property listing the fields discovery wrote and still owns
OWNED = "discoveredFields"
#: the stored fields an identity is computed from besides the class and the name
IDENTIFIERS = tuple(sorted(IDENTITY_FIELDS - {"ciClass", "name"}))


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _texts(value: object) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def _moment(value: object) -> datetime | None:
    return value if isinstance(value, datetime) else None


@dataclass(frozen=True)
class DiscoveredProps:
    """The properties of a CI that discovery reads and writes, exactly as stored.

    A mapping rather than one attribute per field: precedence and merging treat the ten
    discoverable fields alike, by name, compare them with observed values and put the
    previous values in audit entries, so they keep their stored form (a list stays a
    list, an absent field stays absent). The typed accessors cover what rules read.
    """

    values: Mapping[str, object] = field(default_factory=dict)

    def get(self, key: str) -> object:
        return self.values.get(key)

    def text(self, key: str) -> str | None:
        return _text(self.values.get(key))

    def texts(self, key: str) -> tuple[str, ...]:
        return _texts(self.values.get(key))

    @property
    def owned(self) -> tuple[str, ...]:
        return self.texts(OWNED)

    @property
    def sources(self) -> tuple[str, ...]:
        return self.texts("sources")

    @property
    def first_seen(self) -> datetime | None:
        return _moment(self.values.get("firstSeen"))

    @property
    def last_seen(self) -> datetime | None:
        return _moment(self.values.get("lastSeen"))


@dataclass(frozen=True)
class InstalledProduct:
    """A ``HAS_INSTALLED`` relationship of a CI, keyed by its product."""

    product_key: str
    version: str | None
    #: None only on an installation a person recorded without a date
    installed_at: datetime | None
    #: who created it (``SNMP`` for discovery); None when a person recorded it
    source: str | None


@dataclass(frozen=True)
class CandidateCI:
    """An existing CI an observation could be (``discovery/candidates``)."""

    id: str
    ci_class: str
    name: str | None
    created_at: datetime | None
    stored: DiscoveredProps
    installs: tuple[InstalledProduct, ...] = ()
    #: an asset tracks it already
    tracked: bool = False
    #: the tags of the assets tracking it
    asset_tags: tuple[str, ...] = ()
    #: the classes of the other CIs that have its name (it cannot move into one of them)
    namesake_classes: tuple[str, ...] = ()

    @cached_property
    def identity(self) -> Identity:
        """Its identifiers, normalised as a new source's are."""
        props = {**self.stored.values, "ciClass": self.ci_class, "name": self.name}
        return Identity.of_ci(props, self.asset_tags)

    def share(
        self,
        identity: Identity,
        ci_class: str,
        name: str | None,
        values: Mapping[str, object],
        asset_tags: tuple[str, ...],
    ) -> None:
        """Take ``identity`` as its own when it was computed (``Identity.of_ci``) from the
        same class, name, asset tags and identifying values as this CI has: equal
        inputs normalise to an equal identity, so it is not computed again. A re-import
        of an estate (the same identifiers, another field changed) is mostly such rows."""
        if (
            "identity" not in self.__dict__
            and self.ci_class == ci_class
            and self.name == name
            and self.asset_tags == asset_tags
            and all(self.stored.get(f) == values.get(f) for f in IDENTIFIERS)
        ):
            self.__dict__["identity"] = identity  # primes the cached property

    @property
    def serial_number(self) -> str | None:
        return self.stored.text("serialNumber")

    def with_values(self, values: Mapping[str, object], *, same_identity: bool) -> CandidateCI:
        """This CI with other stored values. ``same_identity``: no identifier changed, so
        the normalised identity is carried over (a bulk update would otherwise compute
        every CI's identity twice)."""
        ci_class = str(values.get("ciClass", self.ci_class))
        updated = replace(self, stored=DiscoveredProps(values), ci_class=ci_class)
        if same_identity:
            updated.__dict__["identity"] = self.identity  # primes the cached property
        return updated


@dataclass(frozen=True)
class AssetCandidate:
    """An untracked asset carrying the observed serial number."""

    id: str
    manufacturer: str | None
