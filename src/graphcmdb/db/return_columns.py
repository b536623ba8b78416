"""The columns a read statement returns, read from its text: what ``coalesce`` needs to
carry a statement's rows inside another one.

Only the last ``RETURN`` at the top level counts (after a top-level ``UNION`` every
branch returns the same columns). Each item must be ``expression AS name`` or a bare
variable; anything else (``RETURN *``, ``RETURN n.name``) gives None, and the statement
is then sent alone. Comments and string literals are skipped, so an apostrophe in a
comment or a ``RETURN`` inside a string changes nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

_OPEN, _CLOSE = "([{", ")]}"
_QUOTES = "'\"`"
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ALIAS = re.compile(r"\s+AS\s+`?([A-Za-z_][A-Za-z0-9_]*)`?\s*$", re.IGNORECASE)
#: where a RETURN's items end
_AFTER_ITEMS = {"ORDER", "SKIP", "LIMIT", "UNION", "OFFSET"}


def _top_level(text: str) -> list[tuple[int, str]]:
    """The text's characters at nesting depth 0 outside strings and comments, with
    their positions; every other character comes back as a space at its position."""
    out: list[tuple[int, str]] = []
    depth, i, n = 0, 0, len(text)
    while i < n:
        c = text[i]
        if c == "/" and text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if c in _QUOTES:
            end = i + 1
            while end < n and text[end] != c:
                end += 2 if text[end] == "\\" else 1
            out.append((i, " "))
            i = end + 1
            continue
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth -= 1
            out.append((i, " "))
            i += 1
            continue
        out.append((i, c if depth == 0 else " "))
        i += 1
    return out


def _words(flat: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in _NAME.finditer(flat)]


@lru_cache(maxsize=4096)
def return_columns(text: str) -> tuple[str, ...] | None:
    """The names of the columns ``text`` returns, in order; None when not all are named."""
    chars = _top_level(text)
    flat = "".join(c for _, c in chars)
    words = _words(flat)
    returns = [k for k, (_, w) in enumerate(words) if w.upper() == "RETURN"]
    if not returns:
        return None
    start = words[returns[-1]][0] + len("RETURN")
    end = len(flat)
    for at, word in words[returns[-1] + 1 :]:
        if word.upper() in _AFTER_ITEMS:
            end = at
            break
    first = chars[start][0] if start < len(chars) else len(text)
    last = chars[end][0] if end < len(chars) else len(text)
    items_flat = flat[start:end]
    if items_flat.strip().upper().startswith("DISTINCT"):
        cut = items_flat.upper().index("DISTINCT") + len("DISTINCT")
        start += cut
        first = chars[start][0]
        items_flat = flat[start:end]
    # split the original text at the top-level commas between start and end
    commas = [chars[start + k][0] for k, c in enumerate(items_flat) if c == ","]
    bounds = [first, *(c + 1 for c in commas)]
    ends = [*commas, last]
    names: list[str] = []
    for a, b in zip(bounds, ends, strict=True):
        item = _strip_comments(text[a:b]).strip()
        alias = _ALIAS.search(item)
        if alias is not None:
            names.append(alias.group(1))
        elif _NAME.fullmatch(item):
            names.append(item)
        else:
            return None
    return tuple(names) if names and len(set(names)) == len(names) else None


def _strip_comments(item: str) -> str:
    return "\n".join(line.split("//", 1)[0] for line in item.splitlines())
