import { describe, expect, it } from "vitest";
import type { ImpactReport, ServiceImpact } from "../../src/api/types";
import {
  aliasIndex,
  bulkInput,
  ciClassOf,
  ownerMutation,
  ownerVariables,
  planProblems,
  rowProblems,
} from "../../src/edit-graph/bulk-model";
import { affectsOf, incidentDraft, suggestedPriority } from "../../src/edit-graph/incident-prefill";
import { hasKind, typeChoices } from "../../src/edit-graph/relation-types";
import recorded from "./fixtures/impact-h1.json";

const report = recorded.impact as ImpactReport;
const idOf = (name: string): string => report.nodes.find((n) => n.node.name === name)?.node.id ?? "";

const VM = { labels: ["CI", "VirtualMachine"] };
const SERVER = { labels: ["CI", "Server"] };
const APP = { labels: ["CI", "Application"] };
const CLUSTER = { labels: ["CI", "Cluster"] };
const SERVICE = { labels: ["Service"] };
const ASSET = { labels: ["Asset"] };

describe("relationship type choice", () => {
  it("puts the most specific legal type first, then the other legal ones", () => {
    expect(typeChoices(VM, SERVER).filter((c) => c.legal).map((c) => c.type)).toEqual(["HOSTED_ON", "DEPENDS_ON", "CONNECTED_TO"]);
    expect(typeChoices(APP, VM)[0]).toEqual({ type: "RUNS_ON", legal: true });
    expect(typeChoices(VM, CLUSTER)[0]).toEqual({ type: "MEMBER_OF", legal: true });
    expect(typeChoices(SERVICE, APP)[0]).toEqual({ type: "DEPENDS_ON", legal: true });
  });

  it("still offers every drawable type (the API decides), the illegal ones after", () => {
    const choices = typeChoices(SERVER, VM);
    expect(choices.map((c) => c.type).sort()).toEqual(["CONNECTED_TO", "DEPENDS_ON", "HOSTED_ON", "MEMBER_OF", "RUNS_ON"]);
    expect(choices.find((c) => c.type === "HOSTED_ON")?.legal).toBe(false);
    expect(choices.slice(-3).every((c) => !c.legal)).toBe(true);
  });

  it("knows no legal type from an asset, and only DEPENDS_ON has a kind", () => {
    expect(typeChoices(ASSET, SERVER).some((c) => c.legal)).toBe(false);
    expect(typeChoices(SERVICE, SERVER).filter((c) => c.legal).map((c) => c.type)).toEqual(["DEPENDS_ON"]);
    expect(hasKind("DEPENDS_ON")).toBe(true);
    expect(hasKind("RUNS_ON")).toBe(false);
  });
});

