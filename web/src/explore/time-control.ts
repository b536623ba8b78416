/**
 * The time control beside the graph: now, as of a moment, or compare a moment with a
 * later one. A slider steps whole days back (the last 30; arrow keys move it a day,
 * Page Up/Down ten), a date-time input sets any moment to the second.
 */
import { h } from "../dom";
import {
  RANGE_DAYS,
  describeMoment,
  describeOffset,
  localInputValue,
  momentOf,
  notAfter,
  offsetOf,
  parseLocalInput,
} from "./time-scale";

export type TimeMode = "now" | "asOf" | "compare";

export interface TimeSelection {
  mode: TimeMode;
  /** As of this moment, or compare from it (null only when mode is "now"). */
  at: Date | null;
  /** Compare up to this moment; null: now. */
  to: Date | null;
}

export interface TimeControl {
  element: HTMLElement;
  selection(): TimeSelection;
}

/** Keyboard steps arrive one change each: draw once they pause. */
const SETTLE_MS = 250;

const MODES: { mode: TimeMode; label: string; hint: string }[] = [
  { mode: "now", label: "Now", hint: "the graph as it is" },
  { mode: "asOf", label: "As of", hint: "the neighbourhood as it stood at a moment" },
  { mode: "compare", label: "Compare", hint: "what changed from a moment to a later one" },
];

export function timeControl(onChange: (selection: TimeSelection) => void): TimeControl {
  let mode: TimeMode = "now";
  let at = momentOf(-1, Date.now());
  /** Whether ``at`` was typed (said as it is) rather than a slider step (said in days). */
  let typed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slider = h("input", {
    type: "range",
    id: "time-slider",
    min: -RANGE_DAYS,
    max: 0,
    step: 1,
    value: -1,
    "aria-describedby": "time-slider-text",
  });
  const sliderText = h("output", { id: "time-slider-text", for: "time-slider", class: "muted" });
  const sliderLabel = h("label", { for: "time-slider", id: "time-slider-label" }, "As of");
  const atInput = h("input", { type: "datetime-local", id: "time-at", step: 1, "aria-label": "Moment (local time)" });
  const toInput = h("input", { type: "datetime-local", id: "time-to", step: 1, "aria-label": "Compare up to (local time; empty: now)" });
  const fields = h("div", { class: "time-fields", id: "time-fields", hidden: true });
  const compareOnly = h("div", { class: "row compare-only", hidden: true });

  const selection = (): TimeSelection => ({
    mode,
    at: mode === "now" ? null : at,
    to: mode === "compare" ? parseLocalInput(toInput.value) : null,
  });
  const settle = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => onChange(selection()), SETTLE_MS);
  };
  const show = (): void => {
    const now = Date.now();
    const step = describeOffset(Number(slider.value), now);
    slider.setAttribute("aria-valuetext", step);
    sliderText.textContent = typed ? describeMoment(at, now) : step;
    atInput.max = localInputValue(new Date(now));
    toInput.max = atInput.max;
  };
  slider.addEventListener("input", () => {
    at = momentOf(Number(slider.value), Date.now());
    typed = false;
    atInput.value = localInputValue(at);
    show();
  });
  slider.addEventListener("change", settle);
  atInput.addEventListener("change", () => {
    const picked = parseLocalInput(atInput.value);
    if (!picked) return;
    const now = Date.now();
    at = notAfter(picked, now);
    typed = true;
    slider.value = String(offsetOf(at, now));
    show();
    settle();
  });
  toInput.addEventListener("change", settle);

  const radios = MODES.map(({ mode: m, label, hint }) =>
    h(
      "label",
      { class: "check", title: hint },
      h("input", {
        type: "radio",
        name: "time-mode",
        id: `time-${m.toLowerCase()}`,
        value: m,
        checked: m === "now",
        onchange: () => {
          mode = m;
          fields.hidden = m === "now";
          compareOnly.hidden = m !== "compare";
          sliderLabel.textContent = m === "compare" ? "From" : "As of";
          atInput.setAttribute("aria-label", m === "compare" ? "From (local time)" : "As of (local time)");
          clearTimeout(timer);
          onChange(selection());
        },
      }),
      label,
    ),
  );
  atInput.value = localInputValue(at);
  show();
  compareOnly.append(
    h("label", { for: "time-to" }, "To"),
    toInput,
    h("button", { class: "small", id: "time-to-now", type: "button", onclick: () => { toInput.value = ""; settle(); } }, "now"),
  );
  fields.append(sliderLabel, slider, sliderText, h("div", { class: "row" }, atInput), compareOnly);
  const element = h(
    "fieldset",
    { class: "time-control", id: "time-control" },
    h("legend", {}, "Time"),
    h("div", { class: "row", role: "radiogroup", "aria-label": "Time" }, ...radios),
    fields,
  );
  return { element, selection };
}
