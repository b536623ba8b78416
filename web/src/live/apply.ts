/** What a live status move does to a drawn node (pure: the page applies it to cytoscape). */
import { statusColour } from "../explore/palette";
import type { LiveMove } from "./protocol";

export interface LiveNodeChange {
  status: string;
  colour: string;
  /** The badge class: "live-down", "live-degraded" or "" (operational again). */
  badge: "" | "live-down" | "live-degraded";
}

export const BADGES = ["live-down", "live-degraded"] as const;

export function nodeChange(move: LiveMove): LiveNodeChange {
  const badge = move.to === "DOWN" ? "live-down" : move.to === "DEGRADED" ? "live-degraded" : "";
  return { status: move.to, colour: statusColour(move.to), badge };
}

/** The last move per node of a batch (a batch may move one node twice). */
export function latestPerNode(moves: readonly LiveMove[]): Map<string, LiveMove> {
  const last = new Map<string, LiveMove>();
  for (const move of moves) {
    const seen = last.get(move.nodeId);
    if (!seen || seen.seq <= move.seq) last.set(move.nodeId, move);
  }
  return last;
}

/** Reconnect delays: 1 s, 2 s, 4 s … at most 30 s. */
export function backoffMs(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempt));
}