describe("bulk input", () => {
  const selection = [
    { id: "a", name: "web1", ...VM },
    { id: "b", name: "lb-1", labels: ["CI", "LoadBalancer"] },
    { id: "s", name: "Shop", ...SERVICE },
    { id: "x", name: "AT-1", ...ASSET },
  ];

  it("names CI classes as the API's enum", () => {
    expect(ciClassOf(VM.labels)).toBe("VIRTUAL_MACHINE");
    expect(ciClassOf(["CI", "LoadBalancer"])).toBe("LOAD_BALANCER");
    expect(ciClassOf(SERVICE.labels)).toBeNull();
  });

  it("sends CIs only the fields chosen, services the owner, and keeps the rest aside", () => {
    const input = bulkInput(selection, { status: "MAINTENANCE", environment: null, criticality: 2, owner: "ops" });
    expect(input.rows).toEqual([
      { name: "web1", ciClass: "VIRTUAL_MACHINE", status: "MAINTENANCE", criticality: 2 },
      { name: "lb-1", ciClass: "LOAD_BALANCER", status: "MAINTENANCE", criticality: 2 },
    ]);
    expect(input.cis.map((n) => n.id)).toEqual(["a", "b"]);
    expect(input.services.map((n) => n.id)).toEqual(["s"]);
    expect(input.untouched.map((n) => n.id)).toEqual(["x"]);
  });

  it("leaves CIs out when only the owner changes, and services out without an owner", () => {
    expect(bulkInput(selection, { status: null, environment: null, criticality: null, owner: "ops" }).rows).toEqual([]);
    expect(bulkInput(selection, { status: "DOWN", environment: null, criticality: null, owner: null }).services).toEqual([]);
  });

  it("refuses a preview that found another CI, several, or changes more than asked", () => {
    const input = bulkInput(selection, { status: "DOWN", environment: null, criticality: null, owner: null });
    const fine = { index: 0, action: "UPDATE", ci: { id: "a" }, reason: null, changes: [{ field: "status" }] };
    expect(planProblems([fine, { ...fine, index: 1, action: "UNCHANGED", ci: { id: "b" }, changes: [] }], input, ["status"])).toEqual([]);
    const problems = planProblems(
      [
        { ...fine, ci: { id: "other" } },
        { index: 1, action: "AMBIGUOUS", ci: null, reason: "two CIs match", changes: [] },
      ],
      input,
      ["status"],
    );
    expect(problems.map((p) => [p.id, p.message])).toEqual([
      ["a", "identification found another CI; nothing was written"],
      ["b", "AMBIGUOUS: two CIs match"],
    ]);
    const extra = planProblems([{ ...fine, changes: [{ field: "status" }, { field: "hostname" }] }], input, ["status"]);
    expect(extra[0]?.message).toContain("hostname");
  });

  it("reads a bulk refusal's rows back to the selected CIs and the form field", () => {
    const input = bulkInput(selection, { status: null, environment: null, criticality: 9, owner: null });
    expect(rowProblems([{ row: 1, field: "criticality", reason: "Input should be less than or equal to 5" }], input)).toEqual([
      { id: "b", name: "lb-1", message: "Input should be less than or equal to 5", field: "criticality" },
    ]);
  });

  it("asks every service's owner in one request of aliases, and reads an error's alias", () => {
    const doc = ownerMutation(2);
    expect(doc).toContain("s0: updateService(id: $id0, input: $input)");
    expect(doc).toContain("s1: updateService(id: $id1, input: $input)");
    expect(ownerVariables([{ id: "s", name: "Shop", labels: [] }], "ops")).toEqual({ input: { owner: "ops" }, id0: "s" });
    expect(aliasIndex(["s1"])).toBe(1);
    expect(aliasIndex(["updateService"])).toBeNull();
    expect(aliasIndex(undefined)).toBeNull();
  });
});

describe("incident from an impact result", () => {
  const h1 = { id: idOf("h1"), name: "h1" };

  it("drafts h1's incident: the shop affected, h1 the suspected cause, P1 (1,000 users)", () => {
    const draft = incidentDraft(report, { down: [h1], degraded: [] });
    const shop = report.services[0];
    expect(draft.services).toEqual([{ id: shop?.service.id, name: "Web Shop Demo", status: "DOWN" }]);
    expect(draft.causes).toEqual([{ ...h1, status: "DOWN" }]);
    expect(draft.priority).toBe("P1");
    expect(draft.title).toBe("h1 down: Web Shop Demo");
    expect(draft.description).toContain("Suspected cause: h1 (DOWN).");
    expect(draft.description).toContain(shop?.path.join(" → "));
    expect(affectsOf(draft.services, draft.causes)).toEqual([shop?.service.id, h1.id]);
  });

  it("suggests the priority by impact and urgency, the most urgent service winning", () => {
    const service = (status: "DOWN" | "DEGRADED", criticality: number, users: number): ServiceImpact => ({
      service: { id: `${status}${criticality}${users}`, name: "s", criticality, users, slaTarget: null, owner: null },
      status,
      distance: 1,
      path: [],
      pathIds: [],
    });
    const of = (...services: ServiceImpact[]): ImpactReport => ({ ...report, services });
    expect(suggestedPriority(of(service("DOWN", 2, 10)))).toBe("P2");
    expect(suggestedPriority(of(service("DEGRADED", 4, 10)))).toBe("P3");
    expect(suggestedPriority(of(service("DEGRADED", 1, 10)))).toBe("P4");
    expect(suggestedPriority(of(service("DEGRADED", 1, 10), service("DOWN", 5, 0)))).toBe("P1");
    expect(suggestedPriority(of())).toBe("P4");
  });

  it("names each affected item once, and a degraded cause as failing", () => {
    const draft = incidentDraft({ ...report, services: [] }, { down: [], degraded: [h1] });
    expect(draft.title).toBe("h1 failing: no service hit");
    expect(affectsOf(draft.causes, draft.causes)).toEqual([h1.id]);
  });
});
