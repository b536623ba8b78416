// Browser, API and graph helpers for the end-to-end run (tests/e2e.mjs).
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

// The flags a sandboxed, offline CI machine needs (no background network, no GPU).
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

export class Artifacts {
  constructor(dir) {
    this.dir = dir;
    mkdirSync(dir, { recursive: true });
  }

  async screenshot(page, name) {
    const path = join(this.dir, `${name}.png`);
    await page.screenshot({ path });
    console.log(`screenshot ${path}`);
    return path;
  }
}

/**
 * A browser run's settings: GRAPHCMDB_URL and GRAPHCMDB_TOKEN (exit 2 without them), the
 * API with that token, the API with GRAPHCMDB_EDITOR_TOKEN (null without it: for the steps
 * that change the graph) and the screenshots' folder (GRAPHCMDB_ARTIFACTS).
 */
export function runSettings() {
  const url = process.env.GRAPHCMDB_URL;
  const token = process.env.GRAPHCMDB_TOKEN;
  if (!url || !token) {
    console.error("set GRAPHCMDB_URL and GRAPHCMDB_TOKEN");
    process.exit(2);
  }
  const artifacts = new Artifacts(resolve(process.env.GRAPHCMDB_ARTIFACTS || "../test-artifacts"));
  const editorToken = process.env.GRAPHCMDB_EDITOR_TOKEN;
  return { url, token, api: new Api(url, token), editor: editorToken ? new Api(url, editorToken) : null, artifacts };
}

/** The API's own answers, to check what the page shows against. */
export class Api {
  constructor(url, token) {
    this.url = `${url}/graphql`;
    this.token = token;
  }

  async query(query, variables = {}) {
    const response = await fetch(this.url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${this.token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    if (body.errors) throw new Error(`API error: ${JSON.stringify(body.errors)}`);
    return body.data;
  }

  async idOf(name) {
    const data = await this.query(
      `query($q: String!) { cis(filter: { nameContains: $q }, first: 50) { edges { node { id name } } }
        services(filter: { nameContains: $q }, first: 50) { edges { node { id name } } } }`,
      { q: name },
    );
    const all = [...data.cis.edges, ...data.services.edges].map((e) => e.node);
    const hit = all.find((n) => n.name === name);
    if (!hit) throw new Error(`no node named ${name}`);
    return hit.id;
  }
}

/** Wait until the page's own hook says something (polls window.graphcmdbExplorer). */
export async function waitForHook(page, predicate, arg, timeout = 60_000) {
  await page.waitForFunction(predicate, arg, { timeout, polling: 100 });
}

/**
 * Wait until the page's hook ``hook`` (window.graphcmdbExplorer[hook]) is in ``phase`` and,
 * unless ``counter`` is null, its ``counter`` has reached ``atLeast``.
 */
export async function waitForPhase(page, hook, phase, counter = null, atLeast = 0) {
  await waitForHook(
    page,
    ([k, p, c, n]) => {
      const s = window.graphcmdbExplorer?.[k];
      return s && s.phase === p && (c === null || s[c] >= n);
    },
    [hook, phase, counter, atLeast],
  );
}

export async function nodeIdByLabel(page, label) {
  return page.evaluate((name) => {
    const node = window.graphcmdbExplorer.cy.nodes().filter((n) => n.data("label") === name).first();
    return node.nonempty() ? node.id() : null;
  }, label);
}

/**
 * Fit the whole drawing in view. The callback returns nothing on purpose: `cy.fit` answers the
 * cytoscape core, and Playwright serialising that object graph as the evaluate's result ran the
 * renderer out of its 4 GB heap ("Target crashed"; every crash dump of the browser runs).
 */
export async function fitDrawing(page, padding = 30) {
  await page.evaluate((p) => {
    window.graphcmdbExplorer.cy.fit(undefined, p);
  }, padding);
}

/**
 * Centre a node in the viewport and return a point on it, a few pixels off its centre:
 * cytoscape's polygon hit test misses the vertical line through a star's or diamond's
 * top vertex, and a centred node sits exactly on a whole pixel there.
 */
export async function nodePoint(page, id) {
  return page.evaluate((nodeId) => {
    const cy = window.graphcmdbExplorer.cy;
    const node = cy.getElementById(nodeId);
    cy.stop(true, true);
    cy.center(node);
    const box = cy.container().getBoundingClientRect();
    const p = node.renderedPosition();
    return { x: box.left + p.x + 3, y: box.top + p.y + 2 };
  }, id);
}

/** Whether a click on the node's point would reach it (dense layouts overlap nodes). */
export async function clickable(page, id) {
  const { x, y } = await nodePoint(page, id);
  return page.evaluate(([nodeId, px, py]) => {
    const cy = window.graphcmdbExplorer.cy;
    const [mx, my] = cy.renderer().projectIntoViewport(px, py);
    const hit = cy.renderer().findNearestElements(mx, my, true, false).filter((e) => e.isNode());
    return hit.length > 0 && hit[0].id() === nodeId;
  }, [id, x, y]);
}

export async function clickNode(page, id, { double = false, shift = false } = {}) {
  const { x, y } = await nodePoint(page, id);
  if (shift) await page.keyboard.down("Shift");
  if (double) await page.mouse.dblclick(x, y);
  else await page.mouse.click(x, y);
  if (shift) await page.keyboard.up("Shift");
}

export function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
  console.log(`ok - ${message}`);
}

/**
 * Run a browser scenario: Chromium with one 1600×1000 page, ``body(page, browser)``, then
 * ``okLine`` printed when it held and the page threw nothing; on failure the error and a
 * screenshot ``<name>-failure``. Exits the process (0 when it held).
 */
export async function runScenario(name, okLine, artifacts, body) {
  const browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  let failed = false;
  try {
    await body(page, browser);
    if (pageErrors.length) throw new Error(`errors in the page: ${pageErrors.join(" | ")}`);
    console.log(okLine);
  } catch (error) {
    failed = true;
    console.error(String(error?.stack ?? error));
    await artifacts.screenshot(page, `${name}-failure`).catch(() => undefined);
  } finally {
    await browser.close();
  }
  process.exit(failed ? 1 : 0);
}
