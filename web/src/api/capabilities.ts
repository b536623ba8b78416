/**
 * Optional parts of the schema, found by introspection once per session, so the
 * explorer works before and after other engineers land fields (CI.incidents, metrics).
 */
import type { GraphQL } from "./client";

interface TypeRef {
  kind: string;
  name: string | null;
  ofType?: TypeRef | null;
}

interface IntrospectedArg {
  name: string;
  defaultValue: string | null;
  type: TypeRef;
}

interface IntrospectedField {
  name: string;
  args: IntrospectedArg[];
  type: TypeRef;
}

export interface IntrospectionAnswer {
  ci: { fields: IntrospectedField[] } | null;
  query: { fields: IntrospectedField[] } | null;
  incident: { fields: { name: string }[] } | null;
  serviceImpact: { fields: { name: string }[] } | null;
}

/** How to ask a CI for its incidents, if the schema can answer. */
export interface IncidentSelection {
  field: string;
  /** A Relay connection (edges { node }) rather than a plain list. */
  connection: boolean;
  /** The fields of Incident the panel shows, among those that exist. */
  fields: string[];
}

export interface Capabilities {
  incidents: IncidentSelection | null;
  /** ServiceImpact.openIncidents exists. */
  impactIncidents: boolean;
  metrics: { args: string[] } | null;
  /** Query.dataQuality exists. */
  dataQuality: boolean;
}

/**
 * What this release's server answers. The explorer is served by that server, so when it
 * keeps its schema to itself (introspection off: the production profile) these are its
 * parts; tests/unit/documents.test.ts checks them against schema.graphql.
 */
export const THIS_RELEASE: Capabilities = {
  incidents: {
    field: "incidents",
    connection: false,
    fields: ["id", "number", "title", "priority", "state", "openedAt", "resolvedAt"],
  },
  impactIncidents: true,
  metrics: { args: ["from", "to", "expiringWithinDays"] },
  dataQuality: true,
};

const TYPE_REF = "kind name ofType { kind name ofType { kind name ofType { kind name } } }";
export const INTROSPECTION = `query ExplorerCapabilities {
  ci: __type(name: "CI") { fields { name args { name defaultValue type { ${TYPE_REF} } } type { ${TYPE_REF} } } }
  query: __type(name: "Query") { fields { name args { name defaultValue type { ${TYPE_REF} } } type { ${TYPE_REF} } } }
  incident: __type(name: "Incident") { fields { name } }
  serviceImpact: __type(name: "ServiceImpact") { fields { name } }
}`;

const INCIDENT_FIELDS = ["id", "number", "title", "priority", "state", "openedAt", "resolvedAt"];
const INCIDENT_FIELD_NAMES = ["incidents", "openIncidents"];

function namedType(ref: TypeRef): string | null {
  return ref.name ?? (ref.ofType ? namedType(ref.ofType) : null);
}

function needsArguments(field: IntrospectedField): boolean {
  return field.args.some((a) => a.type.kind === "NON_NULL" && a.defaultValue === null);
}

export function readCapabilities(answer: IntrospectionAnswer): Capabilities {
  return {
    incidents: incidentSelection(answer),
    impactIncidents: (answer.serviceImpact?.fields ?? []).some((f) => f.name === "openIncidents"),
    metrics: metricsQuery(answer),
    dataQuality: (answer.query?.fields ?? []).some((f) => f.name === "dataQuality"),
  };
}

function incidentSelection(answer: IntrospectionAnswer): IncidentSelection | null {
  const known = new Set((answer.incident?.fields ?? []).map((f) => f.name));
  const fields = INCIDENT_FIELDS.filter((f) => known.has(f));
  for (const name of INCIDENT_FIELD_NAMES) {
    const field = answer.ci?.fields.find((f) => f.name === name);
    if (!field || needsArguments(field) || fields.length === 0) continue;
    const type = namedType(field.type) ?? "";
    return { field: name, connection: type.endsWith("Connection"), fields };
  }
  return null;
}

function metricsQuery(answer: IntrospectionAnswer): Capabilities["metrics"] {
  const field = answer.query?.fields.find((f) => f.name === "metrics");
  return field ? { args: field.args.map((a) => a.name) } : null;
}

let cached: Promise<Capabilities> | null = null;

/** Introspect once; a server with introspection switched off is this release's. */
export function capabilities(api: GraphQL): Promise<Capabilities> {
  cached ??= api
    .request<IntrospectionAnswer>(INTROSPECTION)
    .then(readCapabilities)
    .catch(() => THIS_RELEASE);
  return cached;
}
