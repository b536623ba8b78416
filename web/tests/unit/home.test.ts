import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { buildSchema, parse, validate } from "graphql";
import { type HomeIncident, type HomeService, HOME_INCIDENTS, HOME_SERVICES, type IncidentsAnswer, impactTargets, openIncidents, orderServices, withStatus } from "../../src/home/model";
import { ADMIN } from "../../src/admin/admin-page";
import { initMessage } from "../../src/live/protocol";

const schema = buildSchema(readFileSync(new URL("../../../schema.graphql", import.meta.url), "utf8"));

function service(name: string, status: string, criticality: number, users = 10): HomeService {
  return { id: name, name, status, criticality, users, slaTarget: null, owner: null, dependsOn: [] };
}

function incident(number: string, priority: string, openedAt: string, extra: Partial<HomeIncident> = {}): HomeIncident {
  return { id: number, number, title: "t", priority, state: "NEW", openedAt, affects: [], cause: null, ...extra };
}

describe("the first screen", () => {
  it("asks only what the schema has (the home and admin documents validate)", () => {
    expect(validate(schema, parse(HOME_SERVICES))).toEqual([]);
    expect(validate(schema, parse(HOME_INCIDENTS))).toEqual([]);
    expect(validate(schema, parse(ADMIN))).toEqual([]);
  });

  it("lists down services first, then degraded, then by criticality and users", () => {
    const ordered = orderServices([
      service("ok-critical", "OPERATIONAL", 5),
      service("degraded", "DEGRADED", 1),
      service("down-low", "DOWN", 1),
      service("down-high", "DOWN", 5),
      service("ok-busy", "OPERATIONAL", 5, 1000),
    ]);
    expect(ordered.map((s) => s.name)).toEqual(["down-high", "down-low", "degraded", "ok-busy", "ok-critical"]);
  });

  it("orders open incidents by priority, then newest first, NEW and IN_PROGRESS together", () => {
    const answer: IncidentsAnswer = {
      opened: { edges: [{ node: incident("I-1", "P2", "2026-01-01") }, { node: incident("I-2", "P1", "2026-01-01") }] },
      inProgress: { edges: [{ node: incident("I-3", "P2", "2026-02-01") }] },
    };
    expect(openIncidents(answer).map((i) => i.number)).toEqual(["I-2", "I-3", "I-1"]);
  });

  it("runs an incident's impact with the CIs it names, its cause first, services left out", () => {
    const h1 = { id: "h1", name: "h1", labels: ["CI", "Server"] };
    const shop = { id: "s", name: "Shop", labels: ["Service"] };
    const web1 = { id: "w1", name: "web1", labels: ["CI", "VirtualMachine"] };
    const hit = incident("I-1", "P1", "x", { affects: [shop, web1, h1], cause: h1 });
    expect(impactTargets(hit).map((n) => n.id)).toEqual(["h1", "w1"]);
    expect(impactTargets(incident("I-2", "P1", "x", { affects: [shop] }))).toEqual([]);
  });

  it("applies a live move to the service it names only", () => {
    const moved = withStatus([service("a", "OPERATIONAL", 1), service("b", "OPERATIONAL", 1)], "b", "DOWN");
    expect(moved.map((s) => s.status)).toEqual(["OPERATIONAL", "DOWN"]);
  });

  it("opens the live socket of a signed-in browser with its CSRF token", () => {
    expect(initMessage({ csrfToken: "c" })).toEqual({ type: "connection_init", payload: { csrfToken: "c" } });
  });
});
