/** The shortest path between two drawn nodes, ignoring edge direction (breadth-first). */
import type { GraphView } from "../api/types";

export interface Link {
  id: string;
  source: string;
  target: string;
}

export interface PathResult {
  nodes: string[];
  edges: string[];
}

export function shortestPath(links: readonly Link[], from: string, to: string): PathResult | null {
  if (from === to) return { nodes: [from], edges: [] };
  const adjacent = adjacency(links);
  const via = new Map<string, { prev: string; edge: string }>();
  const seen = new Set([from]);
  let frontier = [from];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const { node, edge } of adjacent.get(id) ?? []) {
        if (seen.has(node)) continue;
        seen.add(node);
        via.set(node, { prev: id, edge });
        if (node === to) return walkBack(via, from, to);
        next.push(node);
      }
    }
    frontier = next;
  }
  return null;
}

function adjacency(links: readonly Link[]): Map<string, { node: string; edge: string }[]> {
  const out = new Map<string, { node: string; edge: string }[]>();
  const add = (a: string, b: string, edge: string): void => {
    const list = out.get(a) ?? [];
    list.push({ node: b, edge });
    out.set(a, list);
  };
  for (const link of links) {
    add(link.source, link.target, link.id);
    add(link.target, link.source, link.id);
  }
  return out;
}

function walkBack(
  via: Map<string, { prev: string; edge: string }>,
  from: string,
  to: string,
): PathResult {
  const nodes = [to];
  const edges: string[] = [];
  for (let step = via.get(to); step; step = via.get(step.prev)) {
    nodes.push(step.prev);
    edges.push(step.edge);
    if (step.prev === from) break;
  }
  return { nodes: nodes.reverse(), edges: edges.reverse() };
}

/**
 * The path of a ``shortestPath`` answer as ids from ``from`` to ``to`` (walked along its
 * edges, so the order of the lists in the answer does not matter); null when the answer
 * is empty or is not a path between the two.
 */
export function pathFromView(view: GraphView, from: string, to: string): PathResult | null {
  if (from === to) return view.nodes.some((n) => n.id === from) ? { nodes: [from], edges: [] } : null;
  if (view.edges.length === 0) return null;
  const found = shortestPath(view.edges, from, to);
  return found && found.edges.length === view.edges.length ? found : null;
}
