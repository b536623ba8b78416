import { describe, expect, it } from "vitest";
import type { GraphView } from "../../src/api/types";
import { type Drawn, EMPTY_DRAWN, graphDelta, orderParentsFirst } from "../../src/explore/elements";
import recorded from "./fixtures/graph-web-shop-depth2.json";

const view = recorded.graph as GraphView;
const idOf = (name: string): string => view.nodes.find((n) => n.name === name)?.id ?? "";

function drawnOf(nodes: Record<string, string | undefined>, edges: string[] = []): Drawn {
  return {
    hasNode: (id) => id in nodes,
    hasEdge: (id) => edges.includes(id),
    parentOf: (id) => nodes[id],
  };
}

describe("graphDelta", () => {
  it("draws the recorded shop neighbourhood with its cluster as a compound parent", () => {
    const delta = graphDelta(view, EMPTY_DRAWN);
    expect(delta.nodes).toHaveLength(view.nodes.length);
    const cluster = idOf("web-cluster");
    const members = delta.nodes.filter((n) => n.data.parent === cluster).map((n) => n.data.label);
    expect(members.sort()).toEqual(["web1", "web2", "web3"]);
    const clusterIndex = delta.nodes.findIndex((n) => n.data.id === cluster);
    const firstMember = delta.nodes.findIndex((n) => n.data.parent === cluster);
    expect(clusterIndex).toBeLessThan(firstMember);
  });

  it("reads kind, shape and colour off labels and status", () => {
    const byName = new Map(graphDelta(view, EMPTY_DRAWN).nodes.map((n) => [n.data.label, n.data]));
    expect(byName.get("web-cluster")).toMatchObject({ kind: "Cluster", ci: true, status: "OPERATIONAL", colour: "#2e9d5b" });
    expect(byName.get("web1")).toMatchObject({ kind: "VirtualMachine", shape: "round-rectangle" });
    expect(byName.get("Web Shop Demo")).toMatchObject({ kind: "Service", ci: false, status: "", shape: "star" });
  });

  it("hides the membership edges the compound already shows, keeps the others", () => {
    const edges = graphDelta(view, EMPTY_DRAWN).edges;
    const membership = edges.filter((e) => e.data.type === "MEMBER_OF");
    expect(membership).toHaveLength(3);
    expect(membership.every((e) => e.classes.includes("nested"))).toBe(true);
    const needs = edges.find((e) => e.data.type === "DEPENDS_ON");
    expect(needs?.classes).toContain("rel-DEPENDS_ON");
    expect(needs?.classes).not.toContain("nested");
  });

  it("adds only what is not drawn, and moves drawn members into a cluster that arrives", () => {
    const web1 = idOf("web1");
    const shop = idOf("Web Shop Demo");
    const delta = graphDelta(view, drawnOf({ [web1]: undefined, [shop]: undefined }));
    expect(delta.nodes.map((n) => n.data.id)).not.toContain(web1);
    expect(delta.moves).toEqual([{ id: web1, parent: idOf("web-cluster") }]);
  });

  it("nests a member in one cluster (the lowest id) and never a cluster in its own member", () => {
    const two: GraphView = {
      truncated: false,
      nodes: [
        { id: "a", name: "a", labels: ["CI", "Cluster"], status: "OPERATIONAL" },
        { id: "b", name: "b", labels: ["CI", "Cluster"], status: "OPERATIONAL" },
        { id: "m", name: "m", labels: ["CI", "VirtualMachine"], status: "OPERATIONAL" },
      ],
      edges: [
        { id: "1", source: "m", target: "b", type: "MEMBER_OF", kind: null },
        { id: "2", source: "m", target: "a", type: "MEMBER_OF", kind: null },
        { id: "3", source: "a", target: "b", type: "MEMBER_OF", kind: null },
        { id: "4", source: "b", target: "a", type: "MEMBER_OF", kind: null },
      ],
    };
    const parents = new Map(graphDelta(two, EMPTY_DRAWN).nodes.map((n) => [n.data.id, n.data.parent]));
    expect(parents.get("m")).toBe("a");
    expect(parents.get("b")).toBe("a");
    expect(parents.get("a")).toBeUndefined();
  });

  it("leaves out edges whose ends are missing", () => {
    const dangling: GraphView = {
      truncated: true,
      nodes: [{ id: "x", name: "x", labels: ["CI", "Server"], status: "DOWN" }],
      edges: [{ id: "e", source: "x", target: "gone", type: "HOSTED_ON", kind: "HARD" }],
    };
    expect(graphDelta(dangling, EMPTY_DRAWN).edges).toEqual([]);
  });
});

describe("orderParentsFirst", () => {
  it("puts every parent before its children, whatever the input order", () => {
    const node = (id: string, parent?: string) => ({
      id, label: id, kind: "Other" as const, status: "", ci: false, labels: [], shape: "ellipse" as const, colour: "", ...(parent ? { parent } : {}),
    });
    const ordered = orderParentsFirst([node("c", "b"), node("b", "a"), node("a")]).map((n) => n.id);
    expect(ordered).toEqual(["a", "b", "c"]);
  });
});
