/**
 * A chosen file as rows of cells under its columns, whatever its format: CSV cells are
 * text; a JSON array's objects keep their values (a list stays a list), their keys in
 * order of first appearance being the columns.
 */
import { parseCsv } from "./csv";

export type ImportFormat = "CSV" | "JSON";
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface SourceRow {
  cells: JsonValue[];
  /** Where the row is in the chosen file (CSV: the line it ends on; JSON: its position). */
  line: number;
}

export interface SourceFile {
  name: string;
  format: ImportFormat;
  columns: string[];
  rows: SourceRow[];
}

export class SourceError extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
  ) {
    super(message);
    this.name = "SourceError";
  }
}

export function formatOf(name: string, text: string): ImportFormat {
  if (/\.json$/i.test(name)) return "JSON";
  if (/\.csv$/i.test(name)) return "CSV";
  return /^\s*\[/.test(text) ? "JSON" : "CSV";
}

/** A file's text read as rows; CsvSyntaxError or SourceError when it cannot be. */
export function readSource(name: string, text: string): SourceFile {
  const format = formatOf(name, text);
  if (format === "CSV") {
    const table = parseCsv(text);
    const width = table.header.length;
    const rows = table.records.map((r) => {
      if (r.cells.length > width) throw new SourceError(`Line ${r.line}: more cells than header columns.`, r.line);
      return { cells: table.header.map((_, i) => r.cells[i] ?? ""), line: r.line };
    });
    return { name, format, columns: table.header, rows };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new SourceError(`Not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!Array.isArray(data) || !data.every((r) => r !== null && typeof r === "object" && !Array.isArray(r))) {
    throw new SourceError("JSON import expects an array of objects.");
  }
  const records = data as { [key: string]: JsonValue }[];
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const rows = records.map((r, i) => ({ cells: columns.map((c) => r[c] ?? null), line: i + 1 }));
  return { name, format, columns, rows };
}

/** A cell as people read and type it: a list's items joined by ";" (as in CSV). */
export function cellText(value: JsonValue): string {
  if (value === null) return "";
  if (Array.isArray(value)) return value.map(cellText).join(";");
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** A cell typed over: text in CSV; in JSON a list stays a list (items split on ";"). */
export function typedCell(previous: JsonValue, text: string): JsonValue {
  if (Array.isArray(previous)) return text.split(";").map((s) => s.trim()).filter((s) => s !== "");
  return text;
}

/** The file with one cell replaced (the page's inline fix). */
export function withCell(file: SourceFile, row: number, column: number, text: string): SourceFile {
  const rows = file.rows.map((r, i) =>
    i === row ? { ...r, cells: r.cells.map((c, j) => (j === column ? typedCell(c, text) : c)) } : r,
  );
  return { ...file, rows };
}
