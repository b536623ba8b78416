/** Shapes of the GraphQL answers the explorer reads (see schema.graphql). */

export type CIStatus = "OPERATIONAL" | "DEGRADED" | "DOWN" | "MAINTENANCE" | "UNKNOWN";
export type ImpactStatus = "DOWN" | "DEGRADED";
export type RelationshipType =
  | "DEPENDS_ON"
  | "RUNS_ON"
  | "HOSTED_ON"
  | "MEMBER_OF"
  | "CONNECTED_TO"
  | "TRACKS"
  | "COVERED_BY"
  | "WITH"
  | "ASSIGNED_TO"
  | "LOCATED_AT"
  | "HAD"
  | "HAS_INSTALLED"
  | "FOR"
  | "UNDER"
  | "AFFECTS"
  | "CAUSED_BY"
  | "MODIFIES"
  | "OWNED_BY"
  | "SUPPORTED_BY";

export interface Money {
  amount: string;
  currency: string;
}

export interface GraphNode {
  id: string;
  name: string;
  labels: string[];
  status: string | null;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  type: RelationshipType;
  kind: "HARD" | "SOFT" | null;
}

/** Relationships a collapsed neighbourhood counted at a drawn node instead of walking. */
export interface GraphAggregate {
  nodeId: string;
  kind: "LIFECYCLE_EVENTS" | "SOFTWARE" | "INSTALLATIONS";
  type: RelationshipType;
  count: number;
  sharedWith: number | null;
}

export interface GraphView {
  nodes: GraphNode[];
  edges: GraphEdge[];
  truncated: boolean;
  /** Asked for with collapse: true only (the path query has none). */
  aggregates?: GraphAggregate[];
}

export interface NodeRef {
  id: string;
  name: string;
  labels: string[];
  criticality?: number | null;
}

export interface ServiceFacts {
  id: string;
  name: string;
  criticality: number;
  users: number;
  slaTarget: number | null;
  owner: string | null;
}

export interface NodeImpact {
  node: NodeRef;
  status: ImpactStatus;
  distance: number;
  path: string[];
  pathIds: string[];
}

export interface ServiceImpact {
  service: ServiceFacts;
  status: ImpactStatus;
  distance: number;
  path: string[];
  pathIds: string[];
}

export interface ImpactReport {
  summary: {
    nodesDown: number;
    nodesDegraded: number;
    servicesDown: number;
    servicesDegraded: number;
    usersAffected: number;
  };
  services: ServiceImpact[];
  nodes: NodeImpact[];
}

export interface RootCauseCandidate {
  cis: NodeRef[];
  explains: number;
  extraImpacted: number;
  predicted: { node: { id: string }; status: ImpactStatus | null }[];
}

export interface SinglePointOfFailure {
  ci: NodeRef;
  serviceCount: number;
  servicesTakenDown: { id: string; name: string }[];
}

/** A JSON value as the API returns it (a node's stored properties, a changed value). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** graphDiff's node as it was (removed) or is (added). */
export interface NodeVersion {
  id: string;
  labels: string[];
}

/** graphDiff's relationship: known by its ends and type. */
export interface EdgeVersion {
  source: string;
  type: string;
  target: string;
}

export interface PropertyChange {
  name: string;
  before: JsonValue;
  after: JsonValue;
}

export interface ChangedNode {
  id: string;
  changes: PropertyChange[];
}

export interface ChangedEdge {
  before: EdgeVersion & { properties: JsonValue[] };
  after: EdgeVersion & { properties: JsonValue[] };
}

/** What changed between two moments (graphDiff). */
export interface GraphDiff {
  addedNodes: NodeVersion[];
  removedNodes: NodeVersion[];
  changedNodes: ChangedNode[];
  addedEdges: EdgeVersion[];
  removedEdges: EdgeVersion[];
  changedEdges: ChangedEdge[];
}
