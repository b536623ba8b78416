/// <reference types="node" />
/**
 * Every GraphQL document the explorer sends is valid against the exported schema
 * (../schema.graphql), optional parts (incidents, metrics) when the schema has them.
 */
import { readFileSync } from "node:fs";
import { buildSchema, getNamedType, isInterfaceType, isNonNullType, isObjectType, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { INTROSPECTION, type IntrospectionAnswer, THIS_RELEASE, readCapabilities } from "../../src/api/capabilities";
import { CHECK } from "../../src/auth/signin-view";
import { metricsQuery } from "../../src/dashboard/metrics";
import { DATA_QUALITY } from "../../src/dashboard/quality";
import { ITAM_DASHBOARD } from "../../src/dashboard/queries";
import { assetDetailsQuery, ciDetailsQuery, nodeDetailsQuery, serviceDetailsQuery } from "../../src/details/queries";
import { GRAPH, SEARCH, SHORTEST_PATH } from "../../src/explore/queries";
import { ROOT_CAUSE, SPOF, impactQuery } from "../../src/impact/queries";

const schema = buildSchema(readFileSync(new URL("../../../schema.graphql", import.meta.url), "utf8"));

/** A type's fields in the shape of the explorer's introspection answer. */
function fieldsOf(typeName: string) {
  const type = schema.getType(typeName);
  if (!isObjectType(type) && !isInterfaceType(type)) return [];
  return Object.values(type.getFields()).map((f) => ({
    name: f.name,
    args: f.args.map((a) => ({
      name: a.name,
      defaultValue: a.defaultValue === undefined ? null : String(a.defaultValue),
      type: { kind: isNonNullType(a.type) ? "NON_NULL" : "NAMED", name: null },
    })),
    type: { kind: "NAMED", name: getNamedType(f.type).name },
  }));
}

/** What the explorer's introspection would find in this schema. */
const caps = readCapabilities({
  ci: { fields: fieldsOf("CI") },
  query: { fields: fieldsOf("Query") },
  incident: schema.getType("Incident") ? { fields: fieldsOf("Incident") } : null,
  serviceImpact: { fields: fieldsOf("ServiceImpact") },
} satisfies IntrospectionAnswer);

describe("the explorer without introspection", () => {
  it("assumes exactly the optional parts this release's schema has", () => {
    expect(THIS_RELEASE).toEqual(caps);
  });
});

const documents: Record<string, string> = {
  signIn: CHECK,
  introspection: INTROSPECTION,
  search: SEARCH,
  graph: GRAPH,
  shortestPath: SHORTEST_PATH,
  impact: impactQuery(null, false),
  impactWithIncidents: impactQuery(caps.incidents, caps.impactIncidents),
  rootCause: ROOT_CAUSE,
  spof: SPOF,
  ci: ciDetailsQuery(null),
  ciWithIncidents: ciDetailsQuery(caps.incidents),
  ciAsOf: ciDetailsQuery(caps.incidents, true),
  service: serviceDetailsQuery(),
  serviceAsOf: serviceDetailsQuery(true),
  asset: assetDetailsQuery(),
  assetAsOf: assetDetailsQuery(true),
  node: nodeDetailsQuery(),
  nodeAsOf: nodeDetailsQuery(true),
  dashboard: ITAM_DASHBOARD,
  ...(caps.metrics ? { metrics: metricsQuery(caps.metrics.args) } : {}),
  ...(caps.dataQuality ? { dataQuality: DATA_QUALITY } : {}),
};

describe("documents against schema.graphql", () => {
  it.each(Object.entries(documents))("%s is valid", (_name, document) => {
    expect(validate(schema, parse(document)).map((e) => e.message)).toEqual([]);
  });
});

describe("capabilities read off schema.graphql", () => {
  it("find incidents and metrics exactly when the schema has them", () => {
    expect(caps.incidents !== null).toBe(fieldsOf("CI").some((f) => f.name === "incidents"));
    expect(caps.metrics !== null).toBe(fieldsOf("Query").some((f) => f.name === "metrics"));
    expect(caps.dataQuality).toBe(fieldsOf("Query").some((f) => f.name === "dataQuality"));
  });
});
