/** Type-ahead search across CIs, services and assets; answers arriving late are dropped. */
import type { GraphQL } from "../api/client";
import { h } from "../dom";
import { SEARCH } from "./queries";
import { type SearchAnswer, type Suggestion, suggestions } from "./search-results";

const DEBOUNCE_MS = 180;
const PER_KIND = 8;

export function searchBox(api: GraphQL, onPick: (s: Suggestion) => void): HTMLElement {
  const input = h("input", {
    id: "search",
    type: "search",
    placeholder: "Search CIs, services, assets…",
    autocomplete: "off",
    "aria-controls": "search-results",
  });
  const list = h("ul", { id: "search-results", class: "suggestions", role: "listbox" });
  let current: Suggestion[] = [];
  let active = -1;
  let sequence = 0;
  let timer: number | undefined;

  const render = (): void => {
    list.replaceChildren(
      ...current.map((s, i) =>
        h(
          "li",
          {
            role: "option",
            class: i === active ? "active" : "",
            "data-id": s.id,
            onmousedown: (e: Event) => {
              e.preventDefault();
              pick(s);
            },
          },
          h("span", { class: `kind kind-${s.kind}` }, s.kind),
          h("strong", {}, s.label),
          h("small", {}, s.detail),
        ),
      ),
    );
    list.hidden = current.length === 0;
  };

  const pick = (s: Suggestion): void => {
    current = [];
    active = -1;
    input.value = s.label;
    render();
    onPick(s);
  };

  const lookUp = async (text: string): Promise<void> => {
    const mine = ++sequence;
    const answer = await api.request<SearchAnswer>(SEARCH, { q: text, first: PER_KIND });
    if (mine !== sequence) return;
    current = suggestions(answer);
    active = current.length > 0 ? 0 : -1;
    render();
  };

  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < 1) {
      sequence += 1;
      current = [];
      render();
      return;
    }
    timer = window.setTimeout(() => void lookUp(text).catch(() => undefined), DEBOUNCE_MS);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      active = (active + step + current.length) % Math.max(current.length, 1);
      render();
    } else if (e.key === "Enter" && current[active] !== undefined) {
      e.preventDefault();
      pick(current[active] as Suggestion);
    } else if (e.key === "Escape") {
      current = [];
      render();
    }
  });
  input.addEventListener("blur", () => {
    current = [];
    render();
  });
  list.hidden = true;
  return h("div", { class: "search" }, input, list);
}
