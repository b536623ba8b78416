/**
 * Compare mode's side panel: how many nodes and relationships were added, removed or
 * changed (with their colours: the legend of the drawing), and each changed node's
 * properties before and after. A node's name focuses it on the graph.
 */
import { fill, h } from "../dom";
import { type ChangeRow, type DiffDrawing, type DiffState, DIFF_STATES, shownValue } from "./diff-model";
import { DIFF_ADDED, DIFF_CHANGED, DIFF_REMOVED } from "./palette";

export const DIFF_COLOURS: Record<Exclude<DiffState, "same">, string> = {
  added: DIFF_ADDED,
  removed: DIFF_REMOVED,
  changed: DIFF_CHANGED,
};

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export class DiffPanel {
  readonly element: HTMLElement;
  private readonly body = h("div", { id: "diff-body" });

  constructor(private readonly focus: (id: string) => void) {
    this.element = h(
      "section",
      { class: "panel diff", id: "diff-panel", hidden: true, "aria-live": "polite" },
      h("h3", {}, "Changes"),
      this.body,
    );
  }

  hide(): void {
    this.element.hidden = true;
    delete this.element.dataset["ready"];
    fill(this.body);
  }

  loading(text: string): void {
    this.element.hidden = false;
    delete this.element.dataset["ready"];
    fill(this.body, h("p", { class: "muted" }, text));
  }

  show(drawing: DiffDrawing, span: string): void {
    this.element.hidden = false;
    const counts = DIFF_STATES.map((state) => {
      const c = drawing.counts[state];
      return h(
        "li",
        { "data-state": state, "data-nodes": c.nodes, "data-edges": c.edges },
        h("span", { class: "swatch", style: `background:${DIFF_COLOURS[state]}` }),
        h("span", {}, `${state}: ${plural(c.nodes, "node", "nodes")}, ${plural(c.edges, "relationship", "relationships")}`),
      );
    });
    const none = DIFF_STATES.every((s) => drawing.counts[s].nodes + drawing.counts[s].edges === 0);
    fill(
      this.body,
      h("p", { class: "muted", id: "diff-span" }, span),
      h("ul", { class: "diff-counts", id: "diff-counts" }, ...counts),
      h("p", { class: "muted" }, "Unchanged nodes and relationships are drawn faintly; removed ones dashed."),
      none ? h("p", { id: "diff-none" }, "Nothing changed in this neighbourhood.") : null,
      drawing.undrawn > 0
        ? h("p", { class: "muted" }, `${drawing.undrawn} change(s) lie outside the drawn neighbourhood (truncated).`)
        : null,
      drawing.changes.length > 0 ? h("h4", {}, "Changed nodes") : null,
      ...drawing.changes.map((row) => this.nodeRow(row)),
      drawing.edgeChanges.length > 0 ? h("h4", {}, "Changed relationships") : null,
      ...drawing.edgeChanges.map((row) =>
        h(
          "section",
          { class: "diff-edge", "data-edge-id": row.id },
          h("span", {}, row.label),
          h(
            "table",
            { class: "diff-changes" },
            h(
              "tbody",
              {},
              h("tr", {}, h("th", { scope: "row" }, "before"), h("td", { class: "before" }, shownValue(row.before))),
              h("tr", {}, h("th", { scope: "row" }, "after"), h("td", { class: "after" }, shownValue(row.after))),
            ),
          ),
        ),
      ),
    );
    this.element.dataset["ready"] = "true";
  }

  private nodeRow(row: ChangeRow): HTMLElement {
    const focus = h(
      "button",
      { class: "link", type: "button", disabled: !row.drawn, onclick: () => this.focus(row.id), title: "Show it on the graph" },
      row.label,
    );
    const head = h("tr", {}, h("th", { scope: "col" }, "property"), h("th", { scope: "col" }, "before"), h("th", { scope: "col" }, "after"));
    const rows = row.changes.map((c) =>
      h(
        "tr",
        { "data-property": c.name },
        h("th", { scope: "row" }, c.name),
        h("td", { class: "before" }, shownValue(c.before)),
        h("td", { class: "after" }, shownValue(c.after)),
      ),
    );
    return h(
      "section",
      { class: "diff-node", "data-node-id": row.id },
      focus,
      h("table", { class: "diff-changes" }, h("thead", {}, head), h("tbody", {}, ...rows)),
    );
  }
}
