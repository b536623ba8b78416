// Export and the export/import round trip: the built explorer in Debian's Chromium against
// the real API and Neo4j. The admin signs in with a password and, on the import page,
// exports the services as CSV and the relationships as JSON (each download is the API's
// own exportData answer, byte for byte); the services file is loaded back through the
// import with preview: every row is a match (unchanged) and Apply has nothing to change;
// the same content applied through the API writes nothing (counts, the import reports and
// the services, updatedAt included, as before). The whole graph downloads as JSON lines
// (saved as test-artifacts/graphcmdb-graph.jsonl for the Python side to compare with
// graph_dump.export_lines): a header, then nodes, then relationships, one line each. A
// viewer or editor token gets 403 from the endpoint; an editor's pasted token sees the
// API's refusals on the page.
// Env: GRAPHCMDB_URL, GRAPHCMDB_TOKEN (viewer), GRAPHCMDB_EDITOR_TOKEN,
// GRAPHCMDB_ADMIN_TOKEN, GRAPHCMDB_ADMIN_USER/_PASSWORD, GRAPHCMDB_ARTIFACTS.
import { readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { Api, check, runScenario, runSettings, waitForHook, waitForPhase as phase } from "./e2e/harness.mjs";
import { signInAs, signInWithToken } from "./e2e/steps.mjs";

const { url, token, editor, artifacts } = runSettings();
const env = process.env;
const admin = new Api(url, env.GRAPHCMDB_ADMIN_TOKEN);
if (!editor || !env.GRAPHCMDB_ADMIN_TOKEN || !env.GRAPHCMDB_ADMIN_USER) {
  throw new Error("set GRAPHCMDB_EDITOR_TOKEN, GRAPHCMDB_ADMIN_TOKEN and GRAPHCMDB_ADMIN_USER/_PASSWORD");
}

const EXPORT = `query($kind: ImportKind!, $format: ImportFormat!) { exportData(kind: $kind, format: $format) }`;
const APPLY = `mutation($content: String!) { importData(kind: SERVICES, format: CSV, content: $content, dryRun: false) {
  rows created updated unchanged skipped problems { line } } }`;
const RUNS = `{ importRuns(first: 100) { run rows created updated } }`;
const SERVICES = `{ services(first: 500) { totalCount edges { node { id name owner criticality users slaTarget description updatedAt } } } }`;
const DAY = /^graphcmdb-(\w+)-\d{4}-\d{2}-\d{2}\.(csv|json|jsonl)$/;

/** Choose kind and format, click, and read the file the browser downloads. */
async function download(page, button, n, counter = "exports") {
  const [file] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
  await phase(page, "exportPanel", "exported", counter, n);
  const path = join(artifacts.dir, file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), path, text: readFileSync(path, "utf8") };
}

async function exportKind(page, kind, format, n) {
  await page.selectOption("#export-kind", kind);
  await page.selectOption("#export-format", format);
  const file = await download(page, "#export-file", n);
  const expected = (await admin.query(EXPORT, { kind, format })).exportData;
  const [, named, extension] = DAY.exec(file.name) ?? [];
  check(named === kind.toLowerCase() && extension === format.toLowerCase(), `the ${kind} ${format} file is named by kind and day (${file.name})`);
  check(file.text === expected, `the downloaded ${kind} ${format} is the API's exportData answer (${file.text.length} characters)`);
  return file;
}

