/** Hash routes (#/home, #/explore, #/dashboard, #/import, #/admin): the server serves one index.html. */

export type Route = "home" | "explore" | "dashboard" | "admin" | "health" | "import";
export const ROUTES: readonly Route[] = ["home", "explore", "dashboard", "import", "admin", "health"];

export function parseRoute(hash: string): Route {
  const name = hash.replace(/^#\/?/, "").split(/[/?]/)[0] ?? "";
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : "home";
}

export function routeHash(route: Route): string {
  return `#/${route}`;
}

export function onRouteChange(handler: (route: Route) => void): void {
  window.addEventListener("hashchange", () => handler(parseRoute(window.location.hash)));
}
