/** The forms' own chunk: everything entry.ts loads on first use. */
export { openCreate, openDelete, openEdit } from "./editor";
export { fillLifecycle } from "./lifecycle-view";
