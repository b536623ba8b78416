/// <reference types="node" />
/**
 * The forms' tables against the exported schema (../schema.graphql): every field is an
 * input field of its mutation's input type with a matching kind, every enum value exists,
 * what the create input requires the table marks required, and every document the forms
 * send validates.
 */
import { readFileSync } from "node:fs";
import {
  type GraphQLInputType,
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  parse,
  validate,
} from "graphql";
import { describe, expect, it } from "vitest";
import { createDocument, deleteDocument, readDocument, updateDocument } from "../../src/forms/documents";
import { type EntitySpec, type FieldSpec, fieldsFor } from "../../src/forms/fields";
import { KINDS, UNDELETABLE } from "../../src/forms/kinds";
import { SEARCHES } from "../../src/forms/picker";
import { SPECS } from "../../src/forms/specs";
import { LIFECYCLE_READ, transitionCall } from "../../src/forms/transitions";

const schema = buildSchema(readFileSync(new URL("../../../schema.graphql", import.meta.url), "utf8"));

const SCALARS: Record<string, string> = {
  text: "String",
  list: "String",
  int: "Int",
  float: "Float",
  decimal: "Decimal",
  date: "Date",
  datetime: "DateTime",
  bool: "Boolean",
  ref: "ID",
};

function inputFields(name: string) {
  const type = schema.getType(name);
  if (!isInputObjectType(type)) throw new Error(`${name} is not an input type`);
  return type.getFields();
}

function isList(type: GraphQLInputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

function expectFits(field: FieldSpec, type: GraphQLInputType): void {
  const named = getNamedType(type);
  const kind = field.kind;
  if (kind.type === "enum") {
    expect(isEnumType(named), field.name).toBe(true);
    const values = isEnumType(named) ? named.getValues().map((v) => v.name) : [];
    for (const v of kind.values) expect(values, `${field.name}: ${v}`).toContain(v);
    return;
  }
  expect(named.name, field.name).toBe(SCALARS[kind.type]);
  expect(isList(type), field.name).toBe(kind.type === "list" || (kind.type === "ref" && kind.many));
}

/** Each field is an input field of ``input`` of a fitting type; the input's fields. */
function expectInputFields(input: string, fields: readonly FieldSpec[]) {
  const inputs = inputFields(input);
  for (const field of fields) {
    const type = inputs[field.name]?.type;
    expect(type, `${input}.${field.name}`).toBeDefined();
    if (type) expectFits(field, type);
  }
  return inputs;
}

function validates(document: string): void {
  expect(validate(schema, parse(document)).map((e) => e.message)).toEqual([]);
}

describe.each(KINDS.map((k) => [k, SPECS[k]] as [string, EntitySpec]))("the %s forms", (kind, spec) => {
  it("are that type's table", () => expect(spec.kind).toBe(kind));

  it("name input fields of the create input with matching kinds, the required ones marked", () => {
    const inputs = expectInputFields(spec.createInput, fieldsFor(spec, "create"));
    const required = Object.values(inputs).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    expect(required.map((f) => f.name).sort()).toEqual(
      fieldsFor(spec, "create")
        .filter((f) => f.required)
        .map((f) => f.name)
        .sort(),
    );
  });

  it("name input fields of the update input with matching kinds", () => {
    expectInputFields(spec.updateInput, fieldsFor(spec, "update"));
  });

  it("send documents the schema takes", () => {
    validates(readDocument(spec));
    validates(createDocument(spec));
    validates(updateDocument(spec));
    const remove = deleteDocument(spec);
    expect(remove === null).toBe(UNDELETABLE.includes(spec.kind));
    if (remove) validates(remove);
  });
});

describe("the lifecycle and picker documents", () => {
  it("validate against the schema", () => {
    for (const document of Object.values(LIFECYCLE_READ)) validates(document);
    for (const document of Object.values(SEARCHES)) validates(document);
    for (const [kind, from, to] of [
      ["asset", "RETIRED", "DISPOSED"],
      ["change", "DRAFT", "SUBMITTED"],
      ["incident", "NEW", "IN_PROGRESS"],
      ["incident", "RESOLVED", "IN_PROGRESS"],
      ["incident", "NEW", "RESOLVED"],
      ["incident", "RESOLVED", "CLOSED"],
    ] as const) {
      validates(transitionCall(kind, "id", from, to).document);
    }
  });
});
