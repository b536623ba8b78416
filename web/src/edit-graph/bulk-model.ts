/**
 * Bulk edit of a selection, the pure part: what to send and how to read the answer.
 * CIs go in ONE `upsertCIs` call (one transaction, one audit entry): first as a preview
 * (dryRun), which must find exactly the selected CIs and change only the fields asked for,
 * then written with the preview's planToken, so the write is all or nothing. A service has
 * no status or environment but an owner: services get `updateService`, aliased in one
 * request, and only once the CIs' preview is clean (see the README's Decisions).
 */
import { CI_CLASSES, type CIClassLabel, isCI } from "../explore/node-kind";

export interface SelectedNode {
  id: string;
  name: string;
  labels: readonly string[];
}

/** The form's answer: null leaves a field as it is. */
export interface BulkChoice {
  status: string | null;
  environment: string | null;
  criticality: number | null;
  owner: string | null;
}

export type CIField = "status" | "environment" | "criticality";
export const CI_FIELDS: readonly CIField[] = ["status", "environment", "criticality"];

export interface CIRowInput {
  name: string;
  ciClass: string;
  status?: string;
  environment?: string;
  criticality?: number;
}

export interface BulkInput {
  /** Row i of `upsertCIs` is the CI cis[i]. */
  cis: SelectedNode[];
  rows: CIRowInput[];
  services: SelectedNode[];
  owner: string | null;
  /** Selected nodes the chosen fields do not apply to (an asset, a contract …). */
  untouched: SelectedNode[];
}

/** "VirtualMachine" → "VIRTUAL_MACHINE" (the CIClass enum). */
export function ciClassOf(labels: readonly string[]): string | null {
  const label = labels.find((l): l is CIClassLabel => (CI_CLASSES as readonly string[]).includes(l));
  return label ? label.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase() : null;
}

export function askedFields(choice: BulkChoice): CIField[] {
  return CI_FIELDS.filter((f) => choice[f] !== null);
}

export function bulkInput(selected: readonly SelectedNode[], choice: BulkChoice): BulkInput {
  const fields = askedFields(choice);
  const cis: SelectedNode[] = [];
  const rows: CIRowInput[] = [];
  const services: SelectedNode[] = [];
  const untouched: SelectedNode[] = [];
  for (const node of selected) {
    const ciClass = ciClassOf(node.labels);
    if (isCI(node.labels) && ciClass && fields.length > 0) {
      const row: CIRowInput = { name: node.name, ciClass };
      for (const f of fields) Object.assign(row, { [f]: choice[f] });
      cis.push(node);
      rows.push(row);
    } else if (node.labels.includes("Service") && choice.owner !== null) services.push(node);
    else untouched.push(node);
  }
  return { cis, rows, services, owner: choice.owner, untouched };
}

/** One selected item the API refused or would have changed otherwise than asked. */
export interface ItemProblem {
  id: string;
  name: string;
  message: string;
  /** The form field it is about, when the API named one. */
  field: string | null;
}

export interface PlanRowAnswer {
  index: number;
  action: string;
  ci: { id: string } | null;
  reason: string | null;
  changes: { field: string; after?: unknown }[];
}

/**
 * Why the preview may not be written: a row that found another CI (or none, or several),
 * or one that would change a field nobody asked for. Empty: write it.
 */
export function planProblems(rows: readonly PlanRowAnswer[], input: BulkInput, asked: readonly string[]): ItemProblem[] {
  const problems: ItemProblem[] = [];
  for (const row of rows) {
    const node = input.cis[row.index];
    if (!node) continue;
    const problem = (message: string): number => problems.push({ id: node.id, name: node.name, message, field: null });
    if (row.action !== "UPDATE" && row.action !== "UNCHANGED") problem(`${row.action}: ${row.reason ?? "not this CI"}`);
    else if (row.ci?.id !== node.id) problem("identification found another CI; nothing was written");
    else {
      const extra = row.changes.map((c) => c.field).filter((f) => !asked.includes(f));
      if (extra.length > 0) problem(`would also change ${extra.join(", ")}; nothing was written`);
    }
  }
  return problems;
}

export interface RowProblem {
  row: number;
  field: string;
  reason: string;
}

/** BULK_VALIDATION_FAILED's problems per selected CI ("criticality" from "criticality" or "input.0.criticality"). */
export function rowProblems(problems: readonly RowProblem[], input: BulkInput): ItemProblem[] {
  return problems.flatMap((p) => {
    const node = input.cis[p.row];
    const field = p.field.split(".").pop() ?? p.field;
    return node ? [{ id: node.id, name: node.name, message: p.reason, field }] : [];
  });
}

/** One request updating every service's owner, each an alias (s0, s1 …; ≤ 30 per request). */
export function ownerMutation(count: number): string {
  const vars = Array.from({ length: count }, (_, i) => `$id${i}: ID!`).join(", ");
  const fields = Array.from({ length: count }, (_, i) => `s${i}: updateService(id: $id${i}, input: $input) { id owner }`);
  return `mutation ExplorerBulkOwner(${vars}, $input: UpdateServiceInput!) {\n  ${fields.join("\n  ")}\n}`;
}

export function ownerVariables(services: readonly SelectedNode[], owner: string): Record<string, unknown> {
  const vars: Record<string, unknown> = { input: { owner } };
  services.forEach((s, i) => (vars[`id${i}`] = s.id));
  return vars;
}

/** Aliases answer in order; the API's errors carry the alias first in their path. */
export function aliasIndex(path: readonly (string | number)[] | undefined): number | null {
  const head = path?.[0];
  return typeof head === "string" && /^s\d+$/.test(head) ? Number(head.slice(1)) : null;
}
