/**
 * An impact report as marks on the graph: every impacted node with its status, the
 * failed inputs, and the elements to add so that every impacted node is drawn (nodes
 * missing from the view, joined along their witness paths).
 */
import type { ImpactReport, ImpactStatus, NodeRef } from "../api/types";
import { type Drawn, type EdgeDef, type NodeDef, nodeData } from "../explore/elements";

export interface ImpactMarks {
  statusById: Map<string, ImpactStatus>;
  /** The CIs assumed DOWN or DEGRADED (drawn with a ring). */
  inputs: Set<string>;
  /** Node id → the ids of its witness path, failed input first. */
  witness: Map<string, string[]>;
}

export function impactMarks(report: ImpactReport, inputs: Iterable<string>): ImpactMarks {
  const statusById = new Map<string, ImpactStatus>();
  const witness = new Map<string, string[]>();
  for (const hit of report.nodes) {
    statusById.set(hit.node.id, hit.status);
    witness.set(hit.node.id, hit.pathIds);
  }
  for (const hit of report.services) {
    statusById.set(hit.service.id, hit.status);
    witness.set(hit.service.id, hit.pathIds);
  }
  return { statusById, inputs: new Set(inputs), witness };
}

/** Ids along a witness path, and the consecutive pairs that make its steps. */
export function pathSteps(pathIds: readonly string[]): [string, string][] {
  const steps: [string, string][] = [];
  for (let i = 1; i < pathIds.length; i += 1) {
    const a = pathIds[i - 1];
    const b = pathIds[i];
    if (a !== undefined && b !== undefined) steps.push([a, b]);
  }
  return steps;
}

export function witnessEdgeId(a: string, b: string): string {
  return `witness:${a}->${b}`;
}

export interface MissingElements {
  nodes: NodeDef[];
  edges: EdgeDef[];
}

/**
 * Impacted nodes not drawn yet, and a dashed "impact" edge for each witness-path step
 * whose ends are not joined by a drawn edge (the real relationship was not loaded).
 */
export function missingImpactElements(
  report: ImpactReport,
  drawn: Drawn,
  joined: (a: string, b: string) => boolean,
): MissingElements {
  const refs = new Map<string, NodeRef>();
  for (const hit of report.nodes) refs.set(hit.node.id, hit.node);
  for (const hit of report.services) {
    refs.set(hit.service.id, { id: hit.service.id, name: hit.service.name, labels: ["Service"] });
  }
  const nodes: NodeDef[] = [...refs.values()]
    .filter((ref) => !drawn.hasNode(ref.id))
    .map((ref) => ({
      group: "nodes",
      data: nodeData({ id: ref.id, name: ref.name, labels: ref.labels, status: null }),
    }));
  const edges = new Map<string, EdgeDef>();
  const paths = [...report.nodes, ...report.services].map((hit) => hit.pathIds);
  for (const [a, b] of paths.flatMap(pathSteps)) {
    const id = witnessEdgeId(a, b);
    if (joined(a, b) || drawn.hasEdge(id) || edges.has(id)) continue;
    edges.set(id, {
      group: "edges",
      data: { id, source: a, target: b, type: "IMPACT", kind: "" },
      classes: "witness-link",
    });
  }
  return { nodes, edges: [...edges.values()] };
}
