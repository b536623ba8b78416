import { describe, expect, it } from "vitest";
import { type ClassQuality, type DataQualityAnswer, className, completenessTone, shapeQuality, worstGap } from "../../src/dashboard/quality";

function cls(ciClass: string, over: Partial<ClassQuality> = {}): ClassQuality {
  return {
    ciClass, total: 0, duplicateSuspects: 0, withoutAsset: null, staleCIs: 0, staleLinks: 0,
    staleAfterDays: 30, missingFields: [], incomplete: 0, completeness: null, ...over,
  };
}

const answer: DataQualityAnswer = {
  dataQuality: {
    asOf: "2026-01-01T00:00:00Z",
    totalCIs: 7, completeCIs: 4, completeness: 0.5714,
    duplicateSuspects: 2, cisWithoutAsset: 3, assetsWithoutCI: 1, staleCIs: 2, staleLinks: 1,
    classes: [
      cls("SERVER", {
        total: 4, duplicateSuspects: 2, withoutAsset: 3, staleCIs: 1, staleLinks: 1, incomplete: 1, completeness: 0.75,
        missingFields: [{ field: "serialNumber", missing: 0 }, { field: "model", missing: 1 }, { field: "environment", missing: 1 }],
      }),
      cls("VIRTUAL_MACHINE", { total: 1, incomplete: 1, completeness: 0, missingFields: [{ field: "environment", missing: 1 }] }),
      cls("APPLICATION", { total: 2, staleCIs: 1, staleAfterDays: 180, incomplete: 1, completeness: 0.5 }),
      cls("CLUSTER"),
    ],
  },
};

describe("data quality shaping (the isolated dataQuality answer)", () => {
  const part = shapeQuality(answer);

  it("makes four KPIs with the overall completeness and the problem counts", () => {
    expect(part.kpis.map((k) => k.id)).toEqual(["completeness", "duplicate-suspects", "stale", "asset-gaps"]);
    const kpi = (id: string) => part.kpis.find((k) => k.id === id);
    expect(kpi("completeness")).toMatchObject({ value: "57.1 %", tone: "bad", hint: "4 of 7 CIs have every mandatory field" });
    expect(kpi("duplicate-suspects")).toMatchObject({ value: "2", tone: "bad" });
    expect(kpi("stale")?.value).toBe("2 / 1");
    expect(kpi("asset-gaps")).toMatchObject({ value: "3 / 1", tone: "warn" });
  });

  it("draws completeness per populated class against 100 %", () => {
    const [chart] = part.charts;
    expect(chart?.bars.map((b) => [b.label, b.value, b.tone])).toEqual([
      ["Server", 75, "bad"],
      ["Virtual machine", 0, "bad"],
      ["Application", 50, "bad"],
    ]);
    expect(chart?.bars.every((b) => b.target === 100)).toBe(true);
  });

  it("tabulates each populated class with its worst gap", () => {
    const [table] = part.tables;
    expect(table?.rows.map((r) => r[0])).toEqual(["Server", "Virtual machine", "Application"]);
    expect(table?.rows[0]).toEqual(["Server", "4", "75.0 %", "2", "3", "1 / 1 (30 d)", "model (1)"]);
    expect(table?.rows[2]?.[4]).toBe("n/a");
    expect(table?.rows[2]?.[6]).toBe("—");
  });

  it("names classes and tones scores", () => {
    expect(className("NETWORK_DEVICE")).toBe("Network device");
    expect([1, 0.9, 0.5, null].map(completenessTone)).toEqual(["good", "warn", "bad", undefined]);
    expect(worstGap(cls("X", { missingFields: [{ field: "os", missing: 0 }] }))).toBe("—");
  });

  it("has an empty state when there are no CIs", () => {
    const empty = shapeQuality({ dataQuality: { ...answer.dataQuality, totalCIs: 0, completeCIs: 0, completeness: null, classes: [cls("SERVER")] } });
    expect(empty.charts[0]?.bars).toEqual([]);
    expect(empty.tables[0]?.rows).toEqual([]);
    expect(empty.kpis[0]?.value).toBe("—");
  });
});
