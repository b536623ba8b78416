/**
 * What the health page reads: the `dataQuality` figures (as the dashboard's panel reads
 * them) and the items behind them: duplicate groups, stale CIs and orphans. The merge
 * preview is `mergeCIs(dryRun: true)`: nothing is written (editor role).
 */
import { DATA_QUALITY, type DataQualityAnswer } from "../dashboard/quality";

export const HEALTH_ITEMS = `query HealthItems($limit: Int!) {
  duplicateCIs(limit: $limit, minConfidence: MEDIUM) {
    key kind value confidence score summary cis { id name ciClass }
  }
  staleCIs(limit: $limit) { ci { id name ciClass } confirmedAt staleAfterDays }
  orphanCIs(limit: $limit) { id name ciClass }
}`;

export { DATA_QUALITY };
export type { DataQualityAnswer };

export interface CIRef {
  id: string;
  name: string;
  ciClass: string;
}

export interface DuplicateGroup {
  key: string;
  kind: string;
  value: string;
  confidence: string;
  score: number;
  summary: string;
  cis: CIRef[];
}

export interface HealthItems {
  duplicateCIs: DuplicateGroup[];
  staleCIs: { ci: CIRef; confirmedAt: string; staleAfterDays: number }[];
  orphanCIs: CIRef[];
}

export const MERGE_PREVIEW = `mutation MergePreview($keep: ID!, $merge: [ID!]!) {
  mergeCIs(input: {keepId: $keep, mergeIds: $merge, dryRun: true}) {
    dryRun movedRelationships droppedRelationships
    plan { token fields { field value winner reason changed } }
  }
}`;

export interface MergePreview {
  mergeCIs: {
    dryRun: boolean;
    movedRelationships: number;
    droppedRelationships: number;
    plan: {
      token: string;
      fields: { field: string; value: unknown; winner: string; reason: string; changed: boolean }[];
    };
  };
}
