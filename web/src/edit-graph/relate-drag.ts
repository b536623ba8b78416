/**
 * "Edit links" mode: press on a node, drag onto another, release; a dashed line follows
 * the pointer (an SVG over the canvas, not a graph element, so the drawing stays the API's)
 * and the relate popover opens on the target. Done with cytoscape's own tap events: while
 * the mode is on nodes cannot be moved (autoungrabify), and while a link is dragged the
 * viewport neither pans nor box-selects.
 */
import type { EventObject, NodeSingular } from "cytoscape";
import "./edit-graph.css";
import type { EditHost } from "./edit-bar";
import { type DrawEdge, RelatePopover } from "./relate-popover";

const SVG = "http://www.w3.org/2000/svg";

interface Point {
  x: number;
  y: number;
}

export class RelateDrag {
  private readonly overlay = document.createElementNS(SVG, "svg");
  private readonly line = document.createElementNS(SVG, "line");
  private source: NodeSingular | null = null;
  private popover: RelatePopover | null = null;
  private grabbable = true;

  constructor(
    private readonly host: EditHost,
    private readonly drawEdge: DrawEdge,
  ) {
    this.overlay.setAttribute("class", "relate-overlay");
    this.overlay.setAttribute("id", "relate-overlay");
    this.line.setAttribute("class", "relate-line");
    this.overlay.append(this.line);
  }

  private get cy(): EditHost["canvas"]["cy"] {
    return this.host.canvas.cy;
  }

  private readonly onStart = (e: EventObject): void => {
    const node = e.target as NodeSingular;
    if (node.data("aggregate") || this.popover) return;
    this.source = node;
    this.cy.userPanningEnabled(false);
    this.cy.boxSelectionEnabled(false);
    this.draw(node.renderedPosition(), e.renderedPosition);
  };

  private readonly onDrag = (e: EventObject): void => {
    if (this.source) this.draw(this.source.renderedPosition(), e.renderedPosition);
  };

  private readonly onEnd = (e: EventObject): void => {
    const source = this.source;
    if (!source) return;
    this.source = null;
    this.cy.userPanningEnabled(true);
    this.cy.boxSelectionEnabled(true);
    const target = e.target as NodeSingular | Core;
    if (target === this.cy || !("isNode" in target) || !target.isNode() || target.same(source) || target.data("aggregate")) {
      this.hide();
      return;
    }
    this.draw(source.renderedPosition(), target.renderedPosition());
    this.popover = new RelatePopover(this.host, source, target, () => {
      this.popover = null;
      this.hide();
    }, this.drawEdge);
    this.popover.show(this.host.canvas.cy.container());
  };

  start(): void {
    this.grabbable = !this.cy.autoungrabify();
    this.cy.autoungrabify(true);
    this.cy.container()?.append(this.overlay);
    this.cy.container()?.classList.add("linking");
    this.cy.on("tapstart", "node", this.onStart);
    this.cy.on("tapdrag", this.onDrag);
    this.cy.on("tapend", this.onEnd);
  }

  stop(): void {
    this.cy.off("tapstart", "node", this.onStart);
    this.cy.off("tapdrag", this.onDrag);
    this.cy.off("tapend", this.onEnd);
    this.popover?.close();
    this.source = null;
    this.cy.autoungrabify(!this.grabbable);
    this.cy.userPanningEnabled(true);
    this.cy.boxSelectionEnabled(true);
    this.cy.container()?.classList.remove("linking");
    this.overlay.remove();
  }

  private draw(from: Point, to: Point): void {
    this.line.setAttribute("x1", String(from.x));
    this.line.setAttribute("y1", String(from.y));
    this.line.setAttribute("x2", String(to.x));
    this.line.setAttribute("y2", String(to.y));
    this.overlay.classList.add("active");
  }

  private hide(): void {
    this.overlay.classList.remove("active");
  }
}

type Core = EditHost["canvas"]["cy"];
