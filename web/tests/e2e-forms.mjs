// Editing where you look: the built explorer in Debian's Chromium against the real API and
// Neo4j. An admin (password sign-in) creates a CI through the form, edits it (only the
// changed fields are sent), is refused with the API's typed message next to the field (a
// bad address, an empty name, a duplicate) while the API shows nothing written, deletes it;
// creates a service, contract, licence, asset, incident and change through the forms;
// moves an asset, an incident and a change with the lifecycle buttons, which are exactly
// the API's allowedTransitions. A viewer is offered no edit button.
// Env: GRAPHCMDB_URL, GRAPHCMDB_TOKEN (reads), GRAPHCMDB_EDITOR_TOKEN (the API's own
// answer to the same bad input), GRAPHCMDB_ADMIN_USER/_PASSWORD,
// GRAPHCMDB_VIEWER_USER/_PASSWORD, GRAPHCMDB_ARTIFACTS, GRAPHCMDB_RUN_TAG (optional).
// Exit 0 when every check holds.
import { check, runScenario, runSettings } from "./e2e/harness.mjs";
import * as f from "./e2e/forms-steps.mjs";
import { searchAndOpen, signInAs } from "./e2e/steps.mjs";

const env = process.env;
const { url, api, editor, artifacts } = runSettings();
if (!editor) throw new Error("set GRAPHCMDB_EDITOR_TOKEN");
// a tag in every name this run writes (GRAPHCMDB_RUN_TAG, else random: a second run
// against the same server must not meet the first one's nodes)
const TAG = env.GRAPHCMDB_RUN_TAG || Math.random().toString(36).slice(2, 7);
const NAME = `crm-app-${TAG}`;

const CI = `query($id: ID!) { node: ci(id: $id) { id name ciClass criticality os ipAddresses updatedAt } }`;
const CI_BY_NAME = `query($q: String!) { cis(filter: { nameContains: $q }, first: 20) { edges { node { id name } } } }`;
const BAD_UPDATE = `mutation($id: ID!, $input: UpdateCIInput!) { updateCI(id: $id, input: $input) { id } }`;

async function ciNamed(name) {
  const { cis } = await api.query(CI_BY_NAME, { q: name });
  return cis.edges.map((e) => e.node).filter((n) => n.name === name);
}

async function createCI(page) {
  await page.click("#tab-explore");
  await page.waitForSelector("#new-node");
  const h1s = (await ciNamed("h1")).length;
  await f.newForm(page, "CI");
  await f.fill(page, { name: "h1", ciClass: "SERVER" });
  const duplicate = await f.saveRefused(page, "name");
  check(/already exists/.test(duplicate), `a duplicate name is refused next to the name field: "${duplicate}"`);
  check((await ciNamed("h1")).length === h1s, "and no second h1 was written");
  await f.fill(page, { name: NAME, ipAddresses: "10.9.8.7", criticality: "3", environment: "TEST" });
  await f.saveAndWait(page);
  const made = await f.eventually(NAME, async () => (await ciNamed(NAME))[0]);
  await f.detailsOf(page, made.id);
  const ci = (await api.query(CI, { id: made.id })).node;
  check(ci.ciClass === "SERVER" && ci.criticality === 3 && ci.ipAddresses.join() === "10.9.8.7", "the CI created through the form reads back from the API");
  check((await f.drawnLabel(page, made.id)) === NAME, "and is drawn with its details open");
  return made.id;
}

async function editCI(page, id) {
  await f.openEditForm(page);
  check((await page.inputValue("#field-name")) === NAME, "the edit form holds the stored values");
  await f.fill(page, { name: `${NAME}b`, criticality: "5", os: "Debian 12" });
  await f.saveAndWait(page);
  const sent = await page.evaluate(() => window.graphcmdbExplorer.lastFormInput);
  check(JSON.stringify(sent) === JSON.stringify({ name: `${NAME}b`, criticality: 5, os: "Debian 12" }), `the update sent only the changed fields (${JSON.stringify(sent)})`);
  const ci = (await api.query(CI, { id })).node;
  check(ci.name === `${NAME}b` && ci.criticality === 5 && ci.os === "Debian 12" && ci.ipAddresses.join() === "10.9.8.7", "the API reads the edit, the rest unchanged");
  await page.waitForFunction(([nodeId, name]) => document.querySelector(`#details[data-node-id="${nodeId}"] h2`)?.textContent === name, [id, `${NAME}b`]);
  check((await f.drawnLabel(page, id)) === `${NAME}b`, "the details and the drawn node show the new name");
}

