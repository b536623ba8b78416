/**
 * The forms themselves (loaded on first use): create, edit and delete dialogs for the
 * seven types. A refused write shows the API's message next to its field and changes
 * nothing (the API writes all or nothing); a write that went through tells the host,
 * which redraws the node and its details.
 */
import { type GraphQL, GraphQLRequestError } from "../api/client";
import type { GraphNode } from "../api/types";
import { expose } from "../app/test-hook";
import { h } from "../dom";
import type { EditHost } from "./entry";
import { createDocument, deleteDocument, readDocument, updateDocument } from "./documents";
import { placeErrors } from "./errors";
import { type EntityKind, type EntitySpec, type FormMode, type RawValues, fieldsFor } from "./fields";
import { formView } from "./form-view";
import { SPECS } from "./specs";
import { type InputObject, createInput, rawValues, updateInput } from "./values";
import "./forms.css";

/** One modal dialog at a time, removed from the page when closed. */
export function openDialog(id: string, ...content: HTMLElement[]): { dialog: HTMLDialogElement; close(): void } {
  document.querySelectorAll("dialog.edit-dialog").forEach((d) => d.remove());
  const dialog = h("dialog", { class: "edit-dialog", id }, ...content);
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return { dialog, close: () => dialog.close() };
}

/** The message of a failure that is not a typed GraphQL answer (the network, a bug). */
function plainErrors(error: unknown): GraphQLRequestError {
  return error instanceof GraphQLRequestError ? error : new GraphQLRequestError([{ message: String(error) }], 0);
}

async function showForm(api: GraphQL, spec: EntitySpec, mode: FormMode, id: string | null, host: EditHost): Promise<void> {
  const record =
    mode === "update" && id
      ? (await api.request<{ node: Record<string, unknown> | null }>(readDocument(spec), { id })).node
      : null;
  if (mode === "update" && !record) throw new Error(`The ${spec.title} no longer exists.`);
  const initial: RawValues = rawValues(spec, mode, record);
  const fields = fieldsFor(spec, mode);
  const name = typeof record?.["name"] === "string" ? record["name"] : "";
  let close = (): void => undefined;
  const submit = async (): Promise<void> => {
    const raw = form.values();
    const input: InputObject = mode === "create" ? createInput(spec, raw) : updateInput(spec, raw, initial);
    expose({ lastFormInput: input });
    if (mode === "update" && Object.keys(input).length === 0) {
      close(); // nothing changed: nothing to send
      return;
    }
    form.busy(true);
    try {
      const answer =
        mode === "create"
          ? await api.request<{ node: GraphNode }>(createDocument(spec), { input })
          : await api.request<{ node: GraphNode }>(updateDocument(spec), { id, input });
      close();
      if (mode === "create") host.created(answer.node);
      else host.changed(answer.node);
    } catch (e) {
      form.showErrors(placeErrors(plainErrors(e).errors, fields, raw));
    } finally {
      form.busy(false);
    }
  };
  const form = formView(api, fields, initial, {
    heading: mode === "create" ? `New ${spec.title}` : `Edit ${spec.title} ${name}`,
    submitLabel: mode === "create" ? "Create" : "Save",
    submit: () => void submit(),
    cancel: () => close(),
  });
  const opened = openDialog("edit-dialog", form.element);
  opened.dialog.dataset["kind"] = spec.kind;
  opened.dialog.dataset["mode"] = mode;
  close = opened.close;
  form.element.querySelector<HTMLElement>("input, select, textarea")?.focus();
}

export function openCreate(api: GraphQL, kind: EntityKind, host: EditHost): Promise<void> {
  return showForm(api, SPECS[kind], "create", null, host);
}

export function openEdit(api: GraphQL, kind: EntityKind, id: string, host: EditHost): Promise<void> {
  return showForm(api, SPECS[kind], "update", id, host);
}

/** Ask, then delete; a refusal (others depend on it) offers the forced delete where the API has one. */
export function openDelete(api: GraphQL, kind: EntityKind, id: string, name: string, host: EditHost): void {
  const spec = SPECS[kind];
  const mutation = deleteDocument(spec);
  if (!mutation) return;
  const message = h("p", { class: "error", id: "delete-error", role: "alert" });
  const force = h("input", { type: "checkbox", id: "delete-force" });
  const confirm = h("button", { type: "button", id: "delete-confirm", class: "danger" }, "Delete");
  const { close } = openDialog(
    "delete-dialog",
    h(
      "div",
      { class: "edit-form" },
      h("h2", {}, `Delete ${spec.title} ${name}?`),
      h("p", {}, "This cannot be undone; the audit log keeps what it was."),
      spec.forceDelete ? h("label", { class: "force" }, force, " also when other nodes depend on it") : null,
      message,
      h(
        "div",
        { class: "form-buttons" },
        h("button", { type: "button", id: "delete-cancel", onclick: () => close() }, "Cancel"),
        confirm,
      ),
    ),
  );
  confirm.addEventListener("click", () => {
    confirm.disabled = true;
    const variables = spec.forceDelete ? { id, force: force.checked } : { id };
    api
      .request<{ deleted: string }>(mutation, variables)
      .then(() => {
        close();
        host.deleted(id);
      })
      .catch((e: unknown) => {
        message.textContent = plainErrors(e).message;
        confirm.disabled = false;
      });
  });
}
