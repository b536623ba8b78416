/**
 * Time travel on the explore page: the drawn neighbourhood as of a moment (graph asOf), or
 * the union of it at "from" and at "to" marked by graphDiff (added green, removed red,
 * changed amber, the rest faint), redrawn in place (GraphCanvas.sync) so nodes that stay
 * keep their places while the slider moves.
 */
import type { Core } from "cytoscape";
import { GraphQLRequestError, type GraphQL } from "../api/client";
import { BADGES } from "../live/apply";
import type { GraphDiff, GraphView } from "../api/types";
import { expose } from "../app/test-hook";
import { DIFF_CLASSES, type DiffDrawing, type DiffState, diffClassOf, diffDrawing, keyedView } from "./diff-model";
import { DiffPanel } from "./diff-panel";
import type { DrawTiming, GraphCanvas } from "./graph-canvas";
import type { LayoutName } from "./layouts";
import { GRAPH_AT, GRAPH_DIFF } from "./queries";
import { type TimeControl, type TimeSelection, timeControl } from "./time-control";
import { localInputValue } from "./time-scale";

const ALL_DIFF_CLASSES = Object.values(DIFF_CLASSES).join(" ");
/** A drawing of the past drops the present's live badges (and takes no new ones). */
const PAST_DROPS = [...BADGES].join(" ");

export interface Centre {
  id: string;
  label: string;
}

export interface TimeTravelHost<Report> {
  api: GraphQL;
  canvas(): GraphCanvas | null;
  /** The node whose neighbourhood is drawn (the last search pick). */
  centre(): Centre | null;
  depth(): number;
  layout(): LayoutName;
  status(text: string): void;
  /** The page's report of a draw (status line, filters, the test hook's draw count). */
  report(timing: DrawTiming, fetchMs: number, started: number, truncated: boolean): Report;
  /** Draw the present again (the page's own collapsed view). */
  present(): Promise<Report | null>;
}

export function clearDiff(cy: Core): void {
  cy.batch(() => cy.elements().removeClass(ALL_DIFF_CLASSES));
}

export function markDiff(cy: Core, classOf: ReadonlyMap<string, string>): void {
  cy.batch(() => {
    cy.elements().removeClass(ALL_DIFF_CLASSES);
    for (const [id, cls] of classOf) cy.getElementById(id).addClass(cls);
  });
}

/** The diff state each drawn element carries (what the browser test compares with graphDiff). */
export function drawnDiff(cy: Core): { nodes: Record<string, DiffState>; edges: Record<string, DiffState> } {
  const stateOf = (classes: (c: string) => boolean): DiffState | null => {
    for (const [state, cls] of Object.entries(DIFF_CLASSES)) if (classes(cls)) return state as DiffState;
    return null;
  };
  const nodes: Record<string, DiffState> = {};
  const edges: Record<string, DiffState> = {};
  cy.nodes().forEach((n) => {
    const s = stateOf((c) => n.hasClass(c));
    if (s) nodes[n.id()] = s;
  });
  cy.edges().forEach((e) => {
    const s = stateOf((c) => e.hasClass(c));
    if (s) edges[e.id()] = s;
  });
  return { nodes, edges };
}

const when = (at: Date | null): string => (at ? localInputValue(at).replace("T", " ") : "now");
const iso = (at: Date | null): string | null => (at ? at.toISOString() : null);

