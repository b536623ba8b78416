/** Documents of the details panel; incidents are asked for only when the schema has them. */
import type { IncidentSelection } from "../api/capabilities";

/**
 * The asset's facts; of a past moment (``past``) only what history keeps — its lifecycle
 * events and license consumption are read of today only, so they are left out — and its
 * book value on that day.
 */
function assetFacts(past: boolean): string {
  return `fragment AssetFacts on Asset {
  id assetTag name lifecycleState category costCenter serialNumber manufacturer model
  purchaseDate purchaseCost currency inServiceDate warrantyEnd depreciationMethod usefulLifeMonths
  bookValue${past ? "(asOf: $day)" : ""} { amount currency }
  allowedTransitions
  ${past ? "" : "history { seq from to at actor note }"}
  contracts { id number kind endDate noticeDate autoRenew annualCostMoney { amount currency } vendor { name } }
  ${past ? "" : "licensesConsumed { product { name } version metric covered licenses { name } }"}
  assignedTo { name }
  location { name }
}`;
}

/** Variables and arguments of a read as of a moment (none for the present); ``day``: the
 * asset facts' book value takes the moment's date too. */
function moment(past: boolean, day = true): { vars: string; arg: string } {
  if (!past) return { vars: "", arg: "" };
  return { vars: `, $asOf: DateTime${day ? ", $day: Date" : ""}`, arg: ", asOf: $asOf" };
}

const EDGE = "type kind node { id name labels }";

export function incidentsSelection(sel: IncidentSelection | null): string {
  if (!sel) return "";
  const fields = sel.fields.join(" ");
  return sel.connection
    ? `incidents: ${sel.field} { edges { node { ${fields} } } }`
    : `incidents: ${sel.field} { ${fields} }`;
}

export function ciDetailsQuery(incidents: IncidentSelection | null, past = false): string {
  const m = moment(past);
  return `query ExplorerCIDetails($id: ID!${m.vars}) {
  ci(id: $id${m.arg}) {
    id name labels ciClass status environment criticality hostname fqdn ipAddresses os
    manufacturer model serialNumber cores minAvailable sources firstSeen lastSeen
    dependsOn { ${EDGE} }
    dependents { ${EDGE} }
    services { id name criticality users slaTarget }
    installedSoftware { version installedAt product { name publisher version } }
    asset { ...AssetFacts }
    ${past ? "" : incidentsSelection(incidents)}
  }
}
${assetFacts(past)}`;
}

export function serviceDetailsQuery(past = false): string {
  const m = moment(past, false);
  return `query ExplorerServiceDetails($id: ID!${m.vars}) {
  service(id: $id${m.arg}) {
    id name labels criticality users slaTarget owner description
    dependsOn { ${EDGE} }
    dependents { ${EDGE} }
  }
}`;
}

export function assetDetailsQuery(past = false): string {
  const m = moment(past);
  return `query ExplorerAssetDetails($id: ID!${m.vars}) {
  asset(id: $id${m.arg}) { ...AssetFacts ci { id name status ciClass } }
}
${assetFacts(past)}`;
}

export function nodeDetailsQuery(past = false): string {
  const m = moment(past, false);
  return `query ExplorerNodeDetails($id: ID!${m.vars}) {
  node(id: $id${m.arg}) { id name labels }
}`;
}
