/**
 * Layout choices: force-directed (fcose) for the whole view or around an expanded node,
 * hierarchical (dagre, loaded on first use) for dependency chains.
 */
import type { LayoutOptions, Position } from "cytoscape";

export type LayoutName = "force" | "hierarchy";

/** Above this many nodes the force layout keeps its fast spectral pass only. */
export const DRAFT_ABOVE = 900;

export function forceLayout(nodeCount: number): LayoutOptions {
  const draft = nodeCount > DRAFT_ABOVE;
  return {
    name: "fcose",
    quality: draft ? "draft" : "default",
    randomize: true,
    animate: false,
    fit: true,
    padding: 30,
    nodeDimensionsIncludeLabels: false,
    uniformNodeDimensions: true,
    packComponents: false,
    nodeRepulsion: () => 6500,
    idealEdgeLength: () => 60,
    numIter: draft ? 600 : 2500,
    sampleSize: Math.min(25, nodeCount),
  } as LayoutOptions;
}

/** Up to this many nodes an expansion refines the whole graph (clusters stay tidy). */
export const REFINE_ALL_UP_TO = 400;

/** Start from the current positions and let the new nodes settle in. */
export function refineLayout(): LayoutOptions {
  return {
    name: "fcose",
    quality: "proof",
    randomize: false,
    animate: false,
    fit: false,
    uniformNodeDimensions: true,
    packComponents: false,
    nodeRepulsion: () => 6500,
    idealEdgeLength: () => 60,
    numIter: 1500,
  } as LayoutOptions;
}

/** Large graphs: lay out only the nodes an expansion added; the node expanded stays put. */
export function incrementalLayout(anchorId: string, anchor: Position): LayoutOptions {
  return {
    name: "fcose",
    quality: "proof",
    randomize: false,
    animate: false,
    fit: false,
    uniformNodeDimensions: true,
    packComponents: false,
    numIter: 400,
    fixedNodeConstraint: [{ nodeId: anchorId, position: anchor }],
  } as LayoutOptions;
}

export function hierarchyLayout(): LayoutOptions {
  return {
    name: "dagre",
    rankDir: "TB",
    nodeSep: 12,
    rankSep: 60,
    animate: false,
    fit: true,
    padding: 30,
  } as LayoutOptions;
}

/** Starting places for new nodes: rings around the node they came from. */
export function ringPositions(center: Position, count: number, spacing = 38): Position[] {
  const out: Position[] = [];
  let ring = 1;
  while (out.length < count) {
    const radius = ring * spacing * 2;
    const slots = Math.max(6, Math.floor((2 * Math.PI * radius) / spacing));
    const here = Math.min(slots, count - out.length);
    for (let i = 0; i < here; i += 1) {
      const angle = (2 * Math.PI * i) / here;
      out.push({ x: center.x + radius * Math.cos(angle), y: center.y + radius * Math.sin(angle) });
    }
    ring += 1;
  }
  return out;
}
