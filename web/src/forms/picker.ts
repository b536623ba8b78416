/** A reference field: search by name, pick one (or several), see the names picked. */
import type { GraphQL } from "../api/client";
import { fill, h } from "../dom";
import type { RefPick, RefTarget } from "./fields";

interface Edges {
  edges: { node: { id: string; name: string; ciClass?: string; number?: string } }[];
}

const FIRST = 8;
const NODE = "edges { node { id name } }";

export const SEARCHES: Readonly<Record<RefTarget, string>> = {
  ci: `query PickCI($q: String!) { a: cis(filter: { nameContains: $q }, first: ${FIRST}) { edges { node { id name ciClass } } } }`,
  ciOrService: `query PickTarget($q: String!) {
    a: cis(filter: { nameContains: $q }, first: ${FIRST}) { edges { node { id name ciClass } } }
    b: services(filter: { nameContains: $q }, first: ${FIRST}) { ${NODE} } }`,
  vendor: `query PickVendor($q: String!) { a: vendors(nameContains: $q, first: ${FIRST}) { ${NODE} } }`,
  product: `query PickProduct($q: String!) { a: softwareProducts(text: $q, first: ${FIRST}) { ${NODE} } }`,
  contract: `query PickContract($q: String!) { a: contracts(filter: { text: $q }, first: ${FIRST}) { edges { node { id name number } } } }`,
};

/** The search answer as picks (a CI with its class, a contract with its number). */
export function searchPicks(answer: Readonly<Record<string, Edges>>): (RefPick & { detail: string })[] {
  return Object.values(answer).flatMap((list) =>
    list.edges.map(({ node }) => ({
      id: node.id,
      name: node.name,
      detail: node.ciClass ?? node.number ?? "",
    })),
  );
}

export interface Picker {
  element: HTMLElement;
  value(): RefPick[];
}

export function picker(api: GraphQL, name: string, label: string, target: RefTarget, many: boolean, initial: readonly RefPick[]): Picker {
  let picked: RefPick[] = [...initial];
  const chosen = h("ul", { class: "picks", id: `picks-${name}` });
  const results = h("ul", { class: "picker-results", id: `results-${name}` });
  const search = h("input", {
    type: "search",
    id: `field-${name}`,
    placeholder: many ? "Search to add…" : "Search…",
    "aria-label": label,
    autocomplete: "off",
  });
  const showPicked = (): void =>
    fill(
      chosen,
      ...picked.map((p) =>
        h(
          "li",
          { "data-id": p.id },
          p.name,
          h("button", { type: "button", class: "small", title: `Remove ${p.name}`, onclick: () => remove(p.id) }, "×"),
        ),
      ),
    );
  const remove = (id: string): void => {
    picked = picked.filter((p) => p.id !== id);
    showPicked();
  };
  const choose = (pick: RefPick): void => {
    picked = many ? [...picked.filter((p) => p.id !== pick.id), pick] : [pick];
    search.value = "";
    fill(results);
    showPicked();
  };
  let asked = 0;
  const lookUp = async (): Promise<void> => {
    const q = search.value.trim();
    const ticket = ++asked;
    if (q.length < 2) return fill(results);
    try {
      const answer = await api.request<Record<string, Edges>>(SEARCHES[target], { q });
      if (ticket !== asked) return; // a later keystroke asked again
      const found = searchPicks(answer);
      fill(
        results,
        ...(found.length === 0 ? [h("li", { class: "muted" }, "Nothing found.")] : []),
        ...found.map((p) =>
          h(
            "li",
            {},
            h("button", { type: "button", "data-id": p.id, onclick: () => choose(p) }, p.name, p.detail ? h("small", {}, ` ${p.detail}`) : null),
          ),
        ),
      );
    } catch (e) {
      if (ticket === asked) fill(results, h("li", { class: "error" }, String(e)));
    }
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => void lookUp(), 200);
  });
  showPicked();
  return { element: h("div", { class: "picker", "data-target": target }, chosen, search, results), value: () => picked };
}
