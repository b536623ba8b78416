/**
 * Column mapping, done here by rewriting the file: each file column goes to one of the
 * kind's columns (or is left out), and the content sent carries the mapped names, only
 * the rows not skipped, and the page's fixes. The server reads it as any file.
 */
import { writeCsv } from "./csv";
import { cellText, type ImportFormat, type JsonValue, type SourceFile } from "./source";

/** Per file column: the kind's column it goes to, or null (left out). */
export type Mapping = (string | null)[];

/** A name without case, spaces or punctuation: "Serial Number" finds serialNumber. */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Each file column mapped to the kind's column of the same name (case-insensitive),
 * each target taken once; the rest left out. */
export function premap(columns: string[], fields: string[]): Mapping {
  const byKey = new Map(fields.map((f) => [nameKey(f), f]));
  const taken = new Set<string>();
  return columns.map((c) => {
    const field = byKey.get(nameKey(c));
    if (!field || taken.has(field)) return null;
    taken.add(field);
    return field;
  });
}

/** What is wrong with a mapping, by file column: a target mapped from two columns. */
export function mappingProblems(mapping: Mapping): Map<number, string> {
  const first = new Map<string, number>();
  const problems = new Map<number, string>();
  mapping.forEach((field, i) => {
    if (field === null) return;
    const earlier = first.get(field);
    if (earlier === undefined) first.set(field, i);
    else problems.set(i, `${field} is already mapped from column ${earlier + 1}`);
  });
  return problems;
}

export interface Outgoing {
  format: ImportFormat;
  content: string;
  /** The file row (index in ``SourceFile.rows``) of each line the server will name. */
  rowByLine: Map<number, number>;
  /** The rows sent, in order (indexes in ``SourceFile.rows``). */
  sent: number[];
}

/** Whether a row has a value in any mapped column (the server ignores an empty one). */
export function hasValues(cells: JsonValue[], mapping: Mapping): boolean {
  return cells.some((c, i) => mapping[i] != null && cellText(c).trim() !== "");
}

/** The content to send: mapped headers, skipped rows and empty rows left out. */
export function rewrite(file: SourceFile, mapping: Mapping, skipped: ReadonlySet<number>): Outgoing {
  const kept = mapping.flatMap((field, i) => (field === null ? [] : [{ field, i }]));
  const sent = file.rows.flatMap((r, i) => (!skipped.has(i) && hasValues(r.cells, mapping) ? [i] : []));
  const rowByLine = new Map<number, number>();
  if (file.format === "JSON") {
    const records = sent.map((i) => {
      const cells = file.rows[i]?.cells ?? [];
      return Object.fromEntries(kept.flatMap(({ field, i: c }) => (cells[c] == null ? [] : [[field, cells[c]]])));
    });
    sent.forEach((row, k) => rowByLine.set(k + 1, row));
    return { format: "JSON", content: JSON.stringify(records, null, 1), rowByLine, sent };
  }
  const rows = sent.map((i) => kept.map(({ i: c }) => cellText(file.rows[i]?.cells[c] ?? null)));
  const written = writeCsv(
    kept.map((k) => k.field),
    rows,
  );
  written.lines.forEach((line, k) => rowByLine.set(line, sent[k] ?? -1));
  return { format: "CSV", content: written.content, rowByLine, sent };
}
