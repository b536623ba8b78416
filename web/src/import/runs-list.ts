/** Past imports, from their audit entries (``importRuns``): the reports stay viewable. */
import { h } from "../dom";
import { count, date } from "../format";
import type { ImportRun } from "./queries";

export function runsTable(runs: ImportRun[]): HTMLElement {
  if (runs.length === 0) return h("p", { class: "muted", id: "import-runs-empty" }, "No import has written anything yet.");
  const head = ["when", "who", "kind", "file", "rows", "created", "updated", "unchanged", "refused"];
  return h(
    "table",
    { class: "import-table", id: "import-runs-table" },
    h("thead", {}, h("tr", {}, ...head.map((c) => h("th", {}, c)))),
    h(
      "tbody",
      {},
      ...runs.map((r) =>
        h(
          "tr",
          { "data-run": r.run, "data-file": r.fileName ?? "" },
          h("td", {}, date(r.at)),
          h("td", {}, r.actor),
          h("td", {}, r.kind),
          h("td", {}, r.fileName ?? "—", r.format ? h("span", { class: "muted" }, ` (${r.format})`) : null),
          h("td", { class: "num" }, count(r.rows)),
          h("td", { class: "num", "data-count": "created" }, count(r.created)),
          h("td", { class: "num", "data-count": "updated" }, count(r.updated)),
          h("td", { class: "num" }, count(r.unchanged)),
          h("td", { class: "num" }, count(r.refused)),
        ),
      ),
    ),
  );
}
