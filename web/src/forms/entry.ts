/**
 * Where editing starts in the explorer: the "New…" menu and the details header's Edit,
 * Delete and lifecycle buttons. Small and eager; the forms load on first use (lazy.ts).
 * Offered to people whose role writes (editor, admin); with a pasted token the role is
 * not known here, so the buttons are offered and the API decides.
 */
import type { GraphQL } from "../api/client";
import type { GraphNode } from "../api/types";
import { mayWrite } from "../auth/credentials";
import { h } from "../dom";
import type { EntityKind, TransitionKind } from "./fields";
import { KINDS, TITLES, UNDELETABLE, kindOf } from "./kinds";

export interface EditHost {
  /** A node was created: draw it. */
  created(node: GraphNode): void;
  /** A node's fields changed: redraw it and its details. */
  changed(node: GraphNode): void;
  /** A lifecycle move: its details again. */
  moved(id: string): void;
  deleted(id: string): void;
  /** Something went wrong outside a form (the forms could not load, the node is gone). */
  status(text: string): void;
}

const TRANSITIONS: Partial<Record<EntityKind, TransitionKind>> = { Asset: "asset", Change: "change", Incident: "incident" };

const load = (): Promise<typeof import("./lazy")> => import("./lazy");

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export class EditEntry {
  constructor(
    private readonly api: GraphQL,
    private readonly host: EditHost,
  ) {}

  private run(work: (forms: typeof import("./lazy")) => Promise<void> | void): void {
    void load()
      .then(work)
      .catch((e: unknown) => this.host.status(String(e)));
  }

  /** The "New…" menu (null for a viewer). */
  newMenu(): HTMLElement | null {
    if (!mayWrite()) return null;
    const select = h(
      "select",
      { id: "new-node", title: "Create a CI, service, asset, contract, licence, incident or change" },
      h("option", { value: "" }, "New…"),
      ...KINDS.map((k) => h("option", { value: k }, capital(TITLES[k]))),
    );
    select.addEventListener("change", () => {
      const kind = KINDS.find((k) => k === select.value);
      select.value = "";
      if (kind) this.run((forms) => forms.openCreate(this.api, kind, this.host));
    });
    return h("div", { class: "row new-node" }, select);
  }

  /** Edit, Delete and the lifecycle moves of a node (null when it is not editable here). */
  toolsFor(id: string, labels: readonly string[], name: string): HTMLElement | null {
    const kind = kindOf(labels);
    if (!kind || !mayWrite()) return null;
    const lifecycle = h("span", { class: "lifecycle", id: "details-lifecycle" });
    const transitions = TRANSITIONS[kind];
    if (transitions) this.run((forms) => forms.fillLifecycle(this.api, transitions, id, lifecycle, () => this.host.moved(id)));
    return h(
      "span",
      { class: "details-edit" },
      h(
        "button",
        { class: "small", id: "details-edit", onclick: () => this.run((forms) => forms.openEdit(this.api, kind, id, this.host)) },
        "Edit",
      ),
      UNDELETABLE.includes(kind)
        ? null
        : h(
            "button",
            { class: "small", id: "details-delete", onclick: () => this.run((forms) => forms.openDelete(this.api, kind, id, name, this.host)) },
            "Delete",
          ),
      lifecycle,
    );
  }
}
