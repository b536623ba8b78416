/** Step 3: the preview, one table row per file row, with its skip and fix controls. */
import { h } from "../dom";
import type { Mapping } from "./mapping";
import { ACTION_LABELS, type PreviewRow, blocking } from "./preview";
import type { PlanCI } from "./queries";
import { cellText, type SourceFile } from "./source";

/** Rows drawn besides every blocking one (a plan lists its first 1000 rows). */
export const SHOWN_ROWS = 1000;

export interface RowControls {
  skip(row: number, skipped: boolean): void;
  /** New texts of some cells (by file column) of a row. */
  fix(row: number, cells: Map<number, string>): void;
}

function ciText(ci: PlanCI): string {
  return `${ci.name ?? ci.id} (${ci.ciClass})`;
}

function short(value: unknown): string {
  if (value === null || value === undefined) return "∅";
  return Array.isArray(value) ? value.map(String).join(";") : String(value);
}

function details(r: PreviewRow): HTMLElement {
  return h(
    "td",
    { class: "details" },
    ...r.problems.map((p) =>
      h("div", { class: "problem error", "data-column": p.column }, `line ${p.line}, ${p.column}: ${p.reason}`),
    ),
    ...r.changes.map((c) => h("div", { class: "change", "data-field": c.field }, `${c.field}: ${short(c.before)} → ${short(c.after)}`)),
    r.candidates.length ? h("div", { class: "candidates" }, `candidates: ${r.candidates.map(ciText).join(", ")}`) : null,
    r.reason && r.problems.length === 0 ? h("div", { class: "muted" }, r.reason) : null,
  );
}

function values(file: SourceFile, mapping: Mapping, row: number): string {
  const cells = file.rows[row]?.cells ?? [];
  return mapping
    .flatMap((field, i) => (field === null || cellText(cells[i] ?? null) === "" ? [] : [`${field}=${cellText(cells[i] ?? null)}`]))
    .join(" · ");
}

function fixEditor(file: SourceFile, mapping: Mapping, r: PreviewRow, controls: RowControls, close: () => void): HTMLElement {
  const wrong = new Set(r.problems.map((p) => p.column));
  const inputs = mapping.flatMap((field, i) => {
    if (field === null) return [];
    const input = h("input", {
      class: wrong.has(field) ? "fix-cell wrong" : "fix-cell",
      "data-field": field,
      "data-column": String(i),
      value: cellText(file.rows[r.row]?.cells[i] ?? null),
    });
    return [{ i, input, label: h("label", {}, h("span", {}, field), input) }];
  });
  const save = (): void => {
    const before = file.rows[r.row]?.cells ?? [];
    const changed = new Map(inputs.filter(({ i, input }) => input.value !== cellText(before[i] ?? null)).map(({ i, input }) => [i, input.value]));
    close();
    if (changed.size) controls.fix(r.row, changed);
  };
  return h(
    "tr",
    { class: "fix-row", "data-fix": String(r.row) },
    h(
      "td",
      { colspan: 7 },
      h("div", { class: "fix-cells" }, ...inputs.map((x) => x.label)),
      h("button", { class: "primary small fix-save", onclick: save }, "Save and preview again"),
      " ",
      h("button", { class: "small fix-cancel", onclick: close }, "Cancel"),
    ),
  );
}

export function previewTable(file: SourceFile, mapping: Mapping, rows: PreviewRow[], controls: RowControls): HTMLElement {
  const stops = new Set(blocking(rows).map((r) => r.row));
  const shown = rows.filter((r) => r.row < SHOWN_ROWS || stops.has(r.row));
  const body = h("tbody", {});
  for (const r of shown) {
    const tr = h(
      "tr",
      { "data-row": String(r.row), "data-action": r.action, "data-line": String(file.rows[r.row]?.line ?? "") },
      h("td", { class: "num" }, String(file.rows[r.row]?.line ?? "")),
      h("td", {}, h("span", { class: `action action-${r.action}` }, ACTION_LABELS[r.action])),
      h("td", { class: "ci" }, r.ci ? ciText(r.ci) : ""),
      h("td", { class: "rule" }, r.rule ?? ""),
      details(r),
      h("td", { class: "values muted" }, values(file, mapping, r.row)),
      h("td", { class: "row-controls" }),
    );
    const controlsCell = tr.lastElementChild as HTMLElement;
    if (r.action !== "empty") {
      const skipped = r.action === "skipped";
      controlsCell.append(
        h("button", { class: "small row-skip", onclick: () => controls.skip(r.row, !skipped) }, skipped ? "Include" : "Skip"),
      );
    }
    if (r.action !== "skipped" && r.action !== "empty") {
      const fix = h("button", { class: "small row-fix" }, "Fix");
      fix.addEventListener("click", () => {
        if (tr.nextElementSibling?.classList.contains("fix-row")) return;
        const editor = fixEditor(file, mapping, r, controls, () => editor.remove());
        tr.after(editor);
        editor.querySelector<HTMLInputElement>("input.wrong, input")?.focus();
      });
      controlsCell.append(" ", fix);
    }
    body.append(tr);
  }
  const hidden = rows.length - shown.length;
  return h(
    "div",
    {},
    h(
      "table",
      { class: "import-table", id: "import-preview-table" },
      h("thead", {}, h("tr", {}, ...["line", "action", "CI", "rule", "changes / problems", "values", ""].map((c) => h("th", {}, c)))),
      body,
    ),
    hidden > 0 ? h("p", { class: "muted" }, `${hidden} more rows are not shown (none of them stops the import).`) : null,
  );
}
