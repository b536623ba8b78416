/**
 * Detail answers as one screen of sections: the CMDB facts, the ITAM facts and the
 * incidents side by side. Pure, so the browser only renders what this decides.
 */
import { count, date, decimalMoney, money, orDash, percent } from "../format";
import type {
  AssetDetails,
  AssetFacts,
  CIDetails,
  DependencyEdge,
  IncidentFacts,
  ServiceDetails,
} from "./types";

export interface Row {
  label: string;
  value: string;
  /** A node to focus on the graph when the row is clicked. */
  nodeId?: string;
  tone?: "bad" | "warn" | "good";
}

export interface Section {
  id: string;
  title: string;
  rows: Row[];
  /** Shown when there are no rows. */
  empty: string;
}

export interface Column {
  id: "cmdb" | "itam" | "incidents";
  heading: string;
  sections: Section[];
}

export interface DetailsView {
  title: string;
  subtitle: string;
  status: string;
  columns: Column[];
}

const row = (label: string, value: string | number | null | undefined, extra: Partial<Row> = {}): Row => ({
  label,
  value: orDash(value),
  ...extra,
});

function section(id: string, title: string, rows: Row[], empty = "None."): Section {
  return { id, title, rows, empty };
}

function edgeRows(edges: DependencyEdge[]): Row[] {
  return edges.map((e) =>
    row(e.kind ? `${e.type} (${e.kind.toLowerCase()})` : e.type, e.node.name, { nodeId: e.node.id }),
  );
}

function cmdbSections(ci: CIDetails): Section[] {
  return [
    section("configuration", "Configuration", [
      row("Class", ci.ciClass),
      row("Status", ci.status, { tone: ci.status === "DOWN" ? "bad" : ci.status === "DEGRADED" ? "warn" : undefined }),
      row("Environment", ci.environment),
      row("Criticality", ci.criticality),
      row("Hostname", ci.hostname),
      row("FQDN", ci.fqdn),
      row("IP addresses", ci.ipAddresses.join(", ")),
      row("OS", ci.os),
      row("Make / model", [ci.manufacturer, ci.model].filter(Boolean).join(" ")),
      row("Serial number", ci.serialNumber),
      ...(ci.minAvailable != null ? [row("Min. available", ci.minAvailable)] : []),
    ]),
    section("discovery", "Discovery", [
      row("Sources", ci.sources.join(", ") || "manual"),
      row("First seen", date(ci.firstSeen)),
      row("Last seen", date(ci.lastSeen)),
    ]),
    section("depends-on", "Depends on", edgeRows(ci.dependsOn)),
    section("dependents", "Needed by", edgeRows(ci.dependents)),
    section(
      "services",
      "Services supported",
      ci.services.map((s) =>
        row(s.name, `${count(s.users)} users · SLA ${percent(s.slaTarget)} · crit. ${s.criticality}`, {
          nodeId: s.id,
        }),
      ),
    ),
    section(
      "software",
      "Installed software",
      ci.installedSoftware.map((i) =>
        row(i.product?.name ?? "?", [i.version, i.installedAt ? `since ${date(i.installedAt)}` : ""].filter(Boolean).join(" ")),
      ),
    ),
  ];
}

function warrantyTone(end: string | null, today: Date): Row["tone"] {
  if (!end) return "warn";
  const days = (Date.parse(end) - today.getTime()) / 86_400_000;
  return days < 0 ? "bad" : days < 90 ? "warn" : "good";
}

/** What a read of the past leaves out says so, rather than "none". */
const TODAY_ONLY = "Not kept in history: shown when the explorer is back at now.";

/** " · as of 2026-03-02 12:00 UTC" for a read of the past. */
function asOfNote(asOf: Date | null): string {
  return asOf ? ` · as of ${asOf.toISOString().slice(0, 16).replace("T", " ")} UTC` : "";
}

