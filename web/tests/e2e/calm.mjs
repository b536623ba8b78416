// The calmer graph (issue 18 part 6): count badges for lifecycle events and software,
// the legend, keyboard navigation and the large graph's level of detail, each checked
// against the API's answer or the drawing itself.
import { check, clickNode, fitDrawing, nodeIdByLabel, waitForHook } from "./harness.mjs";
import { searchAndOpen } from "./steps.mjs";

const GRAPH = `query($id: ID!, $depth: Int!, $collapse: Boolean!, $types: [RelationshipType!]) {
  graph(centerId: $id, depth: $depth, collapse: $collapse, types: $types) {
    nodes { id labels } aggregates { nodeId kind type count sharedWith } } }`;

async function draws(page) {
  return page.evaluate(() => window.graphcmdbExplorer?.draws ?? 0);
}

async function badges(page) {
  return page.evaluate(() =>
    Object.fromEntries(
      window.graphcmdbExplorer.cy.nodes('[kind = "Aggregate"]').map((n) => [n.id(), n.data("label")]),
    ),
  );
}

/** A host of the demo with software and a tracked asset: badges, not packages or events. */
export async function collapsedCounts(page, api, artifacts, name = "h1") {
  await page.click("#tab-explore");
  await page.selectOption("#depth", "2");
  await searchAndOpen(page, name, name);
  const id = await nodeIdByLabel(page, name);
  const full = (await api.query(GRAPH, { id, depth: 2, collapse: false, types: null })).graph;
  const calm = (await api.query(GRAPH, { id, depth: 2, collapse: true, types: null })).graph;
  const kinds = new Set(calm.aggregates.map((a) => a.kind));
  check(kinds.has("SOFTWARE") && kinds.has("LIFECYCLE_EVENTS"), `API: ${name}'s neighbourhood has software and lifecycle events to count`);
  const drawnIds = await page.evaluate(() => window.graphcmdbExplorer.cy.nodes('[kind != "Aggregate"]').map((n) => n.id()).sort());
  check(JSON.stringify(drawnIds) === JSON.stringify(calm.nodes.map((n) => n.id).sort()), `the page draws the collapsed neighbourhood (${drawnIds.length} nodes, ${full.nodes.length} uncollapsed)`);
  const hidden = full.nodes.filter((n) => n.labels.includes("LifecycleEvent") || n.labels.includes("SoftwareProduct"));
  check(hidden.length > 0 && hidden.every((n) => !drawnIds.includes(n.id)), `no lifecycle event or package is drawn (${hidden.length} left out)`);
  const shown = await badges(page);
  const want = Object.fromEntries(calm.aggregates.map((a) => [`agg:${a.nodeId}:${a.kind}`, a]));
  check(JSON.stringify(Object.keys(shown).sort()) === JSON.stringify(Object.keys(want).sort()), `one badge per aggregate (${Object.keys(want).length})`);
  const software = calm.aggregates.find((a) => a.kind === "SOFTWARE" && a.nodeId === id) ?? calm.aggregates.find((a) => a.kind === "SOFTWARE");
  const label = shown[`agg:${software.nodeId}:SOFTWARE`];
  check(label.startsWith(`Software: ${software.count} package`), `the badge says "${label}"`);
  await fitDrawing(page);
  await artifacts.screenshot(page, "explorer-calm");
  for (const kind of ["SOFTWARE", "LIFECYCLE_EVENTS"]) {
    const a = calm.aggregates.find((x) => x.kind === kind);
    const badge = `agg:${a.nodeId}:${kind}`;
    const before = await draws(page);
    await clickNode(page, badge);
    await waitForHook(page, (n) => (window.graphcmdbExplorer?.draws ?? 0) > n, before);
    const behind = (await api.query(GRAPH, { id: a.nodeId, depth: 1, collapse: false, types: [a.type] })).graph.nodes.map((n) => n.id);
    const missing = await page.evaluate((ids) => ids.filter((x) => window.graphcmdbExplorer.cy.getElementById(x).empty()), behind);
    const gone = await page.evaluate((b) => window.graphcmdbExplorer.cy.getElementById(b).empty(), badge);
    check(missing.length === 0 && gone && behind.length - 1 === a.count, `a click on the ${kind} badge draws its ${a.count} node(s) in its place`);
  }
}

