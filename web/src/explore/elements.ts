/**
 * GraphView (the API's neighbourhood) to cytoscape element definitions: only what is not
 * drawn yet, clusters as compound parents of their MEMBER_OF members, parents first.
 */
import type { GraphAggregate, GraphEdge, GraphNode, GraphView } from "../api/types";
import { type NodeKind, type Shape, SHAPES, isCI, nodeKind } from "./node-kind";
import { statusColour } from "./palette";

export interface NodeData {
  id: string;
  label: string;
  kind: NodeKind;
  /** The CI status; "" for nodes that have none (services, assets, …). */
  status: string;
  ci: boolean;
  labels: string[];
  /** Drawing hints read by the stylesheet (data mappers beat one selector per value). */
  shape: Shape;
  colour: string;
  parent?: string;
  /** A badge standing for collapsed relationships (aggregates.ts). */
  aggregate?: GraphAggregate;
}

export interface EdgeData {
  id: string;
  source: string;
  target: string;
  type: string;
  /** "HARD", "SOFT" or "" (no kind). */
  kind: string;
}

export interface NodeDef {
  group: "nodes";
  data: NodeData;
}

export interface EdgeDef {
  group: "edges";
  data: EdgeData;
  classes: string;
}

export type ElementDef = NodeDef | EdgeDef;

/** What is drawn already (the canvas answers; tests pass a fake). */
export interface Drawn {
  hasNode(id: string): boolean;
  hasEdge(id: string): boolean;
  parentOf(id: string): string | undefined;
}

export interface GraphDelta {
  nodes: NodeDef[];
  edges: EdgeDef[];
  /** Nodes already drawn that now sit inside a cluster that arrived with this view. */
  moves: { id: string; parent: string }[];
}

export const EMPTY_DRAWN: Drawn = {
  hasNode: () => false,
  hasEdge: () => false,
  parentOf: () => undefined,
};

export function nodeData(node: GraphNode): NodeData {
  const kind = nodeKind(node.labels);
  return {
    id: node.id,
    label: node.name,
    kind,
    status: node.status ?? "",
    ci: isCI(node.labels),
    labels: node.labels,
    shape: SHAPES[kind],
    colour: statusColour(node.status),
  };
}

export function graphDelta(view: GraphView, drawn: Drawn): GraphDelta {
  const fresh = view.nodes.filter((n) => !drawn.hasNode(n.id));
  const present = new Set(fresh.map((n) => n.id));
  const exists = (id: string): boolean => present.has(id) || drawn.hasNode(id);
  const parents = assignParents(view.edges, exists, drawn);
  const nodes = orderParentsFirst(
    fresh.map((n) => withParent(nodeData(n), parents.get(n.id))),
  ).map((data): NodeDef => ({ group: "nodes", data }));
  const moves = [...parents]
    .filter(([id]) => drawn.hasNode(id))
    .map(([id, parent]) => ({ id, parent }));
  const edges = view.edges
    .filter((e) => !drawn.hasEdge(e.id) && exists(e.source) && exists(e.target))
    .map((e) => edgeDef(e, parents.get(e.source) ?? drawn.parentOf(e.source)));
  return { nodes, edges, moves };
}

function withParent(data: NodeData, parent: string | undefined): NodeData {
  return parent ? { ...data, parent } : data;
}

export function edgeDef(edge: GraphEdge, sourceParent?: string): EdgeDef {
  const nested = edge.type === "MEMBER_OF" && sourceParent === edge.target;
  const classes = [`rel-${edge.type}`, edge.kind === "SOFT" ? "soft" : "", nested ? "nested" : ""];
  return {
    group: "edges",
    data: {
      id: edge.id,
      source: edge.source,
      target: edge.target,
      type: edge.type,
      kind: edge.kind ?? "",
    },
    classes: classes.filter(Boolean).join(" "),
  };
}

/**
 * One cluster per member that has none yet (the lowest cluster id when it belongs to
 * several: the other memberships stay edges), never making a node its own ancestor.
 */
function assignParents(
  edges: GraphEdge[],
  exists: (id: string) => boolean,
  drawn: Drawn,
): Map<string, string> {
  const parents = new Map<string, string>();
  const memberships = edges
    .filter((e) => e.type === "MEMBER_OF" && exists(e.source) && exists(e.target))
    .sort((a, b) => a.target.localeCompare(b.target) || a.source.localeCompare(b.source));
  const parentOf = (id: string): string | undefined => parents.get(id) ?? drawn.parentOf(id);
  for (const edge of memberships) {
    if (parentOf(edge.source) !== undefined) continue;
    if (isAncestor(edge.source, edge.target, parentOf)) continue;
    parents.set(edge.source, edge.target);
  }
  return parents;
}

function isAncestor(
  candidate: string,
  of: string,
  parentOf: (id: string) => string | undefined,
): boolean {
  const seen = new Set<string>();
  for (let id: string | undefined = of; id !== undefined && !seen.has(id); id = parentOf(id)) {
    if (id === candidate) return true;
    seen.add(id);
  }
  return false;
}

/** Cytoscape wants a compound parent added no later than its children. */
export function orderParentsFirst(nodes: NodeData[]): NodeData[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const placed = new Set<string>();
  const ordered: NodeData[] = [];
  const place = (node: NodeData, trail: Set<string>): void => {
    if (placed.has(node.id) || trail.has(node.id)) return;
    trail.add(node.id);
    const parent = node.parent ? byId.get(node.parent) : undefined;
    if (parent) place(parent, trail);
    placed.add(node.id);
    ordered.push(node);
  };
  for (const node of nodes) place(node, new Set());
  return ordered;
}