export function itamSections(asset: AssetFacts, today = new Date(), asOf: Date | null = null): Section[] {
  return [
    section("asset", "Asset", [
      row("Asset tag", asset.assetTag),
      row("Name", asset.name),
      row("Lifecycle state", asset.lifecycleState),
      row("Next states", asset.allowedTransitions.join(", ")),
      row("Category", asset.category),
      row("Cost centre", asset.costCenter),
      row("Assigned to", asset.assignedTo?.name),
      row("Location", asset.location?.name),
    ]),
    section("value", "Value", [
      row("Purchase", `${decimalMoney(asset.purchaseCost, asset.currency)} on ${date(asset.purchaseDate)}`),
      row(asOf ? "Book value then" : "Book value today", money(asset.bookValue)),
      row("Depreciation", [asset.depreciationMethod, asset.usefulLifeMonths ? `${asset.usefulLifeMonths} months` : ""].filter(Boolean).join(", ")),
    ]),
    section("contracts", "Warranty and contracts", [
      row("Warranty end", date(asset.warrantyEnd), { tone: warrantyTone(asset.warrantyEnd, asOf ?? today) }),
      ...asset.contracts.map((c) =>
        row(
          `${c.number} (${c.kind.toLowerCase()})`,
          [c.vendor?.name, `ends ${date(c.endDate)}`, `notice ${date(c.noticeDate)}`, money(c.annualCostMoney) + "/yr"]
            .filter(Boolean)
            .join(" · "),
        ),
      ),
    ]),
    section(
      "licenses",
      "Licenses consumed",
      (asset.licensesConsumed ?? []).map((l) =>
        row(
          `${l.product.name}${l.version ? ` ${l.version}` : ""}`,
          l.covered ? `${l.metric} · ${l.licenses.map((x) => x.name).join(", ")}` : `${l.metric} · NOT COVERED`,
          { tone: l.covered ? undefined : "bad" },
        ),
      ),
      asset.licensesConsumed ? undefined : TODAY_ONLY,
    ),
    section(
      "history",
      "Lifecycle history",
      (asset.history ?? []).map((e) =>
        row(`${e.seq}. ${e.from ?? "recorded"} → ${e.to}`, `${date(e.at)} · ${e.actor}${e.note ? ` · ${e.note}` : ""}`),
      ),
      asset.history ? undefined : TODAY_ONLY,
    ),
  ];
}

const NO_ASSET = section("asset", "Asset", [], "No asset record tracks this CI.");

export function incidentList(raw: CIDetails["incidents"]): IncidentFacts[] {
  if (!raw) return [];
  return Array.isArray(raw) ? raw : raw.edges.map((e) => e.node);
}

function incidentSection(ci: CIDetails, asOf: Date | null): Section {
  if (asOf) return section("incidents", "Incidents", [], TODAY_ONLY);
  if (ci.incidents === undefined) {
    return section("incidents", "Incidents", [], "This server's schema has no CI incidents yet.");
  }
  const rows = incidentList(ci.incidents).map((i) =>
    row(`${orDash(i.number)} ${orDash(i.priority)}`, `${orDash(i.state)} · ${orDash(i.title)} · opened ${date(i.openedAt)}`, {
      tone: i.state === "RESOLVED" || i.state === "CLOSED" ? undefined : "bad",
    }),
  );
  return section("incidents", "Incidents", rows, "No incidents.");
}

export function ciView(ci: CIDetails, today = new Date(), asOf: Date | null = null): DetailsView {
  return {
    title: ci.name,
    subtitle: ci.ciClass + asOfNote(asOf),
    status: ci.status,
    columns: [
      { id: "cmdb", heading: "CMDB", sections: cmdbSections(ci) },
      { id: "itam", heading: "ITAM", sections: ci.asset ? itamSections(ci.asset, today, asOf) : [NO_ASSET] },
      { id: "incidents", heading: "Incidents", sections: [incidentSection(ci, asOf)] },
    ],
  };
}

export function serviceView(s: ServiceDetails, asOf: Date | null = null): DetailsView {
  return {
    title: s.name,
    subtitle: "business service" + asOfNote(asOf),
    status: "",
    columns: [
      {
        id: "cmdb",
        heading: "Service",
        sections: [
          section("service", "Service", [
            row("Criticality", s.criticality),
            row("Users", count(s.users)),
            row("SLA target", percent(s.slaTarget)),
            row("Owner", s.owner),
            row("Description", s.description),
          ]),
          section("depends-on", "Depends on", edgeRows(s.dependsOn)),
          section("dependents", "Needed by", edgeRows(s.dependents)),
        ],
      },
    ],
  };
}

export function assetView(a: AssetDetails, today = new Date(), asOf: Date | null = null): DetailsView {
  const ci = a.ci
    ? [row("Configuration item", `${a.ci.name} (${a.ci.ciClass}, ${a.ci.status})`, { nodeId: a.ci.id })]
    : [];
  return {
    title: `${a.assetTag} ${a.name}`,
    subtitle: "asset" + asOfNote(asOf),
    status: "",
    columns: [
      {
        id: "itam",
        heading: "ITAM",
        sections: [section("tracks", "Tracks", ci, "No CI linked."), ...itamSections(a, today, asOf)],
      },
    ],
  };
}

export function genericView(node: { name: string; labels: string[] }, asOf: Date | null = null): DetailsView {
  return { title: node.name, subtitle: node.labels.join(", ") + asOfNote(asOf), status: "", columns: [] };
}
