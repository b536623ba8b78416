"""HOST-RESOURCES-MIB: installed software (normalised by the rule table) and processors."""

from __future__ import annotations

from graphcmdb.discovery import oids, values
from graphcmdb.discovery.observation import Software
from graphcmdb.discovery.oids import Oid
from graphcmdb.discovery.session import Table
from graphcmdb.discovery.software import SoftwareRules

COLUMNS: tuple[Oid, ...] = (
    oids.HR_SW_INSTALLED_NAME,
    oids.HR_SW_INSTALLED_DATE,
    oids.HR_PROCESSOR_FRW_ID,
)


def software(table: Table, rules: SoftwareRules) -> tuple[Software, ...]:
    dates = table.get(oids.HR_SW_INSTALLED_DATE, {})
    found: dict[str, Software] = {}
    for index, value in sorted(table.get(oids.HR_SW_INSTALLED_NAME, {}).items()):
        raw = values.text(value)
        if raw and raw not in found:
            found[raw] = rules.normalise(raw, values.date_and_time(dates.get(index)))
    return tuple(found.values())


def cores(table: Table) -> int | None:
    """One hrProcessorTable row per logical processor; None when the agent has none."""
    return len(table.get(oids.HR_PROCESSOR_FRW_ID, {})) or None
