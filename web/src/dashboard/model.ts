/** What the dashboard draws, whatever query it came from. */

export type Tone = "good" | "warn" | "bad";

export interface Kpi {
  id: string;
  label: string;
  value: string;
  hint?: string;
  tone?: Tone;
}

export interface Bar {
  label: string;
  value: number;
  /** The printed value (money, percent…); the number is what is drawn. */
  display: string;
  tone?: Tone;
  /** A reference mark (an SLA target, an entitlement). */
  target?: number;
}

export interface ChartSpec {
  id: string;
  title: string;
  bars: Bar[];
  empty: string;
  /** Start of the scale when not zero. */
  floor?: number;
}

export interface TableSpec {
  id: string;
  title: string;
  head: string[];
  rows: string[][];
  empty: string;
}

export interface DashboardPart {
  kpis: Kpi[];
  charts: ChartSpec[];
  tables: TableSpec[];
}

/**
 * The page: the detailed ITAM charts and tables always; the KPIs from `metrics` when the
 * server has it (they cover ITAM too), else those computed from the detailed queries.
 */
export function composeDashboard(itam: DashboardPart, metrics: DashboardPart | null): DashboardPart {
  return {
    kpis: metrics ? metrics.kpis : itam.kpis,
    charts: [...itam.charts, ...(metrics?.charts ?? [])],
    tables: [...itam.tables, ...(metrics?.tables ?? [])],
  };
}
