// End-to-end: the built explorer in Debian's Chromium against the real API and Neo4j.
// Env: GRAPHCMDB_URL, GRAPHCMDB_TOKEN (viewer is enough), GRAPHCMDB_EDITOR_TOKEN (the time
// travel step changes the graph, and puts it back), GRAPHCMDB_ARTIFACTS (screenshots),
// GRAPHCMDB_MIN_NODES (default 2000). Exit 0 when every check holds.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { launch, runSettings } from "./e2e/harness.mjs";
import * as calm from "./e2e/calm.mjs";
import * as steps from "./e2e/steps.mjs";

const { url, token, api, editor, artifacts } = runSettings();
const minNodes = Number(process.env.GRAPHCMDB_MIN_NODES || 2000);

const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
const pageErrors = [];
page.on("pageerror", (e) => pageErrors.push(String(e)));
page.on("console", (m) => m.type() === "error" && pageErrors.push(m.text()));
let failed = false;
try {
  await steps.signIn(page, url, token);
  await steps.exploreShop(page);
  await steps.impactScenarios(page, api, artifacts);
  await steps.detailsOfH1(page, api, artifacts);
  await steps.resilience(page, api);
  await steps.path(page, api);
  await steps.dashboard(page, api, artifacts);
  await calm.collapsedCounts(page, api, artifacts);
  await calm.legendMatchesDrawing(page);
  await calm.keyboard(page);
  const figures = await steps.largeGraph(page, api, artifacts, minNodes);
  await calm.levelOfDetail(page);
  if (!editor) throw new Error("set GRAPHCMDB_EDITOR_TOKEN: the time travel step changes the graph");
  await steps.compareChanges(page, api, editor, artifacts);
  // the JS the browser fetched: the entry (before sign-in) and the chunks loaded later
  const scripts = await page.evaluate(() =>
    performance.getEntriesByType("resource").filter((r) => r.name.endsWith(".js"))
      .map((r) => ({ name: r.name.split("/").pop(), bytes: r.decodedBodySize, wire: r.encodedBodySize })));
  const sum = (list, key) => list.reduce((n, r) => n + r[key], 0);
  const initial = scripts.filter((r) => r.name.startsWith("index-"));
  figures.initialJsBytes = sum(initial, "bytes");
  figures.initialJsWireBytes = sum(initial, "wire");
  figures.lazyJsBytes = sum(scripts, "bytes") - figures.initialJsBytes;
  if (pageErrors.length) throw new Error(`errors in the page: ${pageErrors.join(" | ")}`);
  writeFileSync(join(artifacts.dir, "explorer-figures.json"), JSON.stringify(figures, null, 2));
  console.log(`EXPLORER_FIGURES ${JSON.stringify(figures)}`);
} catch (error) {
  failed = true;
  console.error(String(error?.stack ?? error));
  if (pageErrors.length) console.error(`page errors: ${pageErrors.join(" | ")}`);
  await artifacts.screenshot(page, "failure").catch(() => undefined);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
