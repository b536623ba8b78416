/** The import page's GraphQL documents and the shapes of their answers. */

/** ImportKind's values (a unit test keeps them the schema's). */
export const KINDS = [
  "CIS",
  "ASSETS",
  "CONTRACTS",
  "LICENSES",
  "INSTALLATIONS",
  "SERVICES",
  "RELATIONSHIPS",
  "INCIDENTS",
  "CHANGES",
] as const;
export type ImportKind = (typeof KINDS)[number];

export const COLUMNS = `query ImportColumns($kind: ImportKind!) { importColumns(kind: $kind) }`;

export const IMPORT = `mutation ImportFile($kind: ImportKind!, $format: ImportFormat!, $content: String!,
  $dryRun: Boolean!, $skipInvalid: Boolean!, $planToken: String, $fileName: String) {
  importData(kind: $kind, format: $format, content: $content, dryRun: $dryRun,
             skipInvalid: $skipInvalid, planToken: $planToken, fileName: $fileName) {
    rows created updated unchanged skipped dryRun
    problems { line column reason }
    plan {
      applied token
      totals { create update unchanged ambiguous refused }
      rows {
        index line action rule reason notes
        ci { id name ciClass }
        candidates { id name ciClass }
        changes { field before after }
      }
    }
  }
}`;

/** A kind's file in the importer's columns (admin: it holds the kind's cost figures). */
export const EXPORT = `query ExportFile($kind: ImportKind!, $format: ImportFormat!) { exportData(kind: $kind, format: $format) }`;

export const RUNS = `query ImportRuns($first: Int!) {
  importRuns(first: $first) {
    run at actor operation kind fileName format rows refused created updated unchanged batches
  }
}`;

export interface ImportProblem {
  line: number;
  column: string;
  reason: string;
}

export interface PlanCI {
  id: string;
  name: string | null;
  ciClass: string;
}

export type PlanAction = "CREATE" | "UPDATE" | "UNCHANGED" | "AMBIGUOUS" | "REFUSED";

export interface PlanRow {
  index: number;
  line: number | null;
  action: PlanAction;
  rule: string | null;
  reason: string | null;
  notes: string[];
  ci: PlanCI | null;
  candidates: PlanCI[];
  changes: { field: string; before: unknown; after: unknown }[];
}

export interface ImportReport {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  dryRun: boolean;
  problems: ImportProblem[];
  plan: {
    applied: boolean;
    token: string;
    totals: { create: number; update: number; unchanged: number; ambiguous: number; refused: number };
    rows: PlanRow[];
  } | null;
}

export interface ImportRun {
  run: string;
  at: string;
  actor: string;
  operation: string;
  kind: string;
  fileName: string | null;
  format: string | null;
  rows: number;
  refused: number;
  created: number;
  updated: number;
  unchanged: number;
  batches: number;
}
