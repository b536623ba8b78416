// Live status in the browser: the explorer shows web1; an Alertmanager webhook posted to
// /events/alertmanager turns its node DOWN in the page without reload, its resolution
// restores it. Env: GRAPHCMDB_URL, GRAPHCMDB_TOKEN (viewer), GRAPHCMDB_EVENTS_TOKEN,
// GRAPHCMDB_CI_ID (web1's id), GRAPHCMDB_ARTIFACTS. Exit 0 when every check holds.
import { resolve } from "node:path";
import { Artifacts, check, launch, waitForHook } from "./e2e/harness.mjs";
import { searchAndOpen } from "./e2e/steps.mjs";

const { GRAPHCMDB_URL: url, GRAPHCMDB_TOKEN: token, GRAPHCMDB_EVENTS_TOKEN: events, GRAPHCMDB_CI_ID: ciId } = process.env;
const artifacts = new Artifacts(resolve(process.env.GRAPHCMDB_ARTIFACTS || "../test-artifacts"));

function webhook(status) {
  const alert = {
    status,
    labels: { alertname: "NodeDown", instance: "web1:9100", severity: "critical", graphcmdb_ci_id: ciId },
    annotations: { summary: "web1 is not answering" },
    startsAt: "2025-03-01T10:00:00.000Z",
    endsAt: status === "resolved" ? "2025-03-01T10:05:00.000Z" : "0001-01-01T00:00:00Z",
    fingerprint: "e2e0live0000001",
  };
  return { version: "4", status, receiver: "graphcmdb", groupKey: "{}:{alertname=\"NodeDown\"}", alerts: [alert] };
}

async function post(status) {
  const response = await fetch(`${url}/events/alertmanager`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${events}` },
    body: JSON.stringify(webhook(status)),
  });
  check(response.ok, `Alertmanager webhook (${status}) accepted: HTTP ${response.status}`);
}

const nodeState = (id) => {
  const n = window.graphcmdbExplorer.cy.getElementById(id);
  return { status: n.data("status"), colour: n.data("colour"), down: n.hasClass("live-down") };
};

const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
const pageErrors = [];
page.on("pageerror", (e) => pageErrors.push(String(e)));
let failed = false;
try {
  await page.goto(url);
  await page.fill("#token-input", token);
  await page.click("#signin-submit");
  await page.waitForSelector("#search");
  await searchAndOpen(page, "web", "web1");
  await waitForHook(page, () => window.graphcmdbExplorer?.live?.state === "live");
  check(true, "the explorer's live status subscription is live");
  const before = await page.evaluate(nodeState, ciId);
  check(before.status === "OPERATIONAL" && !before.down, `web1 is drawn OPERATIONAL (${JSON.stringify(before)})`);
  const loads = await page.evaluate(() => performance.getEntriesByType("navigation").length);

  await post("firing");
  await waitForHook(page, (id) => window.graphcmdbExplorer.cy.getElementById(id).data("status") === "DOWN", ciId);
  const down = await page.evaluate(nodeState, ciId);
  check(down.down && down.colour !== before.colour, `web1 turned DOWN in the page (${JSON.stringify(down)})`);
  await artifacts.screenshot(page, "explorer-live-down");

  await post("resolved");
  await waitForHook(page, (id) => window.graphcmdbExplorer.cy.getElementById(id).data("status") === "OPERATIONAL", ciId);
  const after = await page.evaluate(nodeState, ciId);
  check(!after.down && after.colour === before.colour, `web1 restored in the page (${JSON.stringify(after)})`);
  const reloads = await page.evaluate(() => performance.getEntriesByType("navigation").length);
  check(reloads === loads, "without a reload");
  if (pageErrors.length) throw new Error(`errors in the page: ${pageErrors.join(" | ")}`);
  console.log("LIVE_STATUS_OK");
} catch (error) {
  failed = true;
  console.error(String(error?.stack ?? error));
  await artifacts.screenshot(page, "live-failure").catch(() => undefined);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
