"""Software product normalisation and version matching (pure).

A product is identified by its normalised publisher, product and version: trimmed,
inner whitespace collapsed, case-insensitive, and numeric versions without trailing
zero parts ("16.0" and "16" are the same version). The *family* is publisher + product:
versions are only ever compared within one family.

Version matching rule (DESIGN "License compliance"; the issue's Office example):

* a license covers installations of its own product, i.e. the same family and the
  same version ("Office 2021" covers "Office 2021");
* a ``downgradable`` license also covers *older* versions of the same family
  ("Office 2021" downgradable covers "Office 2019"), never newer ones;
* versions are compared numerically part by part when both are dotted numbers
  ("2021" > "2019", "16.0" > "15.2", "10.10" > "10.9"); a version that is not a
  dotted number ("XP", "2019 R2") only matches itself, because guessing an order
  could hide an audit finding;
* a license for a product recorded without a version covers every version of its
  family (there is nothing to compare), while an installation of a version-less
  product is covered only by version-less licenses (its version is unknown).

Matching uses the version of the product node; the ``version`` on ``HAS_INSTALLED``
is the build that discovery or an import reported (e.g. "16.0.14332") and is kept
for information. Licensing per version therefore means recording each licensed
version as its own product, as SAM tools' "software models" do.
"""

from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")
_NUMERIC = re.compile(r"^\d+(\.\d+)*$")

Version = tuple[int, ...]


def clean(text: str) -> str:
    """Trimmed, inner whitespace collapsed: the display form that is stored."""
    return _SPACES.sub(" ", text.strip())


def numeric(version: str | None) -> Version | None:
    """The version as numbers without trailing zero parts, or None when not numeric."""
    if version is None:
        return None
    text = clean(version).lower().removeprefix("v")
    if not _NUMERIC.match(text):
        return None
    parts = [int(p) for p in text.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def version_key(version: str | None) -> str:
    """Normalised version for keys: "16.0" -> "16", " XP " -> "xp", None -> ""."""
    if version is None or not clean(version):
        return ""
    parsed = numeric(version)
    return ".".join(map(str, parsed)) if parsed is not None else clean(version).lower()


def family_key(publisher: str, product: str) -> str:
    return f"{clean(publisher).lower()}|{clean(product).lower()}"


def product_key(publisher: str, product: str, version: str | None) -> str:
    return f"{family_key(publisher, product)}|{version_key(version)}"


def covers(license_version: str | None, installed_version: str | None, downgradable: bool) -> bool:
    """Whether a license for ``license_version`` covers an installation of
    ``installed_version`` of the same family (see the module docstring)."""
    if not version_key(license_version):
        return True
    if not version_key(installed_version):
        return False
    if version_key(license_version) == version_key(installed_version):
        return True
    lic, inst = numeric(license_version), numeric(installed_version)
    return downgradable and lic is not None and inst is not None and inst < lic
