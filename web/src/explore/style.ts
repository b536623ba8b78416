/** The graph's stylesheet: colour by status, shape by class, marks as classes. */
import type { Css, StylesheetJson } from "cytoscape";
import { DIFF_ADDED, DIFF_CHANGED, DIFF_REMOVED, DIFF_SAME, EDGE, FOCUS, IMPACT_DEGRADED, IMPACT_DOWN, PATH, SPOF } from "./palette";

/** Above this many elements, edges are drawn the cheapest way (haystack, no arrows). */
export const LARGE_GRAPH = 1500;

function baseNode(large: boolean): StylesheetJson {
  return [
    {
      selector: "node",
      style: {
        "background-color": "data(colour)",
        // a data mapper (the typings only know literal shapes)
        shape: "data(shape)" as Css.NodeShape,
        label: "data(label)",
        "font-size": 10,
        // a large graph shows names only once zoomed in
        "min-zoomed-font-size": large ? 14 : 7,
        "text-valign": "bottom",
        "text-margin-y": 3,
        color: "#223",
        width: 22,
        height: 22,
        "border-width": 0,
      },
    },
    {
      selector: 'node[kind = "Service"]',
      style: { width: 30, height: 30, "font-weight": "bold" },
    },
    {
      selector: "node:parent",
      style: {
        "background-opacity": 0.07,
        "border-width": 2,
        "border-style": "dashed",
        "border-color": "#7a8796",
        "text-valign": "top",
        "text-margin-y": -4,
        padding: "12px",
      },
    },
    {
      selector: "node:selected",
      style: { "border-width": 4, "border-color": "#1b1f3b", "border-style": "solid" },
    },
    {
      // a badge for collapsed lifecycle events or software: click (or Enter) to draw them
      selector: 'node[kind = "Aggregate"]',
      style: {
        width: "label",
        height: 16,
        padding: "4px",
        "text-valign": "center",
        "text-margin-y": 0,
        "font-size": 9,
        color: "#3a4150",
        "border-width": 1,
        "border-color": "#9aa3b2",
        "border-style": "dashed",
        "min-zoomed-font-size": large ? 10 : 5,
      },
    },
    {
      // level of detail: the node under the pointer, the keyboard's and the selection
      // always show their names, over everything else
      selector: "node.hover, node.kbd-focus, node:selected",
      style: {
        "min-zoomed-font-size": 0,
        "text-background-color": "#ffffff",
        "text-background-opacity": 0.85,
        "text-background-padding": "2px",
        "z-index": 20,
      },
    },
    {
      selector: "node.kbd-focus",
      style: { "border-width": 4, "border-color": FOCUS, "border-style": "solid", "font-weight": "bold" },
    },
  ];
}

function baseEdge(large: boolean): StylesheetJson {
  return [
    {
      selector: "edge",
      // a large graph fades its edges; the ones at the hovered or focused node stand out
      style: large
        ? { width: 1, "line-color": EDGE, "curve-style": "haystack", "haystack-radius": 0, opacity: 0.35 }
        : {
            width: 1.5,
            "line-color": EDGE,
            "curve-style": "straight",
            "target-arrow-shape": "triangle",
            "target-arrow-color": EDGE,
            "arrow-scale": 0.8,
          },
    },
    { selector: "edge.soft", style: { "line-style": "dashed" } },
    { selector: "edge.rel-CONNECTED_TO", style: { "line-color": "#d0d5dc", "target-arrow-shape": "none" } },
    { selector: "edge.nested", style: { display: "none" } },
    { selector: "edge.aggregate-link", style: { "line-style": "dotted", "target-arrow-shape": "none" } },
    { selector: "edge.near, edge.hover-near", style: { opacity: 1, "line-color": "#5b6473", width: 2, "z-index": 5 } },
    {
      selector: "edge.witness-link",
      style: { "line-style": "dotted", "line-color": IMPACT_DOWN, width: 2 },
    },
  ];
}

function marks(): StylesheetJson {
  return [
    { selector: ".filtered", style: { display: "none" } },
    { selector: ".dim", style: { opacity: 0.2 } },
    // live status badges (a move pushed over the websocket)
    {
      selector: "node.live-down",
      style: { "border-width": 4, "border-color": IMPACT_DOWN, "border-style": "double" },
    },
    {
      selector: "node.live-degraded",
      style: { "border-width": 4, "border-color": IMPACT_DEGRADED, "border-style": "double" },
    },
    { selector: "node.impact-down", style: { "background-color": IMPACT_DOWN, opacity: 1 } },
    { selector: "node.impact-degraded", style: { "background-color": IMPACT_DEGRADED, opacity: 1 } },
    {
      selector: "node.impact-input",
      style: { "border-width": 5, "border-color": "#111", "border-style": "double" },
    },
    {
      selector: "node.path",
      style: { "border-width": 4, "border-color": PATH, "border-style": "solid", opacity: 1 },
    },
    {
      selector: "edge.path",
      style: { width: 4, "line-color": PATH, "target-arrow-color": PATH, opacity: 1, "z-index": 10 },
    },
    {
      selector: "node.spof",
      style: { "border-width": 5, "border-color": SPOF, "border-style": "solid", opacity: 1 },
    },
    {
      selector: "node.candidate",
      style: { "border-width": 5, "border-color": "#111", "border-style": "dotted", opacity: 1 },
    },
  ];
}

/** Compare mode: added green, removed red (dashed), changed amber; the rest faint. */
function diff(): StylesheetJson {
  const node = (colour: string, border: string): Css.Node => ({
    "background-color": colour,
    "border-width": 3,
    "border-color": border,
    "border-style": "solid",
    opacity: 1,
  });
  const edge = (colour: string): Css.Edge => ({
    "line-color": colour,
    "target-arrow-color": colour,
    width: 3,
    opacity: 1,
    "z-index": 8,
  });
  return [
    { selector: "node.diff-same", style: { "background-color": DIFF_SAME, opacity: 0.55 } },
    { selector: "edge.diff-same", style: { opacity: 0.35 } },
    { selector: "node.diff-added", style: node(DIFF_ADDED, "#0f5f2b") },
    { selector: "node.diff-removed", style: { ...node(DIFF_REMOVED, "#7d1020"), "border-style": "dashed" } },
    { selector: "node.diff-changed", style: node(DIFF_CHANGED, "#8a5a00") },
    { selector: "edge.diff-added", style: edge(DIFF_ADDED) },
    { selector: "edge.diff-removed", style: { ...edge(DIFF_REMOVED), "line-style": "dashed" } },
    { selector: "edge.diff-changed", style: edge(DIFF_CHANGED) },
    // a membership that came or went is shown even where the cluster box stands for it
    { selector: "edge.nested.diff-added, edge.nested.diff-removed, edge.nested.diff-changed", style: { display: "element" } },
    // the selection and the keyboard's node keep their border over the diff's
    { selector: "node:selected", style: { "border-width": 4, "border-color": "#1b1f3b", "border-style": "solid" } },
    { selector: "node.kbd-focus", style: { "border-width": 4, "border-color": FOCUS, "border-style": "solid" } },
  ];
}

export function stylesheet(large: boolean): StylesheetJson {
  return [...baseNode(large), ...baseEdge(large), ...marks(), ...diff()];
}
