/**
 * The dry run's answer laid over the file's rows: per row what the import would do
 * (the identity engine's action for CI rows, with the CI and the rule that matched),
 * and its problems, by the lines of the content sent (``mapping.rewrite``).
 */
import type { Outgoing } from "./mapping";
import type { ImportProblem, ImportReport, PlanCI, PlanRow } from "./queries";

export type RowAction = "create" | "update" | "unchanged" | "ambiguous" | "refused" | "invalid" | "ok" | "skipped" | "empty";

export const ACTION_LABELS: Record<RowAction, string> = {
  create: "create",
  update: "update",
  unchanged: "match (unchanged)",
  ambiguous: "ambiguous",
  refused: "refused",
  invalid: "invalid",
  ok: "valid",
  skipped: "skipped",
  empty: "empty (ignored)",
};

export interface PreviewRow {
  /** Index in ``SourceFile.rows``. */
  row: number;
  /** The line of the content sent (null: not sent). */
  line: number | null;
  action: RowAction;
  ci: PlanCI | null;
  rule: string | null;
  candidates: PlanCI[];
  changes: PlanRow["changes"];
  problems: ImportProblem[];
  reason: string | null;
}

const PLAN_ACTIONS: Record<PlanRow["action"], RowAction> = {
  CREATE: "create",
  UPDATE: "update",
  UNCHANGED: "unchanged",
  AMBIGUOUS: "ambiguous",
  REFUSED: "refused",
};

function blank(row: number, action: RowAction): PreviewRow {
  return { row, line: null, action, ci: null, rule: null, candidates: [], changes: [], problems: [], reason: null };
}

/** One row per file row, in file order. ``rows``: how many the file has. */
export function previewRows(rows: number, sent: Outgoing, report: ImportReport, skipped: ReadonlySet<number>): PreviewRow[] {
  const lineOf = new Map<number, number>();
  for (const [line, row] of sent.rowByLine) lineOf.set(row, line);
  const planByLine = new Map<number, PlanRow>();
  for (const p of report.plan?.rows ?? []) if (p.line !== null) planByLine.set(p.line, p);
  const problemsByLine = new Map<number, ImportProblem[]>();
  for (const p of report.problems) problemsByLine.set(p.line, [...(problemsByLine.get(p.line) ?? []), p]);
  const shown: PreviewRow[] = Array.from({ length: rows }, (_, row) => {
    if (skipped.has(row)) return blank(row, "skipped");
    const line = lineOf.get(row);
    if (line === undefined) return blank(row, "empty");
    const plan = planByLine.get(line);
    const problems = problemsByLine.get(line) ?? [];
    const action: RowAction = plan ? PLAN_ACTIONS[plan.action] : problems.length > 0 ? "invalid" : "ok";
    return {
      row,
      line,
      action,
      ci: plan?.ci ?? null,
      rule: plan?.rule ?? null,
      candidates: plan?.candidates ?? [],
      changes: plan?.changes ?? [],
      problems,
      reason: plan?.reason ?? null,
    };
  });
  return countedUnchanged(shown, report);
}

/**
 * A kind without a per-row plan (all but CIs) is answered in counts only; when the
 * counts say every valid row is unchanged, each of them is (a re-imported export).
 */
function countedUnchanged(rows: PreviewRow[], report: ImportReport): PreviewRow[] {
  const valid = rows.filter((r) => r.action === "ok");
  const allUnchanged = report.plan === null && report.created === 0 && report.updated === 0 && valid.length > 0;
  if (!allUnchanged || report.unchanged !== valid.length) return rows;
  return rows.map((r) => (r.action === "ok" ? { ...r, action: "unchanged" } : r));
}

/** Every row sent matches the graph as it is: applying would write nothing. */
export function nothingToChange(rows: PreviewRow[]): boolean {
  const sent = rows.filter((r) => r.line !== null);
  return sent.length > 0 && sent.every((r) => r.action === "unchanged");
}

/** Rows that stop an apply: nothing is written while one of them is sent. */
export function blocking(rows: PreviewRow[]): PreviewRow[] {
  return rows.filter((r) => r.action === "invalid" || r.action === "ambiguous" || r.action === "refused");
}

/** How many rows of each action, for the summary line. */
export function tally(rows: PreviewRow[]): Partial<Record<RowAction, number>> {
  const counts: Partial<Record<RowAction, number>> = {};
  for (const r of rows) counts[r.action] = (counts[r.action] ?? 0) + 1;
  return counts;
}
