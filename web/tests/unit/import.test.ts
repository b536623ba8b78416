import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { buildSchema, isEnumType, parse, validate } from "graphql";
import { CsvSyntaxError, parseCsv, writeCsv } from "../../src/import/csv";
import { hasValues, mappingProblems, premap, rewrite } from "../../src/import/mapping";
import { blocking, previewRows, tally } from "../../src/import/preview";
import { COLUMNS, IMPORT, type ImportReport, KINDS, type PlanRow, RUNS } from "../../src/import/queries";
import { cellText, readSource, SourceError, withCell } from "../../src/import/source";

const schema = buildSchema(readFileSync(new URL("../../../schema.graphql", import.meta.url), "utf8"));

const CI_FIELDS = ["name", "ciClass", "hostname", "ipAddresses", "serialNumber"];

describe("the import page's documents", () => {
  it("validate against the schema, and its kinds are ImportKind's", () => {
    for (const doc of [COLUMNS, IMPORT, RUNS]) expect(validate(schema, parse(doc))).toEqual([]);
    const kind = schema.getType("ImportKind");
    expect(isEnumType(kind) ? kind.getValues().map((v) => v.name) : []).toEqual([...KINDS]);
  });
});

describe("CSV as the server reads it", () => {
  it("reads quoted cells, doubled quotes and line breaks inside quotes, numbering end lines", () => {
    const table = parseCsv('\uFEFFname,"note"\r\na,"say ""hi"", then go"\r\nb,"two\nlines"\nc,\n');
    expect(table.header).toEqual(["name", "note"]);
    expect(table.records.map((r) => r.cells)).toEqual([["a", 'say "hi", then go'], ["b", "two\nlines"], ["c", ""]]);
    expect(table.records.map((r) => r.line)).toEqual([2, 4, 5]);
  });

  it("skips blank lines but keeps their count, and refuses an unclosed quote or no header", () => {
    expect(parseCsv("a,b\n\n1,2\n").records).toEqual([{ cells: ["1", "2"], line: 3 }]);
    expect(() => parseCsv('a\n"open\n')).toThrow(CsvSyntaxError);
    expect(() => parseCsv("")).toThrow(/no header/);
  });

  it("writes what it reads back, knowing each row's last line", () => {
    const rows = [["x, y", "plain"], ['a "q"', "multi\nline"], [" pad", ""]];
    const written = writeCsv(["h1", "h2"], rows);
    expect(written.lines).toEqual([2, 4, 5]);
    const again = parseCsv(written.content);
    expect(again.records.map((r) => r.cells)).toEqual(rows);
    expect(again.records.map((r) => r.line)).toEqual(written.lines);
  });
});

describe("a chosen file", () => {
  it("reads CSV and JSON alike; JSON keys in order of first appearance, lists kept", () => {
    const csv = readSource("estate.csv", "Name,IP\nweb,10.0.0.1;10.0.0.2\n");
    expect(csv).toMatchObject({ format: "CSV", columns: ["Name", "IP"], rows: [{ cells: ["web", "10.0.0.1;10.0.0.2"], line: 2 }] });
    const json = readSource("x.json", '[{"name":"a","ipAddresses":["1.1.1.1","2.2.2.2"]},{"name":"b","fqdn":"b.x"}]');
    expect(json.columns).toEqual(["name", "ipAddresses", "fqdn"]);
    expect(json.rows[1]).toEqual({ cells: ["b", null, "b.x"], line: 2 });
    expect(cellText(json.rows[0]?.cells[1] ?? null)).toBe("1.1.1.1;2.2.2.2");
    expect(withCell(json, 0, 1, "3.3.3.3; 4.4.4.4").rows[0]?.cells[1]).toEqual(["3.3.3.3", "4.4.4.4"]);
    expect(() => readSource("x.json", '{"name":"a"}')).toThrow(SourceError);
    expect(() => readSource("x.csv", "a\n1,2\n")).toThrow(/Line 2: more cells/);
  });
});

