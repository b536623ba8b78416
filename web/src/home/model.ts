/** The first screen's data, shaped (pure: unit-tested without a browser). */

export interface HomeNode {
  id: string;
  name: string;
  labels: string[];
  status?: string | null;
}

export interface HomeService {
  id: string;
  name: string;
  status: string;
  criticality: number;
  users: number;
  slaTarget: number | null;
  owner: string | null;
  dependsOn: { type: string; kind: string | null; node: HomeNode }[];
}

export interface HomeIncident {
  id: string;
  number: string;
  title: string;
  priority: string;
  state: string;
  openedAt: string;
  affects: HomeNode[];
  cause: HomeNode | null;
}

export interface ServicesAnswer {
  services: { totalCount: number; edges: { node: HomeService }[] };
}

export interface IncidentsAnswer {
  opened: { edges: { node: HomeIncident }[] };
  inProgress: { edges: { node: HomeIncident }[] };
}

export const SERVICES_SHOWN = 50;
export const INCIDENTS_SHOWN = 25;
/** How many services the map at the top of the page draws. */
export const MAP_SERVICES = 8;

const NODE = "id name labels ... on CI { status } ... on Service { status }";
const INCIDENT = `id number title priority state openedAt affects { ${NODE} } cause { ... on CI { id name labels status } }`;

/** Two requests, each with its own deadline: the services (and the map), the incidents. */
export const HOME_SERVICES = `query FirstScreenServices($services: Int!) {
  services(first: $services) { totalCount edges { node {
    id name status criticality users slaTarget owner
    dependsOn { type kind node { ${NODE} } } } } }
}`;

export const HOME_INCIDENTS = `query FirstScreenIncidents($incidents: Int!) {
  opened: incidents(filter: { state: NEW }, first: $incidents) { edges { node { ${INCIDENT} } } }
  inProgress: incidents(filter: { state: IN_PROGRESS }, first: $incidents) { edges { node { ${INCIDENT} } } }
}`;

const SEVERITY: Record<string, number> = { DOWN: 0, DEGRADED: 1, MAINTENANCE: 2, UNKNOWN: 3, OPERATIONAL: 4 };

/** What needs a look first: down, then degraded …; then the most critical, most used. */
export function orderServices(services: readonly HomeService[]): HomeService[] {
  return [...services].sort(
    (a, b) =>
      (SEVERITY[a.status] ?? 5) - (SEVERITY[b.status] ?? 5) ||
      b.criticality - a.criticality ||
      b.users - a.users ||
      a.name.localeCompare(b.name),
  );
}

/** Open incidents, highest priority then newest first. */
export function openIncidents(answer: IncidentsAnswer): HomeIncident[] {
  const all = [...answer.opened.edges, ...answer.inProgress.edges].map((e) => e.node);
  return all.sort((a, b) => a.priority.localeCompare(b.priority) || b.openedAt.localeCompare(a.openedAt));
}

export function isCI(node: HomeNode): boolean {
  return node.labels.includes("CI");
}

/** The CIs an incident names (its cause first, then what it affects): what its impact
 * assumes DOWN. Empty when it names only services. */
export function impactTargets(incident: HomeIncident): HomeNode[] {
  const named = [incident.cause, ...incident.affects].filter((n): n is HomeNode => n !== null && isCI(n));
  const seen = new Set<string>();
  return named.filter((n) => !seen.has(n.id) && (seen.add(n.id), true));
}

/** A service's status in a live move, applied to the list (moves of CIs are ignored). */
export function withStatus(services: HomeService[], id: string, status: string): HomeService[] {
  return services.map((s) => (s.id === id ? { ...s, status } : s));
}
