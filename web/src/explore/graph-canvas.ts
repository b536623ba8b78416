/**
 * The cytoscape instance and everything that changes what is drawn: batched adds,
 * one layout per draw (never per node), filters, and the switch to cheap edges when
 * the graph grows large.
 */
import cytoscape, { type Collection, type Core, type LayoutOptions } from "cytoscape";
import fcose from "cytoscape-fcose";
import type { GraphAggregate, GraphView } from "../api/types";
import { aggregateId, badgeDefs } from "./aggregates";
import { type Drawn, type EdgeDef, type NodeDef, graphDelta, nodeData } from "./elements";
import { type Filters, edgeVisible, nodeVisible } from "./filters";
import {
  type LayoutName,
  forceLayout,
  hierarchyLayout,
  incrementalLayout,
  REFINE_ALL_UP_TO,
  refineLayout,
  ringPositions,
} from "./layouts";
import type { Link } from "./path";
import { LARGE_GRAPH, stylesheet } from "./style";

cytoscape.use(fcose);

function bboxCentre(box: { x1: number; x2: number; y1: number; y2: number }): { x: number; y: number } {
  return { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 };
}

let dagreLoaded: Promise<void> | null = null;
function loadDagre(): Promise<void> {
  dagreLoaded ??= import("cytoscape-dagre").then((m) => {
    cytoscape.use(m.default);
  });
  return dagreLoaded;
}

export interface DrawTiming {
  nodes: number;
  edges: number;
  added: number;
  addMs: number;
  layoutMs: number;
}

export interface CanvasEvents {
  select(id: string | null, additive: boolean): void;
  expand(id: string): void;
  /** A count badge was clicked: draw what it counts. */
  aggregate(id: string): void;
}

export class GraphCanvas {
  readonly cy: Core;
  private large = false;
  private filters: Filters | null = null;
  /** Badges the user opened: their relationships are drawn, the count is not again. */
  private readonly opened = new Set<string>();

  constructor(container: HTMLElement, events: CanvasEvents) {
    this.cy = cytoscape({
      container,
      style: stylesheet(false),
      minZoom: 0.05,
      maxZoom: 4,
      textureOnViewport: true,
      hideEdgesOnViewport: true,
      motionBlur: false,
      pixelRatio: 1,
    });
    this.cy.on("tap", "node", (e) => {
      const id = e.target.id() as string;
      if (e.target.data("aggregate")) {
        events.aggregate(id);
        return;
      }
      const shift = (e.originalEvent as MouseEvent | undefined)?.shiftKey ?? false;
      events.select(id, shift);
    });
    this.cy.on("tap", (e) => {
      if (e.target === this.cy) events.select(null, false);
    });
    this.cy.on("dbltap", "node", (e) => {
      if (!e.target.data("aggregate")) events.expand(e.target.id() as string);
    });
    // level of detail: the hovered node shows its name and its edges stand out
    this.cy.on("mouseover", "node", (e) => {
      e.target.addClass("hover");
      e.target.connectedEdges().addClass("hover-near");
    });
    this.cy.on("mouseout", "node", (e) => {
      e.target.removeClass("hover");
      e.target.connectedEdges().removeClass("hover-near");
    });
  }

  /** The aggregate a badge stands for (null for any other node). */
  aggregateOf(id: string): GraphAggregate | null {
    const node = this.cy.getElementById(id);
    return node.nonempty() ? ((node.data("aggregate") as GraphAggregate | undefined) ?? null) : null;
  }

  /** The badge is replaced by what it counted: it is not drawn again. */
  removeBadge(id: string): void {
    this.opened.add(id);
    this.cy.getElementById(id).remove();
  }

  drawn(): Drawn {
    const cy = this.cy;
    return {
      hasNode: (id) => cy.getElementById(id).nonempty(),
      hasEdge: (id) => cy.getElementById(id).nonempty(),
      parentOf: (id) => {
        const parent = cy.getElementById(id).parent().first();
        return parent.nonempty() ? parent.id() : undefined;
      },
    };
  }

