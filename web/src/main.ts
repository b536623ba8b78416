/** Entry point: sign in, then the explore and dashboard routes in one shell. */
import { GraphQLClient } from "./api/client";
import { ROUTES, type Route, onRouteChange, parseRoute } from "./app/router";
import { buildShell } from "./app/shell";
import { signInView } from "./auth/signin-view";
import { clearToken, readToken } from "./auth/token-store";
import { dashboardPage } from "./dashboard/dashboard-page";
import { byId } from "./dom";
import { focusFromHash } from "./health/links";
import type { ExplorePage } from "./explore/explore-page";
import "./styles.css";

const root = byId("app");

function signOut(): void {
  clearToken();
  window.location.hash = "";
  window.location.reload();
}

function showSignIn(): void {
  root.replaceChildren(signInView(() => start()));
}

function start(): void {
  if (!readToken()) {
    showSignIn();
    return;
  }
  const api = new GraphQLClient(readToken, "/graphql", signOut);
  const shell = buildShell(ROUTES, signOut);
  root.replaceChildren(shell.root);
  // the graph library is most of the bundle: loaded with the explore page, not before
  let explore: Promise<ExplorePage> | null = null;
  const show = async (route: Route): Promise<void> => {
    shell.setActive(route);
    if (route === "dashboard") {
      // rebuilt on each visit: the figures are cheap and should be fresh
      shell.main.replaceChildren(dashboardPage(api));
      return;
    }
    if (route === "health") {
      // its own chunk: the initial bundle stays what it was
      const { healthPage } = await import("./health/health-page");
      shell.main.replaceChildren(healthPage(api));
      return;
    }
    explore ??= import("./explore/explore-page").then((m) => new m.ExplorePage(api));
    const page = await explore;
    shell.main.replaceChildren(page.element);
    page.mounted();
    const focus = focusFromHash(window.location.hash); // a link from the health page
    if (focus) void page.open({ ...focus, detail: "", kind: "Other" });
  };
  onRouteChange((route) => void show(route));
  void show(parseRoute(window.location.hash));
}

start();
