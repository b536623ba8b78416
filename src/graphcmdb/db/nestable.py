"""Whether a statement can be carried inside another, in a ``CALL () { … }`` of its own
with its parameters renamed (``coalesce``).

Not when it starts with what only a whole statement may start with (``CYPHER``,
``USE``, ``EXPLAIN``, ``PROFILE``, ``SHOW``), runs ``IN [CONCURRENT] TRANSACTIONS``, or
has a ``$`` inside a string literal (parameters are renamed by their ``$``). Comments
and string literals are skipped when looking for the keywords, and a word after ``.``,
``:`` or ``$`` is a property, label or parameter, never a keyword.
"""

from __future__ import annotations

import re
from functools import lru_cache

_OPEN, _CLOSE = "([{", ")]}"
_QUOTES = "'\"`"
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_STANDALONE = {"CYPHER", "USE", "EXPLAIN", "PROFILE", "SHOW"}


class _DollarInString(Exception):
    pass


def _top_level(text: str) -> str:
    """``text`` with what is nested in brackets, strings and comments blanked out."""
    out: list[str] = []
    depth, i, n = 0, 0, len(text)
    while i < n:
        c = text[i]
        if c == "/" and text.startswith(("//", "/*"), i):
            line = text[i + 1] == "/"
            end = text.find("\n" if line else "*/", i + 2)
            i = n if end < 0 else end + (0 if line else 2)
            out.append(" ")
            continue
        if c in _QUOTES:
            end = i + 1
            while end < n and text[end] != c:
                end += 2 if text[end] == "\\" and c != "`" else 1
            if "$" in text[i:end]:
                raise _DollarInString
            out.append(" ")
            i = end + 1
            continue
        if c in _OPEN:
            depth += 1
        out.append(c if depth == 0 and c not in _CLOSE else " ")
        if c in _CLOSE:
            depth -= 1
        i += 1
    return "".join(out)


@lru_cache(maxsize=4096)
def nestable(text: str) -> bool:
    try:
        flat = _top_level(text)
    except _DollarInString:
        return False
    words = [
        m.group().upper()
        for m in _WORD.finditer(flat)
        if m.start() == 0 or flat[m.start() - 1] not in ".:$"
    ]
    if not words or words[0] in _STANDALONE:
        return False
    # CALL { … } IN [n] [CONCURRENT] TRANSACTIONS
    return not any(
        word == "IN" and "TRANSACTIONS" in words[k + 1 : k + 4] for k, word in enumerate(words)
    )


def named(columns: tuple[str, ...]) -> bool:
    """Whether every column is a plain name (an unaliased ``n.id`` cannot be carried)."""
    return bool(columns) and all(_WORD.fullmatch(c) for c in columns)
