/** Today's ITAM queries (license positions, expiring items, fleet value) as KPIs and charts. */
import type { Money } from "../api/types";
import { count, date, moneyOf } from "../format";
import type { Bar, DashboardPart, Kpi } from "./model";
import type { ExpiringItem, FleetValue, ItamAnswer, LicensePosition } from "./types";

/** Amounts summed per currency, never across currencies. */
export function sumByCurrency(values: readonly (Money | null)[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const v of values) {
    if (v) out.set(v.currency, (out.get(v.currency) ?? 0) + Number(v.amount));
  }
  return out;
}

export function moneyList(totals: Map<string, number>): string {
  if (totals.size === 0) return "0";
  return [...totals].map(([currency, amount]) => moneyOf(amount, currency)).join(" + ");
}

export function licenseKpis(positions: LicensePosition[]): Kpi[] {
  const over = positions.filter((p) => p.status === "OVER_DEPLOYED");
  const under = positions.filter((p) => p.status === "UNDER_USED");
  return [
    {
      id: "license-savings",
      label: "License savings / year",
      value: moneyList(sumByCurrency(under.map((p) => p.yearlySaving))),
      hint: `${under.length} under-used product${under.length === 1 ? "" : "s"}`,
      tone: under.length ? "warn" : "good",
    },
    {
      id: "over-deployed",
      label: "Over-deployed products",
      value: count(over.length),
      hint: `${count(over.reduce((n, p) => n + p.shortfall, 0))} units short`,
      tone: over.length ? "bad" : "good",
    },
  ];
}

export function licenseBars(positions: LicensePosition[]): Bar[] {
  return positions.map((p) => ({
    label: `${p.product.name} (${p.metric.replace("PER_", "per ").toLowerCase()})`,
    value: p.position,
    display: `${p.consumed} / ${p.entitled}`,
    tone: p.status === "OVER_DEPLOYED" ? "bad" : p.status === "UNDER_USED" ? "warn" : "good",
  }));
}

/** Items per month of their end date, in date order. */
export function expiringByMonth(items: ExpiringItem[]): Bar[] {
  const months = new Map<string, number>();
  for (const item of [...items].sort((a, b) => a.endDate.localeCompare(b.endDate))) {
    const month = item.endDate.slice(0, 7);
    months.set(month, (months.get(month) ?? 0) + 1);
  }
  return [...months].map(([label, n]) => ({ label, value: n, display: String(n) }));
}

export function expiringKpi(items: ExpiringItem[], withinDays: number): Kpi {
  const kinds = ["WARRANTY", "CONTRACT", "LICENSE"] as const;
  const parts = kinds.map((k) => `${items.filter((i) => i.kind === k).length} ${k.toLowerCase()}`);
  const overdue = items.filter((i) => i.noticePassed).length;
  return {
    id: "expiring",
    label: `Expiring within ${withinDays} days`,
    value: count(items.length),
    hint: `${parts.join(", ")}${overdue ? `; ${overdue} past notice` : ""}`,
    tone: overdue ? "bad" : items.length ? "warn" : "good",
  };
}

export function fleetKpi(fleet: FleetValue | null): Kpi {
  if (fleet == null) {
    return { id: "fleet-value", label: "Fleet book value", value: "—", hint: WITHHELD };
  }
  const totals = new Map(fleet.totals.map((t) => [t.currency, Number(t.bookValue)]));
  const assets = fleet.totals.reduce((n, t) => n + t.assetCount, 0);
  return {
    id: "fleet-value",
    label: `Fleet book value (${fleet.asOf})`,
    value: totals.size ? moneyList(totals) : "—",
    hint: `${count(assets)} assets${fleet.unvalued ? `, ${fleet.unvalued} without cost data` : ""}`,
  };
}

export function fleetBars(fleet: FleetValue | null): Bar[] {
  return (fleet?.groups ?? [])
    .map((g) => ({
      label: `${g.key ?? "(none)"} · ${g.currency}`,
      value: Number(g.bookValue),
      display: moneyOf(Number(g.bookValue), g.currency),
      target: Number(g.cost),
    }))
    .sort((a, b) => b.value - a.value);
}

function expiringRows(items: ExpiringItem[]): string[][] {
  return items.map((i) => [
    i.kind.toLowerCase(),
    i.reference,
    date(i.endDate),
    i.noticePassed ? `${date(i.noticeDate)} (passed)` : date(i.noticeDate),
    i.services.map((s) => s.name).join(", ") || "—",
  ]);
}

/** What a figure shows when the token may not read costs. */
export const WITHHELD = "needs the financials permission";

export function shapeItam(answer: ItamAnswer, withinDays: number): DashboardPart {
  const over = answer.licensePositions.filter((p) => p.status === "OVER_DEPLOYED");
  return {
    kpis: [
      ...licenseKpis(answer.licensePositions),
      expiringKpi(answer.expiring, withinDays),
      fleetKpi(answer.fleetValue),
    ],
    charts: [
      {
        id: "license-positions",
        title: "License position (entitled − consumed)",
        bars: licenseBars(answer.licensePositions),
        empty: "No licenses recorded.",
      },
      {
        id: "expiring-by-month",
        title: `Warranties, contracts and licenses ending, by month`,
        bars: expiringByMonth(answer.expiring),
        empty: `Nothing ends within ${withinDays} days.`,
      },
      {
        id: "fleet-by-category",
        title: "Book value by category (mark: purchase cost)",
        bars: fleetBars(answer.fleetValue),
        empty: "No valued assets.",
      },
    ],
    tables: [
      {
        id: "expiring-items",
        title: "Act by (notice date first)",
        head: ["kind", "reference", "ends", "notice", "services"],
        rows: expiringRows(answer.expiring),
        empty: "Nothing to act on.",
      },
      {
        id: "over-deployed",
        title: "Over-deployed licenses (audit risk)",
        head: ["product", "metric", "entitled", "consumed", "short"],
        rows: over.map((p) => [p.product.name, p.metric, String(p.entitled), String(p.consumed), String(p.shortfall)]),
        empty: "None: every product is covered.",
      },
    ],
  };
}