async function badInput(page, id) {
  const before = (await api.query(CI, { id })).node;
  await f.openEditForm(page);
  await f.fill(page, { ipAddresses: "10.9.8.7, 999.1.1.1", criticality: "4" });
  const shown = await f.saveRefused(page, "ipAddresses");
  const refusal = await f.answer(editor, BAD_UPDATE, { id, input: { ipAddresses: ["10.9.8.7", "999.1.1.1"], criticality: 4 } });
  const typed = refusal.errors?.[0]?.extensions;
  check(typed?.code === "VALIDATION_FAILED", "the API refuses the address with a typed error");
  check(shown === typed.problems[0].reason, `the form shows the API's message next to the address field: "${shown}"`);
  check(await page.$eval('.field[data-field="ipAddresses"]', (el) => el.classList.contains("invalid")), "the field is marked invalid");
  check((await page.$eval("#error-criticality", (el) => el.textContent)) === "", "the valid field has no message");
  await artifacts.screenshot(page, "explorer-edit");
  const after = (await api.query(CI, { id })).node;
  check(JSON.stringify(after) === JSON.stringify(before), "re-read: nothing was written (criticality, addresses and updatedAt as before)");
  await f.fill(page, { ipAddresses: "10.9.8.7", name: "" });
  const empty = await f.saveRefused(page, "name");
  check(/at least 1 character/.test(empty), `an empty name gets the API's message: "${empty}"`);
  check(JSON.stringify((await api.query(CI, { id })).node) === JSON.stringify(before), "and again nothing was written");
  await page.click("#edit-cancel");
  await page.waitForSelector("#edit-dialog", { state: "detached" });
}

async function deleteCI(page, id) {
  await page.click("#details-delete");
  await page.click("#delete-confirm");
  await page.waitForSelector("#delete-dialog", { state: "detached" });
  await page.waitForSelector(`#details[data-node-id="${id}"]`, { state: "detached" });
  check((await api.query(CI, { id })).node === null, "deleted: the API has no such CI any more");
  check((await f.drawnLabel(page, id)) === null, "and it left the drawing");
}

/** Create through the form; ``read`` finds it through the API. */
async function create(page, kind, values, read) {
  await f.newForm(page, kind);
  await f.fill(page, values);
  await f.saveAndWait(page);
  const node = await f.eventually(kind, read);
  await f.detailsOf(page, node.id);
  return node;
}

async function otherTypes(page) {
  const service = await create(page, "Service", { name: `Form Service ${TAG}`, criticality: "4", users: "120", slaTarget: "99.5" }, async () =>
    (await api.query(`query($q: String!) { services(filter: { nameContains: $q }) { edges { node { id name criticality users slaTarget } } } }`, { q: `Form Service ${TAG}` })).services.edges[0]?.node);
  check(service.criticality === 4 && service.users === 120 && service.slaTarget === 99.5, "a service created through the form");

  const vendor = (await api.query(`{ vendors(nameContains: "Arista", first: 1) { edges { node { id } } } }`)).vendors.edges[0].node.id;
  const contract = await create(page, "Contract", { number: `FORM-C-${TAG}`, kind: "SUPPORT", vendorId: [{ id: vendor, search: "Arista" }], annualCost: "1200.50", currency: "EUR", endDate: "2027-03-31" }, async () =>
    (await api.query(`query($q: String!) { contracts(filter: { text: $q }) { edges { node { id number kind annualCost endDate vendor { id } } } } }`, { q: `FORM-C-${TAG}` })).contracts.edges[0]?.node);
  check(contract.kind === "SUPPORT" && contract.vendor?.id === vendor && Number(contract.annualCost) === 1200.5 && contract.endDate === "2027-03-31", "a contract with its vendor picked by search");

  const product = (await api.query(`{ softwareProducts(text: "Exchange", first: 1) { edges { node { id } } } }`)).softwareProducts.edges[0].node.id;
  const licence = await create(page, "License", { productId: [{ id: product, search: "Exchange" }], metric: "PER_DEVICE", quantity: "10", reference: `FORM-L-${TAG}`, contractId: [{ id: contract.id, search: `FORM-C-${TAG}` }] }, async () =>
    (await api.query(`query($p: ID!) { licenses(productId: $p, first: 100) { edges { node { id reference quantity metric contract { id } } } } }`, { p: product })).licenses.edges.map((e) => e.node).find((l) => l.reference === `FORM-L-${TAG}`));
  check(licence.quantity === 10 && licence.metric === "PER_DEVICE" && licence.contract?.id === contract.id, "a licence for a product under the new contract");
}

