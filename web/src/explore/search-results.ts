/** The search answer (CIs by name and by text, services, assets) as one suggestion list. */
import { type NodeKind, nodeKind } from "./node-kind";

interface Edges<T> {
  edges: { node: T }[];
}

interface SearchCI {
  id: string;
  name: string;
  labels: string[];
  ciClass: string;
  status: string;
}

interface SearchService {
  id: string;
  name: string;
  labels: string[];
  criticality: number;
  users: number;
}

interface SearchAsset {
  id: string;
  name: string;
  labels: string[];
  assetTag: string;
  lifecycleState: string;
  ci: { id: string; name: string } | null;
}

export interface SearchAnswer {
  byName: Edges<SearchCI>;
  byText: Edges<SearchCI>;
  services: Edges<SearchService>;
  assets: Edges<SearchAsset>;
}

export interface Suggestion {
  id: string;
  label: string;
  detail: string;
  kind: NodeKind;
}

/** Services first (what people look for), then CIs (name matches first), then assets. */
export function suggestions(answer: SearchAnswer, limit = 12): Suggestion[] {
  const out: Suggestion[] = [];
  const seen = new Set<string>();
  const push = (s: Suggestion): void => {
    if (seen.has(s.id)) return;
    seen.add(s.id);
    out.push(s);
  };
  for (const { node } of answer.services.edges) {
    push({
      id: node.id,
      label: node.name,
      detail: `service · criticality ${node.criticality} · ${node.users} users`,
      kind: "Service",
    });
  }
  for (const { node } of [...answer.byName.edges, ...answer.byText.edges]) {
    push({ id: node.id, label: node.name, detail: `${node.ciClass} · ${node.status}`, kind: nodeKind(node.labels) });
  }
  for (const { node } of answer.assets.edges) {
    const ci = node.ci ? ` · tracks ${node.ci.name}` : "";
    push({
      id: node.id,
      label: `${node.assetTag} ${node.name}`,
      detail: `asset · ${node.lifecycleState}${ci}`,
      kind: "Asset",
    });
  }
  return out.slice(0, limit);
}
