/**
 * The explore page's editing controls, small and eager; what they open is loaded on first
 * use (relate-drag, bulk-form, incident-form: their own chunk), so a viewer's page does not
 * carry it. The explore page shows it to roles that may write (auth/credentials.ts's mayWrite:
 * with an API token the page does not know the role; the API decides and is shown).
 */
import type { GraphQL } from "../api/client";
import type { GraphEdge, ImpactReport } from "../api/types";
import { fill, h } from "../dom";
import { edgeDef } from "../explore/elements";
import type { GraphCanvas } from "../explore/graph-canvas";
import { statusColour } from "../explore/palette";
import type { SelectedNode } from "./bulk-model";

export interface EditHost {
  api: GraphQL;
  canvas: GraphCanvas;
  status(text: string): void;
  /** True while the drawing shows the past: writes act on the present, so none starts. */
  past?(): boolean;
}

export const PAST_REFUSAL = "The graph shows the past: go back to Now to edit (writes act on the present).";

/** Whether an edit may start now; says why not on the page's status line. */
export function mayEditNow(host: EditHost): boolean {
  if (!host.past?.()) return true;
  host.status(PAST_REFUSAL);
  return false;
}

interface Switch {
  start(): void;
  stop(): void;
}

/** The selected CIs and services (badges and other nodes cannot be bulk edited). */
export function selectedForEdit(canvas: GraphCanvas): SelectedNode[] {
  return canvas.cy
    .nodes(":selected")
    .filter((n) => Boolean(n.data("ci")) || ((n.data("labels") as string[] | undefined) ?? []).includes("Service"))
    .map((n) => ({ id: n.id(), name: String(n.data("label")), labels: (n.data("labels") as string[] | undefined) ?? [] }));
}

export class EditBar {
  readonly element: HTMLElement;
  private readonly linkToggle = h("button", { id: "edit-links", "aria-pressed": "false", title: "Drag from one node onto another to relate them" }, "Edit links");
  private readonly bulkButton = h("button", { id: "bulk-edit", disabled: true, title: "Select CIs (shift-click or shift-drag a box)" }, "Bulk edit (0)");
  private readonly formBox = h("div", { class: "edit-form-box", id: "edit-form-box" });
  private drag: Promise<Switch> | null = null;
  private linking = false;

  constructor(private readonly host: EditHost) {
    this.linkToggle.addEventListener("click", () => void this.toggleLinks());
    this.bulkButton.addEventListener("click", () => void this.openBulk());
    this.element = h(
      "section",
      { class: "panel edit-graph", id: "edit-graph" },
      h("h3", {}, "Edit"),
      h("div", { class: "buttons" }, this.linkToggle, this.bulkButton),
      this.formBox,
    );
    host.canvas.cy.on("select unselect", "node", () => this.countSelection());
  }

  private countSelection(): void {
    const n = selectedForEdit(this.host.canvas).length;
    this.bulkButton.textContent = `Bulk edit (${n})`;
    this.bulkButton.disabled = n === 0;
  }

  private async toggleLinks(): Promise<void> {
    this.drag ??= import("./editor").then((m) => {
      const draw = (edge: GraphEdge): void => void this.host.canvas.add([], [edgeDef(edge)]);
      return new m.RelateDrag(this.host, draw);
    });
    const drag = await this.drag;
    if (!this.linking && !mayEditNow(this.host)) return;
    this.linking = !this.linking;
    if (this.linking) drag.start();
    else drag.stop();
    this.linkToggle.setAttribute("aria-pressed", String(this.linking));
    this.linkToggle.classList.toggle("primary", this.linking);
    this.host.status(this.linking ? "Edit links: drag from one node onto another." : "");
  }

  private async openBulk(): Promise<void> {
    const selected = selectedForEdit(this.host.canvas);
    if (selected.length === 0 || !mayEditNow(this.host)) return;
    const { bulkForm } = await import("./editor");
    const paint = (id: string, status: string): void => {
      this.host.canvas.cy.getElementById(id).data({ status, colour: statusColour(status) });
    };
    fill(this.formBox, bulkForm(this.host, selected, () => fill(this.formBox), paint));
  }
}

/** "Open incident" under an impact result: a form drafted from it, loaded when clicked. */
export function incidentAction(host: EditHost, report: ImpactReport, down: readonly string[], degraded: readonly string[]): HTMLElement {
  const box = h("div", { class: "incident-form-box", id: "incident-form-box" });
  const named = (ids: readonly string[]): { id: string; name: string }[] => ids.map((id) => ({ id, name: host.canvas.nodeLabel(id) }));
  const open = async (): Promise<void> => {
    const { incidentForm, incidentDraft } = await import("./editor");
    const draft = incidentDraft(report, { down: named(down), degraded: named(degraded) });
    fill(box, incidentForm(host, draft, () => fill(box)));
  };
  return h("div", { class: "impact-actions" }, h("button", { id: "open-incident", onclick: () => void open() }, "Open incident"), box);
}
