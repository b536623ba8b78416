/** What the edit bar loads on first use, as one chunk (edit-bar.ts stays in the explore page's). */
export { bulkForm } from "./bulk-form";
export { incidentForm } from "./incident-form";
export { incidentDraft } from "./incident-prefill";
export { RelateDrag } from "./relate-drag";