async function assetLifecycle(page) {
  const asset = await create(page, "Asset", { assetTag: `FORM-A-${TAG}`, name: "form laptop", lifecycleState: "IN_STOCK", purchaseCost: "1500", currency: "EUR", purchaseDate: "2026-01-15", hasStorage: "true" }, async () =>
    (await api.query(`query($q: String!) { assets(filter: { text: $q }) { edges { node { id assetTag lifecycleState purchaseCost hasStorage } } } }`, { q: `FORM-A-${TAG}` })).assets.edges[0]?.node);
  check(asset.lifecycleState === "IN_STOCK" && Number(asset.purchaseCost) === 1500 && asset.hasStorage === true, "an asset created through the form");
  const query = `query($id: ID!) { node: asset(id: $id) { state: lifecycleState allowedTransitions } }`;
  await f.moveThrough(page, api, { query, id: asset.id, to: "RETIRED" });
  await f.moveThrough(page, api, {
    query, id: asset.id, to: "DISPOSED",
    confirm: async () => {
      await page.waitForSelector("#disposal-dialog");
      await page.selectOption("#disposal-method", "DESTROYED");
      await page.fill("#disposal-wipe", "WIPE-42");
      await page.click("#disposal-confirm");
    },
  });
}

async function incidentLifecycle(page) {
  const web1 = await api.idOf("web1");
  const incident = await create(page, "Incident", { title: `Form incident ${TAG}`, priority: "P3", affects: [{ id: web1, search: "web1" }] }, async () =>
    (await api.query(`query($ci: ID!) { incidents(filter: { ciId: $ci }, first: 50) { edges { node { id title state affects { id } } } } }`, { ci: web1 })).incidents.edges.map((e) => e.node).find((i) => i.title === `Form incident ${TAG}`));
  check(incident.state === "NEW" && incident.affects.some((n) => n.id === web1), "an incident opened through the form, affecting web1");
  const query = `query($id: ID!) { node: incident(id: $id) { state allowedTransitions } }`;
  await f.moveThrough(page, api, { query, id: incident.id, to: "IN_PROGRESS" });
  await f.moveThrough(page, api, { query, id: incident.id, to: "RESOLVED" });
}

async function changeLifecycle(page) {
  const web2 = await api.idOf("web2");
  const change = await create(page, "Change", { title: `Form change ${TAG}`, plannedStart: "2027-01-10T22:00", plannedEnd: "2027-01-10T23:30", modifies: [{ id: web2, search: "web2" }] }, async () =>
    (await api.query(`{ changes(filter: { state: DRAFT }, first: 100) { edges { node { id title state plannedStart modifies { id } } } } }`)).changes.edges.map((e) => e.node).find((c) => c.title === `Form change ${TAG}`));
  const start = await page.evaluate(() => new Date("2027-01-10T22:00").getTime());
  check(new Date(change.plannedStart).getTime() === start && change.modifies[0]?.id === web2, "a change created through the form (window in the browser's time zone, web2)");
  const query = `query($id: ID!) { node: change(id: $id) { state allowedTransitions } }`;
  await f.moveThrough(page, api, { query, id: change.id, to: "SUBMITTED" });
}

async function viewerSeesNoEditing(browser) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  await signInAs(page, url, env.GRAPHCMDB_VIEWER_USER, env.GRAPHCMDB_VIEWER_PASSWORD);
  await page.click("#tab-explore");
  await page.waitForSelector("#search");
  await searchAndOpen(page, "web1", "web1");
  await page.waitForSelector("#details h2");
  check((await page.$("#details-edit")) === null && (await page.$("#details-delete")) === null, "a viewer sees no Edit or Delete in the details");
  check((await page.$("#new-node")) === null, "and no New… menu");
  await context.close();
}

await runScenario("forms", "FORMS_OK", artifacts, async (page, browser) => {
  await signInAs(page, url, env.GRAPHCMDB_ADMIN_USER, env.GRAPHCMDB_ADMIN_PASSWORD);
  const id = await createCI(page);
  await editCI(page, id);
  await badInput(page, id);
  await deleteCI(page, id);
  await otherTypes(page);
  await assetLifecycle(page);
  await incidentLifecycle(page);
  await changeLifecycle(page);
  await viewerSeesNoEditing(browser);
});
