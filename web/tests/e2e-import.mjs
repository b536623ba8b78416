// Import with a preview: the built explorer in Debian's Chromium against the real API and
// Neo4j. An editor uploads a CSV of CIs (one row is an existing demo CI, found by its serial
// number, with a new description; one is new; one has a bad IP address): the preview shows
// each row as the API's own dry run plans it, and nothing is written; the invalid row is
// skipped, the plan applied, and the API then holds the new CI and the updated one (no
// duplicate) while the report is listed. A second file's columns are named differently
// (Hostname, IP): they are mapped by hand, a bad cell is fixed inline, and it is applied.
// A file name the API refuses gets the API's message next to the file field.
// Env: GRAPHCMDB_URL, GRAPHCMDB_TOKEN, GRAPHCMDB_EDITOR_TOKEN, GRAPHCMDB_ARTIFACTS.
import { check, runScenario, runSettings, waitForHook, waitForPhase } from "./e2e/harness.mjs";
import { signInWithToken } from "./e2e/steps.mjs";

const { url, editor, artifacts } = runSettings();
if (!editor) throw new Error("set GRAPHCMDB_EDITOR_TOKEN: the import writes CIs");

const IMPORT = `mutation($content: String!, $fileName: String) {
  importData(kind: CIS, format: CSV, content: $content, dryRun: true, skipInvalid: true, fileName: $fileName) {
    problems { line column reason } plan { rows { line action rule ci { id name } } } } }`;
const SERVERS = `{ cis(filter: { ciClass: SERVER }, first: 200) {
  edges { node { id name ciClass serialNumber manufacturer description } } } }`;
const BY_NAME = `query($q: String!) { cis(filter: { nameContains: $q }, first: 50) {
  totalCount edges { node { id name description ipAddresses } } } }`;
const CI = `query($id: ID!) { ci(id: $id) { id name description } }`;
const RUNS = `{ importRuns(first: 5) { run fileName created updated rows refused } }`;
const ACTIONS = { CREATE: "create", UPDATE: "update", UNCHANGED: "unchanged", AMBIGUOUS: "ambiguous", REFUSED: "refused" };

