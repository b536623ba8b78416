/** The API's typed refusal, read off a failed request, to show beside what it is about. */
import { type GraphQLErrorEntry, GraphQLRequestError } from "../api/client";
import type { RowProblem } from "./bulk-model";

export interface Refusal {
  message: string;
  /** extensions.code (ILLEGAL_RELATIONSHIP, VALIDATION_FAILED …); "" for a network failure. */
  code: string;
  /** extensions.field, when the API named one. */
  field: string | null;
  /** BULK_VALIDATION_FAILED's rows. */
  problems: RowProblem[];
}

type Entry = GraphQLErrorEntry & { path?: (string | number)[] };

export function refusals(error: unknown): (Refusal & { path: (string | number)[] })[] {
  if (!(error instanceof GraphQLRequestError)) return [{ message: String(error), code: "", field: null, problems: [], path: [] }];
  return error.errors.map((e: Entry) => {
    const ext = e.extensions ?? {};
    const field = typeof ext["field"] === "string" ? ext["field"] : null;
    const problems = Array.isArray(ext["problems"]) ? (ext["problems"] as RowProblem[]).filter((p) => typeof p.row === "number") : [];
    return { message: e.message, code: ext.code ?? "", field, problems, path: e.path ?? [] };
  });
}

export function refusal(error: unknown): Refusal {
  return refusals(error)[0] ?? { message: String(error), code: "", field: null, problems: [] };
}

/** "Field 'input.owner'" or "owner" → "owner": the form field a message belongs beside. */
export function formField(field: string | null): string | null {
  return field ? (field.split(".").pop() ?? field) : null;
}
