/**
 * The import page (#/import, editor role): choose a kind and a CSV or JSON file, map its
 * columns to the kind's, preview what the import would do (the identity engine's plan
 * for CIs: create, update, match, ambiguous; every invalid row with its line and
 * column), skip or fix rows and preview again, then apply exactly that plan (its token).
 * Past imports are listed from their audit entries. Skipped rows never leave the page.
 * Administrators also export here (``export-panel.ts``): a kind's file comes back through
 * this import previewed as unchanged, and Apply then has nothing to change.
 */
import { type GraphQL, GraphQLRequestError } from "../api/client";
import { expose } from "../app/test-hook";
import { fill, h } from "../dom";
import { count } from "../format";
import { type ExportOptions, ExportPanel } from "./export-panel";
import "./import.css";
import { type Mapping, mappingProblems, premap, rewrite } from "./mapping";
import { mappingTable } from "./mapping-table";
import { ACTION_LABELS, type PreviewRow, type RowAction, blocking, nothingToChange, previewRows, tally } from "./preview";
import { previewTable } from "./preview-table";
import { COLUMNS, IMPORT, type ImportKind, type ImportReport, type ImportRun, KINDS, RUNS } from "./queries";
import { runsTable } from "./runs-list";
import { type ImportFormat, readSource, type SourceFile, withCell } from "./source";

type Phase = "idle" | "file" | "previewing" | "previewed" | "applying" | "applied" | "error";

interface Previewed {
  content: string;
  format: ImportFormat;
  report: ImportReport;
  rows: PreviewRow[];
}

/** The API's typed message, and the field it names (``extensions.field``) if any. */
function apiMessage(e: unknown): { message: string; field: string | null; code: string | null } {
  if (e instanceof GraphQLRequestError) {
    const first = e.errors[0];
    const field = first?.extensions?.["field"];
    return { message: e.message, field: typeof field === "string" ? field : null, code: e.code ?? null };
  }
  return { message: e instanceof Error ? e.message : String(e), field: null, code: null };
}

export class ImportPage {
  readonly element = h("section", { class: "import-page", id: "import" });
  private kind: ImportKind = "CIS";
  private fields: string[] = [];
  private file: SourceFile | null = null;
  private mapping: Mapping = [];
  private skipped = new Set<number>();
  private previewed: Previewed | null = null;
  private phase: Phase = "idle";
  private counters = { previews: 0, applies: 0, runs: 0 };
  private readonly kindSelect = h(
    "select",
    { id: "import-kind", onchange: (e: Event) => void this.chooseKind((e.target as HTMLSelectElement).value as ImportKind) },
    ...KINDS.map((k) => h("option", { value: k }, k.toLowerCase())),
  );
  private readonly fileInput = h("input", { type: "file", id: "import-file", accept: ".csv,.json,text/csv,application/json" });
  private readonly fileError = h("p", { class: "field-error", id: "import-file-error", role: "alert" });
  private readonly mappingBox = h("div", { id: "import-mapping" });
  private readonly mappingError = h("p", { class: "field-error", id: "import-mapping-error", role: "alert" });
  private readonly previewButton = h("button", { class: "primary", id: "import-preview", onclick: () => void this.preview() }, "Preview");
  private readonly previewBox = h("div", { id: "import-preview-box" });
  private readonly message = h("p", { class: "field-error", id: "import-message", role: "alert" });
  private readonly outcome = h("div", { id: "import-outcome" });
  private readonly runsBox = h("div", { id: "import-runs" });

