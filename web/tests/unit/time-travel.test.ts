import { describe, expect, it } from "vitest";
import type { GraphDiff, GraphView } from "../../src/api/types";
import { diffClassOf, diffDrawing, edgeKey, keyedView, shownValue } from "../../src/explore/diff-model";
import { EMPTY_DRAWN, graphDelta } from "../../src/explore/elements";
import {
  DAY_MS,
  RANGE_DAYS,
  ago,
  describeMoment,
  describeOffset,
  localInputValue,
  momentOf,
  notAfter,
  offsetOf,
  parseLocalInput,
} from "../../src/explore/time-scale";

const node = (id: string, name = id, status: string | null = "OPERATIONAL"): GraphView["nodes"][number] => ({
  id,
  name,
  labels: ["CI", id.startsWith("h") ? "Server" : "VirtualMachine"],
  status,
});
const edge = (id: string, source: string, type: "HOSTED_ON" | "MEMBER_OF", target: string): GraphView["edges"][number] => ({
  id,
  source,
  target,
  type,
  kind: null,
});

// web3 renamed and moved from h2 to h1; h2 gone; web4 new in the cluster
const before: GraphView = {
  truncated: false,
  nodes: [node("cluster"), node("web3"), node("h1"), node("h2")],
  edges: [edge("r1", "web3", "MEMBER_OF", "cluster"), edge("r2", "web3", "HOSTED_ON", "h2")],
};
const after: GraphView = {
  truncated: false,
  nodes: [node("cluster"), node("web3", "web3-renamed"), node("h1"), node("web4")],
  edges: [
    edge("r1", "web3", "MEMBER_OF", "cluster"),
    edge("r9", "web3", "HOSTED_ON", "h1"),
    edge("r10", "web4", "MEMBER_OF", "cluster"),
  ],
};
const diff: GraphDiff = {
  addedNodes: [{ id: "web4", labels: ["CI", "VirtualMachine"] }],
  removedNodes: [{ id: "h2", labels: ["CI", "Server"] }],
  changedNodes: [{ id: "web3", changes: [{ name: "name", before: "web3", after: "web3-renamed" }] }],
  addedEdges: [
    { source: "web3", type: "HOSTED_ON", target: "h1" },
    { source: "web4", type: "MEMBER_OF", target: "cluster" },
  ],
  removedEdges: [{ source: "web3", type: "HOSTED_ON", target: "h2" }],
  changedEdges: [],
};

describe("diffDrawing", () => {
  const drawing = diffDrawing(before, after, diff);

  it("draws the union of both neighbourhoods, the later name winning", () => {
    expect(drawing.view.nodes.map((n) => n.id).sort()).toEqual(["cluster", "h1", "h2", "web3", "web4"]);
    expect(drawing.view.nodes.find((n) => n.id === "web3")?.name).toBe("web3-renamed");
    expect(drawing.view.nodes.find((n) => n.id === "h2")?.name).toBe("h2"); // removed: as it was
    expect(drawing.view.edges.map((e) => e.id).sort()).toEqual(
      [
        "web3-[HOSTED_ON]->h1",
        "web3-[HOSTED_ON]->h2",
        "web3-[MEMBER_OF]->cluster",
        "web4-[MEMBER_OF]->cluster",
      ].sort(),
    );
  });

  it("marks nodes and relationships by graphDiff's answer", () => {
    expect(Object.fromEntries(drawing.nodes)).toEqual({
      cluster: "same",
      web3: "changed",
      h1: "same",
      h2: "removed",
      web4: "added",
    });
    expect(drawing.edges.get(edgeKey({ source: "web3", type: "HOSTED_ON", target: "h1" }))).toBe("added");
    expect(drawing.edges.get("web3-[HOSTED_ON]->h2")).toBe("removed");
    expect(drawing.edges.get("web3-[MEMBER_OF]->cluster")).toBe("same");
    expect(drawing.counts).toEqual({
      added: { nodes: 1, edges: 2 },
      removed: { nodes: 1, edges: 1 },
      changed: { nodes: 1, edges: 0 },
    });
    expect(drawing.undrawn).toBe(0);
    expect(drawing.changes).toEqual([
      { id: "web3", label: "web3-renamed", drawn: true, changes: diff.changedNodes[0]?.changes },
    ]);
  });

  it("maps to element definitions that each carry their diff class", () => {
    const classOf = diffClassOf(drawing);
    const delta = graphDelta(drawing.view, EMPTY_DRAWN);
    const styled = [...delta.nodes, ...delta.edges].map((d) => [d.data.id, classOf.get(d.data.id)]);
    expect(Object.fromEntries(styled)).toEqual({
      cluster: "diff-same",
      web3: "diff-changed",
      h1: "diff-same",
      h2: "diff-removed",
      web4: "diff-added",
      "web3-[HOSTED_ON]->h1": "diff-added",
      "web3-[HOSTED_ON]->h2": "diff-removed",
      "web3-[MEMBER_OF]->cluster": "diff-same",
      "web4-[MEMBER_OF]->cluster": "diff-added",
    });
    // the new member is drawn in its cluster; its added membership edge is nested
    expect(delta.nodes.find((n) => n.data.id === "web4")?.data.parent).toBe("cluster");
  });

  it("lists a changed relationship by its ends' names with its properties before and after", () => {
    const kindChanged: GraphDiff = {
      ...diff,
      changedEdges: [
        {
          before: { source: "web3", type: "MEMBER_OF", target: "cluster", properties: [{ weight: 1 }] },
          after: { source: "web3", type: "MEMBER_OF", target: "cluster", properties: [{ weight: 2 }] },
        },
      ],
    };
    const d = diffDrawing(before, after, kindChanged);
    expect(d.edges.get("web3-[MEMBER_OF]->cluster")).toBe("changed");
    expect(d.edgeChanges).toEqual([
      { id: "web3-[MEMBER_OF]->cluster", label: "web3-renamed MEMBER_OF cluster", before: [{ weight: 1 }], after: [{ weight: 2 }] },
    ]);
    expect(d.counts.changed).toEqual({ nodes: 1, edges: 1 });
  });

  it("counts what it cannot draw, and draws a centre that did not exist then", () => {
    const outside: GraphDiff = { ...diff, addedNodes: [...diff.addedNodes, { id: "far", labels: [] }] };
    expect(diffDrawing(before, after, outside).undrawn).toBe(1);
    const fresh = diffDrawing(null, after, { ...diff, removedNodes: [], removedEdges: [] });
    expect(fresh.view.nodes.map((n) => n.id)).toEqual(["cluster", "web3", "h1", "web4"]);
  });

  it("keys relationships by ends and type, one per pair and type", () => {
    const twice = keyedView({ ...before, edges: [...before.edges, edge("r3", "web3", "HOSTED_ON", "h2")] });
    expect(twice.edges.map((e) => e.id)).toEqual(["web3-[MEMBER_OF]->cluster", "web3-[HOSTED_ON]->h2"]);
  });

  it("shows values plainly", () => {
    expect(shownValue(null)).toBe("—");
    expect(shownValue("web3")).toBe("web3");
    expect(shownValue(3)).toBe("3");
    expect(shownValue(["CI", "Server"])).toBe('["CI","Server"]');
  });
});

