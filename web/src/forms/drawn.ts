/** A written node's drawing: redrawn in place after an edit, taken out after a delete. */
import type { Core } from "cytoscape";
import type { GraphNode } from "../api/types";
import { nodeData } from "../explore/elements";

export function redrawNode(cy: Core, node: GraphNode): void {
  const drawn = cy.getElementById(node.id);
  if (drawn.empty()) return;
  const { id: _id, ...data } = nodeData(node); // an id is not rewritten
  drawn.data(data);
}

/** A deleted cluster's members stay drawn: they leave the box before it goes. */
export function removeDrawnNode(cy: Core, id: string): void {
  const drawn = cy.getElementById(id);
  drawn.children().move({ parent: null });
  drawn.remove();
}
