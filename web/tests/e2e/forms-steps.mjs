// Steps of the forms run (tests/e2e-forms.mjs): fill a form like a person, read the API.
import { check } from "./harness.mjs";

/** The API's whole answer, errors included (a refused write is what some checks want). */
export async function answer(api, query, variables = {}) {
  const response = await fetch(api.url, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${api.token}` },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

/** Pick "New…" → kind and wait for its empty form. */
export async function newForm(page, kind) {
  await page.selectOption("#new-node", kind);
  await page.waitForSelector(`#edit-dialog[data-kind="${kind}"][data-mode="create"]`);
}

export async function openEditForm(page) {
  await page.click("#details-edit");
  await page.waitForSelector('#edit-dialog[data-mode="update"]');
}

/**
 * Fill fields by input name: a string is typed (a select gets it chosen), an array of
 * {id, search} picks references through the field's search.
 */
export async function fill(page, values) {
  for (const [name, value] of Object.entries(values)) {
    const selector = `#field-${name}`;
    if (Array.isArray(value)) {
      for (const { id, search } of value) {
        await page.fill(selector, search);
        const result = `#results-${name} button[data-id="${id}"]`;
        await page.waitForSelector(result, { timeout: 15_000 });
        await page.click(result);
        await page.waitForSelector(`#picks-${name} li[data-id="${id}"]`);
      }
    } else if ((await page.$eval(selector, (el) => el.tagName)) === "SELECT") {
      await page.selectOption(selector, value);
    } else {
      await page.fill(selector, value);
    }
  }
}

/** Save and wait for the dialog to close and the details to show ``id`` (a function: read after). */
export async function saveAndWait(page) {
  await page.click("#edit-save");
  await page.waitForSelector("#edit-dialog", { state: "detached", timeout: 30_000 });
}

/** Save, expecting a refusal: the dialog stays and ``field`` shows a message. */
export async function saveRefused(page, field) {
  await page.click("#edit-save");
  await page.waitForFunction(
    (name) => (document.querySelector(`#error-${name}`)?.textContent ?? "") !== "",
    field,
    { timeout: 30_000 },
  );
  return page.$eval(`#error-${field}`, (el) => el.textContent);
}

/** Wait until the details panel shows node ``id`` (after a write or a move). */
export async function detailsOf(page, id) {
  await page.waitForSelector(`#details[data-node-id="${id}"]`, { timeout: 60_000 });
}

export async function drawnLabel(page, id) {
  return page.evaluate((nodeId) => {
    const node = window.graphcmdbExplorer.cy.getElementById(nodeId);
    return node.nonempty() ? node.data("label") : null;
  }, id);
}

/** Poll the API until ``find`` returns something (a write's node, by its natural key). */
export async function eventually(what, find) {
  for (let i = 0; i < 100; i += 1) {
    const found = await find();
    if (found) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`never found: ${what}`);
}

/** The lifecycle buttons shown for node ``id`` once they are drawn. */
export async function lifecycleButtons(page, state) {
  await page.waitForSelector(`#details-lifecycle[data-state="${state}"]`, { state: "attached", timeout: 30_000 });
  return page.$$eval("#details-lifecycle button.transition", (bs) => bs.map((b) => b.dataset.to));
}

/** The buttons equal the API's allowedTransitions, then one is clicked; the API shows the move. */
export async function moveThrough(page, api, { query, id, to, confirm }) {
  const read = async () => (await api.query(query, { id })).node;
  const before = await read();
  const shown = await lifecycleButtons(page, before.state);
  check(
    JSON.stringify([...shown].sort()) === JSON.stringify([...before.allowedTransitions].sort()),
    `in ${before.state} the buttons are exactly the API's allowedTransitions (${shown.join(", ") || "none"})`,
  );
  await page.click(`#details-lifecycle button[data-to="${to}"]`);
  if (confirm) await confirm();
  const after = await eventually(`${id} in ${to}`, async () => ((await read()).state === to ? read() : null));
  check(after.state === to, `→ ${to}: the API reads the node in ${to}`);
  await lifecycleButtons(page, to); // the panel redrew with the new state's moves
  return after;
}
