import { describe, expect, it } from "vitest";
import type { GraphAggregate } from "../../src/api/types";
import { aggregateId, aggregateLabel, badgeDefs, expansionOf, isAggregateId } from "../../src/explore/aggregates";
import { clockwise, cycle, type KeyPress, keyAction, KEY_LIST, towards } from "../../src/explore/keys";

const events: GraphAggregate = { nodeId: "a1", kind: "LIFECYCLE_EVENTS", type: "HAD", count: 12, sharedWith: null };
const software: GraphAggregate = { nodeId: "web", kind: "SOFTWARE", type: "HAS_INSTALLED", count: 34, sharedWith: 210 };
const installs: GraphAggregate = { nodeId: "pkg", kind: "INSTALLATIONS", type: "HAS_INSTALLED", count: 1, sharedWith: null };

describe("aggregates", () => {
  it("say what they count", () => {
    expect(aggregateLabel(events)).toBe("12 lifecycle events");
    expect(aggregateLabel(software)).toBe("Software: 34 packages shared with 210 CIs");
    expect(aggregateLabel({ ...software, count: 1, sharedWith: 0 })).toBe("Software: 1 package");
    expect(aggregateLabel(installs)).toBe("Installed on 1 CI");
    expect(aggregateLabel({ ...events, count: 1200 })).toBe("1,200 lifecycle events");
  });

  it("expand with one hop of their relationship type around the owner", () => {
    expect(expansionOf(software)).toEqual({ id: "web", depth: 1, types: ["HAS_INSTALLED"] });
    expect(expansionOf(events)).toEqual({ id: "a1", depth: 1, types: ["HAD"] });
  });

  it("become a badge tied to a drawn owner, once, and never again once opened", () => {
    const drawn = new Set(["a1", "web", aggregateId(installs)]);
    const owner = (id: string): boolean => drawn.has(id) || id === "pkg";
    const badge = (id: string): boolean => drawn.has(id);
    const opened = new Set([aggregateId(software)]);
    const defs = badgeDefs([events, software, installs, { ...events, nodeId: "gone" }], owner, badge, opened);
    expect(defs.nodes.map((n) => n.data.id)).toEqual(["agg:a1:LIFECYCLE_EVENTS"]);
    expect(defs.nodes[0]?.data).toMatchObject({ kind: "Aggregate", label: "12 lifecycle events", aggregate: events });
    expect(defs.edges).toEqual([
      {
        group: "edges",
        data: { id: "agg:a1:LIFECYCLE_EVENTS:link", source: "a1", target: "agg:a1:LIFECYCLE_EVENTS", type: "HAD", kind: "" },
        classes: "aggregate-link",
      },
    ]);
    expect(isAggregateId(defs.nodes[0]?.data.id ?? "")).toBe(true);
    expect(isAggregateId("a1")).toBe(false);
  });
});

const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...more,
});

describe("keys", () => {
  it("map to actions, and leave modified keys and others to the browser", () => {
    expect(keyAction(press("ArrowLeft"))).toEqual({ do: "move", dx: -1, dy: 0 });
    expect(keyAction(press("ArrowDown"))).toEqual({ do: "move", dx: 0, dy: 1 });
    expect(keyAction(press("Tab"))).toEqual({ do: "cycle", step: 1 });
    expect(keyAction(press("Tab", { shiftKey: true }))).toEqual({ do: "cycle", step: -1 });
    expect(keyAction(press("Enter"))).toEqual({ do: "open" });
    expect(keyAction(press("Escape"))).toEqual({ do: "close" });
    expect(keyAction(press("e"))).toEqual({ do: "expand" });
    expect(keyAction(press("+"))).toEqual({ do: "zoom", factor: 1.25 });
    expect(keyAction(press("-"))).toEqual({ do: "zoom", factor: 0.8 });
    expect(keyAction(press("Tab", { ctrlKey: true }))).toBeNull();
    expect(keyAction(press("ArrowLeft", { altKey: true }))).toBeNull();
    expect(keyAction(press("x"))).toBeNull();
  });

  it("are all documented", () => {
    const documented = KEY_LIST.map((k) => k.keys).join(" ");
    for (const k of ["Enter", "Esc", "Tab", "←", "E", "F", "+"]) expect(documented).toContain(k);
  });

  const around = [
    { id: "right", at: { x: 100, y: 5 } },
    { id: "far-right", at: { x: 300, y: 0 } },
    { id: "up", at: { x: 0, y: -50 } },
    { id: "up-left", at: { x: -40, y: -60 } },
    { id: "down-left", at: { x: -80, y: 90 } },
  ];

  it("arrows go to the nearest neighbour in that direction, none outside 60°", () => {
    const o = { x: 0, y: 0 };
    expect(towards(o, around, 1, 0)).toBe("right");
    expect(towards(o, around, 0, -1)).toBe("up");
    // both left ones are within 60° of ←: the nearer, less oblique one wins
    expect(towards(o, around, -1, 0)).toBe("up-left");
    expect(towards(o, around, 0, 1)).toBe("down-left");
    // right, far-right and up are all more than 60° off ↓
    expect(towards(o, around.slice(0, 3), 0, 1)).toBeNull();
    expect(towards(o, [{ id: "self", at: o }], 1, 0)).toBeNull();
  });

  it("Tab goes round clockwise from 12 o'clock, and out after the last", () => {
    const order = clockwise({ x: 0, y: 0 }, around);
    // y grows downwards: "right" (y 5) is just past 3 o'clock, "far-right" (y 0) on it
    expect(order).toEqual(["up", "far-right", "right", "down-left", "up-left"]);
    expect(cycle(order, "centre", 1)).toBe("up");
    expect(cycle(order, "centre", -1)).toBe("up-left");
    expect(cycle(order, "right", 1)).toBe("down-left");
    expect(cycle(order, "right", -1)).toBe("far-right");
    expect(cycle(order, "up-left", 1)).toBeNull();
    expect(cycle(order, "up", -1)).toBeNull();
    expect(cycle([], "centre", 1)).toBeNull();
  });
});
