/**
 * The explore route: search a node, draw its neighbourhood, expand by double-click,
 * filter, find paths; see it as it was or what changed (time control); impact and
 * resilience panels beside it, details below.
 */
import type { GraphQL } from "../api/client";
import type { GraphView, RelationshipType } from "../api/types";
import { expose } from "../app/test-hook";
import { mayWrite } from "../auth/credentials";
import { loadDetails } from "../details/loader";
import { renderDetails } from "../details/details-panel";
import { fill, h } from "../dom";
import { EditBar, incidentAction } from "../edit-graph/edit-bar";
import { redrawNode, removeDrawnNode } from "../forms/drawn";
import { EditEntry } from "../forms/entry";
import { ImpactPanel } from "../impact/impact-panel";
import { ResiliencePanel } from "../impact/resilience-panel";
import { filterPanel } from "./filter-panel";
import { type DrawTiming, GraphCanvas } from "./graph-canvas";
import { KeyboardNav } from "./keyboard-nav";
import { legend } from "./legend";
import { drawnImpact, markPath } from "./marks";
import { type PathResult, pathFromView, shortestPath } from "./path";
import { GRAPH, GRAPH_AT, SHORTEST_PATH } from "./queries";
import { searchBox } from "./search-box";
import type { Suggestion } from "./search-results";
import { startLive } from "../live/live-graph";
import { keyedView } from "./diff-model";
import { type Centre, TimeTravel } from "./time-travel";
import { toolbar } from "./toolbar";

/** The longest path the Path button asks for (the server allows up to 12). */
const PATH_MAX_HOPS = 8;

export interface DrawReport extends DrawTiming {
  fetchMs: number;
  totalMs: number;
  truncated: boolean;
}

export class ExplorePage {
  readonly element: HTMLElement;
  private readonly canvasBox = h("div", { class: "canvas", id: "cy" });
  private readonly details = h("section", { class: "details-drawer", id: "details-drawer" });
  private readonly tools = toolbar({
    relayout: (name) => void this.canvas?.layout(name),
    path: () => void this.path(),
    fit: () => this.canvas?.cy.fit(undefined, 30),
  });
  private readonly filters = filterPanel((f) => this.canvas?.applyFilters(f));
  /** Forms: create from the "New…" menu, edit, delete and move from the details header. */
  private readonly editing: EditEntry;
  private canvas: GraphCanvas | null = null;
  private impact: ImpactPanel | null = null;
  private detailsFor = "";
  private draws = 0;
  private centre: Centre | null = null;
  private readonly time: TimeTravel<DrawReport>;

  constructor(private readonly api: GraphQL) {
    this.editing = new EditEntry(this.api, {
      created: (node) => void this.open({ id: node.id, label: node.name, detail: "", kind: "Other" }),
      changed: (node) => {
        if (this.canvas) redrawNode(this.canvas.cy, node);
        void this.showDetails(node.id);
      },
      moved: (id) => void this.showDetails(id),
      deleted: (id) => {
        if (this.canvas) removeDrawnNode(this.canvas.cy, id);
        void this.showDetails(null);
      },
      status: (text) => this.tools.status(text),
    });
    this.time = new TimeTravel<DrawReport>({
      api: this.api,
      canvas: () => this.canvas,
      centre: () => this.centre,
      depth: () => this.tools.depth(),
      layout: () => this.tools.layout(),
      status: (text) => this.tools.status(text),
      report: (timing, ms, started, truncated) => this.report(timing, ms, started, truncated),
      present: () => this.redrawPresent(),
    });
    this.element = h(
      "section",
      { class: "explore", id: "explore" },
      h(
        "aside",
        { class: "sidebar" },
        searchBox(api, (s) => void this.open(s)),
        this.tools.element,
        this.editing.newMenu(),
        this.time.control.element,
        this.filters.element,
        legend(),
      ),
      this.canvasBox,
      h("aside", { class: "side-panels", id: "side-panels" }, this.time.panel.element),
      this.details,
    );
  }

