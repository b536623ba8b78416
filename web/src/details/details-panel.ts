/** The details panel: CMDB, ITAM and incident facts of one node on one screen. */
import { h } from "../dom";
import type { Column, DetailsView, Row, Section } from "./model";

export interface DetailsActions {
  focus(id: string): void;
  expand(id: string): void;
}

/** ``tools``: what a writer may do to the node (forms/entry.ts), placed in the header. */
export function renderDetails(
  view: DetailsView | null,
  nodeId: string,
  actions: DetailsActions,
  tools: HTMLElement | null = null,
): HTMLElement {
  if (!view) return h("div", { class: "details-empty" }, "This node no longer exists.");
  return h(
    "article",
    { class: "details", id: "details", "data-node-id": nodeId },
    h(
      "header",
      {},
      h("h2", {}, view.title),
      view.status ? h("span", { class: `badge status-${view.status}` }, view.status) : null,
      h("small", {}, view.subtitle),
      h("button", { class: "small", id: "details-expand", onclick: () => actions.expand(nodeId) }, "Expand"),
      tools,
    ),
    h("div", { class: "details-columns" }, ...view.columns.map((c) => column(c, actions))),
  );
}

function column(col: Column, actions: DetailsActions): HTMLElement {
  return h(
    "section",
    { class: `details-column col-${col.id}`, id: `details-${col.id}` },
    h("h3", {}, col.heading),
    ...col.sections.map((s) => sectionView(s, actions)),
  );
}

function sectionView(s: Section, actions: DetailsActions): HTMLElement {
  const body =
    s.rows.length === 0
      ? h("p", { class: "muted" }, s.empty)
      : h("dl", {}, ...s.rows.flatMap((r) => rowView(r, actions)));
  return h("div", { class: "details-section", "data-section": s.id }, h("h4", {}, s.title), body);
}

function rowView(r: Row, actions: DetailsActions): HTMLElement[] {
  const value = r.nodeId
    ? h("a", { href: "#", onclick: (e: Event) => (e.preventDefault(), actions.focus(r.nodeId ?? "")) }, r.value)
    : r.value;
  return [h("dt", {}, r.label), h("dd", { class: r.tone ? `tone-${r.tone}` : "" }, value)];
}
