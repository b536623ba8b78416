/** The editable node types by name: all the eager explore code needs (the forms load later). */
import type { EntityKind } from "./fields";

export const KINDS: readonly EntityKind[] = ["CI", "Service", "Asset", "Contract", "License", "Incident", "Change"];

export const TITLES: Readonly<Record<EntityKind, string>> = {
  CI: "CI",
  Service: "service",
  Asset: "asset",
  Contract: "contract",
  License: "licence",
  Incident: "incident",
  Change: "change",
};

/** The API has no delete for these: an incident is closed, a change cancelled. */
export const UNDELETABLE: readonly EntityKind[] = ["Incident", "Change"];

/** The editable type of a drawn node, by its labels (a CI carries "CI" and its class). */
export function kindOf(labels: readonly string[]): EntityKind | null {
  return KINDS.find((k) => labels.includes(k)) ?? null;
}
