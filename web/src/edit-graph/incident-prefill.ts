/**
 * An incident drafted from an impact result: what it affects (the services hit, and the
 * CIs the impact was run from), the suspected cause and a suggested priority. The API's
 * `openIncident` takes a title, a priority, `affects` and a description; it has no field
 * for a cause (`resolveIncident` records one), so the cause is named in the description
 * and, as the failed CI, among what the incident affects.
 */
import type { ImpactReport, ImpactStatus } from "../api/types";
import { count } from "../format";

export type Priority = "P1" | "P2" | "P3" | "P4";
export const PRIORITIES: readonly Priority[] = ["P1", "P2", "P3", "P4"];

/** The same urgency as monitoring's automatic incidents (README: "Priority rule"). */
const URGENT_CRITICALITY = 4;
const URGENT_USERS = 1000;

export interface DraftItem {
  id: string;
  name: string;
  /** "DOWN"/"DEGRADED" for a service hit; the status it was assumed for a cause. */
  status: ImpactStatus;
}

export interface IncidentDraft {
  title: string;
  priority: Priority;
  services: DraftItem[];
  causes: DraftItem[];
  description: string;
}

export interface ImpactInputs {
  down: readonly { id: string; name: string }[];
  degraded: readonly { id: string; name: string }[];
}

/**
 * ITIL's impact by urgency, as the API's automatic incidents compute it: a service DOWN is
 * P1 when urgent (criticality ≥ 4 or ≥ 1,000 users) else P2; DEGRADED P3 or P4. The most
 * urgent service wins; nothing hit is P4.
 */
export function suggestedPriority(report: ImpactReport): Priority {
  let best = 3;
  for (const s of report.services) {
    const urgent = s.service.criticality >= URGENT_CRITICALITY || s.service.users >= URGENT_USERS;
    const rank = (s.status === "DOWN" ? 0 : 2) + (urgent ? 0 : 1);
    best = Math.min(best, rank);
  }
  return PRIORITIES[best] ?? "P4";
}

export function incidentDraft(report: ImpactReport, inputs: ImpactInputs): IncidentDraft {
  const services = report.services.map((s) => ({ id: s.service.id, name: s.service.name, status: s.status }));
  const causes = [
    ...inputs.down.map((c) => ({ ...c, status: "DOWN" as const })),
    ...inputs.degraded.map((c) => ({ ...c, status: "DEGRADED" as const })),
  ];
  const causeNames = causes.map((c) => c.name).join(", ");
  const hit = services.length === 0 ? "no service hit" : `${services[0]?.name}${services.length > 1 ? ` and ${services.length - 1} more` : ""}`;
  const s = report.summary;
  const lines = [
    `Suspected cause: ${causes.map((c) => `${c.name} (${c.status})`).join(", ")}.`,
    `Impact: ${s.servicesDown} service(s) down, ${s.servicesDegraded} degraded, ${count(s.usersAffected)} users.`,
    ...report.services.map((x) => `- ${x.service.name}: ${x.status} (${count(x.service.users)} users), via ${x.path.join(" → ")}`),
  ];
  return {
    title: `${causeNames} ${causes.every((c) => c.status === "DOWN") ? "down" : "failing"}: ${hit}`,
    priority: suggestedPriority(report),
    services,
    causes,
    description: lines.join("\n"),
  };
}

/** What `openIncident` is sent: the items ticked in the form, services first, each once. */
export function affectsOf(services: readonly DraftItem[], causes: readonly DraftItem[]): string[] {
  return [...new Set([...services, ...causes].map((i) => i.id))];
}