  constructor(
    private readonly api: GraphQL,
    exporting: ExportOptions = { mayExport: false, headers: () => ({}) },
  ) {
    this.fileInput.addEventListener("change", () => {
      const chosen = this.fileInput.files?.[0];
      if (chosen) void this.chooseFile(chosen);
    });
    const drop = h("div", { class: "import-drop", id: "import-drop" }, "or drop a CSV or JSON file here");
    drop.addEventListener("dragover", (e) => {
      e.preventDefault();
      drop.classList.add("over");
    });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", (e) => {
      e.preventDefault();
      drop.classList.remove("over");
      const dropped = e.dataTransfer?.files[0];
      if (dropped) void this.chooseFile(dropped);
    });
    fill(
      this.element,
      h("h2", {}, "Import"),
      exporting.mayExport ? new ExportPanel(api, exporting).element : null,
      h(
        "div",
        { class: "import-step" },
        h("h3", {}, "1. What and which file"),
        h("div", { class: "import-choose" }, h("label", {}, "Kind ", this.kindSelect), h("label", {}, "File ", this.fileInput), drop),
        this.fileError,
      ),
      h("div", { class: "import-step" }, h("h3", {}, "2. Columns"), this.mappingBox, this.mappingError, this.previewButton),
      h("div", { class: "import-step" }, h("h3", {}, "3. Preview and apply"), this.message, this.previewBox, this.outcome),
      h("div", { class: "import-step" }, h("h3", {}, "Past imports"), this.runsBox),
    );
    this.renderMapping();
    this.publish("idle");
    void this.chooseKind(this.kind);
    void this.loadRuns();
  }

  private publish(phase: Phase): void {
    this.phase = phase;
    this.element.dataset["phase"] = phase;
    const busy = phase === "previewing" || phase === "applying";
    this.previewButton.disabled = busy || this.file === null;
    for (const b of this.previewBox.querySelectorAll("button")) b.disabled = busy || b.hasAttribute("data-blocked");
    expose({ importPage: { phase, ...this.counters, kind: this.kind, fields: this.fields.length } });
  }

  private async chooseKind(kind: ImportKind): Promise<void> {
    this.kind = kind;
    this.kindSelect.value = kind;
    try {
      this.fields = (await this.api.request<{ importColumns: string[] }>(COLUMNS, { kind })).importColumns;
      this.message.textContent = "";
    } catch (e) {
      this.fields = [];
      this.message.textContent = apiMessage(e).message;
    }
    if (this.file) this.mapping = premap(this.file.columns, this.fields);
    this.clearPreview();
    this.renderMapping();
    this.publish(this.file ? "file" : "idle");
  }

  private async chooseFile(chosen: File): Promise<void> {
    this.fileError.textContent = "";
    this.clearPreview();
    try {
      this.file = readSource(chosen.name, await chosen.text());
    } catch (e) {
      this.file = null;
      this.fileError.textContent = e instanceof Error ? e.message : String(e);
    }
    this.mapping = this.file ? premap(this.file.columns, this.fields) : [];
    this.skipped = new Set();
    this.renderMapping();
    this.publish(this.file ? "file" : "error");
  }

  private renderMapping(): void {
    if (!this.file) {
      fill(this.mappingBox, h("p", { class: "muted" }, "Choose a file: its columns are mapped here."));
      return;
    }
    const summary = h("p", { class: "muted" }, `${this.file.name}: ${this.file.format}, ${count(this.file.rows.length)} rows, ${this.file.columns.length} columns.`);
    fill(
      this.mappingBox,
      summary,
      mappingTable(this.file, this.fields, this.mapping, (next) => {
        this.mapping = next;
        this.clearPreview();
        this.renderMapping();
        this.publish("file");
      }),
    );
  }

  private clearPreview(): void {
    this.previewed = null;
    this.mappingError.textContent = "";
    this.message.textContent = "";
    fill(this.previewBox);
  }

  /** Dry run of the content as mapped, without the skipped rows (nothing written). */
  private async preview(): Promise<void> {
    const file = this.file;
    if (!file) return;
    const wrong = mappingProblems(this.mapping);
    if (wrong.size > 0) {
      this.mappingError.textContent = "Two file columns are mapped to one column: skip one of them.";
      return;
    }
    const sent = rewrite(file, this.mapping, this.skipped);
    this.mappingError.textContent = "";
    this.message.textContent = "";
    fill(this.outcome);
    this.publish("previewing");
    try {
      const report = await this.send(sent.content, sent.format, true, null);
      const rows = previewRows(file.rows.length, sent, report, this.skipped);
      this.previewed = { content: sent.content, format: sent.format, report, rows };
      this.counters.previews++;
      this.renderPreview();
      this.publish("previewed");
    } catch (e) {
      this.previewed = null;
      fill(this.previewBox);
      this.showError(e);
      this.publish("error");
    }
  }

  private async send(content: string, format: ImportFormat, dryRun: boolean, planToken: string | null): Promise<ImportReport> {
    const variables = { kind: this.kind, format, content, dryRun, skipInvalid: dryRun, planToken, fileName: this.file?.name ?? null };
    return (await this.api.request<{ importData: ImportReport }>(IMPORT, variables)).importData;
  }

  /** The API's message next to the field it names: the file, the mapping, or the step. */
  private showError(e: unknown): void {
    const { message, field } = apiMessage(e);
    if (field === "content" || field === "fileName") this.fileError.textContent = message;
    else if (field === "mapping") this.mappingError.textContent = message;
    else this.message.textContent = message;
  }

  private renderPreview(): void {
    const previewed = this.previewed;
    const file = this.file;
    if (!previewed || !file) return;
    const counts = tally(previewed.rows);
    const stops = blocking(previewed.rows);
    const summary = (Object.keys(counts) as RowAction[]).map((a) =>
      h("span", { class: `action action-${a}`, "data-tally": a }, `${ACTION_LABELS[a]} ${counts[a] ?? 0}`),
    );
    const unchanged = nothingToChange(previewed.rows);
    const blocked = stops.length > 0 || unchanged || previewed.rows.every((r) => r.line === null);
    const apply = h(
      "button",
      { class: "primary", id: "import-apply", disabled: blocked, "data-blocked": blocked, "data-nothing": unchanged, onclick: () => void this.apply() },
      "Apply",
    );
    const note =
      stops.length > 0
        ? `Skip or fix the ${stops.length} row${stops.length === 1 ? "" : "s"} marked invalid, ambiguous or refused to apply: nothing is written while one is sent.`
        : unchanged
          ? "Nothing to change: every row matches the graph as it is, so there is nothing to apply."
          : previewed.report.plan
            ? "Apply writes exactly this plan; if the graph changed since, it is refused and you preview again."
            : "Apply writes these rows.";
    fill(
      this.previewBox,
      h("div", { class: "import-summary", id: "import-summary" }, ...summary),
      previewTable(file, this.mapping, previewed.rows, {
        skip: (row, skipped) => {
          if (skipped) this.skipped.add(row);
          else this.skipped.delete(row);
          void this.preview();
        },
        fix: (row, cells) => {
          let next = file;
          for (const [column, text] of cells) next = withCell(next, row, column, text);
          this.file = next;
          void this.preview();
        },
      }),
      h("div", { class: "import-apply" }, apply, h("span", { class: "muted", id: "import-apply-note" }, note)),
    );
  }

  /** Write what was previewed: the same content, with the plan's token (CIs). */
  private async apply(): Promise<void> {
    const previewed = this.previewed;
    if (!previewed || this.file === null) return;
    this.publish("applying");
    try {
      const report = await this.send(previewed.content, previewed.format, false, previewed.report.plan?.token ?? null);
      this.counters.applies++;
      this.previewed = null;
      fill(this.previewBox);
      this.showOutcome(report);
      await this.loadRuns();
      this.publish("applied");
    } catch (e) {
      this.showError(e);
      this.publish("error");
      if (apiMessage(e).code === "PLAN_STALE") void this.preview();
    }
  }

  private showOutcome(report: ImportReport): void {
    fill(
      this.outcome,
      h(
        "p",
        { class: "import-done", id: "import-done" },
        `Imported ${this.file?.name ?? "the file"}: ${count(report.created)} created, ${count(report.updated)} updated, `,
        `${count(report.unchanged)} unchanged, ${count(report.skipped)} skipped (of ${count(report.rows)} rows sent).`,
      ),
      ...report.problems.map((p) => h("p", { class: "error" }, `line ${p.line}, ${p.column}: ${p.reason}`)),
    );
  }

  private async loadRuns(): Promise<void> {
    try {
      const runs = (await this.api.request<{ importRuns: ImportRun[] }>(RUNS, { first: 20 })).importRuns;
      fill(this.runsBox, runsTable(runs));
      this.counters.runs = runs.length;
    } catch (e) {
      fill(this.runsBox, h("p", { class: "error" }, apiMessage(e).message));
    }
    this.publish(this.phase);
  }
}
