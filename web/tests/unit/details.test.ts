import { describe, expect, it } from "vitest";
import { type IntrospectionAnswer, readCapabilities } from "../../src/api/capabilities";
import { ciView, incidentList } from "../../src/details/model";
import { ciDetailsQuery, incidentsSelection } from "../../src/details/queries";
import type { CIDetails } from "../../src/details/types";
import recordedCI from "./fixtures/ci-h1.json";
import introspection from "./fixtures/introspection.json";

const h1 = recordedCI.ci as CIDetails;
const TODAY = new Date("2026-01-01T00:00:00Z");

function section(view: ReturnType<typeof ciView>, column: string, id: string) {
  return view.columns.find((c) => c.id === column)?.sections.find((s) => s.id === id);
}

describe("ciView", () => {
  it("puts CMDB, ITAM and incident facts of h1 side by side", () => {
    const view = ciView(h1, TODAY);
    expect(view.columns.map((c) => c.id)).toEqual(["cmdb", "itam", "incidents"]);
    expect(view.title).toBe("h1");
    const services = section(view, "cmdb", "services")?.rows.map((r) => r.label) ?? [];
    expect(services).toContain("Web Shop Demo");
    const asset = section(view, "itam", "asset")?.rows ?? [];
    expect(asset.find((r) => r.label === "Asset tag")?.value).toBe(h1.asset?.assetTag);
    expect(asset.find((r) => r.label === "Lifecycle state")?.value).toBe("DEPLOYED");
    const contracts = section(view, "itam", "contracts")?.rows ?? [];
    expect(contracts.map((r) => r.label).join()).toContain("SUP-2025-001");
    const licenses = section(view, "itam", "licenses")?.rows ?? [];
    expect(licenses.some((r) => r.tone === "bad")).toBe(false);
    expect(section(view, "itam", "history")?.rows.length).toBeGreaterThanOrEqual(2);
  });

  it("says so when no asset tracks the CI, and when the schema has no incidents", () => {
    const view = ciView({ ...h1, asset: null }, TODAY);
    expect(section(view, "itam", "asset")?.empty).toMatch(/No asset/);
    expect(section(view, "incidents", "incidents")?.empty).toMatch(/no CI incidents/);
  });

  it("lists incidents from a plain list or a connection", () => {
    const incident = { number: "INC-1", priority: "P1", state: "NEW", title: "disk", openedAt: "2026-01-01T10:00:00Z" };
    expect(incidentList([incident])).toEqual([incident]);
    expect(incidentList({ edges: [{ node: incident }] })).toEqual([incident]);
    const rows = section(ciView({ ...h1, incidents: [incident] }, TODAY), "incidents", "incidents")?.rows ?? [];
    expect(rows[0]).toMatchObject({ label: "INC-1 P1", tone: "bad" });
  });

  it("of a past moment: says when, and that events, licences and incidents are today's only", () => {
    const then = new Date("2025-06-30T12:00:00Z");
    const asset = h1.asset ? { ...h1.asset, history: undefined, licensesConsumed: undefined } : null;
    const view = ciView({ ...h1, asset, incidents: undefined }, TODAY, then);
    expect(view.subtitle).toContain("as of 2025-06-30 12:00 UTC");
    const kept: [string, string][] = [["itam", "history"], ["itam", "licenses"], ["incidents", "incidents"]];
    for (const [column, id] of kept) {
      expect(section(view, column, id)?.rows).toEqual([]);
      expect(section(view, column, id)?.empty).toMatch(/Not kept in history/);
    }
    expect(section(view, "itam", "value")?.rows.map((r) => r.label)).toContain("Book value then");
  });

  it("links dependencies to their nodes", () => {
    const rows = section(ciView(h1, TODAY), "cmdb", "dependents")?.rows ?? [];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.nodeId)).toBe(true);
  });
});

describe("capabilities", () => {
  it("finds what the recorded schema offers", () => {
    const caps = readCapabilities(introspection as IntrospectionAnswer);
    expect(caps.metrics?.args).toEqual(expect.arrayContaining(["from", "to"]));
    if (caps.incidents) {
      expect(caps.incidents.field).toBe("incidents");
      expect(caps.incidents.fields).toEqual(expect.arrayContaining(["number", "priority", "state"]));
    }
  });

  it("asks for no incidents when the schema has none", () => {
    const none = readCapabilities({ ci: { fields: [] }, query: { fields: [] }, incident: null, serviceImpact: null });
    expect(none).toEqual({ incidents: null, impactIncidents: false, metrics: null, dataQuality: false });
    expect(ciDetailsQuery(none.incidents)).not.toContain("incidents");
  });

  it("selects incidents through a connection when the field is one", () => {
    const sel = { field: "incidents", connection: true, fields: ["number", "title"] };
    expect(incidentsSelection(sel)).toBe("incidents: incidents { edges { node { number title } } }");
    expect(ciDetailsQuery(sel)).toContain("edges { node { number title } }");
  });

  it("skips an incidents field that needs arguments", () => {
    const field = {
      name: "incidents",
      args: [{ name: "state", defaultValue: null, type: { kind: "NON_NULL", name: null } }],
      type: { kind: "LIST", name: null, ofType: { kind: "OBJECT", name: "Incident" } },
    };
    const caps = readCapabilities({ ci: { fields: [field] }, query: { fields: [] }, incident: { fields: [{ name: "number" }] }, serviceImpact: null });
    expect(caps.incidents).toBeNull();
  });
});
