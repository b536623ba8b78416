/** A horizontal bar chart in plain SVG (no chart library: the bundle stays small). */
import type { ChartSpec } from "../dashboard/model";
import { h } from "../dom";
import { barGeometry } from "./bar-geometry";

const SVG = "http://www.w3.org/2000/svg";
const ROW = 22;
const LABEL_W = 210;
const VALUE_W = 150;
const PLOT_W = 280;
const TONES = { good: "#2e9d5b", warn: "#f0a202", bad: "#d7263d" } as const;
const DEFAULT_FILL = "#5b6ee1";

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

export function barChart(spec: ChartSpec): HTMLElement {
  const figure = h("figure", { class: "chart", id: `chart-${spec.id}`, "data-bars": spec.bars.length });
  const caption = spec.floor === undefined ? spec.title : `${spec.title} — scale from ${spec.floor}`;
  figure.append(h("figcaption", {}, caption));
  if (spec.bars.length === 0) {
    figure.append(h("p", { class: "muted" }, spec.empty));
    return figure;
  }
  const { zeroX, boxes } = barGeometry(spec.bars, PLOT_W, spec.floor);
  const height = spec.bars.length * ROW + 8;
  const root = svg("svg", {
    viewBox: `0 0 ${LABEL_W + PLOT_W + VALUE_W} ${height}`,
    width: "100%",
    role: "img",
    "aria-label": spec.title,
  });
  spec.bars.forEach((bar, i) => {
    const y = i * ROW + 4;
    const box = boxes[i];
    if (!box) return;
    const g = svg("g", { class: "bar", "data-label": bar.label, "data-value": bar.value });
    g.append(
      svg("text", { x: LABEL_W - 6, y: y + 14, "text-anchor": "end", class: "bar-label" }, truncate(bar.label, 30)),
      svg("rect", {
        x: LABEL_W + box.x,
        y: y + 2,
        width: Math.max(box.width, 1),
        height: ROW - 6,
        rx: 2,
        fill: bar.tone ? TONES[bar.tone] : DEFAULT_FILL,
      }),
      svg("text", { x: LABEL_W + PLOT_W + 6, y: y + 14, class: "bar-value" }, bar.display),
    );
    if (box.targetX !== undefined) {
      const x = LABEL_W + box.targetX;
      g.append(svg("line", { x1: x, x2: x, y1: y, y2: y + ROW - 2, class: "bar-target" }));
    }
    root.append(g);
  });
  root.append(svg("line", { x1: LABEL_W + zeroX, x2: LABEL_W + zeroX, y1: 0, y2: height, class: "bar-zero" }));
  figure.append(root);
  return figure;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
