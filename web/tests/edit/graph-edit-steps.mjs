// Steps of tests/e2e-graph-edit.mjs: each drives the page, then checks the API's own answer.
import { check, clickNode, nodeIdByLabel, waitForHook } from "../e2e/harness.mjs";

/** Fit the drawing and return both nodes' points in page coordinates (no re-centring between). */
async function points(page, fromId, toId) {
  return page.evaluate(([a, b]) => {
    const cy = window.graphcmdbExplorer.cy;
    cy.stop(true, true);
    cy.fit(undefined, 60);
    const box = cy.container().getBoundingClientRect();
    const at = (id) => {
      const p = cy.getElementById(id).renderedPosition();
      return { x: box.left + p.x + 3, y: box.top + p.y + 2 };
    };
    return [at(a), at(b)];
  }, [fromId, toId]);
}

/**
 * Press on one node, move onto the other in steps, release: the relate popover opens.
 * Once in a full run the press landed where the drawing had just moved (web1 drawn half
 * over web2) and no popover came; the gesture is then made once more from fresh points,
 * and the second one must open it.
 */
export async function dragLink(page, fromId, toId) {
  for (let attempt = 1; ; attempt += 1) {
    const [from, to] = await points(page, fromId, toId);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 8 });
    const line = await page.locator("#relate-overlay.active").count();
    await page.mouse.move(to.x, to.y, { steps: 8 });
    await page.mouse.up();
    try {
      await page.waitForSelector("#relate-popover", { timeout: attempt === 1 ? 10_000 : 30_000 });
      return { lineWhileDragging: line === 1 };
    } catch (error) {
      if (attempt >= 2) throw error;
      console.log("the drag opened no relate popover: once more, from fresh points");
    }
  }
}

const EDGES = `query($id: ID!, $types: [RelationshipType!]) {
  graph(centerId: $id, depth: 1, types: $types) { edges { id source target type } } }`;

async function edgesBetween(api, from, to, type) {
  const { graph } = await api.query(EDGES, { id: from, types: [type] });
  return graph.edges.filter((e) => e.source === from && e.target === to && e.type === type);
}

const drawnEdges = (page) => page.evaluate(() => window.graphcmdbExplorer.cy.edges().map((e) => e.id()).sort());

export async function relateByDrag(page, api, artifacts) {
  const web1 = await nodeIdByLabel(page, "web1");
  const web3 = await nodeIdByLabel(page, "web3");
  const h1 = await nodeIdByLabel(page, "h1");
  check(web1 && web3 && h1, "web1, web3 and h1 are drawn");
  check((await edgesBetween(api, web1, web3, "CONNECTED_TO")).length === 0, "API: web1 is not CONNECTED_TO web3 yet");
  await page.click("#edit-links");
  const { lineWhileDragging } = await dragLink(page, web1, web3);
  check(lineWhileDragging, "a temporary line follows the drag");
  const offered = await page.locator("#relate-type option").evaluateAll((os) => os.map((o) => [o.value, o.dataset.legal]));
  check(offered[0]?.[0] === "DEPENDS_ON" && offered.some(([t, legal]) => t === "CONNECTED_TO" && legal === "true"), `VM → VM offers its legal types first: ${offered.map(([t]) => t).join(", ")}`);
  await page.selectOption("#relate-type", "CONNECTED_TO");
  await page.click("#relate-confirm");
  await page.waitForSelector("#relate-popover", { state: "detached" });
  const made = await edgesBetween(api, web1, web3, "CONNECTED_TO");
  check(made.length === 1, "API: web1 CONNECTED_TO web3 now exists");
  const drawn = await page.evaluate((id) => {
    const e = window.graphcmdbExplorer.cy.getElementById(id);
    return e.nonempty() ? [e.source().id(), e.target().id(), e.data("type")] : null;
  }, made[0].id);
  check(drawn?.join() === [web1, web3, "CONNECTED_TO"].join(), "the new edge is drawn as the API returned it (its id, ends and type)");

  // Server → VM as HOSTED_ON: the API refuses; its typed message shows in the popover
  const before = await drawnEdges(page);
  await dragLink(page, h1, web1);
  await page.selectOption("#relate-type", "HOSTED_ON");
  await page.click("#relate-confirm");
  await page.waitForSelector("#relate-popover[data-refused]");
  const message = await page.locator("#relate-error").innerText();
  check(message.startsWith("ILLEGAL_RELATIONSHIP") && message.includes("HOSTED_ON goes from VirtualMachine to Server"), `the API's refusal is shown inline: ${message}`);
  await artifacts.screenshot(page, "explorer-relate");
  await page.click("#relate-cancel");
  check((await edgesBetween(api, h1, web1, "HOSTED_ON")).length === 0, "API: no HOSTED_ON from h1 to web1 was written");
  check((await drawnEdges(page)).join() === before.join(), "the drawing is unchanged after the refusal");
  await page.click("#edit-links");
}

