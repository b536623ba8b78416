/// <reference types="node" />
/** The health page's GraphQL documents are valid against the exported schema. */
import { readFileSync } from "node:fs";
import { buildSchema, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { HEALTH_ITEMS, MERGE_PREVIEW } from "../../src/health/queries";

const schema = buildSchema(readFileSync(new URL("../../../schema.graphql", import.meta.url), "utf8"));

describe("health documents against schema.graphql", () => {
  it.each([
    ["items", HEALTH_ITEMS],
    ["mergePreview", MERGE_PREVIEW],
  ])("%s is valid", (_name, document) => {
    expect(validate(schema, parse(document)).map((e) => e.message)).toEqual([]);
  });
});
