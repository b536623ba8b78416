/**
 * Export on the import page (administrators: an export holds every cost figure of its
 * kind). A kind as CSV or JSON in the importer's own columns (``exportData``), which the
 * import above takes back unchanged; and the whole graph as JSON lines
 * (``GET /api/graph-export``, what ``graphcmdb graph export`` writes). Loading the whole
 * graph back needs an empty database: that is the CLI's (``graphcmdb graph import``).
 * With a pasted token the page cannot know the role: the panel is shown and the API's
 * refusal is shown in it.
 */
import type { GraphQL } from "../api/client";
import { expose } from "../app/test-hook";
import { h } from "../dom";
import { EXPORT, type ImportKind, KINDS } from "./queries";
import type { ImportFormat } from "./source";

export const GRAPH_EXPORT_PATH = "/api/graph-export";

export interface ExportOptions {
  /** Offer the panel (a signed-in admin, or a pasted token: the API decides). */
  mayExport: boolean;
  /** The request headers of these credentials (bearer token, or the session's CSRF). */
  headers: () => Record<string, string>;
}

type ExportPhase = "idle" | "exporting" | "exported" | "error";

/** ``graphcmdb-cis-2026-12-05.csv``: the kind, the local day, the format's extension. */
export function exportFileName(kind: string, extension: string, day: Date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, "0");
  const stamp = `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
  return `graphcmdb-${kind.toLowerCase()}-${stamp}.${extension}`;
}

/** Hand a file to the browser's downloads (an object URL and an ``<a download>`` click). */
export function saveFile(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = h("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The typed message of a refused download (``{errors: [{message}]}``), else its status. */
async function refusal(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { errors?: { message?: string }[] };
    const message = body.errors?.[0]?.message;
    if (message) return message;
  } catch {
    // not JSON: the status says it
  }
  return `HTTP ${response.status} ${response.statusText}`;
}

export class ExportPanel {
  readonly element: HTMLElement;
  private readonly counters = { exports: 0, graphExports: 0 };
  private readonly kind = h("select", { id: "export-kind" }, ...KINDS.map((k) => h("option", { value: k }, k.toLowerCase())));
  private readonly format = h("select", { id: "export-format" }, h("option", { value: "CSV" }, "CSV"), h("option", { value: "JSON" }, "JSON"));
  private readonly button = h("button", { class: "primary", id: "export-file", onclick: () => void this.exportKind() }, "Export");
  private readonly graphButton = h("button", { id: "export-graph", onclick: () => void this.exportGraph() }, "Whole graph (JSON lines)");
  private readonly message = h("p", { class: "field-error", id: "export-message", role: "alert" });
  private readonly done = h("p", { class: "muted", id: "export-done" });

  constructor(
    private readonly api: GraphQL,
    private readonly options: ExportOptions,
  ) {
    this.element = h(
      "div",
      { class: "import-step", id: "export" },
      h("h3", {}, "Export (administrators)"),
      h(
        "div",
        { class: "import-choose" },
        h("label", {}, "Kind ", this.kind),
        h("label", {}, "Format ", this.format),
        this.button,
        this.graphButton,
      ),
      h(
        "p",
        { class: "muted" },
        "A kind's file is in the importer's columns: importing it back below previews every row as unchanged. ",
        "The whole graph as JSON lines loads only into an empty database, from the command line: ",
        h("code", {}, "graphcmdb graph import"),
        ".",
      ),
      this.message,
      this.done,
    );
    this.publish("idle");
  }

  private publish(phase: ExportPhase, file = ""): void {
    this.element.dataset["phase"] = phase;
    const busy = phase === "exporting";
    this.button.disabled = busy;
    this.graphButton.disabled = busy;
    expose({ exportPanel: { phase, file, ...this.counters } });
  }

  private async exportKind(): Promise<void> {
    const kind = this.kind.value as ImportKind;
    const format = this.format.value as ImportFormat;
    this.start();
    try {
      const text = (await this.api.request<{ exportData: string }>(EXPORT, { kind, format })).exportData;
      const name = exportFileName(kind, format === "CSV" ? "csv" : "json");
      saveFile(name, new Blob([text], { type: format === "CSV" ? "text/csv" : "application/json" }));
      this.counters.exports++;
      this.finish(name);
    } catch (e) {
      this.fail(e instanceof Error ? e.message : String(e));
    }
  }

  private async exportGraph(): Promise<void> {
    this.start();
    try {
      const response = await fetch(GRAPH_EXPORT_PATH, { credentials: "same-origin", headers: this.options.headers() });
      if (!response.ok) {
        this.fail(await refusal(response));
        return;
      }
      const name = exportFileName("graph", "jsonl");
      saveFile(name, await response.blob());
      this.counters.graphExports++;
      this.finish(name);
    } catch (e) {
      this.fail(e instanceof Error ? e.message : String(e));
    }
  }

  private start(): void {
    this.message.textContent = "";
    this.done.textContent = "";
    this.publish("exporting");
  }

  private finish(name: string): void {
    this.done.textContent = `Downloaded ${name}.`;
    this.publish("exported", name);
  }

  private fail(message: string): void {
    this.message.textContent = message;
    this.publish("error");
  }
}
