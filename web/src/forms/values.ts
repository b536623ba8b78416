/**
 * Between a stored record, what the form shows and the input object a mutation takes.
 * An edit sends only the fields whose value changed (compared as they would be sent),
 * so an untouched field is never rewritten; a field emptied is sent as null (cleared).
 */
import { type EntitySpec, type FieldSpec, type FormMode, type RawValue, type RawValues, type RefPick, emptyRaw, fieldsFor } from "./fields";

export type InputValue = string | number | boolean | string[] | null;
export type InputObject = Record<string, InputValue>;

/** An ISO date-time as a datetime-local input shows it (local time, to the minute). */
export function localInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const p = (n: number): string => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** A datetime-local value as an ISO instant; what does not parse goes as typed (the API names it). */
export function isoInstant(local: string): string {
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? local : d.toISOString();
}

function picks(value: unknown): RefPick[] {
  const list = Array.isArray(value) ? value : value == null ? [] : [value];
  return list.flatMap((v: unknown) => {
    if (typeof v !== "object" || v === null) return [];
    const { id, name } = v as { id?: unknown; name?: unknown };
    return typeof id === "string" ? [{ id, name: typeof name === "string" ? name : id }] : [];
  });
}

function rawOf(field: FieldSpec, record: Readonly<Record<string, unknown>>): RawValue {
  const kind = field.kind;
  if (kind.type === "ref") return picks(record[kind.read]);
  const value = record[field.name];
  if (value === null || value === undefined) return emptyRaw(field);
  if (kind.type === "list") return Array.isArray(value) ? value.map(String).join(", ") : String(value);
  if (kind.type === "datetime") return localInput(String(value));
  if (kind.type === "bool") return value === true ? "true" : "false";
  return String(value);
}

/** The form's values: a stored record's (edit) or empty ones (create). */
export function rawValues(
  spec: EntitySpec,
  mode: FormMode,
  record: Readonly<Record<string, unknown>> | null,
): Record<string, RawValue> {
  const out: Record<string, RawValue> = {};
  for (const field of fieldsFor(spec, mode)) out[field.name] = record ? rawOf(field, record) : emptyRaw(field);
  return out;
}

function number(text: string, whole: boolean): number | string {
  const n = Number(text);
  const ok = whole ? /^[-+]?\d+$/.test(text) : text !== "" && Number.isFinite(n);
  return ok ? n : text; // not a number: sent as typed, so the API's message names the field
}

/** What one field sends; null: nothing (create) or cleared (edit). */
export function inputValue(field: FieldSpec, raw: RawValue): InputValue {
  const kind = field.kind;
  if (kind.type === "ref") {
    const ids = typeof raw === "string" ? [] : raw.map((p) => p.id);
    return kind.many ? ids : (ids[0] ?? null);
  }
  const text = typeof raw === "string" ? raw.trim() : "";
  if (kind.type === "list") return text.split(/[\s,;]+/).filter((s) => s !== "");
  if (text === "") return null;
  switch (kind.type) {
    case "int":
      return number(text, true);
    case "float":
      return number(text, false);
    case "datetime":
      return isoInstant(text);
    case "bool":
      return text === "true";
    case "text":
      return typeof raw === "string" ? raw : text; // as typed: the API trims what it trims
    default:
      return text;
  }
}

function empty(value: InputValue): boolean {
  return value === null || (Array.isArray(value) && value.length === 0);
}

/**
 * The create input: every filled field, and the required ones even when empty (an empty
 * text as "", so the API's own rule answers; others left out, so the API names them).
 */
export function createInput(spec: EntitySpec, raw: RawValues): InputObject {
  const input: InputObject = {};
  for (const field of fieldsFor(spec, "create")) {
    const value = inputValue(field, raw[field.name] ?? emptyRaw(field));
    if (!empty(value)) input[field.name] = value;
    else if (field.required && field.kind.type === "text") input[field.name] = "";
    else if (field.required && field.kind.type === "ref" && field.kind.many) input[field.name] = [];
  }
  return input;
}

/**
 * The edit input: only the fields whose value, as it would be sent, differs from the
 * stored one; a required text emptied goes as "" (the API's rule answers, not a clear).
 */
export function updateInput(spec: EntitySpec, raw: RawValues, initial: RawValues): InputObject {
  const input: InputObject = {};
  for (const field of fieldsFor(spec, "update")) {
    const now = inputValue(field, raw[field.name] ?? emptyRaw(field));
    const before = inputValue(field, initial[field.name] ?? emptyRaw(field));
    if (JSON.stringify(now) === JSON.stringify(before)) continue;
    input[field.name] = now === null && field.required && field.kind.type === "text" ? "" : now;
  }
  return input;
}