  /** Called once the element is in the document (cytoscape needs its size). */
  mounted(): void {
    if (this.canvas) {
      this.canvas.cy.resize();
      return;
    }
    const canvas = new GraphCanvas(this.canvasBox, {
      select: (id) => void this.showDetails(id),
      expand: (id) => void this.expand(id),
      aggregate: (id) => void this.openAggregate(id),
    });
    this.canvas = canvas;
    const keys = new KeyboardNav(canvas.cy, this.canvasBox, {
      open: (id) => {
        if (canvas.aggregateOf(id)) {
          void this.openAggregate(id);
          return;
        }
        canvas.select([id]);
        void this.showDetails(id);
      },
      close: () => this.closeDetails(),
      expand: (id) => void this.expand(id),
    });
    this.element.querySelector("#side-panels")?.prepend(keys.status);
    const impact = new ImpactPanel(this.api, canvas);
    this.impact = impact;
    impact.asOf = () => this.time.asOf(); // a past drawing's impact, root cause and SPOFs are of then
    const resilience = new ResiliencePanel(this.api, canvas);
    resilience.asOf = impact.asOf;
    this.element.querySelector("#side-panels")?.append(impact.element, resilience.element);
    if (mayWrite()) {
      const host = { api: this.api, canvas, status: (text: string) => this.tools.status(text), past: () => this.time.past() };
      this.tools.element.after(new EditBar(host).element);
      impact.reportActions = (report, down, degraded) => incidentAction(host, report, down, degraded);
    }
    expose({ cy: canvas.cy, impact, resilience, drawnImpact: () => drawnImpact(canvas.cy), page: this });
    const indicator = h("span", { class: "live-indicator", id: "live-indicator" });
    this.element.querySelector("#side-panels")?.prepend(indicator);
    // statuses pushed as monitoring moves them; not painted on a drawing of the past
    startLive(canvas.cy, indicator, () => this.time.past());
  }

  /**
   * A neighbourhood, collapsed (lifecycle events and software as counts) unless ``types``;
   * as of the time control's moment when it shows the past (uncollapsed: counts have no history).
   */
  private async fetchGraph(
    id: string,
    depth: number,
    types: RelationshipType[] | null = null,
  ): Promise<{ view: GraphView; ms: number }> {
    const started = performance.now();
    const asOf = this.time.asOf();
    if (asOf) {
      const { graph } = await this.api.request<{ graph: GraphView }>(GRAPH_AT, { id, depth, asOf: asOf.toISOString() });
      return { view: keyedView(graph), ms: performance.now() - started };
    }
    const { graph } = await this.api.request<{ graph: GraphView }>(GRAPH, {
      id,
      depth,
      types,
      collapse: types === null,
    });
    return { view: graph, ms: performance.now() - started };
  }

  /** Replace a count badge by what it counts (one hop of its relationship type). */
  async openAggregate(badgeId: string): Promise<DrawReport | null> {
    const canvas = this.canvas;
    const aggregate = canvas?.aggregateOf(badgeId);
    if (!canvas || !aggregate) return null;
    const started = performance.now();
    try {
      const { view, ms } = await this.fetchGraph(aggregate.nodeId, 1, [aggregate.type]);
      canvas.removeBadge(badgeId);
      const timing = await canvas.expand(aggregate.nodeId, view);
      return this.report(timing, ms, started, view.truncated);
    } catch (e) {
      this.tools.status(`Could not expand: ${String(e)}`);
      return null;
    }
  }

  /** Esc: close the details panel (false when none was open). */
  private closeDetails(): boolean {
    if (!this.detailsFor) return false;
    this.canvas?.select([]);
    void this.showDetails(null);
    return true;
  }

  /** Draw the neighbourhood of a search pick (replacing the graph). */
  async open(pick: Suggestion): Promise<DrawReport | null> {
    const canvas = this.canvas;
    if (!canvas) return null;
    this.centre = { id: pick.id, label: pick.label };
    if (this.time.past()) {
      canvas.clear(); // a new centre: laid out afresh, then kept in place while the time moves
      const report = await this.time.draw();
      canvas.select([pick.id]);
      void this.showDetails(pick.id);
      return report;
    }
    this.tools.status(`Loading ${pick.label}…`);
    const started = performance.now();
    try {
      const { view, ms } = await this.fetchGraph(pick.id, this.tools.depth());
      const timing = await canvas.show(view, this.tools.layout());
      const report = this.report(timing, ms, started, view.truncated);
      canvas.select([pick.id]);
      void this.showDetails(pick.id);
      return report;
    } catch (e) {
      this.tools.status(`Could not load: ${String(e)}`);
      return null;
    }
  }

  /** Draw the first CI's neighbourhood and run impact with all of ``down`` DOWN. */
  async impactOf(focus: { id: string; label: string }, down: readonly string[]): Promise<void> {
    await this.open({ ...focus, detail: "", kind: "Other" });
    await this.impact?.runFor(down);
  }

