/**
 * Bulk edit of the selected CIs (status, environment, criticality) and services (owner):
 * previewed, then written all at once (bulk-model.ts); per-item problems and the API's
 * message beside its field, nothing written; the drawn nodes take the written status.
 */
import type { CIStatus } from "../api/types";
import { expose } from "../app/test-hook";
import { fill, h } from "../dom";
import { formField, refusal, refusals } from "./api-error";
import {
  type BulkChoice,
  type BulkInput,
  type ItemProblem,
  type PlanRowAnswer,
  type SelectedNode,
  aliasIndex,
  askedFields,
  bulkInput,
  ownerMutation,
  ownerVariables,
  planProblems,
  rowProblems,
} from "./bulk-model";
import "./edit-graph.css";
import type { EditHost } from "./edit-bar";
import { type Field, choiceSelect, field, showBeside } from "./form-fields";
import { UPSERT_CIS } from "./queries";

const STATUSES: readonly CIStatus[] = ["OPERATIONAL", "DEGRADED", "DOWN", "MAINTENANCE", "UNKNOWN"];
const ENVIRONMENTS = ["PRODUCTION", "STAGING", "TEST", "DEVELOPMENT", "DR"] as const;
/** The API allows 30 aliases per request. */
const ALIASES = 25;

interface UpsertAnswer {
  upsertCIs: { updated: number; unchanged: number; plan: { applied: boolean; token: string; rows: PlanRowAnswer[] } | null };
}

class Refused extends Error {
  constructor(readonly problems: ItemProblem[], readonly field: string | null, message: string) {
    super(message);
  }
}

/** ``paint``: a drawn node takes a status (edit-bar's, which keeps the palette out of this chunk). */
export type Paint = (id: string, status: string) => void;

export function bulkForm(host: EditHost, selected: readonly SelectedNode[], close: () => void, paint: Paint): HTMLElement {
  const hasServices = selected.some((n) => n.labels.includes("Service"));
  const controls = {
    status: choiceSelect("bulk-status", STATUSES, "— unchanged —"),
    environment: choiceSelect("bulk-environment", ENVIRONMENTS, "— unchanged —"),
    criticality: h("input", { id: "bulk-criticality", type: "number", placeholder: "unchanged (1–5)" }),
    owner: h("input", { id: "bulk-owner", placeholder: hasServices ? "unchanged" : "services only", disabled: !hasServices }),
  };
  const fields: Record<string, Field> = {
    status: field("bulk-status", "Status", controls.status),
    environment: field("bulk-environment", "Environment", controls.environment),
    criticality: field("bulk-criticality", "Criticality", controls.criticality),
    owner: field("bulk-owner", "Owner (services)", controls.owner),
  };
  const outcome = h("div", { id: "bulk-outcome", role: "status" });
  const choice = (): BulkChoice => ({
    status: controls.status.value || null,
    environment: controls.environment.value || null,
    criticality: controls.criticality.value.trim() === "" ? null : Number(controls.criticality.value),
    owner: controls.owner.disabled || controls.owner.value.trim() === "" ? null : controls.owner.value,
  });
  const apply = async (): Promise<void> => {
    fill(outcome, h("p", { class: "muted" }, "Checking…"));
    showBeside(fields, null, "");
    const input = bulkInput(selected, choice());
    if (input.rows.length + input.services.length === 0) {
      fill(outcome, h("p", { class: "error" }, "Choose at least one value to change."));
      return;
    }
    try {
      const summary = await write(host, input, askedFields(choice()), paint);
      fill(outcome, h("p", { id: "bulk-done" }, summary));
      expose({ lastBulk: { ids: [...input.cis, ...input.services].map((n) => n.id), summary } });
    } catch (e) {
      const refused = e instanceof Refused ? e : new Refused([], formField(refusal(e).field), refusal(e).message);
      const beside = showBeside(fields, refused.field, refused.message);
      fill(
        outcome,
        h("p", { class: "error", id: "bulk-error" }, beside ? "Refused; nothing was written." : `${refused.message}`),
        refused.problems.length === 0
          ? null
          : h("ul", { class: "item-problems", id: "bulk-problems" }, ...refused.problems.map((p) => h("li", { "data-id": p.id }, `${p.name}: ${p.message}`))),
      );
    }
  };
  return h(
    "form",
    { class: "edit-form bulk-form", id: "bulk-form", onsubmit: (e: Event) => (e.preventDefault(), void apply()) },
    h("strong", {}, `Bulk edit (${selected.length})`),
    h("p", { class: "names" }, selected.map((n) => n.name).join(", ")),
    ...Object.values(fields).map((f) => f.element),
    h(
      "div",
      { class: "buttons" },
      h("button", { type: "submit", class: "primary", id: "bulk-apply" }, "Apply"),
      h("button", { type: "button", id: "bulk-cancel", onclick: close }, "Close"),
    ),
    outcome,
  );
}

