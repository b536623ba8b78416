/** Labelled controls with a place for the API's message beside each (the edit forms). */
import { fill, h } from "../dom";

export interface Field {
  element: HTMLElement;
  error: HTMLElement;
}

/** A group of controls (check boxes) goes in a fieldset: labels do not nest. */
export function field(id: string, label: string, control: HTMLElement, group = false): Field {
  const error = h("span", { class: "field-error", id: `${id}-error`, role: "alert" });
  const element = group
    ? h("fieldset", { id }, h("legend", {}, label), control, error)
    : h("label", { for: id }, label, control, error);
  return { element, error };
}

export function choiceSelect(id: string, values: readonly string[], unchanged: string | null, selected = ""): HTMLSelectElement {
  return h(
    "select",
    { id },
    unchanged === null ? null : h("option", { value: "" }, unchanged),
    ...values.map((v) => h("option", { value: v, selected: v === selected }, v)),
  );
}

/** Clear every field's message, then put ``message`` beside ``name`` (or return false). */
export function showBeside(fields: Record<string, Field>, name: string | null, message: string): boolean {
  for (const f of Object.values(fields)) fill(f.error);
  const target = name ? fields[name] : undefined;
  if (!target) return false;
  fill(target.error, message);
  return true;
}
