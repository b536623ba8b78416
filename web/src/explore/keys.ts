/**
 * Keyboard navigation of the graph, the pure part: which key does what, which neighbour
 * an arrow goes to, and the order Tab walks a node's neighbours in.
 */

export interface Point {
  x: number;
  y: number;
}

export type KeyAction =
  | { do: "move"; dx: number; dy: number }
  | { do: "cycle"; step: 1 | -1 }
  | { do: "open" }
  | { do: "close" }
  | { do: "expand" }
  | { do: "fit" }
  | { do: "zoom"; factor: number };

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

/** The documented key list (shown in the legend). */
export const KEY_LIST: readonly { keys: string; what: string }[] = [
  { keys: "Tab into the graph", what: "focus the selected node (or the one nearest the centre)" },
  { keys: "← ↑ → ↓", what: "go to the neighbour in that direction" },
  { keys: "Tab / Shift+Tab", what: "go round the neighbours of the node you came from" },
  { keys: "Enter", what: "open the details panel (on a count badge: draw what it counts)" },
  { keys: "E", what: "expand the focused node" },
  { keys: "Esc", what: "close the details panel; again: leave the graph" },
  { keys: "+ / −", what: "zoom in / out" },
  { keys: "F", what: "fit the whole graph" },
];

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** What a key does on the graph; null: not ours (the browser keeps it). */
export function keyAction(e: KeyPress): KeyAction | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  const arrow = ARROWS[e.key];
  if (arrow) return { do: "move", dx: arrow[0], dy: arrow[1] };
  switch (e.key) {
    case "Tab":
      return { do: "cycle", step: e.shiftKey ? -1 : 1 };
    case "Enter":
      return { do: "open" };
    case "Escape":
      return { do: "close" };
    case "e":
    case "E":
      return { do: "expand" };
    case "f":
    case "F":
      return { do: "fit" };
    case "+":
    case "=":
      return { do: "zoom", factor: 1.25 };
    case "-":
    case "_":
      return { do: "zoom", factor: 0.8 };
    default:
      return null;
  }
}

/**
 * The candidate an arrow goes to: within 60° of the arrow's direction, the nearest one,
 * an off-axis one counting as farther (distance × (2 − cos of the angle off the axis)).
 */
export function towards(from: Point, candidates: readonly { id: string; at: Point }[], dx: number, dy: number): string | null {
  let best: string | null = null;
  let bestScore = Infinity;
  for (const c of candidates) {
    const vx = c.at.x - from.x;
    const vy = c.at.y - from.y;
    const dist = Math.hypot(vx, vy);
    if (dist === 0) continue;
    const cos = (vx * dx + vy * dy) / dist;
    if (cos < 0.5) continue;
    const score = dist * (2 - cos);
    if (score < bestScore || (score === bestScore && best !== null && c.id < best)) {
      best = c.id;
      bestScore = score;
    }
  }
  return best;
}

/** Neighbours in clockwise order from 12 o'clock around ``centre`` (ties by id). */
export function clockwise(centre: Point, neighbours: readonly { id: string; at: Point }[]): string[] {
  const angle = (p: Point): number => {
    const a = Math.atan2(p.x - centre.x, -(p.y - centre.y));
    return a < 0 ? a + 2 * Math.PI : a;
  };
  return [...neighbours]
    .map((n) => ({ id: n.id, a: angle(n.at) }))
    .sort((p, q) => p.a - q.a || p.id.localeCompare(q.id))
    .map((n) => n.id);
}

/**
 * The next neighbour Tab goes to: from the anchor itself (not in ``order``) the first
 * (Shift: the last); from the last (Shift: the first) null, so Tab leaves the graph.
 */
export function cycle(order: readonly string[], current: string, step: 1 | -1): string | null {
  if (order.length === 0) return null;
  const at = order.indexOf(current);
  if (at === -1) return step === 1 ? (order[0] ?? null) : (order[order.length - 1] ?? null);
  return order[at + step] ?? null;
}
