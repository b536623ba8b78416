// Live status in the browser, signed in with a password: the first screen lists the wiki
// service, an Alertmanager webhook posted to /events/alertmanager turns it DOWN there
// without reload and its resolution restores it; then the explorer shows web1, and the
// same happens to its node. Env: GRAPHCMDB_URL, GRAPHCMDB_USER and GRAPHCMDB_PASSWORD (a
// viewer), GRAPHCMDB_EVENTS_TOKEN,
// GRAPHCMDB_CI_ID (web1's id), GRAPHCMDB_ARTIFACTS. Exit 0 when every check holds.
import { resolve } from "node:path";
import { Artifacts, check, launch, waitForHook } from "./e2e/harness.mjs";
import { searchAndOpen, signInAs } from "./e2e/steps.mjs";

const { GRAPHCMDB_URL: url, GRAPHCMDB_EVENTS_TOKEN: events, GRAPHCMDB_CI_ID: ciId } = process.env;
const { GRAPHCMDB_USER: user, GRAPHCMDB_PASSWORD: password } = process.env;
const artifacts = new Artifacts(resolve(process.env.GRAPHCMDB_ARTIFACTS || "../test-artifacts"));

function webhook(status, fingerprint) {
  const alert = {
    status,
    labels: { alertname: "NodeDown", instance: "web1:9100", severity: "critical", graphcmdb_ci_id: ciId },
    annotations: { summary: "web1 is not answering" },
    startsAt: "2025-03-01T10:00:00.000Z",
    endsAt: status === "resolved" ? "2025-03-01T10:05:00.000Z" : "0001-01-01T00:00:00Z",
    fingerprint,
  };
  return { version: "4", status, receiver: "graphcmdb", groupKey: "{}:{alertname=\"NodeDown\"}", alerts: [alert] };
}

async function post(status, fingerprint = "e2e0live0000001") {
  const response = await fetch(`${url}/events/alertmanager`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${events}` },
    body: JSON.stringify(webhook(status, fingerprint)),
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
  // a person signed in with a password: the websocket carries the session cookie
  await signInAs(page, url, user, password);
  await page.waitForSelector('#home-live[data-state="live"]', { timeout: 30_000 });
  check(true, "the first screen's live status subscription is live (session cookie)");
  const wiki = '#services-table tr[data-service="wiki"] .status-badge';
  check((await page.textContent(wiki)) === "OPERATIONAL", "wiki is listed OPERATIONAL on the first screen");
  await post("firing", "e2e0home0000001"); // an alert of its own: four moves of one would flap
  await page.waitForSelector(`${wiki}[data-status="DOWN"]`, { timeout: 30_000 });
  check(true, "wiki turned DOWN on the first screen without a reload");
  await post("resolved", "e2e0home0000001");
  await page.waitForSelector(`${wiki}[data-status="OPERATIONAL"]`, { timeout: 30_000 });
  check(true, "wiki back to OPERATIONAL on the first screen");
  await page.click("#tab-explore");
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
