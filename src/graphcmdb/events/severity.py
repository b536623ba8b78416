"""Severity words of Alertmanager, Zabbix, PRTG and the generic shape, to CI status.

A firing alert holds its CI at most at this status; DOWN wins over DEGRADED. Words not
listed (or no severity at all) count as DEGRADED: something is wrong, how badly is not
said. Informational severities hold nothing.
"""

from __future__ import annotations

from graphcmdb.graph.enums import CIStatus

DOWN_WORDS = frozenset(
    {"critical", "disaster", "high", "fatal", "emergency", "page", "down", "p1", "sev1"}
)
NOTHING_WORDS = frozenset(
    {"info", "information", "informational", "not classified", "notice", "none", "ok"}
    | {"debug", "paused", "up", "unknown"}
)
#: Zabbix's numeric severities ({EVENT.NSEVERITY}): 0 not classified … 5 disaster
ZABBIX_NUMERIC = {
    "0": None,
    "1": None,
    "2": "warning",
    "3": "average",
    "4": "high",
    "5": "disaster",
}


def effect_of(severity: str | None) -> CIStatus | None:
    word = (severity or "").strip().lower()
    if word in DOWN_WORDS or word.startswith("down"):
        return CIStatus.DOWN
    if word in NOTHING_WORDS:
        return None
    return CIStatus.DEGRADED
