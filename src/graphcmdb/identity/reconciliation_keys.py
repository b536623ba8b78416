"""The subject key of a reconciliation task: one task per thing, however often it is seen."""

from __future__ import annotations

import hashlib

from graphcmdb.identity.plan import CIRow


def task_key(row: CIRow) -> str:
    """The digest of the subject's identity keys (its class and name when it has none)."""
    keys = row.identity.key_texts() or (f"NAME:{row.ci_class.value}:{row.name.lower()}",)
    return "CI:" + hashlib.sha256("\n".join(keys).encode()).hexdigest()[:32]
