// Graph editing end to end in Chromium against the real API: relate by drag (and the API's
// refusal of an illegal pair), bulk edit of a selection, an incident opened from an impact.
// Env: GRAPHCMDB_URL, GRAPHCMDB_TOKEN (an editor's: the page signs in with it; the checks
// read the API with it too), GRAPHCMDB_ARTIFACTS. Exit 0 when every check holds.
import { runScenario, runSettings } from "./e2e/harness.mjs";
import { searchAndOpen, signIn } from "./e2e/steps.mjs";
import { bulkEdit, incidentFromImpact, relateByDrag } from "./edit/graph-edit-steps.mjs";

const { url, token, api, artifacts } = runSettings();

await runScenario("graph-edit", "GRAPH_EDIT_OK", artifacts, async (page) => {
  await signIn(page, url, token);
  await page.selectOption("#depth", "3"); // the shop, its cluster, the VMs and their hosts
  const draw = await searchAndOpen(page, "Web Sho", "Web Shop Demo");
  console.log(`ok - the shop's neighbourhood drawn (${draw.nodes} nodes)`);
  await relateByDrag(page, api, artifacts);
  await bulkEdit(page, api);
  await incidentFromImpact(page, api);
});
