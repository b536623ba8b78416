/** The GraphQL documents of a type's forms, built from its table. */
import { type EntityKind, type EntitySpec, fieldsFor } from "./fields";

/** Types whose drawn nodes are coloured by a status the forms may change. */
const WITH_STATUS: readonly EntityKind[] = ["CI", "Service"];

/** What a write answers: enough to redraw the node (elements.ts' GraphNode). */
export function drawnSelection(spec: EntitySpec): string {
  return WITH_STATUS.includes(spec.kind) ? "id name labels status" : "id name labels";
}

/** The stored values of the edit form's fields (references with their names). */
export function readDocument(spec: EntitySpec): string {
  const selections = new Set(["id", "name"]);
  for (const field of fieldsFor(spec, "update")) {
    selections.add(field.kind.type === "ref" ? `${field.kind.read} { id name }` : field.name);
  }
  return `query FormRead($id: ID!) { node: ${spec.query}(id: $id) { ${[...selections].join(" ")} } }`;
}

export function createDocument(spec: EntitySpec): string {
  return `mutation FormCreate($input: ${spec.createInput}!) { node: ${spec.create}(input: $input) { ${drawnSelection(spec)} } }`;
}

export function updateDocument(spec: EntitySpec): string {
  return `mutation FormUpdate($id: ID!, $input: ${spec.updateInput}!) { node: ${spec.update}(id: $id, input: $input) { ${drawnSelection(spec)} } }`;
}

/** null when the type cannot be deleted. */
export function deleteDocument(spec: EntitySpec): string | null {
  if (!spec.remove) return null;
  return spec.forceDelete
    ? `mutation FormDelete($id: ID!, $force: Boolean!) { deleted: ${spec.remove}(id: $id, force: $force) }`
    : `mutation FormDelete($id: ID!) { deleted: ${spec.remove}(id: $id) }`;
}
