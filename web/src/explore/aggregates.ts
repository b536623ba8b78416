/**
 * Collapsed relationships as badges: the API counts an asset's lifecycle events and a
 * CI's installed software instead of walking them (graph(collapse: true)); each count is
 * drawn as one small node tied to its owner, and a click on it draws what it stands for.
 */
import type { GraphAggregate, RelationshipType } from "../api/types";
import type { EdgeDef, NodeDef } from "./elements";
import { SHAPES } from "./node-kind";
import { AGGREGATE } from "./palette";

/** The badge of one aggregate: `agg:<owner id>:<kind>`. */
export function aggregateId(a: Pick<GraphAggregate, "nodeId" | "kind">): string {
  return `agg:${a.nodeId}:${a.kind}`;
}

export function isAggregateId(id: string): boolean {
  return id.startsWith("agg:");
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

/** What the badge says. */
export function aggregateLabel(a: GraphAggregate): string {
  switch (a.kind) {
    case "LIFECYCLE_EVENTS":
      return plural(a.count, "lifecycle event", "lifecycle events");
    case "SOFTWARE": {
      const packages = plural(a.count, "package", "packages");
      const shared = a.sharedWith ? ` shared with ${plural(a.sharedWith, "CI", "CIs")}` : "";
      return `Software: ${packages}${shared}`;
    }
    case "INSTALLATIONS":
      return `Installed on ${plural(a.count, "CI", "CIs")}`;
  }
}

/** The graph query that draws an aggregate's relationships: one hop of one type. */
export function expansionOf(a: GraphAggregate): { id: string; depth: 1; types: RelationshipType[] } {
  return { id: a.nodeId, depth: 1, types: [a.type] };
}

export interface BadgeDefs {
  nodes: NodeDef[];
  edges: EdgeDef[];
}

/**
 * Badges for the aggregates whose owner is drawn (or arrives with them), skipping those
 * already drawn and those the user expanded (their relationships are on the graph).
 */
export function badgeDefs(
  aggregates: readonly GraphAggregate[],
  ownerDrawn: (id: string) => boolean,
  badgeDrawn: (id: string) => boolean,
  expanded: ReadonlySet<string>,
): BadgeDefs {
  const nodes: NodeDef[] = [];
  const edges: EdgeDef[] = [];
  for (const a of aggregates) {
    const id = aggregateId(a);
    if (!ownerDrawn(a.nodeId) || badgeDrawn(id) || expanded.has(id)) continue;
    nodes.push({
      group: "nodes",
      data: {
        id,
        label: aggregateLabel(a),
        kind: "Aggregate",
        status: "",
        ci: false,
        labels: [],
        shape: SHAPES.Aggregate,
        colour: AGGREGATE,
        aggregate: a,
      },
    });
    edges.push({
      group: "edges",
      data: { id: `${id}:link`, source: a.nodeId, target: id, type: a.type, kind: "" },
      classes: "aggregate-link",
    });
  }
  return { nodes, edges };
}