export class TimeTravel<Report> {
  readonly control: TimeControl;
  readonly panel: DiffPanel;
  /** Draws run one at a time; one asked for before the last began is skipped. */
  private seq = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly host: TimeTravelHost<Report>) {
    this.control = timeControl(() => void this.draw());
    this.panel = new DiffPanel((id) => host.canvas()?.focus(id));
  }

  /** Whether the drawing is of the past (live moves are not applied to it). */
  past(): boolean {
    return this.control.selection().mode !== "now";
  }

  comparing(): boolean {
    return this.control.selection().mode === "compare";
  }

  /** The moment to read an expansion at (null: now). */
  asOf(): Date | null {
    const s = this.control.selection();
    return s.mode === "asOf" ? s.at : null;
  }

  /** Draw the centre's neighbourhood as the control says (after any draw under way). */
  draw(): Promise<Report | null> {
    const seq = ++this.seq;
    const run = this.queue.then(() => (seq === this.seq ? this.drawNow(seq) : null));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async drawNow(seq: number): Promise<Report | null> {
    const selection = this.control.selection();
    const canvas = this.host.canvas();
    if (!canvas) return null;
    if (selection.mode === "now") {
      this.panel.hide();
      clearDiff(canvas.cy);
      return this.host.centre() ? this.host.present() : null;
    }
    const centre = this.host.centre();
    if (!centre) {
      this.host.status("Search a node first: the time control redraws its neighbourhood.");
      return null;
    }
    try {
      return selection.mode === "asOf"
        ? await this.drawAsOf(canvas, centre, selection, seq)
        : await this.drawCompare(canvas, centre, selection, seq);
    } catch (e) {
      if (seq === this.seq) this.host.status(`Could not load the past: ${String(e)}`);
      return null;
    }
  }

  /** The neighbourhood then; null when the centre did not exist then. */
  private async graphAt(centre: Centre, at: Date | null): Promise<GraphView | null> {
    try {
      const vars = { id: centre.id, depth: this.host.depth(), asOf: iso(at) };
      const { graph } = await this.host.api.request<{ graph: GraphView }>(GRAPH_AT, vars);
      return keyedView(graph);
    } catch (e) {
      if (e instanceof GraphQLRequestError && e.code === "NOT_FOUND") return null;
      throw e;
    }
  }

  private async drawAsOf(canvas: GraphCanvas, centre: Centre, s: TimeSelection, seq: number): Promise<Report | null> {
    this.host.status(`Loading ${centre.label} as of ${when(s.at)}…`);
    const started = performance.now();
    const view = await this.graphAt(centre, s.at);
    const ms = performance.now() - started;
    if (seq !== this.seq) return null;
    this.panel.hide();
    clearDiff(canvas.cy);
    const timing = await canvas.sync(view ?? { nodes: [], edges: [], truncated: false }, this.host.layout());
    canvas.cy.nodes().removeClass(PAST_DROPS);
    const report = this.host.report(timing, ms, started, view?.truncated ?? false);
    this.host.status(
      view
        ? `As of ${when(s.at)}: ${timing.nodes} nodes, ${timing.edges} edges${view.truncated ? " (truncated)" : ""}`
        : `${centre.label} did not exist at ${when(s.at)}.`,
    );
    return report;
  }

  private async drawCompare(canvas: GraphCanvas, centre: Centre, s: TimeSelection, seq: number): Promise<Report | null> {
    const span = `From ${when(s.at)} to ${when(s.to)}, ${centre.label} at depth ${this.host.depth()}`;
    this.panel.loading(`Comparing: ${span}…`);
    const started = performance.now();
    const vars = { from: iso(s.at), to: iso(s.to), id: centre.id, depth: this.host.depth() };
    const [before, after, answer] = await Promise.all([
      this.graphAt(centre, s.at),
      this.graphAt(centre, s.to),
      this.host.api.request<{ graphDiff: GraphDiff }>(GRAPH_DIFF, vars),
    ]);
    const ms = performance.now() - started;
    if (seq !== this.seq) return null;
    const drawing: DiffDrawing = diffDrawing(before, after, answer.graphDiff);
    const timing = await canvas.sync(drawing.view, this.host.layout());
    markDiff(canvas.cy, diffClassOf(drawing));
    canvas.cy.nodes().removeClass(PAST_DROPS);
    this.panel.show(drawing, span);
    expose({ diff: { ...vars, counts: drawing.counts }, drawnDiff: () => drawnDiff(canvas.cy) });
    const report = this.host.report(timing, ms, started, drawing.view.truncated);
    const c = drawing.counts;
    this.host.status(
      `${span}: ${c.added.nodes + c.added.edges} added, ${c.removed.nodes + c.removed.edges} removed, ` +
        `${c.changed.nodes + c.changed.edges} changed`,
    );
    return report;
  }
}
