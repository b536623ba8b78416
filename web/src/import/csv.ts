/**
 * CSV as the server's reader sees it (Python's csv module, comma-separated, `"` quotes
 * with `""` inside): records that remember the line they end on, so the page can put
 * the API's line-numbered problems next to the right row, and a writer whose lines it
 * knows, for the content it sends.
 */

export interface CsvRecord {
  cells: string[];
  /** The file line the record ends on (1-based), as the server numbers its problems. */
  line: number;
}

export interface CsvTable {
  header: string[];
  records: CsvRecord[];
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = "CsvSyntaxError";
  }
}

/** Every record of the text; a blank line is no record (the server skips it too). */
export function parseCsv(text: string): CsvTable {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false; // inside a quoted cell
  let wasQuoted = false; // the current cell had quotes (a quoted empty cell is a cell)
  let line = 1;
  const endRecord = (): void => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== "" || wasQuoted) records.push({ cells, line });
    cells = [];
    cell = "";
    wasQuoted = false;
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === "\n") line++;
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
      wasQuoted = true;
    } else if (c === ",") {
      cells.push(cell);
      cell = "";
      wasQuoted = false;
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && body[i + 1] === "\n") i++;
      endRecord();
      line++;
    } else {
      cell += c;
    }
  }
  if (quoted) throw new CsvSyntaxError(`Line ${line}: a quoted cell is not closed.`, line);
  if (cell !== "" || cells.length > 0 || wasQuoted) endRecord();
  const [first, ...rest] = records;
  if (!first) throw new CsvSyntaxError("The CSV file has no header line.", 1);
  return { header: first.cells.map((c) => c.trim()), records: rest };
}

/** A cell as CSV: quoted when it holds a comma, a quote, a line break or edge spaces. */
export function csvCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export interface WrittenCsv {
  content: string;
  /** The line each row ends on in ``content`` (the header is line 1). */
  lines: number[];
}

export function writeCsv(header: string[], rows: string[][]): WrittenCsv {
  const text = [header.map(csvCell).join(",")];
  const lines: number[] = [];
  let line = 1;
  for (const row of rows) {
    const written = row.map((v) => csvCell(v.replaceAll("\r\n", "\n").replaceAll("\r", "\n"))).join(",");
    line += 1 + (written.match(/\n/g)?.length ?? 0);
    lines.push(line);
    text.push(written);
  }
  return { content: `${text.join("\n")}\n`, lines };
}
