/**
 * The `metrics(from, to)` query (ITAM + ITSM KPIs in one answer), isolated here: the
 * document, its answer's type and `shapeMetrics`, the only function that turns it into
 * dashboard parts. The page asks for it only when introspection shows `Query.metrics`,
 * and falls back to the per-feature queries (shaping.ts) if it fails.
 */
import type { Money } from "../api/types";
import { count, duration, percent } from "../format";
import type { Bar, DashboardPart, Kpi, Tone } from "./model";
import { moneyList, sumByCurrency, WITHHELD } from "./shaping";

export function metricsQuery(args: readonly string[]): string {
  const days = args.includes("expiringWithinDays");
  return `query DashboardMetrics($from: DateTime!, $to: DateTime!${days ? ", $days: Int!" : ""}) {
  metrics(from: $from, to: $to${days ? ", expiringWithinDays: $days" : ""}) {
    itsm {
      from to incidentsOpened slaCompliance
      resolution { resolved mttrMinutes firstContactRate }
      byPriority { priority resolution { resolved mttrMinutes } }
      services { service { id name } incidents downtimeMinutes availability slaTarget compliant }
      openAtEndByPriority { priority count }
    }
    itam {
      asOf overDeployedProducts shortfallUnits underUsedProducts expiringWithinDays
      licenseSavings { amount currency }
      expiring { kind count }
      fleetBookValue { currency assetCount bookValue }
    }
    openNowByPriority { priority count }
  }
}`;
}

interface Resolution {
  resolved: number;
  mttrMinutes: number | null;
  firstContactRate?: string | number | null;
}

interface PriorityCount {
  priority: string;
  count: number;
}

export interface MetricsAnswer {
  metrics: {
    itsm: {
      from: string;
      to: string;
      incidentsOpened: number;
      slaCompliance: string | number | null;
      resolution: Resolution;
      byPriority: { priority: string; resolution: Resolution }[];
      services: {
        service: { id: string; name: string };
        incidents: number;
        downtimeMinutes: number;
        availability: string | number;
        slaTarget: string | number | null;
        compliant: boolean | null;
      }[];
      openAtEndByPriority: PriorityCount[];
    };
    itam: {
      asOf: string;
      overDeployedProducts: number;
      shortfallUnits: number;
      underUsedProducts: number;
      expiringWithinDays: number;
      /** null (as fleetBookValue): the token lacks the `financials` permission */
      licenseSavings: Money[] | null;
      expiring: { kind: string; count: number }[];
      fleetBookValue: { currency: string; assetCount: number; bookValue: string }[] | null;
    };
    openNowByPriority: PriorityCount[];
  };
}

const num = (v: string | number | null | undefined): number | null => (v == null ? null : Number(v));

function slaTone(compliance: number | null): Tone | undefined {
  if (compliance == null) return undefined;
  return compliance >= 100 ? "good" : compliance >= 90 ? "warn" : "bad";
}

function itsmKpis(m: MetricsAnswer["metrics"]): Kpi[] {
  const { itsm } = m;
  const compliance = num(itsm.slaCompliance);
  const mttr = itsm.resolution.mttrMinutes;
  const open = m.openNowByPriority.reduce((n, p) => n + p.count, 0);
  return [
    {
      id: "mttr",
      label: "MTTR",
      value: duration(mttr == null ? null : mttr * 60),
      hint: `${count(itsm.resolution.resolved)} resolved, ${count(itsm.incidentsOpened)} opened`,
    },
    {
      id: "sla-compliance",
      label: "Services meeting their SLA",
      value: percent(compliance, 1),
      tone: slaTone(compliance),
    },
    {
      id: "open-incidents",
      label: "Open incidents",
      value: count(open),
      hint: m.openNowByPriority.map((p) => `${p.priority}: ${p.count}`).join(", ") || "none",
      tone: open ? "warn" : "good",
    },
  ];
}

function itamKpis(itam: MetricsAnswer["metrics"]["itam"]): Kpi[] {
  const lines = itam.fleetBookValue ?? [];
  const fleet = new Map(lines.map((f) => [f.currency, Number(f.bookValue)]));
  const expiring = itam.expiring.reduce((n, e) => n + e.count, 0);
  return [
    {
      id: "license-savings",
      label: "License savings / year",
      value: itam.licenseSavings ? moneyList(sumByCurrency(itam.licenseSavings)) : "—",
      hint: `${itam.underUsedProducts} under-used products`,
      tone: itam.underUsedProducts ? "warn" : "good",
    },
    {
      id: "over-deployed",
      label: "Over-deployed products",
      value: count(itam.overDeployedProducts),
      hint: `${count(itam.shortfallUnits)} units short`,
      tone: itam.overDeployedProducts ? "bad" : "good",
    },
    {
      id: "expiring",
      label: `Expiring within ${itam.expiringWithinDays} days`,
      value: count(expiring),
      hint: itam.expiring.map((e) => `${e.count} ${e.kind.toLowerCase()}`).join(", "),
      tone: expiring ? "warn" : "good",
    },
    {
      id: "fleet-value",
      label: `Fleet book value (${itam.asOf})`,
      value: fleet.size ? moneyList(fleet) : "—",
      hint: itam.fleetBookValue
        ? `${count(lines.reduce((n, f) => n + f.assetCount, 0))} assets`
        : WITHHELD,
    },
  ];
}

function slaBars(services: MetricsAnswer["metrics"]["itsm"]["services"]): Bar[] {
  return services.map((s) => {
    const availability = Number(s.availability);
    const target = num(s.slaTarget);
    return {
      label: s.service.name,
      value: availability,
      display: `${percent(availability)}${target == null ? "" : ` / ${percent(target)}`}`,
      tone: s.compliant == null ? undefined : s.compliant ? "good" : "bad",
      ...(target == null ? {} : { target }),
    };
  });
}

/** A scale starting a point below the lowest availability or target (all sit near 100). */
export function availabilityFloor(bars: readonly Bar[]): number {
  const values = bars.flatMap((b) => (b.target === undefined ? [b.value] : [b.value, b.target]));
  return values.length ? Math.max(0, Math.floor(Math.min(...values)) - 1) : 0;
}

function priorityBars(counts: PriorityCount[]): Bar[] {
  return [...counts]
    .sort((a, b) => a.priority.localeCompare(b.priority))
    .map((p) => ({ label: p.priority, value: p.count, display: String(p.count), tone: p.priority === "P1" ? "bad" : undefined }));
}

function mttrBars(byPriority: MetricsAnswer["metrics"]["itsm"]["byPriority"]): Bar[] {
  return byPriority.map((p) => ({
    label: p.priority,
    value: p.resolution.mttrMinutes ?? 0,
    display: `${duration((p.resolution.mttrMinutes ?? 0) * 60)} (${p.resolution.resolved})`,
  }));
}

/** The one place that knows the metrics answer's shape. */
export function shapeMetrics(answer: MetricsAnswer): DashboardPart {
  const m = answer.metrics;
  const sla = slaBars(m.itsm.services);
  return {
    kpis: [...itamKpis(m.itam), ...itsmKpis(m)],
    charts: [
      {
        id: "sla-by-service",
        title: "Availability per service, % (mark: SLA target)",
        bars: sla,
        empty: "No services.",
        floor: availabilityFloor(sla),
      },
      { id: "open-by-priority", title: "Open incidents by priority", bars: priorityBars(m.openNowByPriority), empty: "No open incidents." },
      { id: "mttr-by-priority", title: "MTTR by priority (resolved)", bars: mttrBars(m.itsm.byPriority), empty: "Nothing resolved in the window." },
    ],
    tables: [],
  };
}
