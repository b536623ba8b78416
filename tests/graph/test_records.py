"""The read records follow the specs: a record's fields are exactly what its spec says
a stored node carries (common, key, writable and system properties), so a field added
to a ``*Fields`` model is read back without a second edit, and nothing else creeps in."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from pydantic import BaseModel

from graphcmdb.domain.records import READ_ONLY_EXTRAS, AssetRecord, CIRecord
from graphcmdb.domain.specs import ASSET_SPEC, CI_SPEC, NODE_SPECS, NodeSpec
from graphcmdb.graph.enums import CIClass, LifecycleState
from graphcmdb.services import nodes

WITH_RECORDS = [s for s in NODE_SPECS if s.has_record]


def record_fields(model: type[BaseModel]) -> set[str]:
    return {info.alias or name for name, info in model.model_fields.items()}


def test_the_node_types_with_records() -> None:
    assert {s.label.value for s in WITH_RECORDS} == {
        "CI", "Service", "Asset", "LifecycleEvent", "Vendor", "Location", "Person",
        "Contract", "SoftwareProduct", "License", "Incident", "Change",
        "ApiToken", "AuditEntry", "DiscoveryRun", "CredentialSet", "ReconciliationTask",
        "Schedule", "ReportSnapshot", "User",
    }  # fmt: skip


@pytest.mark.parametrize("spec", WITH_RECORDS, ids=lambda s: s.label.value)
def test_a_record_has_exactly_the_specs_properties(spec: NodeSpec[BaseModel]) -> None:
    assert issubclass(spec.record, BaseModel)
    assert record_fields(spec.record) - READ_ONLY_EXTRAS == set(spec.readable)


@pytest.mark.parametrize("spec", WITH_RECORDS, ids=lambda s: s.label.value)
def test_a_record_inherits_the_writable_field_model(spec: NodeSpec[BaseModel]) -> None:
    """Not a copy: the field list comes from the spec's model (or its property part)."""
    if spec.fields is None:
        return
    field_model = spec.record.__bases__[0]
    assert issubclass(spec.fields, field_model), f"{spec.record.__name__} copies its fields"
    assert set(field_model.model_fields) <= set(spec.fields.model_fields)


def test_a_row_becomes_a_typed_record() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    row = {
        "id": "c1", "name": "web1", "ciClass": "Server", "createdAt": now,
        "updatedAt": now, "labels": ["Entity", "CI", "Server"], "legacyProp": 1,
    }  # fmt: skip
    ci: CIRecord = nodes.as_record(CI_SPEC, row)
    assert ci.ciClass is CIClass.SERVER
    assert ci.labels == ("Entity", "CI", "Server")
    asset = nodes.as_record(
        ASSET_SPEC,
        {"id": "a1", "name": "A-1", "assetTag": "A-1", "lifecycleState": "DEPLOYED",
         "purchaseCost": "1200.00", "purchaseDate": date(2025, 1, 1),
         "createdAt": now, "updatedAt": now},
    )  # fmt: skip
    assert isinstance(asset, AssetRecord)
    assert asset.lifecycleState is LifecycleState.DEPLOYED
    assert str(asset.purchaseCost) == "1200.00"
