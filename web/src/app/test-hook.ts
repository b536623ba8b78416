/**
 * `window.graphcmdbExplorer`: read-only handles for the browser test and for people
 * debugging in the console (the cytoscape instance, the last draw's timings, …).
 */

type Hook = Record<string, unknown>;

declare global {
  interface Window {
    graphcmdbExplorer?: Hook;
  }
}

export function expose(values: Hook): void {
  window.graphcmdbExplorer = { ...(window.graphcmdbExplorer ?? {}), ...values };
}
