/** What the colours and shapes mean. */
import { h } from "../dom";
import { CI_CLASSES, SHAPES } from "./node-kind";
import { IMPACT_DEGRADED, IMPACT_DOWN, NEUTRAL, PATH, SPOF, STATUS_COLOURS } from "./palette";

function swatch(colour: string, text: string): HTMLElement {
  return h("li", {}, h("span", { class: "swatch", style: `background:${colour}` }), text);
}

export function legend(): HTMLElement {
  return h(
    "details",
    { class: "legend" },
    h("summary", {}, "Legend"),
    h(
      "ul",
      {},
      ...Object.entries(STATUS_COLOURS).map(([s, c]) => swatch(c, s.toLowerCase())),
      swatch(NEUTRAL, "no status (service, asset…)"),
      swatch(IMPACT_DOWN, "impact: down"),
      swatch(IMPACT_DEGRADED, "impact: degraded"),
      swatch(PATH, "path"),
      swatch(SPOF, "single point of failure (ring)"),
    ),
    h(
      "ul",
      { class: "shapes" },
      ...[...CI_CLASSES, "Service" as const, "Asset" as const].map((k) => h("li", {}, `${k}: ${SHAPES[k]}`)),
    ),
    h("p", { class: "muted" }, "Clusters are drawn as boxes around their members. Click: details; double-click: expand."),
  );
}
