/** Documents of impact analysis, root cause and single points of failure. */
import type { IncidentSelection } from "../api/capabilities";

/** ``past``: of a past drawing (``$asOf``), without the services' open incidents (kept of
 * today only). */
export function impactQuery(incidents: IncidentSelection | null, impactIncidents: boolean, past = false): string {
  const open = incidents && impactIncidents && !past ? `openIncidents { ${incidents.fields.join(" ")} }` : "";
  return `query ExplorerImpact($down: [ID!]!, $degraded: [ID!], $asOf: DateTime) {
  impact(down: $down, degraded: $degraded, asOf: $asOf) {
    summary { nodesDown nodesDegraded servicesDown servicesDegraded usersAffected }
    services {
      status distance path pathIds
      service { id name criticality users slaTarget owner }
      ${open}
    }
    nodes { status distance path pathIds node { id name labels criticality } }
  }
}`;
}

/** $asOf: on the graph of a past drawing (null: now). */
export const ROOT_CAUSE = `query ExplorerRootCause($impacted: [ID!]!, $observedDown: [ID!], $asOf: DateTime) {
  rootCauseCandidates(impacted: $impacted, observedDown: $observedDown, limit: 10, asOf: $asOf) {
    explains extraImpacted
    cis { id name labels }
    predicted { node { id } status }
  }
}`;

export const SPOF = `query ExplorerSpof($serviceId: ID!, $asOf: DateTime) {
  singlePointsOfFailure(serviceId: $serviceId, asOf: $asOf) {
    serviceCount
    ci { id name labels criticality }
    servicesTakenDown { id name }
  }
}`;