async function roundTrip(page, file) {
  const runsBefore = (await admin.query(RUNS)).importRuns;
  const servicesBefore = (await admin.query(SERVICES)).services;
  await page.selectOption("#import-kind", "SERVICES");
  await waitForHook(page, () => window.graphcmdbExplorer?.importPage?.kind === "SERVICES" && window.graphcmdbExplorer.importPage.fields > 0);
  await page.setInputFiles("#import-file", file.path);
  await phase(page, "importPage", "file", null, 0);
  await page.click("#import-preview");
  await phase(page, "importPage", "previewed", "previews", 1);
  const actions = await page.$$eval("#import-preview-table tbody tr[data-row]", (trs) => trs.map((tr) => tr.dataset.action));
  check(actions.length === servicesBefore.totalCount, `every service is a row of the preview (${actions.length})`);
  check(actions.every((a) => a === "unchanged"), "every row previews as a match (unchanged)");
  const tally = await page.textContent('#import-summary [data-tally="unchanged"]');
  check(tally === `match (unchanged) ${actions.length}`, `the summary counts them: "${tally}"`);
  const apply = await page.$eval("#import-apply", (b) => ({ disabled: b.disabled, nothing: b.hasAttribute("data-nothing") }));
  check(apply.disabled && apply.nothing, "Apply is disabled: nothing to change");
  const note = await page.textContent("#import-apply-note");
  check(/^Nothing to change/.test(note), `and the page says so: "${note}"`);
  await page.$eval("#export", (e) => e.scrollIntoView({ block: "start" }));
  await artifacts.screenshot(page, "explorer-export");

  // the same content applied for real writes nothing either
  const applied = (await admin.query(APPLY, { content: file.text })).importData;
  check(applied.created === 0 && applied.updated === 0 && applied.unchanged === actions.length, `applied through the API: 0 created, 0 updated, ${applied.unchanged} unchanged`);
  const runsAfter = (await admin.query(RUNS)).importRuns;
  check(JSON.stringify(runsAfter) === JSON.stringify(runsBefore), "no import report was added (nothing was written)");
  const servicesAfter = (await admin.query(SERVICES)).services;
  check(JSON.stringify(servicesAfter) === JSON.stringify(servicesBefore), "the services read back the same, updatedAt included");
}

async function wholeGraph(page) {
  for (const [role, api] of [["viewer", token], ["editor", editor.token]]) {
    const refused = await fetch(`${url}/api/graph-export`, { headers: { Authorization: `Bearer ${api}` } });
    const body = await refused.json();
    check(refused.status === 403 && body.errors[0].extensions.code === "FORBIDDEN", `the ${role} token gets 403 FORBIDDEN from /api/graph-export`);
  }
  const file = await download(page, "#export-graph", 1, "graphExports");
  check(DAY.exec(file.name)?.[1] === "graph", `the whole graph is named by the day (${file.name})`);
  const lines = file.text.split("\n");
  check(lines.pop() === "", "every line ends with a newline");
  const records = lines.map((l) => JSON.parse(l));
  const [header] = records;
  check(header.format === "graphcmdb-graph" && header.version === 1, "the first line is the dump's header");
  check(records.length === 1 + header.nodes + header.relationships, `one line per node and relationship (${header.nodes} + ${header.relationships})`);
  const nodes = records.slice(1, 1 + header.nodes);
  const rels = records.slice(1 + header.nodes);
  check(nodes.every((n, i) => n.n === i && n.labels.length > 0), "nodes first, numbered in order, with their labels");
  check(rels.every((r) => r.type && r.from < header.nodes && r.to < header.nodes), "then the relationships, between nodes of the file");
  const services = (await admin.query(SERVICES)).services.totalCount;
  check(nodes.filter((n) => n.labels.includes("Service")).length === services, `as many Service lines as the API has services (${services})`);
  renameSync(file.path, join(artifacts.dir, "graphcmdb-graph.jsonl")); // for the Python side
}

/** An editor's pasted token: the page cannot know its role, the API's refusal is shown. */
async function editorIsRefused(browser) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await signInWithToken(page, url, editor.token);
  await page.click("#tab-import");
  await page.waitForSelector("#export-file");
  await page.click("#export-file");
  await phase(page, "exportPanel", "error", null, 0);
  const message = await page.textContent("#export-message");
  check(/needs the admin role/.test(message), `an editor's token is shown the API's refusal: "${message}"`);
  await page.click("#export-graph");
  await page.waitForFunction(() => /admin role/.test(document.querySelector("#export-message")?.textContent ?? ""));
  check(true, "and the whole graph's refusal too");
  await context.close();
}

await runScenario("exchange", "EXCHANGE_OK", artifacts, async (page, browser) => {
  await page.setViewportSize({ width: 1500, height: 1100 });
  await signInAs(page, url, env.GRAPHCMDB_ADMIN_USER, env.GRAPHCMDB_ADMIN_PASSWORD);
  await page.click("#tab-import");
  await page.waitForSelector("#export-file");
  check(true, "a signed-in admin is offered export on the import page");
  const services = await exportKind(page, "SERVICES", "CSV", 1);
  await exportKind(page, "RELATIONSHIPS", "JSON", 2);
  await roundTrip(page, services);
  await wholeGraph(page);
  await editorIsRefused(browser);
});
