/**
 * What the drawing means: node types by shape, statuses and marks by colour, edge types
 * by line, the count badges, and the keyboard's key list. Shapes are drawn as the graph
 * draws them (legend-shapes.ts), so the legend cannot drift from the stylesheet.
 */
import { h } from "../dom";
import { aggregateLabel } from "./aggregates";
import { KEY_LIST } from "./keys";
import { shapeIcon, lineIcon } from "./legend-shapes";
import { CI_CLASSES, type NodeKind, SHAPES } from "./node-kind";
import {
  AGGREGATE,
  DIFF_ADDED,
  DIFF_CHANGED,
  DIFF_REMOVED,
  DIFF_SAME,
  EDGE,
  IMPACT_DEGRADED,
  IMPACT_DOWN,
  NEUTRAL,
  PATH,
  SPOF,
  STATUS_COLOURS,
} from "./palette";

const OTHER_SHOWN: readonly NodeKind[] = [
  "Service",
  "Asset",
  "Contract",
  "SoftwareProduct",
  "License",
  "Incident",
  "Change",
  "Person",
  "Team",
  "Location",
  "Vendor",
  "LifecycleEvent",
  "Other",
];

function item(icon: Element, text: string, key: string): HTMLElement {
  return h("li", { "data-key": key }, icon, h("span", {}, text));
}

function section(id: string, title: string, items: HTMLElement[]): HTMLElement {
  return h("section", { class: "legend-section", id }, h("h4", {}, title), h("ul", {}, ...items));
}

export function legend(): HTMLElement {
  const kinds = [...CI_CLASSES, ...OTHER_SHOWN].map((k) => item(shapeIcon(SHAPES[k], NEUTRAL), k, k));
  const statuses = Object.entries(STATUS_COLOURS).map(([s, c]) => item(shapeIcon("ellipse", c), s.toLowerCase(), s));
  const marks = [
    item(shapeIcon("ellipse", NEUTRAL), "no status (service, asset…)", "neutral"),
    item(shapeIcon("ellipse", IMPACT_DOWN), "impact: down", "impact-down"),
    item(shapeIcon("ellipse", IMPACT_DEGRADED), "impact: degraded", "impact-degraded"),
    item(shapeIcon("ellipse", "#fff", PATH), "on the path", "path"),
    item(shapeIcon("ellipse", "#fff", SPOF), "single point of failure", "spof"),
  ];
  const edges = [
    item(lineIcon(EDGE, "solid", true), "needs (depends on, runs on, hosted on), hard", "hard"),
    item(lineIcon(EDGE, "dashed", true), "soft dependency", "soft"),
    item(lineIcon("#d0d5dc", "solid", false), "connected to (network)", "connected"),
    item(lineIcon(IMPACT_DOWN, "dotted", false), "why it is impacted (witness)", "witness"),
    item(lineIcon(PATH, "solid", false, 4), "path between two nodes", "path-edge"),
    item(lineIcon(EDGE, "dotted", false), "to a count badge", "badge-edge"),
  ];
  const changes = [
    item(shapeIcon("ellipse", DIFF_ADDED), "added (node)", "diff-added"),
    item(lineIcon(DIFF_ADDED, "solid", true, 3), "added (relationship)", "diff-added-edge"),
    item(shapeIcon("ellipse", DIFF_REMOVED), "removed (node)", "diff-removed"),
    item(lineIcon(DIFF_REMOVED, "dashed", true, 3), "removed (relationship)", "diff-removed-edge"),
    item(shapeIcon("ellipse", DIFF_CHANGED), "changed (node; values in Changes)", "diff-changed"),
    item(lineIcon(DIFF_CHANGED, "solid", true, 3), "changed (relationship)", "diff-changed-edge"),
    item(shapeIcon("ellipse", DIFF_SAME), "unchanged (faint)", "diff-same"),
  ];
  const badge = aggregateLabel({ nodeId: "", kind: "LIFECYCLE_EVENTS", type: "HAD", count: 12, sharedWith: null });
  return h(
    "details",
    { class: "legend", id: "legend", open: true },
    h("summary", {}, "Legend"),
    section("legend-kinds", "Node types (shape)", kinds),
    section("legend-statuses", "Status (colour)", statuses),
    section("legend-marks", "Marks", marks),
    section("legend-edges", "Relationships (line)", edges),
    section("legend-diff", "Compare (Time: Compare)", changes),
    h(
      "section",
      { class: "legend-section", id: "legend-badges" },
      h("h4", {}, "Counts"),
      h("p", {}, h("span", { class: "badge-sample", style: `background:${AGGREGATE}` }, badge)),
      h(
        "p",
        { class: "muted" },
        "Lifecycle events and installed software are shown as counts; click one (or Enter) to draw them. " +
          "Clusters are boxes around their members. Click: details; double-click: expand.",
      ),
    ),
    h(
      "section",
      { class: "legend-section", id: "legend-keys" },
      h("h4", {}, "Keyboard"),
      h("dl", { class: "keys" }, ...KEY_LIST.flatMap((k) => [h("dt", {}, k.keys), h("dd", {}, k.what)])),
    ),
  );
}
