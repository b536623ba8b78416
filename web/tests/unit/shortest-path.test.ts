import { describe, expect, it } from "vitest";
import type { GraphEdge, GraphView } from "../../src/api/types";
import { pathFromView } from "../../src/explore/path";

const node = (id: string) => ({ id, name: id, labels: ["CI"], status: null });
const edge = (id: string, source: string, target: string): GraphEdge => ({
  id,
  source,
  target,
  type: "DEPENDS_ON",
  kind: null,
});

describe("pathFromView", () => {
  // shop -> web <- web3 -> h2, as the server answers shortestPath(shop, h2)
  const view = {
    truncated: false,
    nodes: ["shop", "web", "web3", "h2"].map(node),
    edges: [edge("e1", "shop", "web"), edge("e2", "web3", "web"), edge("e3", "web3", "h2")],
  } satisfies GraphView;

  it("orders the path from the first node to the second, whatever the edge directions", () => {
    expect(pathFromView(view, "shop", "h2")).toEqual({ nodes: ["shop", "web", "web3", "h2"], edges: ["e1", "e2", "e3"] });
    expect(pathFromView(view, "h2", "shop")).toEqual({ nodes: ["h2", "web3", "web", "shop"], edges: ["e3", "e2", "e1"] });
  });

  it("does not depend on the order of the lists in the answer", () => {
    const shuffled = { ...view, nodes: [...view.nodes].reverse(), edges: [...view.edges].reverse() };
    expect(pathFromView(shuffled, "shop", "h2")?.nodes).toEqual(["shop", "web", "web3", "h2"]);
  });

  it("is null for an empty answer or one that does not join the two", () => {
    expect(pathFromView({ truncated: false, nodes: [], edges: [] }, "shop", "h2")).toBeNull();
    expect(pathFromView(view, "shop", "elsewhere")).toBeNull();
    const broken = { ...view, edges: [edge("e1", "shop", "web"), edge("e3", "web3", "h2")] };
    expect(pathFromView(broken, "shop", "h2")).toBeNull();
  });

  it("a node to itself is a path of one node", () => {
    expect(pathFromView({ truncated: false, nodes: [node("web")], edges: [] }, "web", "web")).toEqual({
      nodes: ["web"],
      edges: [],
    });
  });
});
