// The CMDB health page in Debian's Chromium against the real API and Neo4j: its figures
// match the API's, a duplicate pair's merge preview shows what the merge would do
// (nothing written), and a CI link opens the CI's panel in the explorer.
// Env: GRAPHCMDB_URL, GRAPHCMDB_TOKEN (editor: the merge preview is mergeCIs(dryRun)),
// GRAPHCMDB_ARTIFACTS. Exit 0 when every check holds.
import { check, launch, runSettings } from "./e2e/harness.mjs";
import { signIn } from "./e2e/steps.mjs";

const { url, token, api, artifacts } = runSettings();
const FIGURES = `{ dataQuality { duplicateSuspects staleCIs totalCIs completeCIs }
  duplicateCIs(minConfidence: MEDIUM) { cis { id name } }
  orphanCIs { id name } staleCIs { ci { name } } }`;

const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
const pageErrors = [];
page.on("pageerror", (e) => pageErrors.push(String(e)));
let failed = false;
try {
  const truth = await api.query(FIGURES);
  await signIn(page, url, token);
  await page.click("#tab-health");
  await page.waitForSelector("#health-content[data-ready='true']", { timeout: 60_000 });
  const value = async (id) => (await page.textContent(`#health-${id} .kpi-value`))?.trim();
  const q = truth.dataQuality;
  check((await value("duplicates")) === String(q.duplicateSuspects), `duplicates ${q.duplicateSuspects}`);
  check((await value("stale")) === String(q.staleCIs) && q.staleCIs > 0, `stale ${q.staleCIs}`);
  check((await value("orphans")) === String(truth.orphanCIs.length), `orphans ${truth.orphanCIs.length}`);
  check((await page.locator("#health-classes tbody tr").count()) > 0, "completeness per class");
  const staleShown = await page.locator("#health-stale-list li").allTextContents();
  check(truth.staleCIs.every((s) => staleShown.some((t) => t.includes(s.ci.name))), "stale CIs listed");
  const groups = await page.locator("#health-duplicate-list li.duplicate").count();
  check(groups === truth.duplicateCIs.length && groups > 0, `${groups} duplicate groups listed`);

  // the fix of a duplicate: its merge preview, nothing written
  await page.click("#merge-0");
  await page.waitForSelector("#merge-preview-0 .merge-plan", { timeout: 30_000 });
  const plan = await page.textContent("#merge-preview-0 .merge-plan");
  check(/relationships move/.test(plan ?? "") && /--token/.test(plan ?? ""), "merge preview shown");
  const after = await api.query(FIGURES);
  check(after.dataQuality.duplicateSuspects === q.duplicateSuspects, "the preview wrote nothing");
  await artifacts.screenshot(page, "health");

  // the fix of an orphan: its panel in the explorer
  const orphan = truth.orphanCIs[0];
  await page.click(`#health-orphan-list a[data-ci='${orphan.id}']`);
  await page.waitForSelector(`#details[data-node-id='${orphan.id}']`, { timeout: 60_000 });
  const details = await page.textContent("#details");
  check(details?.includes(orphan.name), `the explorer opened ${orphan.name}'s panel`);
  if (pageErrors.length) throw new Error(`errors in the page: ${pageErrors.join(" | ")}`);
  console.log("HEALTH_PAGE_OK");
} catch (error) {
  failed = true;
  console.error(String(error?.stack ?? error));
  await artifacts.screenshot(page, "health-failure").catch(() => undefined);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