const cell = (v) => (/[",\n]/.test(v ?? "") ? `"${v.replaceAll('"', '""')}"` : (v ?? ""));

async function exactly(name) {
  const found = await editor.query(BY_NAME, { q: name });
  return found.cis.edges.map((e) => e.node).filter((n) => n.name === name);
}

const phase = (page, wanted, counter, atLeast) => waitForPhase(page, "importPage", wanted, counter, atLeast);

async function previewOnPage(page) {
  return page.$$eval("#import-preview-table tbody tr[data-row]", (trs) =>
    trs.map((tr) => ({
      line: Number(tr.dataset.line),
      action: tr.dataset.action,
      ci: tr.querySelector("td.ci")?.textContent ?? "",
      rule: tr.querySelector("td.rule")?.textContent ?? "",
      problems: [...tr.querySelectorAll(".problem")].map((p) => p.dataset.column),
    })),
  );
}

async function upload(page, name, text) {
  await page.setInputFiles("#import-file", { name, mimeType: "text/csv", buffer: Buffer.from(text) });
  await phase(page, "file", null, 0);
}

async function preview(page, count) {
  await page.click("#import-preview");
  await phase(page, "previewed", "previews", count);
}

/** The page's preview is the API's dry run of the same content, row by row. */
async function matchesTheApi(page, content, fileName) {
  const answer = (await editor.query(IMPORT, { content, fileName })).importData;
  const shown = await previewOnPage(page);
  for (const row of shown) {
    const plan = answer.plan.rows.find((p) => p.line === row.line);
    const problems = answer.problems.filter((p) => p.line === row.line).map((p) => p.column);
    const want = plan ? ACTIONS[plan.action] : problems.length ? "invalid" : "ok";
    check(row.action === want, `line ${row.line} is shown as ${want}`);
    check(row.problems.join() === problems.join(), `line ${row.line}'s problems are the API's (${problems.join() || "none"})`);
    if (plan?.ci) check(row.ci.startsWith(plan.ci.name) && row.rule === (plan.rule ?? ""), `line ${row.line} names ${plan.ci.name} and the rule ${plan.rule}`);
  }
  return shown;
}

await runScenario("import", "IMPORT_OK", artifacts, async (page) => {
  await page.setViewportSize({ width: 1500, height: 1000 });
  const servers = (await editor.query(SERVERS)).cis.edges.map((e) => e.node);
  const known = servers.find((s) => s.serialNumber && s.manufacturer);
  check(known, `a demo server with a serial number to match (${known?.name})`);
  const note = `imported by the browser test at ${Date.now()}`;
  const estate = [
    "name,ciClass,serialNumber,manufacturer,ipAddresses,description",
    [known.name, "Server", known.serialNumber, known.manufacturer, "", note].map(cell).join(","),
    "e2e-import-new-01,VirtualMachine,,,10.77.0.11,new from the browser test",
    "e2e-import-bad,Server,,,10.0.0.300,bad address",
    "",
  ].join("\n");

  await signInWithToken(page, url, editor.token);
  await page.click("#tab-import");
  await waitForHook(page, () => (window.graphcmdbExplorer?.importPage?.fields ?? 0) > 0);
  const runsBefore = (await editor.query(RUNS)).importRuns;

  // a file name the API refuses: its message next to the file field, nothing written
  await upload(page, `${"x".repeat(300)}.csv`, estate);
  await page.click("#import-preview");
  await phase(page, "error", null, 0);
  const refused = await page.textContent("#import-file-error");
  check(/file name is at most 255/.test(refused), `the API's message is next to the file field: "${refused}"`);

  await upload(page, "estate.csv", estate);
  const targets = await page.$$eval("#import-mapping-table select", (ss) => ss.map((s) => s.value));
  check(targets.join() === "name,ciClass,serialNumber,manufacturer,ipAddresses,description", "the columns are mapped by name");
  await preview(page, 1);
  const shown = await matchesTheApi(page, estate, "estate.csv");
  check(shown.map((r) => r.action).join() === "update,create,invalid", "the preview: update, create, invalid");
  check(shown[2].problems.includes("ipAddresses"), "the bad IP address is named with its line and column");
  check((await page.$eval("#import-apply", (b) => b.disabled)) === true, "apply waits while an invalid row is sent");
  check((await exactly("e2e-import-new-01")).length === 0, "the preview wrote no CI");
  check((await editor.query(CI, { id: known.id })).ci.description === known.description, "nor changed the matched one");
  check((await editor.query(RUNS)).importRuns.length === runsBefore.length, "nor left a report");

  await page.click('#import-preview-table tr[data-action="invalid"] button.row-skip');
  await phase(page, "previewed", "previews", 2); // a skip previews again by itself
  const skipped = await previewOnPage(page);
  check(skipped.map((r) => r.action).join() === "update,create,skipped", "the invalid row is skipped, the others still planned");
  await artifacts.screenshot(page, "explorer-import");
  await page.click("#import-apply");
  await phase(page, "applied", "applies", 1);
  const done = await page.textContent("#import-done");
  check(/1 created, 1 updated/.test(done), `the outcome is shown: "${done}"`);

  check((await exactly("e2e-import-new-01")).length === 1, "the new CI is in the API, once");
  check((await exactly("e2e-import-bad")).length === 0, "the skipped row never reached the server");
  check((await editor.query(CI, { id: known.id })).ci.description === note, "the matched CI is updated");
  check((await exactly(known.name)).length === 1, `and not duplicated (one ${known.name})`);
  const [run] = (await editor.query(RUNS)).importRuns;
  check(run.fileName === "estate.csv" && run.created === 1 && run.updated === 1, "the API reports the run");
  const listed = await page.$eval(`#import-runs-table tr[data-run="${run.run}"]`, (tr) => [
    tr.dataset.file,
    tr.querySelector('[data-count="created"]').textContent,
    tr.querySelector('[data-count="updated"]').textContent,
  ]);
  check(listed.join() === "estate.csv,1,1", "the report is listed on the page");
  await artifacts.screenshot(page, "explorer-import-done");

  // columns named differently: Hostname is the name, IP the addresses; one cell fixed inline
  const renamed = "Hostname,ciClass,IP\ne2e-mapped-01,Server,10.77.0.21\ne2e-mapped-02,Server,10.77.0.999\n";
  await upload(page, "renamed.csv", renamed);
  const premapped = await page.$$eval("#import-mapping-table select", (ss) => ss.map((s) => s.value));
  check(premapped.join() === "hostname,ciClass,", "Hostname is pre-mapped to hostname, IP to nothing");
  await preview(page, 3);
  const unnamed = await previewOnPage(page);
  check(unnamed.every((r) => r.action === "invalid" && r.problems.includes("name")), "without a name column every row is invalid");
  await page.selectOption('#import-mapping-table select[data-column="Hostname"]', "name");
  await page.selectOption('#import-mapping-table select[data-column="IP"]', "ipAddresses");
  await preview(page, 4);
  const mapped = await matchesTheApi(page, renamed.replace("Hostname,ciClass,IP", "name,ciClass,ipAddresses"), "renamed.csv");
  check(mapped.map((r) => r.action).join() === "create,invalid", "mapped: one new CI, one bad address");
  await page.click('#import-preview-table tr[data-action="invalid"] button.row-fix');
  await page.fill('tr.fix-row input[data-field="ipAddresses"]', "10.77.0.22");
  await page.click("tr.fix-row button.fix-save");
  await phase(page, "previewed", "previews", 5);
  const fixed = await previewOnPage(page);
  check(fixed.map((r) => r.action).join() === "create,create", "fixed inline: both rows would be created");
  await page.click("#import-apply");
  await phase(page, "applied", "applies", 2);
  const [second] = await exactly("e2e-mapped-02");
  check(second?.ipAddresses?.join() === "10.77.0.22", "the fixed row is written with the fixed address");
  check((await exactly("e2e-mapped-01")).length === 1, "and the other mapped row too");
});