const CI = `query($id: ID!) { ci(id: $id) { name status environment criticality } }`;
const facts = (api, ids) => Promise.all(ids.map(async (id) => (await api.query(CI, { id })).ci));

async function selectThree(page, names) {
  const ids = [];
  for (const [i, name] of names.entries()) {
    const id = await nodeIdByLabel(page, name);
    await clickNode(page, id, { shift: i > 0 });
    ids.push(id);
  }
  const label = await page.locator("#bulk-edit").innerText();
  check(label === `Bulk edit (${names.length})`, `${label} after shift-clicking ${names.join(", ")}`);
  await page.click("#bulk-edit");
  await page.waitForSelector("#bulk-form");
  return ids;
}

export async function bulkEdit(page, api) {
  const names = ["web1", "web2", "web3"];
  const ids = await selectThree(page, names);
  const before = await facts(api, ids);
  const status = before.every((c) => c.status === "MAINTENANCE") ? "OPERATIONAL" : "MAINTENANCE";
  await page.selectOption("#bulk-status", status);
  await page.selectOption("#bulk-environment", "STAGING");
  await page.click("#bulk-apply");
  await page.waitForSelector("#bulk-done, #bulk-error");
  const outcome = await page.locator("#bulk-outcome").innerText();
  check(await page.locator("#bulk-done").count() === 1, `bulk edit applied: ${outcome}`);
  const after = await facts(api, ids);
  check(after.every((c) => c.status === status && c.environment === "STAGING"), `API: ${names.join(", ")} are ${status} in STAGING`);
  const drawn = await page.evaluate((list) => list.map((id) => window.graphcmdbExplorer.cy.getElementById(id).data("status")), ids);
  check(drawn.every((s) => s === status), "the drawn nodes took the written status");

  // a criticality the API refuses: its message beside the field, per-item rows, nothing written
  await page.selectOption("#bulk-status", "DOWN");
  await page.selectOption("#bulk-environment", "PRODUCTION");
  await page.fill("#bulk-criticality", "9");
  await page.click("#bulk-apply");
  await page.waitForSelector("#bulk-error");
  const beside = await page.locator("#bulk-criticality-error").innerText();
  check(/less than or equal to 5/i.test(beside), `the API's message is beside Criticality: ${beside}`);
  const items = await page.locator("#bulk-problems li").count();
  check(items === names.length, `each of the ${names.length} CIs is listed with the problem`);
  const unchanged = await facts(api, ids);
  check(JSON.stringify(unchanged) === JSON.stringify(after), "API: nothing was written (status, environment and criticality as before)");
  await page.click("#bulk-cancel");
}

const IMPACT = `query($down: [ID!]!) { impact(down: $down) { services { service { id name } status } } }`;
const INCIDENTS = `query($service: ID!) { incidents(filter: { serviceId: $service, state: NEW }, first: 100) {
  edges { node { id number title priority affects { id } } } } }`;

export async function incidentFromImpact(page, api) {
  await page.click("#clear-impact");
  const h1 = await nodeIdByLabel(page, "h1");
  await clickNode(page, h1);
  await page.click("#mark-down");
  await page.click("#run-impact");
  await page.waitForSelector("#impact-summary");
  const expected = (await api.query(IMPACT, { down: [h1] })).impact.services;
  check(expected.length > 0, `API: h1 down hits ${expected.length} service(s)`);
  await page.click("#open-incident");
  await page.waitForSelector("#incident-form");
  const services = await page.locator('input[name="incident-service"]:checked').evaluateAll((xs) => xs.map((x) => x.value));
  check(services.join() === expected.map((s) => s.service.id).join(), "the form is pre-filled with the impacted services, in the API's order");
  const causes = await page.locator('input[name="incident-cause"]:checked').evaluateAll((xs) => xs.map((x) => x.value));
  check(causes.join() === h1, "the suspected cause is h1, the CI the impact was run from");
  const title = await page.inputValue("#incident-title");
  check(title.startsWith("h1 down"), `title drafted: ${title}`);
  await page.click("#incident-submit");
  await page.waitForSelector("#incident-opened, #incident-error");
  const number = await page.locator("#incident-opened").getAttribute("data-number");
  check(Boolean(number), `the new incident's number is shown: ${number}`);
  const href = await page.locator("#incident-link").getAttribute("href");
  const { incidents } = await api.query(INCIDENTS, { service: expected[0].service.id });
  const opened = incidents.edges.map((e) => e.node).find((i) => i.number === number);
  check(opened, `API: ${number} is listed among the service's new incidents`);
  const affects = new Set(opened.affects.map((n) => n.id));
  const want = [...expected.map((s) => s.service.id), h1];
  check(want.every((id) => affects.has(id)) && affects.size === want.length, "API: it affects exactly the impacted services and h1");
  check(href.includes(opened.id), "its number links to the incident");
  await waitForHook(page, () => Boolean(window.graphcmdbExplorer?.lastIncident));
}
