/**
 * The CMDB health route (#/health): the data-quality figures (completeness per class,
 * duplicate suspects, stale CIs, orphans), each with the items behind it and a way to
 * fix them: a CI links to its panel in the explorer, a duplicate group to its merge
 * preview (what `mergeCIs` would keep, move and drop; nothing written).
 */
import type { GraphQL } from "../api/client";
import { className, shapeQuality } from "../dashboard/quality";
import { fill, h } from "../dom";
import { ciHref } from "./links";
import {
  type CIRef,
  DATA_QUALITY,
  type DataQualityAnswer,
  type DuplicateGroup,
  HEALTH_ITEMS,
  type HealthItems,
  MERGE_PREVIEW,
  type MergePreview,
} from "./queries";

const LIMIT = 50;

function ciLink(ci: CIRef): HTMLElement {
  return h("a", { href: ciHref(ci.id, ci.name), class: "ci-link", "data-ci": ci.id }, `${ci.name} (${className(ci.ciClass)})`);
}

function card(id: string, label: string, value: number | string, hint: string, bad: boolean): HTMLElement {
  return h(
    "div",
    { class: `kpi tone-${bad ? "bad" : "good"}`, id: `health-${id}` },
    h("span", { class: "kpi-label" }, label),
    h("strong", { class: "kpi-value" }, String(value)),
    h("small", {}, hint),
  );
}

function section(id: string, title: string, rows: HTMLElement[], empty: string): HTMLElement {
  const body = rows.length ? h("ul", { class: "health-list" }, ...rows) : h("p", { class: "muted" }, empty);
  return h("section", { class: "table-card", id }, h("h3", {}, title), body);
}

function previewBody(answer: MergePreview): HTMLElement {
  const m = answer.mergeCIs;
  const changed = m.plan.fields.filter((f) => f.changed);
  return h(
    "div",
    { class: "merge-plan" },
    h("p", {}, `${m.movedRelationships} relationships move, ${m.droppedRelationships} are dropped; nothing written yet.`),
    h(
      "table",
      {},
      h("thead", {}, h("tr", {}, h("th", {}, "Field"), h("th", {}, "Value after"), h("th", {}, "Why"))),
      h(
        "tbody",
        {},
        ...changed.map((f) => h("tr", {}, h("td", {}, f.field), h("td", {}, JSON.stringify(f.value)), h("td", {}, f.reason))),
      ),
    ),
    h("small", { class: "muted" }, `Apply with: graphcmdb merge … --apply --token ${m.plan.token}`),
  );
}

function duplicateRow(api: GraphQL, g: DuplicateGroup, index: number): HTMLElement {
  const out = h("div", { class: "merge-preview", id: `merge-preview-${index}` });
  const [keep, ...rest] = g.cis;
  const button = h("button", { class: "merge-button", id: `merge-${index}` }, "Merge preview");
  button.addEventListener("click", () => {
    if (!keep) return;
    fill(out, h("span", { class: "muted" }, "Previewing…"));
    api
      .request<MergePreview>(MERGE_PREVIEW, { keep: keep.id, merge: rest.map((c) => c.id) })
      .then((answer) => fill(out, previewBody(answer)))
      .catch((e: unknown) => fill(out, h("p", { class: "error" }, `Merge preview refused: ${String(e)}`)));
  });
  return h(
    "li",
    { class: "duplicate", "data-key": g.key },
    h("strong", {}, `${g.confidence} `),
    `${g.kind} ${g.value}: `,
    ...g.cis.flatMap((c, i) => [i ? ", " : "", ciLink(c)]),
    " ",
    button,
    h("div", { class: "muted" }, g.summary),
    out,
  );
}

function completeness(q: DataQualityAnswer): HTMLElement {
  const part = shapeQuality(q);
  const [tableSpec] = part.tables;
  if (!tableSpec) return h("p", {}, "");
  return h(
    "section",
    { class: "table-card", id: "health-classes" },
    h("h3", {}, "Completeness per CI class"),
    h(
      "table",
      {},
      h("thead", {}, h("tr", {}, ...tableSpec.head.map((c) => h("th", {}, c)))),
      h("tbody", {}, ...tableSpec.rows.map((r) => h("tr", {}, ...r.map((c) => h("td", {}, c))))),
    ),
  );
}

function render(api: GraphQL, q: DataQualityAnswer, items: HealthItems): HTMLElement[] {
  const d = q.dataQuality;
  const pct = d.completeness == null ? "—" : `${(d.completeness * 100).toFixed(1)} %`;
  return [
    h(
      "div",
      { class: "kpis" },
      card("completeness", "Completeness", pct, `${d.completeCIs} of ${d.totalCIs} CIs complete`, (d.completeness ?? 1) < 0.999),
      card("duplicates", "Duplicates suspected", d.duplicateSuspects, "CIs in the groups listed below", d.duplicateSuspects > 0),
      card("stale", "Stale CIs", d.staleCIs, "not confirmed in time", d.staleCIs > 0),
      card("orphans", "Orphans", items.orphanCIs.length, "CIs no relationship touches", items.orphanCIs.length > 0),
    ),
    completeness(q),
    section(
      "health-duplicate-list",
      "Duplicate suspects (HIGH and MEDIUM)",
      items.duplicateCIs.map((g, i) => duplicateRow(api, g, i)),
      "No duplicate suspects.",
    ),
    section(
      "health-stale-list",
      "Stale CIs (longest unconfirmed first)",
      items.staleCIs.map((s) => h("li", {}, ciLink(s.ci), ` confirmed ${s.confirmedAt.slice(0, 10)} (after ${s.staleAfterDays} d)`)),
      "No stale CIs.",
    ),
    section("health-orphan-list", "Orphans (oldest first)", items.orphanCIs.map((c) => h("li", {}, ciLink(c))), "No orphans."),
  ];
}

export function healthPage(api: GraphQL): HTMLElement {
  const content = h("div", { id: "health-content" }, h("p", { class: "muted" }, "Loading…"));
  void Promise.all([api.request<DataQualityAnswer>(DATA_QUALITY), api.request<HealthItems>(HEALTH_ITEMS, { limit: LIMIT })])
    .then(([q, items]) => {
      fill(content, ...render(api, q, items));
      content.dataset["ready"] = "true";
    })
    .catch((e: unknown) => fill(content, h("p", { class: "error" }, `Could not load the health figures: ${String(e)}`)));
  return h("section", { class: "health", id: "health" }, h("h2", {}, "CMDB health"), content);
}
