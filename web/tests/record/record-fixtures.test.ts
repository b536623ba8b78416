/// <reference types="node" />
/**
 * Re-records the API answers the unit tests read (tests/unit/fixtures), with the very
 * documents the explorer sends. Against a server loaded like the browser test's:
 *   RECORD_FROM=http://127.0.0.1:8000 RECORD_TOKEN=… npm run record-fixtures
 */
import { writeFileSync } from "node:fs";
import { describe, it } from "vitest";
import { INTROSPECTION } from "../../src/api/capabilities";
import { GraphQLClient } from "../../src/api/client";
import { ITAM_DASHBOARD } from "../../src/dashboard/queries";
import { metricsQuery } from "../../src/dashboard/metrics";
import { ciDetailsQuery } from "../../src/details/queries";
import { GRAPH, SEARCH } from "../../src/explore/queries";
import { impactQuery } from "../../src/impact/queries";

const url = process.env["RECORD_FROM"];
const token = process.env["RECORD_TOKEN"] ?? "";
const dir = new URL("../unit/fixtures/", import.meta.url);

describe.runIf(url)("record fixtures", () => {
  it("writes the answers", async () => {
    const api = new GraphQLClient(() => token, `${url}/graphql`);
    const save = (name: string, data: unknown): void =>
      writeFileSync(new URL(`${name}.json`, dir), `${JSON.stringify(data, null, 2)}\n`);
    const search = await api.request<{ services: { edges: { node: { id: string } }[] } }>(SEARCH, {
      q: "Web Shop Demo",
      first: 8,
    });
    save("search-web-shop", search);
    const shop = search.services.edges[0]?.node.id;
    save("graph-web-shop-depth2", await api.request(GRAPH, { id: shop, depth: 2, types: null }));
    const h1 = (await api.request<{ byName: { edges: { node: { id: string; name: string } }[] } }>(SEARCH, { q: "h1", first: 8 }))
      .byName.edges.find((e) => e.node.name === "h1")?.node.id;
    save("impact-h1", await api.request(impactQuery(null, false), { down: [h1], degraded: [] }));
    save("ci-h1", await api.request(ciDetailsQuery(null), { id: h1 }));
    save("itam-dashboard", await api.request(ITAM_DASHBOARD, { withinDays: 90 }));
    save("introspection", await api.request(INTROSPECTION));
    const to = new Date();
    const from = new Date(to.getTime() - 30 * 86_400_000);
    save(
      "metrics",
      await api.request(metricsQuery(["from", "to", "expiringWithinDays"]), {
        from: from.toISOString(),
        to: to.toISOString(),
        days: 90,
      }),
    );
  });
});
