/**
 * A type's form drawn from its table: one widget per field, its error under it. Numbers
 * are typed as text (novalidate, no number inputs) so what the browser would silently
 * drop reaches the API, whose message then names the field.
 */
import type { GraphQL } from "../api/client";
import { fill, h } from "../dom";
import type { FormErrors } from "./errors";
import type { FieldSpec, RawValue, RawValues } from "./fields";
import { type Picker, picker } from "./picker";

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

interface Widget {
  field: FieldSpec;
  element: HTMLElement;
  value(): RawValue;
  focus(): void;
}

const INPUT_TYPES: Partial<Record<FieldSpec["kind"]["type"], string>> = { date: "date", datetime: "datetime-local" };
const INPUT_MODES: Partial<Record<FieldSpec["kind"]["type"], string>> = { int: "numeric", float: "decimal", decimal: "decimal" };

function options(values: readonly string[], labels: Readonly<Record<string, string>>, current: string): HTMLOptionElement[] {
  return ["", ...values].map((v) => h("option", { value: v, selected: v === current }, labels[v] ?? (v || "—")));
}

function control(field: FieldSpec, raw: string): Control {
  const id = `field-${field.name}`;
  const kind = field.kind;
  if (kind.type === "enum") return h("select", { id, name: field.name }, ...options(kind.values, {}, raw));
  if (kind.type === "bool") return h("select", { id, name: field.name }, ...options(["true", "false"], { true: "yes", false: "no" }, raw));
  if (kind.type === "text" && kind.multiline) {
    const area = h("textarea", { id, name: field.name, rows: 2 });
    area.value = raw;
    return area;
  }
  const input = h("input", { id, name: field.name, type: INPUT_TYPES[kind.type] ?? "text", inputmode: INPUT_MODES[kind.type] });
  input.value = raw;
  return input;
}

function widget(api: GraphQL, field: FieldSpec, raw: RawValue): Widget {
  const label = `${field.label}${field.required ? " *" : ""}`;
  const kind = field.kind;
  let read: () => RawValue;
  let input: Control | Picker;
  if (kind.type === "ref") {
    const pick = picker(api, field.name, field.label, kind.target, kind.many, typeof raw === "string" ? [] : raw);
    input = pick;
    read = () => pick.value();
  } else {
    const ctl = control(field, typeof raw === "string" ? raw : "");
    input = ctl;
    read = () => ctl.value;
  }
  const box = "element" in input ? input.element : input;
  const element = h(
    "div",
    { class: "field", "data-field": field.name },
    h("label", { for: `field-${field.name}` }, label),
    box,
    field.hint ? h("small", { class: "hint" }, field.hint) : null,
    h("small", { class: "field-error", id: `error-${field.name}`, role: "alert" }),
  );
  const focusable = (): HTMLElement | null => element.querySelector("input, select, textarea");
  return { field, element, value: read, focus: () => focusable()?.focus() };
}

export interface FormView {
  element: HTMLFormElement;
  values(): Record<string, RawValue>;
  showErrors(errors: FormErrors): void;
  busy(on: boolean): void;
}

export interface FormOptions {
  heading: string;
  submitLabel: string;
  submit(): void;
  cancel(): void;
}

export function formView(api: GraphQL, fields: readonly FieldSpec[], initial: RawValues, opts: FormOptions): FormView {
  const widgets = fields.map((f) => widget(api, f, initial[f.name] ?? ""));
  const general = h("p", { class: "form-error error", id: "form-error", role: "alert" });
  const save = h("button", { type: "submit", id: "edit-save", class: "primary" }, opts.submitLabel);
  const element = h(
    "form",
    { class: "edit-form", id: "edit-form", novalidate: true },
    h("h2", {}, opts.heading),
    general,
    h("div", { class: "form-fields" }, ...widgets.map((w) => w.element)),
    h(
      "div",
      { class: "form-buttons" },
      h("button", { type: "button", id: "edit-cancel", onclick: () => opts.cancel() }, "Cancel"),
      save,
    ),
  );
  element.addEventListener("submit", (e) => {
    e.preventDefault();
    opts.submit();
  });
  return {
    element,
    values() {
      const out: Record<string, RawValue> = {};
      for (const w of widgets) out[w.field.name] = w.value();
      return out;
    },
    showErrors(errors) {
      fill(general, errors.general.join(" "));
      let first: Widget | null = null;
      for (const w of widgets) {
        const message = errors.fields[w.field.name] ?? "";
        w.element.classList.toggle("invalid", message !== "");
        const slot = w.element.querySelector(".field-error");
        if (slot) slot.textContent = message;
        if (message && !first) first = w;
      }
      first?.focus();
    },
    busy(on) {
      save.disabled = on;
    },
  };
}
