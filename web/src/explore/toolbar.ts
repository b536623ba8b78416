/** Depth, layout and path controls of the explore page. */
import { h } from "../dom";
import type { LayoutName } from "./layouts";

export interface ToolbarActions {
  relayout(name: LayoutName): void;
  path(): void;
  fit(): void;
}

export interface Toolbar {
  element: HTMLElement;
  depth(): number;
  layout(): LayoutName;
  status(text: string): void;
}

export function toolbar(actions: ToolbarActions): Toolbar {
  const depth = h(
    "select",
    { id: "depth", title: "Neighbourhood depth" },
    ...[1, 2, 3, 4, 5, 6].map((d) => h("option", { value: d, selected: d === 2 }, `depth ${d}`)),
  );
  const layout = h(
    "select",
    { id: "layout", title: "Layout" },
    h("option", { value: "force" }, "force-directed"),
    h("option", { value: "hierarchy" }, "hierarchical"),
  );
  const status = h("p", { class: "muted status-line", id: "status-line" });
  const current = (): LayoutName => (layout.value === "hierarchy" ? "hierarchy" : "force");
  layout.addEventListener("change", () => actions.relayout(current()));
  return {
    element: h(
      "div",
      { class: "toolbar" },
      h("div", { class: "row" }, depth, layout),
      h(
        "div",
        { class: "row" },
        h("button", { id: "relayout", onclick: () => actions.relayout(current()) }, "Re-layout"),
        h("button", { id: "fit", onclick: () => actions.fit() }, "Fit"),
        h("button", { id: "find-path", title: "Select two nodes (shift-click)", onclick: () => actions.path() }, "Path"),
      ),
      status,
    ),
    depth: () => Number(depth.value),
    layout: current,
    status: (text) => {
      status.textContent = text;
    },
  };
}
