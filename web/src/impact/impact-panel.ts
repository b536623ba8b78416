/**
 * Impact mode: CIs picked on the graph are assumed DOWN or DEGRADED, the `impact` query
 * runs, every impacted node is coloured (missing ones are added), and the services hit
 * are listed with users, SLA and their witness path.
 */
import { capabilities } from "../api/capabilities";
import type { GraphQL } from "../api/client";
import type { ImpactReport, ImpactStatus } from "../api/types";
import { fill, h } from "../dom";
import type { GraphCanvas } from "../explore/graph-canvas";
import { clearMarks, markImpact, markPath, pathFromIds } from "../explore/marks";
import { impactMarks, missingImpactElements } from "./colouring";
import { impactQuery } from "./queries";
import { type ServiceRow, serviceRows, summaryLine } from "./rows";

export class ImpactPanel {
  readonly element: HTMLElement;
  private readonly down = new Set<string>();
  private readonly degraded = new Set<string>();
  private readonly inputs = h("div", { class: "impact-inputs", id: "impact-inputs" });
  private readonly results = h("div", { class: "impact-results", id: "impact-results" });
  /** The last report (the browser test compares it with the API's own answer). */
  last: ImpactReport | null = null;
  /** Shown under a result (edit-graph: "Open incident"); null for a viewer. */
  reportActions: ((report: ImpactReport, down: string[], degraded: string[]) => HTMLElement) | null = null;
  /** The moment the drawing shows (null: now): impact is run on the graph of then. */
  asOf: () => Date | null = () => null;

  constructor(
    private readonly api: GraphQL,
    private readonly canvas: GraphCanvas,
  ) {
    this.element = h(
      "section",
      { class: "panel impact", id: "impact-panel" },
      h("h3", {}, "Impact"),
      h("p", { class: "muted" }, "Select CIs on the graph (shift-click for several), then:"),
      h(
        "div",
        { class: "buttons" },
        h("button", { id: "mark-down", onclick: () => this.mark("DOWN") }, "Mark DOWN"),
        h("button", { id: "mark-degraded", onclick: () => this.mark("DEGRADED") }, "Mark DEGRADED"),
        h("button", { id: "run-impact", class: "primary", onclick: () => void this.run() }, "Run impact"),
        h("button", { id: "clear-impact", onclick: () => this.clear() }, "Clear"),
      ),
      this.inputs,
      this.results,
    );
    this.renderInputs();
  }

  mark(status: ImpactStatus): void {
    const ids = this.canvas.selectedNodeIds().filter((id) => this.canvas.cy.getElementById(id).data("ci"));
    for (const id of ids) {
      this.down.delete(id);
      this.degraded.delete(id);
      (status === "DOWN" ? this.down : this.degraded).add(id);
    }
    this.renderInputs();
  }

  clear(): void {
    this.down.clear();
    this.degraded.clear();
    this.last = null;
    clearMarks(this.canvas.cy);
    this.renderInputs();
    fill(this.results);
  }

  /** Assume exactly ``down`` DOWN and run (the first screen's one-click impact). */
  async runFor(down: readonly string[]): Promise<void> {
    this.clear();
    for (const id of down) this.down.add(id);
    this.renderInputs();
    await this.run();
  }

  async run(): Promise<void> {
    if (this.down.size + this.degraded.size === 0) {
      fill(this.results, h("p", { class: "error" }, "Mark at least one CI DOWN or DEGRADED."));
      return;
    }
    fill(this.results, h("p", { class: "muted" }, "Running…"));
    try {
      const caps = await capabilities(this.api);
      const at = this.asOf();
      const { impact } = await this.api.request<{ impact: ImpactReport }>(
        impactQuery(caps.incidents, caps.impactIncidents, at !== null),
        { down: [...this.down], degraded: [...this.degraded], asOf: at?.toISOString() ?? null },
      );
      this.show(impact);
    } catch (e) {
      fill(this.results, h("p", { class: "error" }, String(e)));
    }
  }

  private show(report: ImpactReport): void {
    this.last = report;
    const missing = missingImpactElements(report, this.canvas.drawn(), (a, b) => this.canvas.joined(a, b));
    if (missing.nodes.length + missing.edges.length > 0) {
      const anchor = this.canvas.cy.getElementById([...this.down, ...this.degraded][0] ?? "");
      this.canvas.add(missing.nodes, missing.edges, anchor.nonempty() ? anchor.position() : undefined);
    }
    markImpact(this.canvas.cy, impactMarks(report, [...this.down, ...this.degraded]));
    this.element.dataset["ready"] = "true";
    fill(
      this.results,
      h("p", { class: "summary", id: "impact-summary" }, summaryLine(report)),
      this.servicesTable(serviceRows(report)),
      this.asOf() ? null : this.reportActions?.(report, [...this.down], [...this.degraded]), // no incident from the past
    );
  }

  private servicesTable(rows: ServiceRow[]): HTMLElement {
    if (rows.length === 0) return h("p", { class: "muted" }, "No business service is hit.");
    const showIncidents = rows.some((r) => r.openIncidents !== null);
    const head = ["service", "status", "users", "SLA", "crit.", ...(showIncidents ? ["open inc."] : [])];
    return h(
      "table",
      { class: "impact-services", id: "impact-services" },
      h("thead", {}, h("tr", {}, ...head.map((c) => h("th", {}, c)))),
      h("tbody", {}, ...rows.flatMap((r) => this.serviceRow(r, showIncidents))),
    );
  }

  private serviceRow(r: ServiceRow, showIncidents: boolean): HTMLElement[] {
    const highlight = (): void => markPath(this.canvas.cy, pathFromIds(this.canvas.cy, r.pathIds));
    return [
      h(
        "tr",
        { class: `status-${r.status}`, "data-service": r.name, onclick: highlight },
        h("td", {}, r.name),
        h("td", {}, r.status),
        h("td", {}, r.users),
        h("td", {}, r.sla),
        h("td", {}, r.criticality),
        showIncidents ? h("td", {}, r.openIncidents ?? 0) : null,
      ),
      h("tr", { class: "witness" }, h("td", { colspan: 6, class: "witness-path" }, `why: ${r.path}`)),
    ];
  }

  private renderInputs(): void {
    const chips = (ids: Set<string>, status: ImpactStatus): HTMLElement[] =>
      [...ids].map((id) =>
        h(
          "span",
          { class: `chip status-${status}`, "data-id": id },
          this.canvas.nodeLabel(id),
          h("button", { class: "chip-x", title: "remove", onclick: () => (ids.delete(id), this.renderInputs()) }, "×"),
        ),
      );
    fill(
      this.inputs,
      h("div", {}, h("strong", {}, "DOWN: "), ...chips(this.down, "DOWN")),
      h("div", {}, h("strong", {}, "DEGRADED: "), ...chips(this.degraded, "DEGRADED")),
    );
  }
}
