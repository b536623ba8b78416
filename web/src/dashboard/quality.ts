/**
 * The `dataQuality` query (per CI class: duplicate suspects, CIs without an asset, stale
 * CIs and links, missing mandatory fields, completeness), isolated like metrics.ts: the
 * document, its answer's type and `shapeQuality`, the only function that reads it. The
 * page asks for it only when introspection shows `Query.dataQuality`.
 */
import { count, percent } from "../format";
import type { Bar, DashboardPart, Kpi, Tone } from "./model";

export const DATA_QUALITY = `query DashboardDataQuality {
  dataQuality {
    asOf totalCIs completeCIs completeness duplicateSuspects cisWithoutAsset assetsWithoutCI
    staleCIs staleLinks
    classes {
      ciClass total duplicateSuspects withoutAsset staleCIs staleLinks staleAfterDays
      missingFields { field missing } incomplete completeness
    }
  }
}`;

export interface ClassQuality {
  ciClass: string;
  total: number;
  duplicateSuspects: number;
  withoutAsset: number | null;
  staleCIs: number;
  staleLinks: number;
  staleAfterDays: number;
  missingFields: { field: string; missing: number }[];
  incomplete: number;
  completeness: number | null;
}

export interface DataQualityAnswer {
  dataQuality: {
    asOf: string;
    totalCIs: number;
    completeCIs: number;
    completeness: number | null;
    duplicateSuspects: number;
    cisWithoutAsset: number;
    assetsWithoutCI: number;
    staleCIs: number;
    staleLinks: number;
    classes: ClassQuality[];
  };
}

/** SERVER -> Server, NETWORK_DEVICE -> Network device. */
export function className(ciClass: string): string {
  const words = ciClass.toLowerCase().replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Completeness (0..1) as a tone: all there is good, under 80 % is bad. */
export function completenessTone(share: number | null): Tone | undefined {
  if (share == null) return undefined;
  return share >= 0.999 ? "good" : share >= 0.8 ? "warn" : "bad";
}

const share = (v: number | null): string => percent(v == null ? null : v * 100, 1);
const problems = (n: number): Tone => (n ? "warn" : "good");

function kpis(q: DataQualityAnswer["dataQuality"]): Kpi[] {
  return [
    {
      id: "completeness",
      label: "CI completeness",
      value: share(q.completeness),
      hint: `${count(q.completeCIs)} of ${count(q.totalCIs)} CIs have every mandatory field`,
      tone: completenessTone(q.completeness),
    },
    {
      id: "duplicate-suspects",
      label: "Duplicate suspects",
      value: count(q.duplicateSuspects),
      hint: "CIs in a HIGH or MEDIUM duplicate group (serial, MAC, FQDN, host name, name)",
      tone: q.duplicateSuspects ? "bad" : "good",
    },
    {
      id: "stale",
      label: "Stale CIs / links",
      value: `${count(q.staleCIs)} / ${count(q.staleLinks)}`,
      hint: "not confirmed in time; flagged, never deleted",
      tone: problems(q.staleCIs + q.staleLinks),
    },
    {
      id: "asset-gaps",
      label: "CIs without asset / assets without CI",
      value: `${count(q.cisWithoutAsset)} / ${count(q.assetsWithoutCI)}`,
      hint: "hardware CIs; assets in use",
      tone: problems(q.cisWithoutAsset + q.assetsWithoutCI),
    },
  ];
}

function completenessBars(classes: ClassQuality[]): Bar[] {
  return classes
    .filter((c) => c.total > 0 && c.completeness != null)
    .map((c) => {
      const tone = completenessTone(c.completeness);
      return {
        label: className(c.ciClass),
        value: (c.completeness ?? 0) * 100,
        display: `${share(c.completeness)} of ${count(c.total)}`,
        target: 100,
        ...(tone ? { tone } : {}),
      };
    });
}

/** The field most CIs of the class lack, with how many lack it. */
export function worstGap(c: ClassQuality): string {
  const worst = [...c.missingFields].sort((a, b) => b.missing - a.missing)[0];
  return worst && worst.missing > 0 ? `${worst.field} (${count(worst.missing)})` : "—";
}

function row(c: ClassQuality): string[] {
  return [
    className(c.ciClass),
    count(c.total),
    share(c.completeness),
    count(c.duplicateSuspects),
    c.withoutAsset == null ? "n/a" : count(c.withoutAsset),
    `${count(c.staleCIs)} / ${count(c.staleLinks)} (${c.staleAfterDays} d)`,
    worstGap(c),
  ];
}

/** The one place that knows the dataQuality answer's shape. */
export function shapeQuality(answer: DataQualityAnswer): DashboardPart {
  const q = answer.dataQuality;
  const populated = q.classes.filter((c) => c.total > 0);
  return {
    kpis: kpis(q),
    charts: [
      {
        id: "completeness-by-class",
        title: "Completeness per CI class, % (CIs with every mandatory field)",
        bars: completenessBars(q.classes),
        empty: "No CIs yet.",
      },
    ],
    tables: [
      {
        id: "data-quality",
        title: "Data quality per CI class",
        head: ["Class", "CIs", "Complete", "Duplicates", "No asset", "Stale CIs / links", "Most missing"],
        rows: populated.map(row),
        empty: "No CIs yet.",
      },
    ],
  };
}
