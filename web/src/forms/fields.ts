/**
 * The shape of an edit form: one declarative table per node type (specs.ts) lists its
 * fields, their kinds and which mutation takes them; rendering, collecting the input and
 * placing the API's errors are driven by it.
 */

export type EntityKind = "CI" | "Service" | "Asset" | "Contract" | "License" | "Incident" | "Change";

/** What a reference field searches for (picker.ts). */
export type RefTarget = "ci" | "ciOrService" | "vendor" | "product" | "contract";

export type FieldKind =
  | { type: "text"; multiline?: boolean }
  | { type: "int"; min?: number; max?: number }
  | { type: "float" }
  /** sent as a string: the API's Decimal keeps every digit */
  | { type: "decimal" }
  | { type: "date" }
  | { type: "datetime" }
  | { type: "bool" }
  | { type: "enum"; values: readonly string[] }
  /** a list of strings typed comma-separated (addresses) */
  | { type: "list" }
  | { type: "ref"; target: RefTarget; many: boolean; read: string };

export interface FieldSpec {
  /** The input field's name (CreateXInput / UpdateXInput). */
  name: string;
  label: string;
  kind: FieldKind;
  /** Required by the create mutation (sent even when empty, so the API names it). */
  required?: boolean;
  /** Only in the create form, or only in the edit form; both by default. */
  only?: "create" | "update";
  hint?: string;
}

export type TransitionKind = "asset" | "change" | "incident";

export interface EntitySpec {
  kind: EntityKind;
  /** "CI", "service", "licence": how the forms name one. */
  title: string;
  /** The by-id query field (ci, service, …). */
  query: string;
  create: string;
  createInput: string;
  update: string;
  updateInput: string;
  /** The delete mutation; null when the API has none (incidents, changes). */
  remove: string | null;
  /** The delete mutation takes ``force`` (refused while others depend on the node). */
  forceDelete: boolean;
  fields: readonly FieldSpec[];
  transitions: TransitionKind | null;
}

export type FormMode = "create" | "update";

export interface RefPick {
  id: string;
  name: string;
}

/** A field's value as the form holds it: what was typed, or the references picked. */
export type RawValue = string | readonly RefPick[];

export type RawValues = Readonly<Record<string, RawValue>>;

export function fieldsFor(spec: EntitySpec, mode: FormMode): FieldSpec[] {
  return spec.fields.filter((f) => !f.only || f.only === mode);
}

export function emptyRaw(field: FieldSpec): RawValue {
  return field.kind.type === "ref" ? [] : "";
}
