import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { buildSchema, parse, validate } from "graphql";
import { exportFileName } from "../../src/import/export-panel";
import { rewrite } from "../../src/import/mapping";
import { nothingToChange, previewRows } from "../../src/import/preview";
import { EXPORT, type ImportReport } from "../../src/import/queries";
import { readSource } from "../../src/import/source";

const schema = buildSchema(readFileSync(new URL("../../../schema.graphql", import.meta.url), "utf8"));

describe("export", () => {
  it("asks exportData as the schema has it", () => {
    expect(validate(schema, parse(EXPORT))).toEqual([]);
  });

  it("names the file by kind, local day and format", () => {
    expect(exportFileName("CIS", "csv", new Date(2026, 11, 5, 23, 59))).toBe("graphcmdb-cis-2026-12-05.csv");
    expect(exportFileName("graph", "jsonl", new Date(2027, 0, 9))).toBe("graphcmdb-graph-2027-01-09.jsonl");
  });
});

describe("a re-imported export of a kind without a plan", () => {
  const file = readSource("services.csv", "name,owner\nCRM,Sales\nERP,Finance\n");
  const sent = rewrite(file, ["name", "owner"], new Set());
  const counts = (created: number, updated: number, unchanged: number): ImportReport => ({
    rows: 2, created, updated, unchanged, skipped: 0, dryRun: true, problems: [], plan: null,
  });

  it("shows every row unchanged when the counts say so, and there is nothing to apply", () => {
    const rows = previewRows(2, sent, counts(0, 0, 2), new Set());
    expect(rows.map((r) => r.action)).toEqual(["unchanged", "unchanged"]);
    expect(nothingToChange(rows)).toBe(true);
  });

  it("keeps rows merely valid when any row would be written", () => {
    const rows = previewRows(2, sent, counts(0, 1, 1), new Set());
    expect(rows.map((r) => r.action)).toEqual(["ok", "ok"]);
    expect(nothingToChange(rows)).toBe(false);
  });

  it("a skipped row is not sent and does not count", () => {
    const one = rewrite(file, ["name", "owner"], new Set([1]));
    const rows = previewRows(2, one, { ...counts(0, 0, 1), rows: 1 }, new Set([1]));
    expect(rows.map((r) => r.action)).toEqual(["unchanged", "skipped"]);
    expect(nothingToChange(rows)).toBe(true);
  });
});
