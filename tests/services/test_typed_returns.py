"""Services answer typed records, not dicts; the dict stays inside ``db/`` (issue 12).

Every public function of every ``graphcmdb.services`` module, and every field of a
public dataclass one defines (what those functions hand upward), is checked: its type
must not mention ``dict[str, Any]`` (``db.database.Row`` is that alias). What still does
is listed in ``ALLOWED`` with the reason, so the list can only shrink: an entry that is
fixed fails the test until it is taken off.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from types import ModuleType
from typing import Any, get_args, get_origin, get_type_hints

import graphcmdb.services

#: What still answers a plain row, by ``module:qualified name`` (a ``.field`` suffix for a
#: dataclass field). Remove an entry when its row becomes a record.
ALLOWED: dict[str, str] = {
    "schedule_runner:Outcome.snapshot": "a report's headline figures, stored as one JSON "
    "value on its snapshot node (not read back field by field)",
    # -- inputs on their way down: client rows validated and shaped for a db write -----
    # (the bulk modules are being merged on another branch; typed rows belong there)
    "bulk:check_rows": "bulk import rows (write input) and their problems",
    "bulk:prepare_row": "one import row shaped for the generated upsert",
    "bulk:validate_rows": "import problems {row, field, message} for the GraphQL error",
    "asset_bulk:check_asset_rows": "as bulk:check_rows, for assets",
    "asset_bulk:prepare_asset": "as bulk:prepare_row, for assets",
    "contract_bulk:check_contract_rows": "as bulk:check_rows, for contracts",
    "contract_bulk:prepare_contract": "as bulk:prepare_row, for contracts",
    "contract_bulk:asset_problems": "import problems of a contract's asset links",
    "contract_bulk:resolve_vendors": "upsert answers of the vendor resolver",
    "install_bulk:check_install_rows": "as bulk:check_rows, for installations",
    "install_bulk:prepare_install": "as bulk:prepare_row, for installations",
    "install_bulk:ci_problems": "import problems of an installation's CI",
    "license_bulk:check_license_rows": "as bulk:check_rows, for licenses",
    "license_bulk:prepare_license": "as bulk:prepare_row, for licenses",
    "license_bulk:license_problems": "import problems of a license row",
    "service_bulk:check_service_rows": "as bulk:check_rows, for services",
    "service_bulk:prepare_service": "as bulk:prepare_row, for services",
    "relationship_bulk:check_relationship_rows": "as bulk:check_rows, for relationships",
    "relationship_bulk:prepare_relationship": "as bulk:prepare_row, for relationships",
    "relationship_bulk:relationship_problems": "import problems of a relationship's ends",
    "itsm_bulk:check_rows": "as bulk:check_rows, for incidents and changes",
    "itsm_bulk:prepare": "as bulk:prepare_row, for incidents and changes",
    "itsm_bulk:problems": "import problems of an incident's or change's references",
    "itsm_bulk:export_row": "an export row in the importer's columns (any of its fields)",
    "graph_codec:decode_props": "a dumped node's properties (any label's), for the load",
    "graph_offline_csv:Fixups.nodes": "dumped properties (any label's) CSV cannot carry, "
    "by dump number: the parameter map of the offline import's fix-up statement",
    "graph_offline_csv:Fixups.relationships": "as Fixups.nodes, for relationships",
    "graph_offline_history:HistoryRows.state_fixups": "as Fixups.nodes, by entity id: the "
    "rows of the statement that sets them on the entities' States",
    "product_refs:resolve_products": "upsert answers of the product resolver",
    "import_batch:BatchPlan.refs": "the plan's reference resolver over import rows",
    "import_batch:BatchPlan.resolve": "the plan's upsert resolver over import rows",
    "row_checks:check_each": "the shared row checker behind every *_rows above",
    "row_checks:check_unique": "check_each with a natural key: rows going into an UNWIND",
    "row_checks:checked_props": "one row's graph properties, the parameters of an UNWIND",
    "row_checks:split_defaults": "{props, defaults} parameters of the generated upsert",
    "nodes:upsert_row": "the generated upsert's parameter row",
    "nodes:upsert_in": "per-row {id, created, changed, key} answers of the upsert",
    "nodes:upsert_audited": "as nodes:upsert_in, in one transaction with its audit entry",
    "relations:edge_props": "relationship properties to SET (write input)",
    "ci_plan_writes:Statements.updates": "parameter rows of identity/update_cis (an UNWIND)",
    "ci_plan_writes:Statements.creates": "parameter rows of identity/create_cis (an UNWIND)",
    "ci_plan_writes:Statements.full": "parameter rows of identity/write_cis (an UNWIND)",
    "incidents:moved": "the audit snapshot of a moved incident (audit input)",
    "directory:changes": "the audit snapshot builder of a directory delete",
    # -- generic plumbing: the page is built from rows, then mapped to records ----------
    "paging:make_page": "keyset cursors read the sort key from the row; callers .map()",
}


def service_modules() -> Iterator[ModuleType]:
    for info in pkgutil.iter_modules(graphcmdb.services.__path__):
        yield importlib.import_module(f"graphcmdb.services.{info.name}")


def mentions_plain_dict(tp: Any) -> bool:
    """True when ``tp`` is, or has inside it, ``dict[str, Any]`` (or a Mapping of that)."""
    args = get_args(tp)
    if get_origin(tp) is dict and args == (str, Any):
        return True
    return any(mentions_plain_dict(a) for a in args)


def typed_names(module: ModuleType) -> Iterator[tuple[str, Any]]:
    """(name, type) of each public function's return and each public dataclass field
    (type aliases such as ``directory.Referrers`` are seen where they are used)."""
    short = module.__name__.rsplit(".", 1)[1]
    for name, obj in vars(module).items():
        if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
            continue
        if inspect.isfunction(obj):
            yield f"{short}:{name}", get_type_hints(obj).get("return")
        elif inspect.isclass(obj) and dataclasses.is_dataclass(obj):
            for field, hint in get_type_hints(obj).items():
                yield f"{short}:{name}.{field}", hint


def offenders() -> dict[str, Any]:
    found: dict[str, Any] = {}
    for module in service_modules():
        for name, hint in typed_names(module):
            if hint is not None and mentions_plain_dict(hint):
                found[name] = hint
    return found


def test_services_answer_typed_records() -> None:
    found = offenders()
    new = sorted(set(found) - set(ALLOWED))
    assert not new, f"answer a record, not a plain dict (or allow-list with a reason): {new}"


def test_the_allow_list_only_shrinks() -> None:
    fixed = sorted(set(ALLOWED) - set(offenders()))
    assert not fixed, f"typed now: take these off ALLOWED: {fixed}"
