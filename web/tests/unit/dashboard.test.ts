import { describe, expect, it } from "vitest";
import { barGeometry } from "../../src/charts/bar-geometry";
import { type MetricsAnswer, availabilityFloor, metricsQuery, shapeMetrics } from "../../src/dashboard/metrics";
import { composeDashboard } from "../../src/dashboard/model";
import { expiringByMonth, fleetBars, fleetKpi, licenseKpis, shapeItam, sumByCurrency } from "../../src/dashboard/shaping";
import type { ItamAnswer } from "../../src/dashboard/types";
import recordedItam from "./fixtures/itam-dashboard.json";
import recordedMetrics from "./fixtures/metrics.json";

const itam = recordedItam as ItamAnswer;
const metrics = recordedMetrics as MetricsAnswer;

describe("ITAM shaping (licensePositions, expiring, fleetValue)", () => {
  it("sums savings per currency and counts over-deployed products", () => {
    const [savings, over] = licenseKpis(itam.licensePositions);
    const expected = itam.licensePositions.filter((p) => p.status === "UNDER_USED").reduce((n, p) => n + Number(p.yearlySaving?.amount ?? 0), 0);
    expect(savings?.value).toBe(new Intl.NumberFormat("en-GB", { style: "currency", currency: "EUR" }).format(expected));
    expect(over?.value).toBe(String(itam.licensePositions.filter((p) => p.status === "OVER_DEPLOYED").length));
    expect(over?.tone).toBe("bad");
  });

  it("never adds two currencies", () => {
    const totals = sumByCurrency([{ amount: "1.50", currency: "EUR" }, { amount: "2", currency: "USD" }, null, { amount: "1", currency: "EUR" }]);
    expect([...totals]).toEqual([["EUR", 2.5], ["USD", 2]]);
  });

  it("buckets expiring items by month in date order", () => {
    const bars = expiringByMonth(itam.expiring);
    expect(bars.reduce((n, b) => n + b.value, 0)).toBe(itam.expiring.length);
    expect(bars.map((b) => b.label)).toEqual([...bars.map((b) => b.label)].sort());
  });

  it("draws fleet book value per category with the purchase cost as the mark", () => {
    const bars = fleetBars(itam.fleetValue);
    expect(bars).toHaveLength(itam.fleetValue?.groups.length ?? -1);
    expect(bars.every((b) => b.target !== undefined && b.value <= b.target)).toBe(true);
  });

  it("shows no figure without the financials permission (the fleet answers null)", () => {
    const kpi = fleetKpi(null);
    expect(kpi.value).toBe("—");
    expect(kpi.hint).toContain("financials");
    expect(fleetBars(null)).toEqual([]);
  });

  it("makes KPIs, three charts and two tables", () => {
    const part = shapeItam(itam, 90);
    expect(part.kpis.map((k) => k.id)).toEqual(["license-savings", "over-deployed", "expiring", "fleet-value"]);
    expect(part.charts.map((c) => c.id)).toEqual(["license-positions", "expiring-by-month", "fleet-by-category"]);
    expect(part.tables.find((t) => t.id === "over-deployed")?.rows[0]?.[0]).toMatch(/vSphere/);
  });
});

describe("metrics shaping (the isolated metrics(from, to) answer)", () => {
  it("asks for expiringWithinDays only when the query takes it", () => {
    expect(metricsQuery(["from", "to"])).not.toContain("$days");
    expect(metricsQuery(["from", "to", "expiringWithinDays"])).toContain("expiringWithinDays: $days");
  });

  it("turns the recorded answer into ITAM and ITSM KPIs and charts", () => {
    const part = shapeMetrics(metrics);
    expect(part.kpis.map((k) => k.id)).toEqual([
      "license-savings", "over-deployed", "expiring", "fleet-value", "mttr", "sla-compliance", "open-incidents",
    ]);
    const sla = part.charts.find((c) => c.id === "sla-by-service");
    expect(sla?.bars).toHaveLength(metrics.metrics.itsm.services.length);
    expect(sla?.floor).toBe(availabilityFloor(sla?.bars ?? []));
  });

  it("reports MTTR, SLA compliance and open incidents by priority", () => {
    const busy: MetricsAnswer = {
      metrics: {
        ...metrics.metrics,
        itsm: {
          ...metrics.metrics.itsm,
          slaCompliance: "50.0000",
          resolution: { resolved: 4, mttrMinutes: 90, firstContactRate: "25.0000" },
          byPriority: [{ priority: "P1", resolution: { resolved: 1, mttrMinutes: 30 } }],
        },
        openNowByPriority: [{ priority: "P2", count: 3 }, { priority: "P1", count: 1 }],
      },
    };
    const part = shapeMetrics(busy);
    const kpi = (id: string) => part.kpis.find((k) => k.id === id);
    expect(kpi("mttr")?.value).toBe("1 h 30 min");
    expect(kpi("sla-compliance")).toMatchObject({ value: "50.0 %", tone: "bad" });
    expect(kpi("open-incidents")?.value).toBe("4");
    expect(part.charts.find((c) => c.id === "open-by-priority")?.bars.map((b) => b.label)).toEqual(["P1", "P2"]);
  });

  it("lets metrics supply the KPIs while the detailed charts stay", () => {
    const page = composeDashboard(shapeItam(itam, 90), shapeMetrics(metrics));
    expect(page.kpis.some((k) => k.id === "mttr")).toBe(true);
    expect(page.charts.map((c) => c.id)).toContain("license-positions");
    expect(page.charts.map((c) => c.id)).toContain("sla-by-service");
    expect(composeDashboard(shapeItam(itam, 90), null).kpis).toHaveLength(4);
  });
});

describe("barGeometry", () => {
  it("puts zero where negative and positive values meet", () => {
    const g = barGeometry([{ value: -1 }, { value: 3 }], 400);
    expect(g.zeroX).toBe(100);
    expect(g.boxes).toEqual([{ x: 0, width: 100 }, { x: 100, width: 300 }]);
  });
  it("starts the scale at a floor and places target marks", () => {
    const g = barGeometry([{ value: 99.5, target: 100 }, { value: 98 }], 100, 99);
    expect(g.boxes[0]?.width).toBeCloseTo(50);
    expect(g.boxes[0]?.targetX).toBeCloseTo(100);
    expect(g.boxes[1]?.width).toBe(0);
  });
});
