/**
 * The API's typed errors placed next to the field they are about. Where the field comes
 * from, strongest first: the problems a VALIDATION_FAILED lists, its ``field``, the path
 * graphql-core names when a value does not fit its type, an id a NOT_FOUND lists that a
 * reference field holds, a detail naming a field with the value typed there (a
 * DUPLICATE's ``name``). The rest is shown above the form.
 */
import type { GraphQLErrorEntry } from "../api/client";
import type { FieldSpec, RawValues } from "./fields";

export interface FormErrors {
  /** field name → the message shown next to it */
  fields: Record<string, string>;
  general: string[];
}

interface Problem {
  field: string;
  reason: string;
}

/** "input.ipAddresses.0" → "ipAddresses": the input field a path starts with. */
export function fieldRoot(path: string): string {
  return path.replace(/^\.?input\./, "").replace(/^\./, "").split(/[.[]/)[0] ?? "";
}

const BAD_VALUE = /has invalid value at (\.?[\w.[\]]+): (.*)$/s;
const MISSING = /required field '(\w+)'/;

function problemsOf(error: GraphQLErrorEntry): Problem[] {
  const ext = error.extensions ?? {};
  const listed = Array.isArray(ext["problems"]) ? (ext["problems"] as unknown[]) : [];
  const problems = listed.flatMap((p): Problem[] => {
    if (typeof p !== "object" || p === null) return [];
    const { field, reason } = p as { field?: unknown; reason?: unknown };
    return typeof field === "string" && typeof reason === "string" ? [{ field, reason }] : [];
  });
  if (problems.length > 0) return problems;
  if (typeof ext["field"] === "string") return [{ field: ext["field"], reason: error.message }];
  const bad = BAD_VALUE.exec(error.message);
  if (bad?.[1] && bad[2]) return [{ field: bad[1], reason: bad[2] }];
  const missing = MISSING.exec(error.message);
  if (missing?.[1]) return [{ field: missing[1], reason: "A value is required." }];
  return [];
}

/** A detail of the error naming one of the form's fields with the value typed there (``name`` first). */
function namedByDetail(error: GraphQLErrorEntry, names: ReadonlySet<string>, raw: RawValues): string | null {
  const ext = error.extensions ?? {};
  const keys = Object.keys(ext).filter((k) => {
    const typed = raw[k];
    return k !== "code" && names.has(k) && typeof typed === "string" && typed.trim() === String(ext[k]);
  });
  return keys.includes("name") ? "name" : (keys[0] ?? null);
}

/** The reference field holding an id the error lists (a NOT_FOUND's ``ids``). */
function holderOf(error: GraphQLErrorEntry, fields: readonly FieldSpec[], raw: RawValues): string | null {
  const ids = error.extensions?.["ids"];
  if (!Array.isArray(ids)) return null;
  const wanted = new Set(ids.map(String));
  const holder = fields.find((f) => {
    const value = raw[f.name];
    return f.kind.type === "ref" && typeof value !== "string" && value?.some((p) => wanted.has(p.id));
  });
  return holder?.name ?? null;
}

export function placeErrors(errors: readonly GraphQLErrorEntry[], fields: readonly FieldSpec[], raw: RawValues = {}): FormErrors {
  const names = new Set(fields.map((f) => f.name));
  const out: FormErrors = { fields: {}, general: [] };
  const put = (field: string, message: string): void => {
    const before = out.fields[field];
    out.fields[field] = before ? `${before}; ${message}` : message;
  };
  for (const error of errors) {
    const placed = problemsOf(error).filter((p) => names.has(fieldRoot(p.field)));
    if (placed.length > 0) {
      for (const p of placed) put(fieldRoot(p.field), p.reason);
      continue;
    }
    const field = holderOf(error, fields, raw) ?? namedByDetail(error, names, raw);
    if (field) put(field, error.message);
    else out.general.push(error.message);
  }
  return out;
}
