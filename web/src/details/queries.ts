/** Documents of the details panel; incidents are asked for only when the schema has them. */
import type { IncidentSelection } from "../api/capabilities";

const ASSET_FACTS = `fragment AssetFacts on Asset {
  id assetTag name lifecycleState category costCenter serialNumber manufacturer model
  purchaseDate purchaseCost currency inServiceDate warrantyEnd depreciationMethod usefulLifeMonths
  bookValue { amount currency }
  allowedTransitions
  history { seq from to at actor note }
  contracts { id number kind endDate noticeDate autoRenew annualCostMoney { amount currency } vendor { name } }
  licensesConsumed { product { name } version metric covered licenses { name } }
  assignedTo { name }
  location { name }
}`;

const EDGE = "type kind node { id name labels }";

export function incidentsSelection(sel: IncidentSelection | null): string {
  if (!sel) return "";
  const fields = sel.fields.join(" ");
  return sel.connection
    ? `incidents: ${sel.field} { edges { node { ${fields} } } }`
    : `incidents: ${sel.field} { ${fields} }`;
}

export function ciDetailsQuery(incidents: IncidentSelection | null): string {
  return `query ExplorerCIDetails($id: ID!) {
  ci(id: $id) {
    id name labels ciClass status environment criticality hostname fqdn ipAddresses os
    manufacturer model serialNumber cores minAvailable sources firstSeen lastSeen
    dependsOn { ${EDGE} }
    dependents { ${EDGE} }
    services { id name criticality users slaTarget }
    installedSoftware { version installedAt product { name publisher version } }
    asset { ...AssetFacts }
    ${incidentsSelection(incidents)}
  }
}
${ASSET_FACTS}`;
}

export const SERVICE_DETAILS = `query ExplorerServiceDetails($id: ID!) {
  service(id: $id) {
    id name labels criticality users slaTarget owner description
    dependsOn { ${EDGE} }
    dependents { ${EDGE} }
  }
}`;

export const ASSET_DETAILS = `query ExplorerAssetDetails($id: ID!) {
  asset(id: $id) { ...AssetFacts ci { id name status ciClass } }
}
${ASSET_FACTS}`;

export const NODE_DETAILS = `query ExplorerNodeDetails($id: ID!) {
  node(id: $id) { id name labels }
}`;
