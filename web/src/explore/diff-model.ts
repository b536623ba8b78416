/**
 * Compare mode, pure: the neighbourhood at "from" and at "to" drawn as one graph, each
 * node and relationship marked added, removed, changed or the same by graphDiff's answer
 * (relationships are known by their ends and type there, so the drawing keys them so too).
 */
import type { EdgeVersion, GraphDiff, GraphEdge, GraphNode, GraphView, JsonValue, PropertyChange } from "../api/types";

export type DiffState = "added" | "removed" | "changed" | "same";

export const DIFF_STATES: readonly Exclude<DiffState, "same">[] = ["added", "removed", "changed"];

/** The class the stylesheet paints each state with. */
export const DIFF_CLASSES: Record<DiffState, string> = {
  added: "diff-added",
  removed: "diff-removed",
  changed: "diff-changed",
  same: "diff-same",
};

export interface DiffCount {
  nodes: number;
  edges: number;
}

/** A changed node for the side panel: its name and each property's before and after. */
export interface ChangeRow {
  id: string;
  label: string;
  drawn: boolean;
  changes: PropertyChange[];
}

/** A changed relationship for the side panel: its ends by name, its properties before and after. */
export interface EdgeChangeRow {
  id: string;
  label: string;
  before: JsonValue[];
  after: JsonValue[];
}

export interface DiffDrawing {
  /** The union of both neighbourhoods; relationships keyed by ends and type. */
  view: GraphView;
  nodes: Map<string, DiffState>;
  edges: Map<string, DiffState>;
  /** graphDiff's own counts (what changed, drawn or not). */
  counts: Record<Exclude<DiffState, "same">, DiffCount>;
  /** Changed or added/removed elements graphDiff names that neither neighbourhood holds. */
  undrawn: number;
  changes: ChangeRow[];
  edgeChanges: EdgeChangeRow[];
}

/** A relationship's key: graphDiff has no relationship ids. */
export function edgeKey(edge: Pick<EdgeVersion, "source" | "type" | "target">): string {
  return `${edge.source}-[${edge.type}]->${edge.target}`;
}

/** A view whose relationships carry their key as id (one per ends and type). */
export function keyedView(view: GraphView): GraphView {
  const edges = new Map<string, GraphEdge>();
  for (const e of view.edges) {
    const id = edgeKey(e);
    if (!edges.has(id)) edges.set(id, { ...e, id });
  }
  return { nodes: view.nodes, edges: [...edges.values()], truncated: view.truncated };
}

const EMPTY: GraphView = { nodes: [], edges: [], truncated: false };

/** The union of ``before`` and ``after`` (null: the centre did not exist then), marked by ``diff``. */
export function diffDrawing(before: GraphView | null, after: GraphView | null, diff: GraphDiff): DiffDrawing {
  const then = keyedView(before ?? EMPTY);
  const now = keyedView(after ?? EMPTY);
  const nodes = new Map<string, GraphNode>(then.nodes.map((n) => [n.id, n]));
  for (const n of now.nodes) nodes.set(n.id, n); // the later name and status win
  const edges = new Map<string, GraphEdge>(then.edges.map((e) => [e.id, e]));
  for (const e of now.edges) edges.set(e.id, e);

  const nodeStates = new Map<string, DiffState>([...nodes.keys()].map((id) => [id, "same"]));
  const edgeStates = new Map<string, DiffState>([...edges.keys()].map((id) => [id, "same"]));
  let undrawn = 0;
  const mark = (states: Map<string, DiffState>, id: string, state: DiffState): void => {
    if (states.has(id)) states.set(id, state);
    else undrawn += 1;
  };
  for (const n of diff.addedNodes) mark(nodeStates, n.id, "added");
  for (const n of diff.removedNodes) mark(nodeStates, n.id, "removed");
  for (const n of diff.changedNodes) mark(nodeStates, n.id, "changed");
  for (const e of diff.addedEdges) mark(edgeStates, edgeKey(e), "added");
  for (const e of diff.removedEdges) mark(edgeStates, edgeKey(e), "removed");
  for (const e of diff.changedEdges) mark(edgeStates, edgeKey(e.after), "changed");

  const changes = diff.changedNodes.map((c) => ({
    id: c.id,
    label: nodes.get(c.id)?.name ?? c.id,
    drawn: nodes.has(c.id),
    changes: c.changes,
  }));
  const name = (id: string): string => nodes.get(id)?.name ?? id;
  const edgeChanges = diff.changedEdges.map((c) => ({
    id: edgeKey(c.after),
    label: `${name(c.after.source)} ${c.after.type} ${name(c.after.target)}`,
    before: c.before.properties,
    after: c.after.properties,
  }));
  return {
    view: { nodes: [...nodes.values()], edges: [...edges.values()], truncated: then.truncated || now.truncated },
    nodes: nodeStates,
    edges: edgeStates,
    counts: {
      added: { nodes: diff.addedNodes.length, edges: diff.addedEdges.length },
      removed: { nodes: diff.removedNodes.length, edges: diff.removedEdges.length },
      changed: { nodes: diff.changedNodes.length, edges: diff.changedEdges.length },
    },
    undrawn,
    changes,
    edgeChanges,
  };
}

/** The diff class of every drawn element (node ids and relationship keys). */
export function diffClassOf(drawing: DiffDrawing): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, state] of drawing.nodes) out.set(id, DIFF_CLASSES[state]);
  for (const [id, state] of drawing.edges) out.set(id, DIFF_CLASSES[state]);
  return out;
}

/** A changed value as the panel shows it ("—" for absent). */
export function shownValue(value: PropertyChange["before"]): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}
