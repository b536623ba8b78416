/**
 * "Open incident" from an impact result: the draft (incident-prefill.ts) in a form the
 * person checks, then `openIncident`; the new number links to the incident's neighbourhood.
 */
import { expose } from "../app/test-hook";
import { fill, h } from "../dom";
import { ciHref } from "../health/links";
import { formField, refusal } from "./api-error";
import "./edit-graph.css";
import type { EditHost } from "./edit-bar";
import { type Field, choiceSelect, field, showBeside } from "./form-fields";
import { type DraftItem, type IncidentDraft, PRIORITIES, affectsOf } from "./incident-prefill";
import { OPEN_INCIDENT } from "./queries";

interface OpenedIncident {
  id: string;
  number: string;
  title: string;
  priority: string;
  affects: { id: string; name: string }[];
}

function ticks(name: string, items: readonly DraftItem[]): { element: HTMLElement; picked: () => DraftItem[] } {
  const boxes = items.map((item) => ({ item, box: h("input", { type: "checkbox", name, value: item.id, checked: true }) }));
  return {
    element: h("div", {}, ...boxes.map(({ item, box }) => h("label", {}, box, `${item.name} (${item.status})`))),
    picked: () => boxes.filter((b) => b.box.checked).map((b) => b.item),
  };
}

export function incidentForm(host: EditHost, draft: IncidentDraft, close: () => void): HTMLElement {
  const title = h("input", { id: "incident-title", value: draft.title });
  const priority = choiceSelect("incident-priority", PRIORITIES, null, draft.priority);
  const description = h("textarea", { id: "incident-description" }, draft.description);
  const services = ticks("incident-service", draft.services);
  const causes = ticks("incident-cause", draft.causes);
  const fields: Record<string, Field> = {
    title: field("incident-title", "Title", title),
    priority: field("incident-priority", `Priority (suggested ${draft.priority})`, priority),
    affects: field("incident-affects", "Affected services", services.element, true),
    cause: field("incident-cause", "Suspected cause (also recorded as affected)", causes.element, true),
    description: field("incident-description", "Description", description),
  };
  const outcome = h("div", { id: "incident-outcome", role: "status" });
  const submit = async (): Promise<void> => {
    showBeside(fields, null, "");
    const input = {
      title: title.value,
      priority: priority.value,
      affects: affectsOf(services.picked(), causes.picked()),
      description: description.value,
    };
    fill(outcome, h("p", { class: "muted" }, "Opening…"));
    try {
      const { openIncident } = await host.api.request<{ openIncident: OpenedIncident }>(OPEN_INCIDENT, { input });
      fill(
        outcome,
        h(
          "p",
          { id: "incident-opened", "data-number": openIncident.number },
          "Opened ",
          h("a", { id: "incident-link", href: ciHref(openIncident.id, openIncident.number) }, openIncident.number),
          ` (${openIncident.priority}), affecting ${openIncident.affects.length}.`,
        ),
      );
      expose({ lastIncident: openIncident });
      host.status(`Opened ${openIncident.number}.`);
    } catch (e) {
      const r = refusal(e);
      const beside = showBeside(fields, formField(r.field), r.message);
      fill(outcome, h("p", { class: "error", id: "incident-error" }, beside ? "Refused; nothing was written." : r.message));
    }
  };
  return h(
    "form",
    { class: "edit-form incident-form", id: "incident-form", onsubmit: (e: Event) => (e.preventDefault(), void submit()) },
    ...Object.values(fields).map((f) => f.element),
    h(
      "div",
      { class: "buttons" },
      h("button", { type: "submit", class: "primary", id: "incident-submit" }, "Open incident"),
      h("button", { type: "button", id: "incident-cancel", onclick: close }, "Close"),
    ),
    outcome,
  );
}