  /** The present neighbourhood again, redrawn in place (back from the past). */
  private async redrawPresent(): Promise<DrawReport | null> {
    const canvas = this.canvas;
    const centre = this.centre;
    if (!canvas || !centre) return null;
    const started = performance.now();
    try {
      const { view, ms } = await this.fetchGraph(centre.id, this.tools.depth());
      return this.report(await canvas.sync(view, this.tools.layout()), ms, started, view.truncated);
    } catch (e) {
      this.tools.status(`Could not load: ${String(e)}`);
      return null;
    }
  }

  async expand(id: string): Promise<DrawReport | null> {
    const canvas = this.canvas;
    if (!canvas) return null;
    if (this.time.comparing()) {
      this.tools.status("Expanding is off while comparing: widen the depth, or pick Now or As of.");
      return null;
    }
    const started = performance.now();
    const { view, ms } = await this.fetchGraph(id, 1);
    const timing = await canvas.expand(id, view);
    return this.report(timing, ms, started, view.truncated);
  }

  private report(timing: DrawTiming, fetchMs: number, started: number, truncated: boolean): DrawReport {
    const report: DrawReport = {
      ...timing,
      fetchMs: Math.round(fetchMs),
      totalMs: Math.round(performance.now() - started),
      truncated,
    };
    const cy = this.canvas?.cy;
    if (cy) {
      const types = new Set(cy.edges().map((e) => String(e.data("type"))));
      this.filters.refresh(new Set(cy.nodes().map((n) => String(n.data("kind")))), types);
    }
    this.tools.status(
      `${report.nodes} nodes, ${report.edges} edges${truncated ? " (truncated)" : ""} · ` +
        `fetch ${report.fetchMs} ms, draw ${report.addMs + report.layoutMs} ms`,
    );
    this.draws += 1;
    expose({ lastDraw: report, draws: this.draws });
    return report;
  }

  /**
   * Highlight a shortest path between the two selected nodes, asked of the server (the
   * whole graph, not only what is drawn); nodes and edges of it not yet drawn are added
   * in one batch. Falls back to the drawn graph when the server cannot answer.
   */
  async path(): Promise<PathResult | null> {
    const canvas = this.canvas;
    if (!canvas) return null;
    const [a, b] = canvas.selectedNodeIds();
    if (!a || !b) {
      this.tools.status("Select two nodes (shift-click) to find a path between them.");
      return null;
    }
    let found: PathResult | null;
    try {
      const { shortestPath: view } = await this.api.request<{ shortestPath: GraphView }>(SHORTEST_PATH, {
        from: a,
        to: b,
        maxHops: PATH_MAX_HOPS,
        asOf: this.time.asOf()?.toISOString() ?? null,
      });
      found = pathFromView(view, a, b);
      if (found) await canvas.expand(a, view);
    } catch (e) {
      found = shortestPath(canvas.links(), a, b);
      if (!found) {
        this.tools.status(`Could not ask for a path (${String(e)}); none among the nodes drawn.`);
        return null;
      }
    }
    if (!found) {
      this.tools.status(`No path of at most ${PATH_MAX_HOPS} relationships between them.`);
      return null;
    }
    markPath(canvas.cy, found);
    this.tools.status(`Path: ${found.nodes.map((id) => canvas.nodeLabel(id)).join(" → ")}`);
    expose({ lastPath: found });
    return found;
  }

  private async showDetails(id: string | null): Promise<void> {
    const canvas = this.canvas;
    this.detailsFor = id ?? "";
    if (!id || !canvas) {
      fill(this.details);
      return;
    }
    const labels = (canvas.cy.getElementById(id).data("labels") as string[] | undefined) ?? [];
    try {
      const asOf = this.time.asOf(); // a past drawing shows the facts of then, read-only
      const view = await loadDetails(this.api, id, labels, asOf);
      if (this.detailsFor !== id) return;
      fill(
        this.details,
        renderDetails(
          view,
          id,
          { focus: (target) => canvas.focus(target), expand: (target) => void this.expand(target) },
          view && !asOf ? this.editing.toolsFor(id, labels, view.title) : null,
        ),
      );
    } catch (e) {
      if (this.detailsFor === id) fill(this.details, h("p", { class: "error" }, String(e)));
    }
  }
}