/** Preview the CIs, then the services' owner, then write the CIs' plan; a summary line. */
async function write(host: EditHost, input: BulkInput, asked: readonly string[], paint: Paint): Promise<string> {
  const token = input.rows.length > 0 ? await preview(host, input, asked) : null;
  for (let at = 0; at < input.services.length; at += ALIASES) await owners(host, input, at);
  let line = "";
  if (token !== null) {
    const { upsertCIs } = await upsert(host, input, false, token);
    refreshDrawn(host, input, upsertCIs.plan?.rows ?? [], paint);
    line = `${upsertCIs.updated} CI(s) updated, ${upsertCIs.unchanged} unchanged`;
  }
  const services = input.services.length > 0 ? `${input.services.length} service owner(s) set` : "";
  const skipped = input.untouched.length > 0 ? `${input.untouched.length} not editable here` : "";
  return [line, services, skipped].filter(Boolean).join("; ") + ".";
}

async function upsert(host: EditHost, input: BulkInput, dryRun: boolean, planToken: string | null): Promise<UpsertAnswer> {
  try {
    return await host.api.request<UpsertAnswer>(UPSERT_CIS, { rows: input.rows, dryRun, planToken });
  } catch (e) {
    const r = refusal(e);
    const problems = rowProblems(r.problems, input);
    throw new Refused(problems, problems[0]?.field ?? formField(r.field), r.message);
  }
}

async function preview(host: EditHost, input: BulkInput, asked: readonly string[]): Promise<string> {
  const { upsertCIs } = await upsert(host, input, true, null);
  const plan = upsertCIs.plan;
  if (!plan) throw new Refused([], null, "The API returned no plan to check; nothing was written.");
  const problems = planProblems(plan.rows, input, asked);
  if (problems.length > 0) throw new Refused(problems, null, `${problems.length} of the selection cannot be written as asked; nothing was written.`);
  return plan.token;
}

async function owners(host: EditHost, input: BulkInput, at: number): Promise<void> {
  const chunk = input.services.slice(at, at + ALIASES);
  try {
    await host.api.request(ownerMutation(chunk.length), ownerVariables(chunk, input.owner ?? ""));
  } catch (e) {
    const all = refusals(e);
    const problems = all.flatMap((r) => {
      const node = chunk[aliasIndex(r.path) ?? -1];
      return node ? [{ id: node.id, name: node.name, message: r.message, field: formField(r.field) }] : [];
    });
    const first = all[0];
    throw new Refused(problems, formField(first?.field ?? null) ?? (problems.length ? "owner" : null), first?.message ?? String(e));
  }
}

/** The drawn CIs take the status the API wrote (the plan's own record of it). */
function refreshDrawn(host: EditHost, input: BulkInput, rows: readonly PlanRowAnswer[], paint: Paint): void {
  host.canvas.cy.batch(() => {
    for (const row of rows) {
      const node = input.cis[row.index];
      const status = row.changes.find((c) => c.field === "status")?.after;
      if (node && typeof status === "string") paint(node.id, status);
    }
  });
}
