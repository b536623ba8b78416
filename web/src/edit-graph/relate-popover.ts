/**
 * The small form a drag opens: the relationship type (the legal ones for the two ends
 * first), DEPENDS_ON's kind, Relate. The edge is drawn as `relate` returns it; a refusal
 * (ILLEGAL_RELATIONSHIP …) is shown here as the API words it, and nothing is drawn.
 */
import type { NodeSingular } from "cytoscape";
import type { GraphEdge, RelationshipType } from "../api/types";
import { expose } from "../app/test-hook";
import { fill, h } from "../dom";
import { refusal } from "./api-error";
import { type EditHost, PAST_REFUSAL } from "./edit-bar";
import { RELATE } from "./queries";
import { type DrawableType, hasKind, typeChoices } from "./relation-types";

/** Draws one edge as the explore page draws the API's (edit-bar's, keeping elements.ts out of this chunk). */
export type DrawEdge = (edge: GraphEdge) => void;

interface RelatedEdge {
  id: string | null;
  type: RelationshipType;
  kind: "HARD" | "SOFT" | null;
  node: { id: string };
}

const labelsOf = (node: NodeSingular): string[] => (node.data("labels") as string[] | undefined) ?? [];

export class RelatePopover {
  private readonly element: HTMLElement;
  private readonly type: HTMLSelectElement;
  private readonly kind = h("select", { id: "relate-kind", title: "Kind" }, h("option", { value: "HARD" }, "hard"), h("option", { value: "SOFT" }, "soft"));
  private readonly error = h("p", { class: "error", id: "relate-error", role: "alert" });
  private readonly onKey = (e: KeyboardEvent): void => {
    if (e.key === "Escape") this.close();
  };

  constructor(
    private readonly host: EditHost,
    private readonly source: NodeSingular,
    private readonly target: NodeSingular,
    private readonly closed: () => void,
    private readonly drawEdge: DrawEdge,
  ) {
    const choices = typeChoices({ labels: labelsOf(source) }, { labels: labelsOf(target) });
    this.type = h(
      "select",
      { id: "relate-type", title: "Relationship type" },
      ...choices.map((c, i) =>
        h("option", { value: c.type, selected: i === 0, "data-legal": String(c.legal) }, c.legal ? c.type : `${c.type} (not for these two)`),
      ),
    );
    this.type.addEventListener("change", () => this.showKind());
    this.element = h(
      "form",
      { class: "relate-popover", id: "relate-popover", onsubmit: (e: Event) => (e.preventDefault(), void this.relate()) },
      h("p", { class: "relate-ends" }, h("strong", {}, String(source.data("label"))), " → ", h("strong", {}, String(target.data("label")))),
      h("div", { class: "row" }, this.type, this.kind),
      this.error,
      h(
        "div",
        { class: "buttons" },
        h("button", { type: "submit", class: "primary", id: "relate-confirm" }, "Relate"),
        h("button", { type: "button", id: "relate-cancel", onclick: () => this.close() }, "Cancel"),
      ),
    );
    this.showKind();
  }

  /** Beside the target, in the page (not inside the canvas, whose handlers would take its clicks). */
  show(container: HTMLElement | null): void {
    if (!container) return;
    const box = container.getBoundingClientRect();
    const at = this.target.renderedPosition();
    this.element.style.left = `${Math.round(box.left + Math.min(at.x + 16, box.width - 260))}px`;
    this.element.style.top = `${Math.round(box.top + Math.min(at.y + 16, box.height - 160))}px`;
    document.body.append(this.element);
    document.addEventListener("keydown", this.onKey);
    this.type.focus();
  }

  close(): void {
    document.removeEventListener("keydown", this.onKey);
    this.element.remove();
    this.closed();
  }

  private showKind(): void {
    this.kind.hidden = !hasKind(this.type.value as DrawableType);
  }

  private async relate(): Promise<void> {
    const type = this.type.value as DrawableType;
    const input = { fromId: this.source.id(), type, toId: this.target.id(), ...(hasKind(type) ? { kind: this.kind.value } : {}) };
    fill(this.error);
    if (this.host.past?.()) {
      fill(this.error, PAST_REFUSAL);
      return;
    }
    try {
      const { relate } = await this.host.api.request<{ relate: RelatedEdge }>(RELATE, { input });
      this.draw(relate);
      this.host.status(`Related ${this.source.data("label")} ${relate.type} ${this.target.data("label")}.`);
      expose({ lastRelate: { ...input, id: relate.id } });
      this.close();
    } catch (e) {
      const refused = refusal(e);
      fill(this.error, refused.code ? `${refused.code}: ` : "", refused.message);
      this.element.dataset["refused"] = refused.code;
    }
  }

  /** The edge as the API returned it (relate is idempotent: a drawn one takes the new kind). */
  private draw(edge: RelatedEdge): void {
    const id = edge.id ?? `${this.source.id()}-${edge.type}-${edge.node.id}`;
    const cy = this.host.canvas.cy;
    const drawn = cy.getElementById(id);
    if (drawn.nonempty()) {
      drawn.data("kind", edge.kind ?? "");
      drawn.toggleClass("soft", edge.kind === "SOFT");
      return;
    }
    this.drawEdge({ id, source: this.source.id(), target: edge.node.id, type: edge.type, kind: edge.kind });
  }
}
