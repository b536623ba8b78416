"""Late handles on the type modules whose converters point back at their importers.

The object types of the domains point at each other: a CI has an asset and an asset
has its CI, a contract covers assets and an asset lists its contracts. Their converters
therefore call each other (``CIType.asset`` builds an ``AssetType`` with
``asset_types.to_asset``, ``AssetType.ci`` builds a ``CIType`` with
``core_types.to_ci``). That call cycle is what the schema is; an import cycle is not
needed for it. ``refs.py`` keeps the *annotations* out of import time with strawberry's
lazy references; this module does the same for the *converters*.

The rule, checked by the import-linter contracts in ``pyproject.toml``:

* a direct import points down the domains, ``core`` < ``impact`` < ``itam`` < ``itsm``
  (``discovery`` and ``admin`` sit on top, apart), so ``itam.asset_types`` imports
  ``core.types`` directly;
* a converter wanted against that order, or between two ITAM type modules, is reached
  through a handle of this module: ``from graphcmdb.api.graphql.late import asset_types``
  and then ``asset_types.to_asset(row)`` exactly as with the module itself.

A handle imports its module on first use, when a resolver runs and the schema (hence
every type module) is long built, so no module needs another one at import time that
needs it back, and ``lint-imports`` sees a graph without cycles. For the type checker
each handle *is* the module (the import sits under ``TYPE_CHECKING``, which
import-linter leaves out), so every call through it keeps its checked signature.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

__all__ = [
    "asset_types",
    "contract_types",
    "cost_types",
    "directory_types",
    "itsm_types",
    "license_types",
]


class LateModule:
    """Stands for the module ``name``, imported when an attribute is first asked for."""

    __slots__ = ("_module", "_name")

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str) -> Any:
        if self._module is None:
            self._module = import_module(self._name)
        return getattr(self._module, attribute)

    def __repr__(self) -> str:
        return f"<late module {self._name!r}>"


if TYPE_CHECKING:
    from graphcmdb.api.graphql.itam import (
        asset_types,
        contract_types,
        cost_types,
        directory_types,
        license_types,
    )
    from graphcmdb.api.graphql.itsm import types as itsm_types
else:
    _ITAM = "graphcmdb.api.graphql.itam."
    asset_types = LateModule(_ITAM + "asset_types")
    contract_types = LateModule(_ITAM + "contract_types")
    cost_types = LateModule(_ITAM + "cost_types")
    directory_types = LateModule(_ITAM + "directory_types")
    license_types = LateModule(_ITAM + "license_types")
    itsm_types = LateModule("graphcmdb.api.graphql.itsm.types")
