/** The dashboard route: KPI cards, bar charts and the act-by tables. */
import { capabilities } from "../api/capabilities";
import type { GraphQL } from "../api/client";
import { barChart } from "../charts/bar-chart";
import { fill, h } from "../dom";
import { type MetricsAnswer, metricsQuery, shapeMetrics } from "./metrics";
import { type DashboardPart, type Kpi, type TableSpec, composeDashboard } from "./model";
import { DATA_QUALITY, type DataQualityAnswer, shapeQuality } from "./quality";
import { ITAM_DASHBOARD } from "./queries";
import { shapeItam } from "./shaping";
import type { ItamAnswer } from "./types";

const WINDOWS = [7, 30, 90] as const;
const EXPIRING_DAYS = 90;

interface Loaded {
  part: DashboardPart;
  quality: DashboardPart | null;
  source: string;
}

async function loadQuality(api: GraphQL): Promise<DashboardPart | null> {
  const caps = await capabilities(api);
  if (!caps.dataQuality) return null;
  return shapeQuality(await api.request<DataQualityAnswer>(DATA_QUALITY));
}

async function loadMetrics(api: GraphQL, days: number): Promise<DashboardPart | null> {
  const caps = await capabilities(api);
  if (!caps.metrics) return null;
  const to = new Date();
  const from = new Date(to.getTime() - days * 86_400_000);
  const answer = await api.request<MetricsAnswer>(metricsQuery(caps.metrics.args), {
    from: from.toISOString(),
    to: to.toISOString(),
    days: EXPIRING_DAYS,
  });
  return shapeMetrics(answer);
}

async function load(api: GraphQL, days: number): Promise<Loaded> {
  const [itam, metrics, quality] = await Promise.all([
    api.request<ItamAnswer>(ITAM_DASHBOARD, { withinDays: EXPIRING_DAYS }),
    loadMetrics(api, days).catch((e: unknown) => {
      console.warn("metrics query failed; KPIs from the detailed queries", e);
      return null;
    }),
    loadQuality(api).catch((e: unknown) => {
      console.warn("dataQuality query failed; the panel is left out", e);
      return null;
    }),
  ]);
  return {
    part: composeDashboard(shapeItam(itam, EXPIRING_DAYS), metrics),
    quality,
    source: metrics
      ? `KPIs: metrics over the last ${days} days`
      : "KPIs: licensePositions, expiring, fleetValue (no metrics query on this server)",
  };
}

function kpiCard(k: Kpi): HTMLElement {
  return h(
    "div",
    { class: `kpi ${k.tone ? `tone-${k.tone}` : ""}`, id: `kpi-${k.id}` },
    h("span", { class: "kpi-label" }, k.label),
    h("strong", { class: "kpi-value" }, k.value),
    k.hint ? h("small", {}, k.hint) : null,
  );
}

function table(t: TableSpec): HTMLElement {
  const body =
    t.rows.length === 0
      ? h("p", { class: "muted" }, t.empty)
      : h(
          "table",
          {},
          h("thead", {}, h("tr", {}, ...t.head.map((c) => h("th", {}, c)))),
          h("tbody", {}, ...t.rows.map((r) => h("tr", {}, ...r.map((c) => h("td", {}, c))))),
        );
  return h("section", { class: "table-card", id: `table-${t.id}` }, h("h3", {}, t.title), body);
}

/** KPI cards, then charts, then tables: the layout of every dashboard part. */
function partBody(part: DashboardPart): HTMLElement[] {
  return [
    h("div", { class: "kpis" }, ...part.kpis.map(kpiCard)),
    h("div", { class: "charts" }, ...part.charts.map(barChart)),
    h("div", { class: "tables" }, ...part.tables.map(table)),
  ];
}

function qualityPanel(quality: DashboardPart | null): HTMLElement | null {
  if (!quality) return null;
  return h("section", { class: "quality", id: "data-quality" }, h("h3", {}, "Data quality"), ...partBody(quality));
}

export function dashboardPage(api: GraphQL): HTMLElement {
  const content = h("div", { id: "dashboard-content" }, h("p", { class: "muted" }, "Loading…"));
  const picker = h(
    "select",
    { id: "dashboard-window" },
    ...WINDOWS.map((d) => h("option", { value: d, selected: d === 30 }, `last ${d} days`)),
  );
  const refresh = async (): Promise<void> => {
    try {
      const { part, quality, source } = await load(api, Number(picker.value));
      fill(
        content,
        ...partBody(part),
        qualityPanel(quality),
        h("p", { class: "muted source", id: "dashboard-source" }, source),
      );
      content.dataset["ready"] = "true";
    } catch (e) {
      fill(content, h("p", { class: "error" }, `Could not load the dashboard: ${String(e)}`));
    }
  };
  picker.addEventListener("change", () => void refresh());
  void refresh();
  return h(
    "section",
    { class: "dashboard", id: "dashboard" },
    h("header", { class: "dashboard-head" }, h("h2", {}, "Dashboard"), picker),
    content,
  );
}
