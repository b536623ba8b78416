/** GraphQL documents of graph editing (relate, bulk edit, incident from impact). */

export const RELATE = `mutation ExplorerRelate($input: RelateInput!) {
  relate(input: $input) { id type kind node { id } }
}`;

/** Preview (dryRun) or write (planToken) the CIs of a bulk edit. */
export const UPSERT_CIS = `mutation ExplorerBulkCIs($rows: [CreateCIInput!]!, $dryRun: Boolean!, $planToken: String) {
  upsertCIs(input: $rows, dryRun: $dryRun, planToken: $planToken) {
    updated unchanged
    plan { applied token rows { index action reason ci { id } changes { field after } } }
  }
}`;

export const OPEN_INCIDENT = `mutation ExplorerOpenIncident($input: OpenIncidentInput!) {
  openIncident(input: $input) { id number title priority affects { id name } }
}`;