describe("time slider", () => {
  const now = new Date(2026, 11, 5, 17, 30, 15).getTime();

  it("steps whole days back from now and finds the nearest step of a moment", () => {
    expect(momentOf(0, now).getTime()).toBe(now);
    expect(momentOf(-3, now).getTime()).toBe(now - 3 * DAY_MS);
    expect(offsetOf(new Date(now - 3 * DAY_MS - 3_600_000), now)).toBe(-3);
    expect(offsetOf(new Date(now - 400 * DAY_MS), now)).toBe(-RANGE_DAYS);
    expect(offsetOf(new Date(now + DAY_MS), now)).toBe(0);
    expect(Object.is(offsetOf(new Date(now - 1000), now), -0)).toBe(false);
  });

  it("writes and reads the date-time input in local time, to the second", () => {
    const at = new Date(2026, 2, 2, 9, 5, 7);
    expect(localInputValue(at)).toBe("2026-03-02T09:05:07");
    expect(parseLocalInput("2026-03-02T09:05:07")?.getTime()).toBe(at.getTime());
    expect(parseLocalInput("2026-03-02T09:05")?.getTime()).toBe(new Date(2026, 2, 2, 9, 5).getTime());
    expect(parseLocalInput("2026-03-02T09:05:07.250")?.getMilliseconds()).toBe(250);
    expect(parseLocalInput("")).toBeNull();
    expect(parseLocalInput("2026-02-31T10:00")).toBeNull();
    expect(parseLocalInput("yesterday")).toBeNull();
  });

  it("says how far back the slider is, and keeps moments in the past", () => {
    expect(describeOffset(0, now)).toBe("now");
    expect(describeOffset(-1, now)).toBe("1 day ago (2026-12-04 17:30)");
    expect(describeOffset(-30, now)).toMatch(/^30 days ago \(2026-11-05 17:30\)$/);
    expect(notAfter(new Date(now + 5), now).getTime()).toBe(now);
    expect(notAfter(new Date(now - 5), now).getTime()).toBe(now - 5);
  });

  it("says a picked moment as it is, a slider step in days", () => {
    expect(describeMoment(new Date(now), now)).toBe("now");
    expect(describeMoment(momentOf(-2, now), now)).toBe("2 days ago (2026-12-03 17:30)");
    expect(describeMoment(new Date(now - 90_000), now)).toBe("2026-12-05 17:28:45 (2 min ago)");
    expect(ago(new Date(now - 5_000), now)).toBe("just now");
    expect(ago(new Date(now - 5 * 3_600_000), now)).toBe("5 h ago");
    expect(ago(new Date(now - 3 * DAY_MS), now)).toBe("3 days ago");
  });
});
