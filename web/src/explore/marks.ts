/** Highlights laid over the graph: impact colours, a path, SPOFs, root-cause candidates. */
import type { Core } from "cytoscape";
import type { ImpactStatus } from "../api/types";
import type { ImpactMarks } from "../impact/colouring";
import type { PathResult } from "./path";

const MARK_CLASSES = [
  "impact-down",
  "impact-degraded",
  "impact-input",
  "dim",
  "path",
  "spof",
  "candidate",
].join(" ");

export function impactClass(status: ImpactStatus): string {
  return status === "DOWN" ? "impact-down" : "impact-degraded";
}

export function clearMarks(cy: Core): void {
  cy.batch(() => cy.elements().removeClass(MARK_CLASSES));
}

/** Every impacted node coloured; the rest dimmed so the blast radius stands out. */
export function markImpact(cy: Core, marks: ImpactMarks): void {
  cy.batch(() => {
    cy.elements().removeClass(MARK_CLASSES);
    cy.elements().addClass("dim");
    for (const [id, status] of marks.statusById) {
      cy.getElementById(id).removeClass("dim").addClass(impactClass(status));
    }
    for (const id of marks.inputs) cy.getElementById(id).removeClass("dim").addClass("impact-input");
    cy.edges()
      .filter((e) => marks.statusById.has(e.source().id()) && marks.statusById.has(e.target().id()))
      .removeClass("dim");
  });
}

/** Nodes and edges of a path (a witness path or a shortest path), others untouched. */
export function markPath(cy: Core, path: PathResult): void {
  cy.batch(() => {
    cy.elements().removeClass("path");
    for (const id of [...path.nodes, ...path.edges]) cy.getElementById(id).addClass("path");
  });
}

/** Edges between consecutive ids of a witness path (any direction). */
export function pathFromIds(cy: Core, ids: readonly string[]): PathResult {
  const edges: string[] = [];
  for (let i = 1; i < ids.length; i += 1) {
    const a = cy.getElementById(ids[i - 1] ?? "");
    const b = cy.getElementById(ids[i] ?? "");
    const edge = a.edgesWith(b).first();
    if (edge.nonempty()) edges.push(edge.id());
  }
  return { nodes: [...ids], edges };
}

export function markNodes(cy: Core, ids: Iterable<string>, cls: "spof" | "candidate"): void {
  cy.batch(() => {
    cy.elements().removeClass(cls);
    for (const id of ids) cy.getElementById(id).addClass(cls);
  });
}

/** The impact class each drawn node carries (what the browser test compares). */
export function drawnImpact(cy: Core): Record<string, ImpactStatus | null> {
  const out: Record<string, ImpactStatus | null> = {};
  cy.nodes().forEach((n) => {
    out[n.id()] = n.hasClass("impact-down") ? "DOWN" : n.hasClass("impact-degraded") ? "DEGRADED" : null;
  });
  return out;
}
