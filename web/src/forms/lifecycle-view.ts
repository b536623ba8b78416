/** The lifecycle buttons of an asset, change or incident: one per legal next state. */
import { type GraphQL, GraphQLRequestError } from "../api/client";
import { fill, h } from "../dom";
import { openDialog } from "./editor";
import type { TransitionKind } from "./fields";
import { DISPOSAL_METHODS } from "./specs";
import { type Disposal, LIFECYCLE_READ, type LifecycleFacts, needsForm, transitionCall } from "./transitions";

function label(state: string): string {
  const words = state.toLowerCase().replace(/_/g, " ");
  return `→ ${words}`;
}

/** Disposal needs its method (and a data-wipe reference when the asset holds data). */
function askDisposal(facts: LifecycleFacts): Promise<Disposal | null> {
  return new Promise((resolve) => {
    const method = h("select", { id: "disposal-method" }, ...DISPOSAL_METHODS.map((m) => h("option", { value: m }, m)));
    const wipe = h("input", { id: "disposal-wipe", type: "text" });
    let answered = false;
    const answer = (value: Disposal | null): void => {
      answered = true;
      resolve(value);
      close();
    };
    const { dialog, close } = openDialog(
      "disposal-dialog",
      h(
        "form",
        { class: "edit-form", id: "disposal-form" },
        h("h2", {}, "Dispose of the asset"),
        h("div", { class: "field" }, h("label", { for: "disposal-method" }, "Method *"), method),
        h(
          "div",
          { class: "field" },
          h("label", { for: "disposal-wipe" }, `Data-wipe reference${facts.hasStorage ? " *" : ""}`),
          wipe,
        ),
        h(
          "div",
          { class: "form-buttons" },
          h("button", { type: "button", id: "disposal-cancel", onclick: () => answer(null) }, "Cancel"),
          h("button", { type: "submit", id: "disposal-confirm", class: "danger" }, "Dispose"),
        ),
      ),
    );
    dialog.querySelector("form")?.addEventListener("submit", (e) => {
      e.preventDefault();
      answer({ method: method.value, dataWipeReference: wipe.value.trim() || null });
    });
    dialog.addEventListener("close", () => {
      if (!answered) resolve(null);
    });
  });
}

/**
 * Fill ``box`` with the node's legal moves, read from the API; a click moves it and calls
 * ``moved`` (the host redraws); a refusal is shown beside the buttons.
 */
export async function fillLifecycle(
  api: GraphQL,
  kind: TransitionKind,
  id: string,
  box: HTMLElement,
  moved: () => void,
): Promise<void> {
  const { node } = await api.request<{ node: LifecycleFacts | null }>(LIFECYCLE_READ[kind], { id });
  if (!node) return;
  const message = h("span", { class: "error lifecycle-error", role: "alert" });
  const move = async (to: string): Promise<void> => {
    const disposal = needsForm(kind, to) ? await askDisposal(node) : null;
    if (needsForm(kind, to) && !disposal) return;
    const call = transitionCall(kind, id, node.state, to, disposal);
    box.querySelectorAll("button").forEach((b) => (b.disabled = true));
    try {
      await api.request(call.document, call.variables);
      moved();
    } catch (e) {
      message.textContent = e instanceof GraphQLRequestError ? e.message : String(e);
      box.querySelectorAll("button").forEach((b) => (b.disabled = false));
    }
  };
  box.dataset["state"] = node.state;
  fill(
    box,
    node.allowedTransitions.length ? h("span", { class: "muted" }, `${node.state.toLowerCase().replace(/_/g, " ")}:`) : null,
    ...node.allowedTransitions.map((to) =>
      h("button", { type: "button", class: "small transition", "data-to": to, onclick: () => void move(to) }, label(to)),
    ),
    message,
  );
}
