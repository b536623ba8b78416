"""Label and type slots (``$($name)``) that a statement's callers fix (``queries.fixed``).

Neo4j 5.26 plans ``MATCH (n:$($label))`` and ``MERGE (n:$($label) {...})`` as a scan of
every node with a filter, and ``(a)-[r:$($type)]->(b)`` between unbound ends as a scan of
every relationship: no label scan, no index. A statement whose pattern starts at such a
slot is sent only with the slot written as an enum value.
"""

from __future__ import annotations

import re

from graphcmdb.db.queries import Fixed

#: a pattern starting at a node with a slot label, or at a relationship with a slot type
STARTS_AT_SLOT = re.compile(r"(MATCH|MERGE)\s+\(\w*(:\$\(\$|\)-\[\w*:\$\(\$)")


def without_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))


def starts_at_slot(text: str) -> bool:
    """True when a MATCH or MERGE of ``text`` starts its pattern at a slot."""
    return STARTS_AT_SLOT.search(without_comments(text)) is not None


def fill_slots(text: str, query: Fixed) -> str:
    """Write each ``$($name)`` slot of ``text`` as its enum value, quoted; refuse a slot
    the statement (its comments aside) does not have: a typo would leave the scan."""
    code = without_comments(text)
    for name, value in query.slots:
        slot = f"$(${name})"
        if "`" in value:
            raise ValueError(f"{value!r} cannot be written as a label or type (a backtick)")
        if slot not in code:
            raise KeyError(f"{query.query.value} has no {slot} slot to fix as {value!r}")
        text, code = text.replace(slot, f"`{value}`"), code.replace(slot, f"`{value}`")
    return text