/** The legend shows every drawn kind with the shape the graph uses, statuses with their colour. */
export async function legendMatchesDrawing(page) {
  check(await page.locator("#legend[open]").count() === 1, "the legend is open beside the graph");
  const drawn = await page.evaluate(() => {
    const out = {};
    window.graphcmdbExplorer.cy.nodes('[kind != "Aggregate"]').forEach((n) => {
      if (!n.isParent()) out[n.data("kind")] = n.style("shape");
    });
    return out;
  });
  for (const [kind, shape] of Object.entries(drawn)) {
    const legendShape = await page.locator(`#legend-kinds li[data-key="${kind}"] svg`).getAttribute("data-shape");
    check(legendShape === shape, `legend: ${kind} is a ${shape}, as drawn`);
  }
  const statuses = await page.evaluate(() => {
    const out = {};
    window.graphcmdbExplorer.cy.nodes("[status != '']").forEach((n) => {
      if (!n.hasClass("impact-down") && !n.hasClass("impact-degraded")) out[n.data("status")] = n.style("background-color").replace(/\s/g, "");
    });
    return out;
  });
  for (const [status, colour] of Object.entries(statuses)) {
    const fill = await page.locator(`#legend-statuses li[data-key="${status}"] svg circle`).getAttribute("fill");
    const rgb = `rgb(${[1, 3, 5].map((i) => parseInt(fill.slice(i, i + 2), 16)).join(",")})`;
    check(rgb === colour, `legend: ${status.toLowerCase()} is ${fill}, as drawn`);
  }
  for (const id of ["#legend-edges", "#legend-badges", "#legend-keys"]) {
    check(await page.locator(`${id} li, ${id} dt, ${id} .badge-sample`).count() > 0, `legend section ${id} is filled`);
  }
}

async function focused(page) {
  return page.evaluate(() => document.querySelector("#cy").dataset.focused ?? "");
}

async function neighbours(page, id) {
  return page.evaluate((x) => window.graphcmdbExplorer.cy.getElementById(x).neighborhood().nodes().map((n) => n.id()), id);
}

/** Tab into the graph, move with arrows and Tab, Enter for details, Esc twice. */
export async function keyboard(page, name = "h1") {
  const start = await nodeIdByLabel(page, name);
  await clickNode(page, start);
  await page.focus("#cy");
  check((await focused(page)) === start, `focusing the graph puts the keyboard on the selected node (${name})`);
  check((await page.locator("#kbd-status").innerText()).includes(name), "the focused node is announced");
  await page.keyboard.press("Tab");
  const first = await focused(page);
  await page.keyboard.press("Tab");
  const second = await focused(page);
  const around = await neighbours(page, start);
  check(around.includes(first) && around.includes(second) && first !== second, "Tab goes from neighbour to neighbour of the node it started from");
  await page.keyboard.press("Shift+Tab");
  check((await focused(page)) === first, "Shift+Tab goes back");
  let moved = null;
  for (const key of ["ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp"]) {
    await page.keyboard.press(key);
    const now = await focused(page);
    if (now !== first) {
      moved = now;
      break;
    }
  }
  check(moved && (await neighbours(page, first)).includes(moved), "an arrow moves to a neighbour in that direction");
  await page.keyboard.press("Enter");
  const target = (await page.evaluate((x) => window.graphcmdbExplorer.cy.getElementById(x).data("aggregate"), moved)) ? null : moved;
  if (target) {
    await page.waitForSelector(`#details[data-node-id="${target}"]`);
    check(true, "Enter opens the focused node's details");
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => !document.querySelector("#details"));
    check((await focused(page)) === moved, "Esc closes the details, the focus stays");
  } else {
    await page.keyboard.press("Escape"); // Enter drew a badge's nodes; the start's details close
  }
  await page.keyboard.press("Escape");
  check((await focused(page)) === "" && (await page.evaluate(() => document.activeElement?.id)) !== "cy", "Esc again leaves the graph");
}

/** At 2,000+ nodes: edges faded, names only when zoomed in or under the pointer. */
export async function levelOfDetail(page) {
  const faded = await page.evaluate(() => {
    const cy = window.graphcmdbExplorer.cy;
    return { edge: Number(cy.edges().first().style("opacity")), zoomed: cy.nodes().first().style("min-zoomed-font-size") };
  });
  check(faded.edge < 1 && faded.zoomed === "14px", `large graph: edges faded (${faded.edge}), names from a zoom that shows them at 14px`);
  const id = await page.evaluate(() => {
    const cy = window.graphcmdbExplorer.cy;
    return cy.nodes().filter((n) => !n.isParent() && n.degree() > 1).first().id();
  });
  const { x, y } = await page.evaluate((nodeId) => {
    const cy = window.graphcmdbExplorer.cy;
    const node = cy.getElementById(nodeId);
    cy.zoom(1); // fitted, 2,000 nodes are a few pixels wide
    cy.center(node);
    const box = cy.container().getBoundingClientRect();
    const p = node.renderedPosition();
    return { x: box.left + p.x + 2, y: box.top + p.y + 2 };
  }, id);
  // a dense drawing may put another node on top at that point: whichever is hovered
  await page.mouse.move(x - 40, y - 40);
  await page.mouse.move(x, y, { steps: 4 });
  await waitForHook(page, () => window.graphcmdbExplorer.cy.nodes(".hover").nonempty(), undefined, 10_000);
  const hovered = await page.evaluate(() => {
    const node = window.graphcmdbExplorer.cy.nodes(".hover").first();
    const edges = node.connectedEdges();
    return { zoomed: node.style("min-zoomed-font-size"), edges: edges.length, bright: edges.filter((e) => Number(e.style("opacity")) === 1).length };
  });
  check(hovered.zoomed === "0px" && hovered.edges > 0 && hovered.bright === hovered.edges, `the hovered node shows its name and its ${hovered.edges} edge(s) stand out`);
}
