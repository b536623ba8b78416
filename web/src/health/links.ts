/**
 * Links from the health page into the explorer: `#/explore?ci=<id>&name=<name>` opens the
 * CI's neighbourhood with its panel (main.ts reads it once the explore page is mounted).
 */

export interface FocusTarget {
  id: string;
  label: string;
}

export function ciHref(id: string, name: string): string {
  const query = new URLSearchParams({ ci: id, name });
  return `#/explore?${query.toString()}`;
}

/** The CI a hash asks the explorer to open, or null. */
export function focusFromHash(hash: string): FocusTarget | null {
  const at = hash.indexOf("?");
  if (at < 0) return null;
  const query = new URLSearchParams(hash.slice(at + 1));
  const id = query.get("ci");
  return id ? { id, label: query.get("name") ?? id } : null;
}
