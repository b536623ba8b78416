import { describe, expect, it } from "vitest";
import { parseRoute, routeHash } from "../../src/app/router";
import { type SearchAnswer, suggestions } from "../../src/explore/search-results";
import { NO_FILTERS, edgeVisible, isFiltering, nodeVisible, toggle } from "../../src/explore/filters";
import { ringPositions } from "../../src/explore/layouts";
import { nodeKind } from "../../src/explore/node-kind";
import { shortestPath } from "../../src/explore/path";
import recorded from "./fixtures/search-web-shop.json";

describe("shortestPath", () => {
  const links = [
    { id: "e1", source: "shop", target: "cluster" },
    { id: "e2", source: "web1", target: "cluster" },
    { id: "e3", source: "web1", target: "h1" },
    { id: "e4", source: "x", target: "y" },
  ];
  it("finds the fewest hops, ignoring direction", () => {
    expect(shortestPath(links, "h1", "shop")).toEqual({ nodes: ["h1", "web1", "cluster", "shop"], edges: ["e3", "e2", "e1"] });
  });
  it("answers null across components and a single node for itself", () => {
    expect(shortestPath(links, "h1", "x")).toBeNull();
    expect(shortestPath(links, "h1", "h1")).toEqual({ nodes: ["h1"], edges: [] });
  });
});

describe("filters", () => {
  it("hide kinds, statuses and types; nodes without a status survive a status filter", () => {
    const f = { ...NO_FILTERS, hiddenKinds: toggle(NO_FILTERS.hiddenKinds, "Server", true), hiddenStatuses: new Set(["DOWN"]) };
    expect(isFiltering(f)).toBe(true);
    expect(nodeVisible({ kind: "Server", status: "OPERATIONAL" }, f)).toBe(false);
    expect(nodeVisible({ kind: "VirtualMachine", status: "DOWN" }, f)).toBe(false);
    expect(nodeVisible({ kind: "Service", status: "" }, f)).toBe(true);
    expect(edgeVisible({ type: "RUNS_ON" }, { ...f, hiddenTypes: new Set(["RUNS_ON"]) })).toBe(false);
    expect(toggle(new Set(["a"]), "a", false).size).toBe(0);
  });
});

describe("search suggestions", () => {
  it("put services first and never list a node twice", () => {
    const list = suggestions(recorded as SearchAnswer);
    expect(list[0]).toMatchObject({ label: "Web Shop Demo", kind: "Service" });
    expect(new Set(list.map((s) => s.id)).size).toBe(list.length);
  });
  it("label assets by tag and what they track", () => {
    const answer: SearchAnswer = {
      byName: { edges: [] }, byText: { edges: [] }, services: { edges: [] },
      assets: { edges: [{ node: { id: "a", name: "h1 chassis", labels: ["Asset"], assetTag: "A-1001", lifecycleState: "DEPLOYED", ci: { id: "c", name: "h1" } } }] },
    };
    expect(suggestions(answer)).toEqual([{ id: "a", label: "A-1001 h1 chassis", detail: "asset · DEPLOYED · tracks h1", kind: "Asset" }]);
  });
});

describe("small pure helpers", () => {
  it("nodeKind prefers the CI class label", () => {
    expect(nodeKind(["CI", "Database"])).toBe("Database");
    expect(nodeKind(["Asset"])).toBe("Asset");
    expect(nodeKind(["Mystery"])).toBe("Other");
  });
  it("routes fall back to explore", () => {
    expect(parseRoute("#/dashboard")).toBe("dashboard");
    expect(parseRoute("#/nope")).toBe("home");
    expect(parseRoute("")).toBe("home");
    expect(routeHash("dashboard")).toBe("#/dashboard");
  });
  it("ringPositions places every new node, nearer rings first", () => {
    const places = ringPositions({ x: 0, y: 0 }, 20);
    expect(places).toHaveLength(20);
    const radius = (p: { x: number; y: number }) => Math.round(Math.hypot(p.x, p.y));
    expect(radius(places[0]!)).toBeLessThan(radius(places[19]!));
  });
});
