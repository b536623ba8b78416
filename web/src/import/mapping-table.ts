/** Step 2: each file column, a sample of its values, and the kind's column it goes to. */
import { h } from "../dom";
import { type Mapping, mappingProblems } from "./mapping";
import { cellText, type SourceFile } from "./source";

export const SKIP_COLUMN = "";

export function mappingTable(file: SourceFile, fields: string[], mapping: Mapping, onChange: (next: Mapping) => void): HTMLElement {
  const problems = mappingProblems(mapping);
  const rows = file.columns.map((column, i) => {
    const select = h(
      "select",
      {
        class: "import-target",
        "data-column": column,
        "aria-label": `target of ${column}`,
        onchange: (e: Event) => {
          const value = (e.target as HTMLSelectElement).value;
          onChange(mapping.map((m, j) => (j === i ? (value === SKIP_COLUMN ? null : value) : m)));
        },
      },
      h("option", { value: SKIP_COLUMN }, "— skip column —"),
      ...fields.map((f) => h("option", { value: f, selected: mapping[i] === f }, f)),
    );
    const sample = file.rows
      .slice(0, 3)
      .map((r) => cellText(r.cells[i] ?? null))
      .filter((v) => v !== "")
      .join(", ");
    const problem = problems.get(i);
    return h(
      "tr",
      { "data-column": column, class: mapping[i] === null ? "skipped" : "" },
      h("td", {}, column),
      h("td", { class: "muted sample" }, sample),
      h("td", {}, select),
      h("td", { class: "field-error", role: problem ? "alert" : false }, problem ?? ""),
    );
  });
  return h(
    "table",
    { class: "import-table", id: "import-mapping-table" },
    h("thead", {}, h("tr", {}, h("th", {}, "file column"), h("th", {}, "sample"), h("th", {}, "imported as"), h("th", {}, ""))),
    h("tbody", {}, ...rows),
  );
}
