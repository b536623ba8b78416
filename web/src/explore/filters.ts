/** What the filter panel hides: node kinds (classes), statuses and relationship types. */
import type { EdgeData, NodeData } from "./elements";

export interface Filters {
  hiddenKinds: ReadonlySet<string>;
  hiddenStatuses: ReadonlySet<string>;
  hiddenTypes: ReadonlySet<string>;
}

export const NO_FILTERS: Filters = {
  hiddenKinds: new Set(),
  hiddenStatuses: new Set(),
  hiddenTypes: new Set(),
};

/** Nodes without a status (services, assets) are never hidden by a status filter. */
export function nodeVisible(node: Pick<NodeData, "kind" | "status">, filters: Filters): boolean {
  if (filters.hiddenKinds.has(node.kind)) return false;
  return !(node.status && filters.hiddenStatuses.has(node.status));
}

export function edgeVisible(edge: Pick<EdgeData, "type">, filters: Filters): boolean {
  return !filters.hiddenTypes.has(edge.type);
}

export function toggle(set: ReadonlySet<string>, value: string, hidden: boolean): Set<string> {
  const next = new Set(set);
  if (hidden) next.add(value);
  else next.delete(value);
  return next;
}

export function isFiltering(filters: Filters): boolean {
  return (
    filters.hiddenKinds.size + filters.hiddenStatuses.size + filters.hiddenTypes.size > 0
  );
}
