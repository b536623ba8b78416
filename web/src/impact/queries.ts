/** Documents of impact analysis, root cause and single points of failure. */
import type { IncidentSelection } from "../api/capabilities";

export function impactQuery(incidents: IncidentSelection | null, impactIncidents: boolean): string {
  const open = incidents && impactIncidents ? `openIncidents { ${incidents.fields.join(" ")} }` : "";
  return `query ExplorerImpact($down: [ID!]!, $degraded: [ID!]) {
  impact(down: $down, degraded: $degraded) {
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

export const ROOT_CAUSE = `query ExplorerRootCause($impacted: [ID!]!, $observedDown: [ID!]) {
  rootCauseCandidates(impacted: $impacted, observedDown: $observedDown, limit: 10) {
    explains extraImpacted
    cis { id name labels }
    predicted { node { id } status }
  }
}`;

export const SPOF = `query ExplorerSpof($serviceId: ID!) {
  singlePointsOfFailure(serviceId: $serviceId) {
    serviceCount
    ci { id name labels criticality }
    servicesTakenDown { id name }
  }
}`;
