/**
 * Root cause (from selected symptoms back to the CIs that explain them) and single points
 * of failure of a selected service, both drawn on the graph.
 */
import type { GraphQL } from "../api/client";
import type { RootCauseCandidate, SinglePointOfFailure } from "../api/types";
import { fill, h } from "../dom";
import { type EdgeDef, type NodeDef, nodeData } from "../explore/elements";
import type { GraphCanvas } from "../explore/graph-canvas";
import { clearMarks, impactClass, markNodes } from "../explore/marks";
import { ROOT_CAUSE, SPOF } from "./queries";
import { type CandidateRow, candidateRows } from "./rows";

export class ResiliencePanel {
  readonly element: HTMLElement;
  private readonly results = h("div", { id: "resilience-results" });
  /** SPOF ids of the last query (read by the browser test). */
  lastSpofs: string[] = [];
  /** The moment the drawing shows (null: now): root cause and SPOFs on the graph of then. */
  asOf: () => Date | null = () => null;

  constructor(
    private readonly api: GraphQL,
    private readonly canvas: GraphCanvas,
  ) {
    this.element = h(
      "section",
      { class: "panel resilience", id: "resilience-panel" },
      h("h3", {}, "Root cause · single points of failure"),
      h(
        "div",
        { class: "buttons" },
        h("button", { id: "run-root-cause", onclick: () => void this.rootCause() }, "Root cause of selection"),
        h("button", { id: "run-spof", onclick: () => void this.spof() }, "SPOFs of selected service"),
      ),
      this.results,
    );
  }

  async rootCause(): Promise<void> {
    const symptoms = this.canvas.selectedNodeIds();
    if (symptoms.length === 0) return this.say("Select the nodes that show symptoms first.");
    const down = symptoms.filter((id) => this.canvas.cy.getElementById(id).data("status") === "DOWN");
    const { rootCauseCandidates } = await this.api.request<{ rootCauseCandidates: RootCauseCandidate[] }>(
      ROOT_CAUSE,
      { impacted: symptoms, observedDown: down, asOf: this.asOf()?.toISOString() ?? null },
    );
    const rows = candidateRows(rootCauseCandidates);
    if (rows.length === 0) return this.say("No CI set explains these symptoms.");
    fill(
      this.results,
      h("ol", { id: "root-cause-list" }, ...rows.map((r) => h("li", { onclick: () => this.showCandidate(r) }, `${r.names} — explains ${r.explains}, ${r.extra} extra`))),
    );
    this.showCandidate(rows[0] as CandidateRow);
  }

  private showCandidate(row: CandidateRow): void {
    this.ensureDrawn(row.cis);
    const cy = this.canvas.cy;
    clearMarks(cy);
    cy.batch(() => {
      for (const [id, status] of row.predicted) cy.getElementById(id).addClass(impactClass(status));
    });
    markNodes(cy, row.ids, "candidate");
  }

  async spof(): Promise<void> {
    const service = this.canvas.selectedNodeIds().find((id) => this.canvas.cy.getElementById(id).data("kind") === "Service");
    if (!service) return this.say("Select a business service first.");
    const { singlePointsOfFailure } = await this.api.request<{ singlePointsOfFailure: SinglePointOfFailure[] }>(
      SPOF,
      { serviceId: service, asOf: this.asOf()?.toISOString() ?? null },
    );
    this.lastSpofs = singlePointsOfFailure.map((s) => s.ci.id);
    this.ensureDrawn(singlePointsOfFailure.map((s) => s.ci));
    markNodes(this.canvas.cy, this.lastSpofs, "spof");
    this.element.dataset["spofs"] = String(this.lastSpofs.length);
    fill(
      this.results,
      singlePointsOfFailure.length === 0
        ? h("p", { class: "muted" }, "No single point of failure: every CI has redundancy.")
        : h(
            "ul",
            { id: "spof-list" },
            ...singlePointsOfFailure.map((s) =>
              h("li", { onclick: () => this.canvas.focus(s.ci.id) }, `${s.ci.name} — takes down ${s.serviceCount} service(s)`),
            ),
          ),
    );
  }

  /** Add the nodes a report names that are not drawn (without edges: they are marks). */
  private ensureDrawn(refs: { id: string; name: string; labels: string[] }[]): void {
    const drawn = this.canvas.drawn();
    const nodes: NodeDef[] = refs
      .filter((r) => !drawn.hasNode(r.id))
      .map((r) => ({ group: "nodes", data: nodeData({ ...r, status: null }) }));
    const none: EdgeDef[] = [];
    if (nodes.length > 0) this.canvas.add(nodes, none);
  }

  private say(text: string): void {
    fill(this.results, h("p", { class: "muted" }, text));
  }
}
