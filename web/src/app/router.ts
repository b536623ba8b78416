/** Hash routes (#/explore, #/dashboard): the server serves one index.html. */

export type Route = "explore" | "dashboard" | "health";
export const ROUTES: readonly Route[] = ["explore", "dashboard", "health"];

export function parseRoute(hash: string): Route {
  const name = hash.replace(/^#\/?/, "").split(/[/?]/)[0] ?? "";
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : "explore";
}

export function routeHash(route: Route): string {
  return `#/${route}`;
}

export function onRouteChange(handler: (route: Route) => void): void {
  window.addEventListener("hashchange", () => handler(parseRoute(window.location.hash)));
}
