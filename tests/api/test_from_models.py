"""GraphQL inputs and output fields generated from a pydantic record expose its fields."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Annotated

import pytest
import strawberry
from pydantic import BaseModel, Field
from strawberry.types import get_object_definition

from graphcmdb.api.graphql.from_models import from_record, given, model_input, model_output
from graphcmdb.graph.enums import CIStatus


class GadgetFields(BaseModel):
    colour: str | None = None
    weight: Annotated[int, Field(ge=0)] | None = None
    price: Decimal | None = None
    boughtOn: date | None = None
    tags: list[str] | None = None
    status: CIStatus | None = None
    ownerId: str | None = None
    serial: str  # required: non-null on output


@strawberry.input
@model_input(GadgetFields, ids=("ownerId",))
class CreateGadgetInput:
    name: str


@strawberry.type
@model_output(GadgetFields, ids=("ownerId",), non_null=("tags",))
class Gadget:
    name: str


@strawberry.type
class Query:
    @strawberry.field
    def gadget(self, input: CreateGadgetInput) -> Gadget:
        values = dict.fromkeys(GadgetFields.model_fields) | {"serial": "S1", "tags": []}
        return Gadget(**values | given(input))


def test_generated_fields_appear_in_the_input_and_the_output_type() -> None:
    inputs = {f.python_name for f in get_object_definition(CreateGadgetInput, strict=True).fields}
    outputs = {f.python_name for f in get_object_definition(Gadget, strict=True).fields}
    assert inputs == set(GadgetFields.model_fields) | {"name"}
    assert outputs == set(GadgetFields.model_fields) | {"name"}


def test_the_sdl_maps_types_and_nullability() -> None:
    sdl = strawberry.Schema(query=Query).as_str()
    for line in ("colour: String", "weight: Int", "price: Decimal", "boughtOn: Date"):
        assert f"  {line}\n" in sdl
    assert "  ownerId: ID\n" in sdl
    assert "  status: CIStatus\n" in sdl
    assert "  tags: [String!]!\n" in sdl  # non_null on output
    assert "  tags: [String!]\n" in sdl  # optional on input
    assert "  serial: String!\n" in sdl  # required by the record
    assert "  serial: String\n" in sdl  # every input field is optional


def test_omitted_input_fields_stay_unset_and_an_explicit_null_is_kept() -> None:
    schema = strawberry.Schema(query=Query)
    result = schema.execute_sync(
        '{ gadget(input: {name: "g", colour: null, weight: 3}) { name colour weight price } }'
    )
    assert result.errors is None
    assert result.data == {"gadget": {"name": "g", "colour": None, "weight": 3, "price": None}}
    sent = CreateGadgetInput(name="g", colour=None)  # type: ignore[call-arg]  # generated field
    assert given(sent) == {"name": "g", "colour": None}


@dataclass(frozen=True)
class _Line:
    as_of: date
    bookValue: Decimal
    note: str


@strawberry.type
class LineType:
    asOf: date
    bookValue: Decimal
    label: str


def test_from_record_reads_camel_or_snake_attributes_and_takes_overrides() -> None:
    line = _Line(as_of=date(2026, 1, 2), bookValue=Decimal("3"), note="n")
    built = from_record(LineType, line, label=line.note.upper())
    assert built == LineType(asOf=date(2026, 1, 2), bookValue=Decimal("3"), label="N")


def test_from_record_rejects_a_missing_attribute_and_an_unknown_override() -> None:
    line = _Line(as_of=date(2026, 1, 2), bookValue=Decimal("3"), note="n")
    with pytest.raises(AttributeError, match="label"):
        from_record(LineType, line)
    with pytest.raises(TypeError, match="lable"):
        from_record(LineType, line, label="x", lable="y")
