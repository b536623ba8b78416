/** Small SVG icons for the legend: a node shape as the graph draws it, an edge's line. */
import type { Shape } from "./node-kind";

const SVG = "http://www.w3.org/2000/svg";

/** Polygons in a 16×16 box (cytoscape's shapes, near enough to tell apart). */
const POLYGONS: Partial<Record<Shape, string>> = {
  diamond: "8,1 15,8 8,15 1,8",
  "round-diamond": "8,1 15,8 8,15 1,8",
  hexagon: "4,2 12,2 15,8 12,14 4,14 1,8",
  vee: "1,2 8,7 15,2 8,15",
  star: "8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6",
  tag: "1,2 11,2 15,8 11,14 1,14",
  "round-tag": "1,2 11,2 15,8 11,14 1,14",
  "cut-rectangle": "4,2 12,2 15,5 15,11 12,14 4,14 1,11 1,5",
  pentagon: "8,1 15,6 12.5,15 3.5,15 1,6",
  triangle: "8,2 15,14 1,14",
  "round-triangle": "8,2 15,14 1,14",
  rhomboid: "4,2 15,2 12,14 1,14",
  "concave-hexagon": "1,2 15,2 12,8 15,14 1,14 4,8",
  octagon: "5,1 11,1 15,5 15,11 11,15 5,15 1,11 1,5",
};

function svg(width: number): SVGSVGElement {
  const el = document.createElementNS(SVG, "svg");
  el.setAttribute("width", String(width));
  el.setAttribute("height", "16");
  el.setAttribute("viewBox", `0 0 ${width} 16`);
  el.setAttribute("aria-hidden", "true");
  el.setAttribute("class", "legend-icon");
  return el;
}

function child(parent: Element, tag: string, attrs: Record<string, string | number>): void {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  parent.appendChild(el);
}

export function shapeIcon(shape: Shape, fill: string, stroke = "none"): SVGSVGElement {
  const icon = svg(16);
  icon.dataset["shape"] = shape;
  const paint = { fill, stroke, "stroke-width": stroke === "none" ? 0 : 2.5 };
  const points = POLYGONS[shape];
  if (points) child(icon, "polygon", { points, ...paint });
  else if (shape === "ellipse") child(icon, "circle", { cx: 8, cy: 8, r: 6.5, ...paint });
  else {
    const round = shape === "round-rectangle" ? 4 : shape === "barrel" ? 6 : 0;
    child(icon, "rect", { x: 1.5, y: 2.5, width: 13, height: 11, rx: round, ry: shape === "barrel" ? 3 : round, ...paint });
  }
  return icon;
}

export function lineIcon(colour: string, style: "solid" | "dashed" | "dotted", arrow: boolean, width = 1.5): SVGSVGElement {
  const icon = svg(30);
  const dash = style === "dashed" ? "4 3" : style === "dotted" ? "1.5 2.5" : "";
  child(icon, "line", { x1: 1, y1: 8, x2: arrow ? 23 : 29, y2: 8, stroke: colour, "stroke-width": width, "stroke-dasharray": dash });
  if (arrow) child(icon, "polygon", { points: "22,4 29,8 22,12", fill: colour });
  return icon;
}
