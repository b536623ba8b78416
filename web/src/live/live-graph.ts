/** Live status on the drawn graph: each move recolours its node (if drawn) and badges it. */
import type { Core } from "cytoscape";
import { expose } from "../app/test-hook";
import { livePayload } from "../auth/credentials";
import { BADGES, latestPerNode, nodeChange } from "./apply";
import { type LiveState, LiveSocket } from "./live-socket";
import { type LiveMove, liveUrl } from "./protocol";

export function applyMoves(cy: Core, moves: readonly LiveMove[]): number {
  let applied = 0;
  cy.batch(() => {
    for (const [id, move] of latestPerNode(moves)) {
      const node = cy.getElementById(id);
      if (node.empty()) continue;
      const change = nodeChange(move);
      node.data({ status: change.status, colour: change.colour });
      node.removeClass(BADGES.join(" "));
      if (change.badge) node.addClass(change.badge);
      applied += 1;
    }
  });
  return applied;
}

/**
 * Subscribe for the page's lifetime; ``indicator`` shows whether the graph is live. While
 * ``paused`` (a drawing of the past) moves are counted but not painted.
 */
export function startLive(cy: Core, indicator: HTMLElement, paused: () => boolean = () => false): LiveSocket {
  let pushes = 0;
  const show = (state: LiveState, detail?: string): void => {
    indicator.textContent = state === "live" ? "● live" : state === "connecting" ? "○ connecting" : "○ not live";
    indicator.title = detail ?? "";
    indicator.dataset.state = state;
    expose({ live: { state, pushes } });
  };
  const socket = new LiveSocket(liveUrl(window.location), livePayload, {
    state: show,
    moves: (moves) => {
      if (!paused()) applyMoves(cy, moves);
      pushes += 1;
      expose({ live: { state: "live", pushes, last: moves[moves.length - 1] } });
    },
  });
  socket.start();
  return socket;
}
