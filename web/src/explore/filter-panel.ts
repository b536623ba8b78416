/** Check boxes for the classes, statuses and relationship types present in the graph. */
import { h } from "../dom";
import { type Filters, NO_FILTERS, toggle } from "./filters";
import { STATUS_COLOURS } from "./palette";

type Group = keyof Filters;

export interface FilterPanel {
  element: HTMLElement;
  /** Offer a box for each value now drawn (hidden ones stay offered). */
  refresh(kinds: Iterable<string>, types: Iterable<string>): void;
}

export function filterPanel(onChange: (filters: Filters) => void): FilterPanel {
  let filters: Filters = NO_FILTERS;
  const kindsBox = h("div", { class: "filter-group", id: "filter-kinds" });
  const statusBox = h("div", { class: "filter-group", id: "filter-statuses" });
  const typesBox = h("div", { class: "filter-group", id: "filter-types" });

  const boxes = (group: Group, values: string[]): HTMLElement[] =>
    values.sort().map((value) => {
      const box = h("input", {
        type: "checkbox",
        "data-group": group,
        "data-value": value,
        checked: !filters[group].has(value),
      });
      box.addEventListener("change", () => {
        filters = { ...filters, [group]: toggle(filters[group], value, !box.checked) };
        onChange(filters);
      });
      return h("label", { class: "check" }, box, value);
    });

  statusBox.replaceChildren(...boxes("hiddenStatuses", Object.keys(STATUS_COLOURS)));
  const element = h(
    "details",
    { class: "filters", id: "filters" },
    h("summary", {}, "Filters"),
    h("h4", {}, "Class"),
    kindsBox,
    h("h4", {}, "Status"),
    statusBox,
    h("h4", {}, "Relationship"),
    typesBox,
  );
  return {
    element,
    refresh(kinds, types) {
      const withHidden = (values: Iterable<string>, hidden: ReadonlySet<string>): string[] => [
        ...new Set([...values, ...hidden]),
      ];
      kindsBox.replaceChildren(...boxes("hiddenKinds", withHidden(kinds, filters.hiddenKinds)));
      typesBox.replaceChildren(...boxes("hiddenTypes", withHidden(types, filters.hiddenTypes)));
    },
  };
}
