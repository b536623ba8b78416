/** The frame around the pages: tabs for the routes and a sign-out button. */
import { h } from "../dom";
import { type Route, routeHash } from "./router";

const TITLES: Record<Route, string> = {
  home: "Services",
  explore: "Explore",
  dashboard: "Dashboard",
  health: "Health",
  import: "Import",
  admin: "Admin",
};

export interface Shell {
  root: HTMLElement;
  main: HTMLElement;
  setActive(route: Route): void;
}

/** ``who``: the signed-in person (or the token) shown beside the sign-out button. */
export function buildShell(routes: readonly Route[], onSignOut: () => void, who = ""): Shell {
  const tabs = routes.map((route) =>
    h("a", { href: routeHash(route), class: "tab", id: `tab-${route}`, "data-route": route }, TITLES[route]),
  );
  const main = h("main", { class: "page", id: "page" });
  const root = h(
    "div",
    { class: "shell" },
    h(
      "header",
      { class: "topbar" },
      h("span", { class: "brand" }, "graphcmdb"),
      h("nav", {}, ...tabs),
      h("span", { class: "who", id: "who" }, who),
      h("button", { class: "signout", id: "signout", onclick: onSignOut }, "Sign out"),
    ),
    main,
  );
  return {
    root,
    main,
    setActive(route) {
      for (const tab of tabs) tab.classList.toggle("active", tab.dataset["route"] === route);
    },
  };
}
