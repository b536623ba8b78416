/**
 * Keyboard navigation on the canvas (the key list is keys.ts's KEY_LIST): a focused node
 * drawn with an orange ring and its name, arrows and Tab between neighbours, Enter for
 * details, Esc to close them and then to leave. The position is announced in a live
 * region for screen readers.
 */
import type { Core, NodeSingular } from "cytoscape";
import { h } from "../dom";
import { type KeyAction, clockwise, cycle, keyAction, towards } from "./keys";

export interface KeyTargets {
  /** Show the node's details (or, for a count badge, draw what it counts). */
  open(id: string): void;
  /** Close the details panel; false when there was none open. */
  close(): boolean;
  expand(id: string): void;
}

export class KeyboardNav {
  /** "Focused: web1 (Server, OPERATIONAL) · 3 neighbours", read by screen readers. */
  readonly status = h("p", { class: "kbd-status", id: "kbd-status", "aria-live": "polite" });
  private focused: string | null = null;
  /** The node whose neighbours Tab walks round. */
  private anchor: string | null = null;

  constructor(
    private readonly cy: Core,
    private readonly container: HTMLElement,
    private readonly targets: KeyTargets,
  ) {
    container.tabIndex = 0;
    container.setAttribute("role", "application");
    container.setAttribute("aria-label", "Graph. Arrow keys and Tab move between neighbours; Enter opens details.");
    container.addEventListener("keydown", (e) => this.onKey(e));
    container.addEventListener("focus", () => {
      if (!this.node(this.focused)) this.focusStart();
    });
    cy.on("tap", "node", (e) => this.focus(e.target.id() as string, true));
    cy.on("remove", "node", (e) => {
      if (e.target.id() !== this.focused) return;
      this.focused = null;
      this.status.textContent = "";
      container.dataset["focused"] = "";
    });
  }

  focusedId(): string | null {
    return this.node(this.focused) ? this.focused : null;
  }

  private node(id: string | null): NodeSingular | null {
    if (!id) return null;
    const n = this.cy.getElementById(id);
    return n.nonempty() && n.isNode() && n.visible() ? n : null;
  }

  private onKey(e: KeyboardEvent): void {
    const action = keyAction(e);
    if (!action) return;
    if (this.apply(action)) e.preventDefault();
  }

  /** Whether the key was used (a Tab past the last neighbour is the browser's). */
  private apply(action: KeyAction): boolean {
    const current = this.node(this.focused);
    switch (action.do) {
      case "zoom":
        this.cy.zoom({ level: this.cy.zoom() * action.factor, renderedPosition: this.middle() });
        return true;
      case "fit":
        this.cy.fit(undefined, 30);
        return true;
      case "close":
        if (this.targets.close()) return true;
        this.focus(null, true);
        this.container.blur();
        return true;
      default:
        break;
    }
    if (!current) {
      if (action.do === "cycle") return false;
      this.focusStart();
      return true;
    }
    switch (action.do) {
      case "open":
        this.targets.open(current.id());
        return true;
      case "expand":
        this.targets.expand(current.id());
        return true;
      case "move": {
        const next = towards(current.position(), this.around(current), action.dx, action.dy);
        if (next) this.focus(next, true);
        return true;
      }
      case "cycle": {
        const anchor = this.node(this.anchor) ?? current;
        const next = cycle(clockwise(anchor.position(), this.around(anchor)), current.id(), action.step);
        if (!next) return false;
        this.anchor = anchor.id();
        this.focus(next, false);
        return true;
      }
    }
  }

  private around(node: NodeSingular): { id: string; at: { x: number; y: number } }[] {
    return node
      .neighborhood()
      .nodes()
      .filter((n) => n.visible() && !n.isParent())
      .map((n) => ({ id: n.id(), at: (n as NodeSingular).position() }));
  }

  private middle(): { x: number; y: number } {
    return { x: this.cy.width() / 2, y: this.cy.height() / 2 };
  }

  /** The selected node, else the one nearest the middle of the view. */
  private focusStart(): void {
    const selected = this.cy.nodes(":selected").filter((n) => n.visible()).first();
    if (selected.nonempty()) {
      this.focus(selected.id(), true);
      return;
    }
    const mid = this.middle();
    let best: string | null = null;
    let bestDist = Infinity;
    this.cy.nodes().forEach((n) => {
      if (!n.visible() || n.isParent()) return;
      const p = n.renderedPosition();
      const d = Math.hypot(p.x - mid.x, p.y - mid.y);
      if (d < bestDist) {
        best = n.id();
        bestDist = d;
      }
    });
    this.focus(best, true);
  }

  /** Move the ring; ``reanchor``: Tab now walks round this node's neighbours. */
  focus(id: string | null, reanchor: boolean): void {
    this.cy.batch(() => {
      const old = this.node(this.focused);
      if (old) {
        old.removeClass("kbd-focus");
        old.connectedEdges().removeClass("near");
      }
      this.focused = id;
      if (reanchor) this.anchor = id;
      const now = this.node(id);
      if (now) {
        now.addClass("kbd-focus");
        now.connectedEdges().addClass("near");
      }
    });
    const now = this.node(id);
    this.container.dataset["focused"] = now ? now.id() : "";
    if (!now) {
      this.status.textContent = "";
      return;
    }
    this.keepInView(now);
    const status = String(now.data("status") || "");
    const what = [String(now.data("kind")), status].filter(Boolean).join(", ");
    const count = this.around(now).length;
    this.status.textContent = `Focused: ${String(now.data("label"))} (${what}) · ${count} neighbour${count === 1 ? "" : "s"}`;
  }

  private keepInView(node: NodeSingular): void {
    const p = node.renderedPosition();
    const margin = 40;
    if (p.x < margin || p.y < margin || p.x > this.cy.width() - margin || p.y > this.cy.height() - margin) {
      this.cy.center(node);
    }
  }
}