  clear(): void {
    this.cy.elements().remove();
    this.opened.clear();
    this.setLarge(false);
  }

  /** Draw a fresh neighbourhood, replacing what was there. */
  async show(view: GraphView, layout: LayoutName): Promise<DrawTiming> {
    this.clear();
    const started = performance.now();
    const added = this.addDelta(view);
    const addMs = performance.now() - started;
    const layoutMs = await this.layout(layout);
    return this.timing(added.length, addMs, layoutMs);
  }

  /**
   * Redraw as ``view`` without starting over (the time control): what it lacks goes, what
   * it brings starts on rings around the centre, the rest keeps its place and takes the
   * view's name and status. Laid out anew only when nothing was kept.
   */
  async sync(view: GraphView, layout: LayoutName): Promise<DrawTiming> {
    const started = performance.now();
    const wanted = new Set<string>([...view.nodes.map((n) => n.id), ...view.edges.map((e) => e.id)]);
    for (const a of view.aggregates ?? []) wanted.add(aggregateId(a)).add(`${aggregateId(a)}:link`);
    const memberships = new Set(view.edges.filter((e) => e.type === "MEMBER_OF").map((e) => `${e.source}>${e.target}`));
    this.opened.clear();
    this.cy.batch(() => {
      // a member leaves a cluster that goes, or that it no longer belongs to
      const leaving = this.cy.nodes().filter((n) => {
        const parent = n.parent().first();
        return wanted.has(n.id()) && parent.nonempty() && !memberships.has(`${n.id()}>${parent.id()}`);
      });
      leaving.move({ parent: null });
      this.cy.elements().filter((e) => !wanted.has(e.id())).remove();
      for (const n of view.nodes) {
        const node = this.cy.getElementById(n.id);
        if (node.empty()) continue;
        const { label, status, colour, labels, kind, shape, ci } = nodeData(n);
        node.data({ label, status, colour, labels, kind, shape, ci });
      }
    });
    const kept = this.cy.nodes();
    const centre = this.cy.getElementById(view.nodes[0]?.id ?? "");
    const around = centre.nonempty() ? centre.position() : kept.nonempty() ? bboxCentre(kept.boundingBox()) : undefined;
    const added = this.addDelta(view, around);
    const addMs = performance.now() - started;
    let layoutMs = 0;
    if (kept.empty()) layoutMs = await this.layout(layout);
    else if (added.nodes().nonempty() && this.cy.nodes().length <= REFINE_ALL_UP_TO) {
      const t = performance.now();
      await this.runLayout(this.cy.elements(), refineLayout());
      layoutMs = performance.now() - t;
    }
    return this.timing(added.length, addMs, layoutMs);
  }

  /**
   * Add an expansion around ``anchorId``: new nodes start on rings around it; a small
   * graph is then refined as a whole, a large one only where the new nodes are.
   */
  async expand(anchorId: string, view: GraphView): Promise<DrawTiming> {
    const started = performance.now();
    const anchor = this.cy.getElementById(anchorId);
    const added = this.addDelta(view, anchor.nonempty() ? anchor.position() : undefined);
    const addMs = performance.now() - started;
    const fresh = added.nodes().filter((n) => !n.isParent());
    let layoutMs = 0;
    if (fresh.nonempty() && anchor.nonempty()) {
      const t = performance.now();
      const small = this.cy.nodes().length <= REFINE_ALL_UP_TO;
      await (small
        ? this.runLayout(this.cy.elements(), refineLayout())
        : this.runLayout(fresh.union(anchor), incrementalLayout(anchorId, anchor.position())));
      layoutMs = performance.now() - t;
    }
    return this.timing(added.length, addMs, layoutMs);
  }

