import { describe, expect, it } from "vitest";
import type { ImpactReport } from "../../src/api/types";
import { EMPTY_DRAWN, type Drawn } from "../../src/explore/elements";
import { impactMarks, missingImpactElements, pathSteps, witnessEdgeId } from "../../src/impact/colouring";
import { candidateRows, serviceRows, summaryLine } from "../../src/impact/rows";
import recorded from "./fixtures/impact-h1.json";

const report = recorded.impact as ImpactReport;
const id = (name: string): string => report.nodes.find((n) => n.node.name === name)?.node.id ?? "";

describe("impactMarks", () => {
  it("colours DESIGN's worked example: h1 takes web1, web2, the cluster and the shop down", () => {
    const marks = impactMarks(report, [id("h1")]);
    for (const name of ["h1", "web1", "web2", "web-cluster", "Web Shop Demo"]) {
      expect(marks.statusById.get(id(name)), name).toBe("DOWN");
    }
    expect(marks.statusById.has(id("web3"))).toBe(false);
    expect(marks.inputs).toEqual(new Set([id("h1")]));
    const shop = report.services.find((s) => s.service.name === "Web Shop Demo");
    expect(marks.witness.get(shop?.service.id ?? "")).toEqual(shop?.pathIds);
  });
});

describe("missingImpactElements", () => {
  it("adds every impacted node not drawn, joined along witness steps with no drawn edge", () => {
    const drawnIds = new Set([id("h1"), id("web1")]);
    const drawn: Drawn = { ...EMPTY_DRAWN, hasNode: (n) => drawnIds.has(n) };
    const missing = missingImpactElements(report, drawn, () => false);
    const added = new Set(missing.nodes.map((n) => n.data.id));
    for (const hit of report.nodes) expect(added.has(hit.node.id) || drawnIds.has(hit.node.id)).toBe(true);
    expect(missing.edges.map((e) => e.data.id)).toContain(witnessEdgeId(id("h1"), id("web1")));
    expect(missing.edges.every((e) => e.classes === "witness-link")).toBe(true);
  });

  it("adds no witness edge where the real relationship is drawn", () => {
    const missing = missingImpactElements(report, EMPTY_DRAWN, () => true);
    expect(missing.edges).toEqual([]);
  });
});

describe("pathSteps", () => {
  it("pairs consecutive ids", () => {
    expect(pathSteps(["a", "b", "c"])).toEqual([["a", "b"], ["b", "c"]]);
    expect(pathSteps(["a"])).toEqual([]);
  });
});

describe("service rows", () => {
  it("lists the shop with users, SLA and its witness path", () => {
    const shop = serviceRows(report).find((r) => r.name === "Web Shop Demo");
    expect(shop).toMatchObject({ status: "DOWN", users: "1,000", sla: "99.90 %", openIncidents: null });
    expect(shop?.path).toBe("h1 → web1 → web-cluster → Web Shop Demo");
    expect(summaryLine(report)).toMatch(/^\d+ service\(s\) DOWN/);
  });

  it("turns root-cause candidates into rows with their predicted statuses", () => {
    const rows = candidateRows([
      { cis: [{ id: "c", name: "web-cluster", labels: ["CI"] }], explains: 2, extraImpacted: 0,
        predicted: [{ node: { id: "s" }, status: "DOWN" }, { node: { id: "t" }, status: null }] },
    ]);
    expect(rows[0]?.names).toBe("web-cluster");
    expect([...(rows[0]?.predicted ?? [])]).toEqual([["s", "DOWN"]]);
  });
});