describe("column mapping", () => {
  it("pre-maps by name ignoring case and punctuation, each target once", () => {
    expect(premap(["NAME", "Serial Number", "Hostname", "hostname", "owner"], CI_FIELDS)).toEqual([
      "name",
      "serialNumber",
      "hostname",
      null,
      null,
    ]);
  });

  it("names a target mapped from two columns", () => {
    expect([...mappingProblems(["name", null, "name"])]).toEqual([[2, "name is already mapped from column 1"]]);
  });

  it("rewrites the header, leaves out skipped columns, skipped and empty rows, and maps lines back", () => {
    const file = readSource("f.csv", "Host,junk,ciClass\nweb,x,Server\n,y,\n\"db\nprimary\",z,Server\nmail,w,Server\n");
    const mapping = ["name", null, "ciClass"];
    expect(hasValues(file.rows[1]?.cells ?? [], mapping)).toBe(false);
    const out = rewrite(file, mapping, new Set([3]));
    expect(out.content).toBe('name,ciClass\nweb,Server\n"db\nprimary",Server\n');
    expect(out.sent).toEqual([0, 2]);
    expect([...out.rowByLine]).toEqual([[2, 0], [4, 2]]);
  });

  it("rewrites JSON as an array of the mapped keys, a row's position being its line", () => {
    const file = readSource("f.json", '[{"Host":"a","ips":["1.1.1.1"]},{"Host":"b"},{"Host":"c"}]');
    const out = rewrite(file, ["name", "ipAddresses"], new Set([1]));
    expect(JSON.parse(out.content)).toEqual([{ name: "a", ipAddresses: ["1.1.1.1"] }, { name: "c" }]);
    expect([...out.rowByLine]).toEqual([[1, 0], [2, 2]]);
  });
});

function planRow(line: number, action: PlanRow["action"], extra: Partial<PlanRow> = {}): PlanRow {
  return { index: 0, line, action, rule: null, reason: null, notes: [], ci: null, candidates: [], changes: [], ...extra };
}

describe("the preview", () => {
  const file = readSource("f.csv", "name,ciClass\nnew,Server\nweb-1,Server\nh1,Server\nbad,\nskip-me,Server\n,\n");
  const sent = rewrite(file, ["name", "ciClass"], new Set([4]));
  const existing = { id: "ci-1", name: "web-1", ciClass: "Server" };
  const report: ImportReport = {
    rows: 4,
    created: 1,
    updated: 1,
    unchanged: 1,
    skipped: 1,
    dryRun: true,
    problems: [{ line: 5, column: "ciClass", reason: "Field required" }],
    plan: {
      applied: false,
      token: "t",
      totals: { create: 1, update: 1, unchanged: 1, ambiguous: 0, refused: 0 },
      rows: [
        planRow(2, "CREATE"),
        planRow(3, "UPDATE", { ci: existing, rule: "serialNumber", changes: [{ field: "os", before: "a", after: "b" }] }),
        planRow(4, "UNCHANGED", { ci: { id: "ci-2", name: "h1", ciClass: "Server" }, rule: "name" }),
      ],
    },
  };

  it("lays the plan and the problems over the file's rows by line", () => {
    const rows = previewRows(file.rows.length, sent, report, new Set([4]));
    expect(rows.map((r) => r.action)).toEqual(["create", "update", "unchanged", "invalid", "skipped", "empty"]);
    expect(rows[1]).toMatchObject({ ci: existing, rule: "serialNumber", changes: [{ field: "os" }] });
    expect(rows[3]?.problems).toEqual([{ line: 5, column: "ciClass", reason: "Field required" }]);
    expect(blocking(rows).map((r) => r.row)).toEqual([3]);
    expect(tally(rows)).toEqual({ create: 1, update: 1, unchanged: 1, invalid: 1, skipped: 1, empty: 1 });
  });

  it("a kind without a plan shows valid rows as valid", () => {
    const rows = previewRows(file.rows.length, sent, { ...report, plan: null }, new Set([4]));
    expect(rows.slice(0, 4).map((r) => r.action)).toEqual(["ok", "ok", "ok", "invalid"]);
  });

  it("an ambiguous row stops the apply and names its candidates", () => {
    const candidates = [existing, { id: "ci-3", name: "web-1b", ciClass: "Server" }];
    const ambiguous = { ...report, plan: { ...report.plan!, rows: [planRow(2, "AMBIGUOUS", { candidates })] } };
    const rows = previewRows(file.rows.length, sent, ambiguous, new Set([4]));
    expect(rows[0]).toMatchObject({ action: "ambiguous", candidates });
    expect(blocking(rows).map((r) => r.row)).toEqual([0, 3]);
  });
});