  /** Add element definitions in one batch (positions on rings around ``around``). */
  add(nodes: NodeDef[], edges: EdgeDef[], around?: { x: number; y: number }): Collection {
    const places = around ? ringPositions(around, nodes.length) : [];
    const defs = [
      ...nodes.map((n, i) => (places[i] ? { ...n, position: places[i] } : n)),
      ...edges,
    ];
    // restyle before adding: switching after would restyle every new element twice
    this.setLarge(this.cy.elements().length + defs.length > LARGE_GRAPH);
    let added = this.cy.collection();
    this.cy.batch(() => {
      added = this.cy.add(defs);
      if (this.filters) this.applyFiltersTo(added, this.filters);
    });
    return added;
  }

  private addDelta(view: GraphView, around?: { x: number; y: number }): Collection {
    const delta = graphDelta(view, this.drawn());
    const fresh = new Set(delta.nodes.map((n) => n.data.id));
    const drawn = this.drawn();
    const badges = badgeDefs(
      view.aggregates ?? [],
      (id) => fresh.has(id) || drawn.hasNode(id),
      (id) => drawn.hasNode(id),
      this.opened,
    );
    const added = this.add([...delta.nodes, ...badges.nodes], [...delta.edges, ...badges.edges], around);
    if (delta.moves.length > 0) {
      this.cy.batch(() => {
        for (const move of delta.moves) this.cy.getElementById(move.id).move({ parent: move.parent });
      });
    }
    return added;
  }

  async layout(name: LayoutName): Promise<number> {
    const started = performance.now();
    const nodes = this.cy.nodes().length;
    if (name === "hierarchy") await loadDagre();
    const options = name === "hierarchy" ? hierarchyLayout() : forceLayout(nodes);
    await this.runLayout(this.cy.elements(), options);
    return performance.now() - started;
  }

  private runLayout(eles: Collection, options: LayoutOptions): Promise<void> {
    const layout = eles.layout(options);
    const done = layout.promiseOn("layoutstop").then(() => undefined);
    layout.run();
    return done;
  }

  applyFilters(filters: Filters): void {
    this.filters = filters;
    this.cy.batch(() => this.applyFiltersTo(this.cy.elements(), filters));
  }

  private applyFiltersTo(eles: Collection, filters: Filters): void {
    eles.nodes().forEach((n) => {
      n.toggleClass("filtered", !nodeVisible({ kind: n.data("kind"), status: n.data("status") }, filters));
    });
    eles.edges().forEach((e) => {
      e.toggleClass("filtered", !edgeVisible({ type: e.data("type") }, filters));
    });
  }

  selectedNodeIds(): string[] {
    return this.cy.nodes(":selected").map((n) => n.id());
  }

  select(ids: string[]): void {
    this.cy.batch(() => {
      this.cy.elements().unselect();
      for (const id of ids) this.cy.getElementById(id).select();
    });
  }

  focus(id: string): void {
    const node = this.cy.getElementById(id);
    if (node.nonempty()) this.cy.animate({ center: { eles: node }, duration: 200 });
  }

  /** Visible edges as links for path finding (nested memberships included). */
  links(): Link[] {
    const links: Link[] = [];
    this.cy.edges().forEach((e) => {
      if (!e.hasClass("filtered")) links.push({ id: e.id(), source: e.source().id(), target: e.target().id() });
    });
    return links;
  }

  joined(a: string, b: string): boolean {
    const node = this.cy.getElementById(a);
    return node.nonempty() && node.edgesWith(this.cy.getElementById(b)).nonempty();
  }

  nodeLabel(id: string): string {
    const node = this.cy.getElementById(id);
    return node.nonempty() ? String(node.data("label")) : id;
  }

  private setLarge(large: boolean): void {
    if (large === this.large) return;
    this.large = large;
    this.cy.style(stylesheet(large));
  }

  private timing(added: number, addMs: number, layoutMs: number): DrawTiming {
    return {
      nodes: this.cy.nodes().length,
      edges: this.cy.edges().length,
      added,
      addMs: Math.round(addMs),
      layoutMs: Math.round(layoutMs),
    };
  }
}
