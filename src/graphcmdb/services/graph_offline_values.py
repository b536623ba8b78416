"""One property value as a field of the offline importer's CSV: its type and text.

The rules of ``neo4j-admin database import`` (a list is one field, its elements joined
by :data:`ARRAY_DELIMITER`; a text is quoted; temporal values in ISO form), and the
values it cannot carry exactly: those are fix-ups (``graph_offline_csv``).
"""

from __future__ import annotations

import functools
import math
import re
from datetime import date

from graphcmdb.errors import ValidationFailed
from graphcmdb.services.graph_codec import decode

#: between the elements of a list in one CSV field: a control character no CI data uses
ARRAY_DELIMITER = "\x1f"
LONG_MIN, LONG_MAX = -(2**63), 2**63 - 1


def quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def scalar(value: object, where: str) -> tuple[str, str | None]:
    """(CSV type, field text) of one value; no text when CSV cannot carry it exactly."""
    if isinstance(value, bool):
        return "boolean", "true" if value else "false"
    if isinstance(value, int):
        if not LONG_MIN <= value <= LONG_MAX:
            raise ValidationFailed(f"{where}: {value} does not fit a long", field="content")
        return "long", str(value)
    if isinstance(value, float):
        return "double", repr(value) if math.isfinite(value) else None
    if isinstance(value, str):
        return "string", quoted(value)
    if isinstance(value, dict):
        return _temporal(value, where)
    raise ValidationFailed(f"{where}: a {type(value).__name__} cannot be stored", field="content")


_DATE = r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
_TIME = r"([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?"
_ZONE = r"(Z|[+-](0\d|1[0-8]):[0-5]\d(:[0-5]\d)?)"
#: the shapes graph_codec writes, zoned and local (a dump's temporal values number in
#: the millions: a pattern costs a tenth of parsing, and the importer parses them again)
_TEMPORAL = {
    "date": (re.compile(_DATE), None),
    "datetime": (re.compile(f"{_DATE}T{_TIME}{_ZONE}"), re.compile(f"{_DATE}T{_TIME}")),
    "time": (re.compile(f"{_TIME}{_ZONE}"), re.compile(_TIME)),
}


def _temporal(value: dict[object, object], where: str) -> tuple[str, str]:
    """(CSV type, text) of a temporal value as graph_codec writes it; its shape checked."""
    kind, text = value.get("$"), value.get("v")
    if not isinstance(text, str) or len(value) != 2 or "$" not in value:
        raise ValidationFailed(f"{where}: not a dumped value: {value!r}", field="content")
    if kind == "duration":  # rare: parsed, as the online import does
        decode(value, where)
        return "duration", text
    zoned, local = _TEMPORAL.get(str(kind), (None, None))
    if kind != "time" and not _real_date(text[:10]):
        zoned = local = None  # the shape of a date, but no day of the calendar (02-30)
    if zoned is not None and zoned.fullmatch(text):
        return str(kind), text
    if local is not None and local.fullmatch(text):
        return f"local{kind}", text
    raise ValidationFailed(f"{where}: not a {kind} value: {text!r}", field="content")


@functools.lru_cache(maxsize=4096)
def _real_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def column(value: object, where: str) -> tuple[str, str] | None:
    """(CSV type, field text) of a property, None when it must be a fix-up."""
    if not isinstance(value, list):
        kind, text = scalar(value, where)
        return None if text is None else (kind, text)
    cells = [scalar(v, where) for v in value]
    kinds = {kind for kind, _ in cells}
    if len(kinds) > 1:
        raise ValidationFailed(f"{where}: a list mixes {sorted(kinds)}", field="content")
    texts = [text for _, text in cells if text is not None]
    if not value or len(texts) < len(cells) or value == [""]:
        return None  # empty, or holding what CSV cannot say: a fix-up
    kind = kinds.pop()
    if kind != "string":
        return f"{kind}[]", ARRAY_DELIMITER.join(texts)
    plain = [str(v) for v in value]
    if any(ARRAY_DELIMITER in t for t in plain):
        return None
    return "string[]", quoted(ARRAY_DELIMITER.join(plain))
