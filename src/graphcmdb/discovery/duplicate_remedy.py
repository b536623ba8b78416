"""What to do about a duplicate group: a suggestion that is never a wrong merge.

``MERGE`` is suggested only when nothing contradicts the group (no differing serial,
FQDN, environment, class or maker, no rival box) and the confidence is HIGH; everything
else is a case for a person, said in words:

| remedy     | when                                                    |
| ---------- | ------------------------------------------------------- |
| MERGE      | HIGH, one class, nothing differs: ``mergeCIs`` (preview first), keep the oldest |
| RENAME     | logical CIs in different environments: two instances, name them apart |
| REVIEW     | anything else: check which is which before merging or renaming |
| KEEP_APART | not a duplicate (serials differ: two boxes)             |
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from graphcmdb.discovery.duplicates import LOGICAL_KINDS, Confidence, Suspect, Verdict


class Remedy(StrEnum):
    MERGE = "MERGE"
    RENAME = "RENAME"
    REVIEW = "REVIEW"
    KEEP_APART = "KEEP_APART"


@dataclass(frozen=True)
class Suggestion:
    remedy: Remedy
    note: str


def _differs(suspect: Suspect, identifier: str) -> bool:
    return any(
        e.identifier == identifier and e.verdict is Verdict.CONTRADICTS for e in suspect.evidence
    )


def suggest(suspect: Suspect) -> Suggestion:
    """The remedy of one group (its CIs oldest first: the natural one to keep)."""
    if suspect.confidence is Confidence.NONE:
        return Suggestion(Remedy.KEEP_APART, "not a duplicate: a serial identifies hardware")
    logical = suspect.kind in LOGICAL_KINDS
    if logical and _differs(suspect, "ENVIRONMENT"):
        return Suggestion(
            Remedy.RENAME,
            "one application in two environments is two CIs: give them names that say "
            "which (e.g. with the environment); do not merge",
        )
    blocking = [
        name
        for name in ("SERIAL", "FQDN", "ENVIRONMENT", "CLASS", "MANUFACTURER", "HOST")
        if _differs(suspect, name)
    ]
    if blocking:
        return Suggestion(
            Remedy.REVIEW,
            f"{', '.join(b.lower() for b in blocking)} differ: check which is which before "
            "merging anything",
        )
    if suspect.confidence is Confidence.HIGH:
        keep, rest = suspect.ids[0], ", ".join(suspect.ids[1:])
        return Suggestion(
            Remedy.MERGE,
            f"mergeCIs(keepId: {keep}, mergeIds: [{rest}]) — preview it (dryRun) first",
        )
    what = "the names" if logical else "the evidence"
    return Suggestion(Remedy.REVIEW, f"{what} suggest one thing: confirm before merging")
