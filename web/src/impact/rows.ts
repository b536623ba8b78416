/** Impacted services as the rows of the panel's table, in the API's order. */
import type { ImpactReport, NodeRef, RootCauseCandidate, ServiceImpact } from "../api/types";
import { count, percent } from "../format";

export interface ServiceRow {
  id: string;
  name: string;
  status: "DOWN" | "DEGRADED";
  users: string;
  sla: string;
  criticality: number;
  owner: string;
  path: string;
  pathIds: string[];
  openIncidents: number | null;
}

type WithIncidents = ServiceImpact & { openIncidents?: unknown[] };

export function serviceRows(report: ImpactReport): ServiceRow[] {
  return report.services.map((s: WithIncidents) => ({
    id: s.service.id,
    name: s.service.name,
    status: s.status,
    users: count(s.service.users),
    sla: percent(s.service.slaTarget),
    criticality: s.service.criticality,
    owner: s.service.owner ?? "—",
    path: s.path.join(" → "),
    pathIds: s.pathIds,
    openIncidents: s.openIncidents ? s.openIncidents.length : null,
  }));
}

export function summaryLine(report: ImpactReport): string {
  const s = report.summary;
  return (
    `${s.servicesDown} service(s) DOWN, ${s.servicesDegraded} DEGRADED · ` +
    `${count(s.usersAffected)} users · ${s.nodesDown} nodes down, ${s.nodesDegraded} degraded`
  );
}

export interface CandidateRow {
  cis: NodeRef[];
  ids: string[];
  names: string;
  explains: number;
  extra: number;
  predicted: Map<string, "DOWN" | "DEGRADED">;
}

export function candidateRows(candidates: RootCauseCandidate[]): CandidateRow[] {
  return candidates.map((c) => ({
    cis: c.cis,
    ids: c.cis.map((x) => x.id),
    names: c.cis.map((x) => x.name).join(" + "),
    explains: c.explains,
    extra: c.extraImpacted,
    predicted: new Map(
      c.predicted.flatMap((p) => (p.status ? [[p.node.id, p.status] as const] : [])),
    ),
  }));
}
