/** Colours shared by the graph, the legend and the dashboard. */

export const STATUS_COLOURS: Record<string, string> = {
  OPERATIONAL: "#2e9d5b",
  DEGRADED: "#f0a202",
  DOWN: "#d7263d",
  MAINTENANCE: "#3d7dd8",
  UNKNOWN: "#8a8f98",
};

/** Nodes without a status (services, assets, contracts, …). */
export const NEUTRAL = "#6c5ce7";
export const IMPACT_DOWN = "#d7263d";
export const IMPACT_DEGRADED = "#f0a202";
export const PATH = "#00a8e8";
export const SPOF = "#8e24aa";
export const EDGE = "#aab2bd";
/** Badges standing for collapsed lifecycle events or software. */
export const AGGREGATE = "#e8eaef";
/** The node the keyboard is on. */
export const FOCUS = "#ff6f00";

export function statusColour(status: string | null | undefined): string {
  return (status && STATUS_COLOURS[status]) || NEUTRAL;
}

/** Compare mode: what appeared, disappeared or changed between the two moments. */
export const DIFF_ADDED = "#1e9e4a";
export const DIFF_REMOVED = "#d7263d";
export const DIFF_CHANGED = "#f0a202";
/** Compare mode: what stayed the same, drawn faintly. */
export const DIFF_SAME = "#c3c8d0";
