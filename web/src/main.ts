/** Entry point: sign in, then the first screen, explore, dashboard and admin routes in one shell. */
import { GraphQLClient } from "./api/client";
import { ROUTES, type Route, onRouteChange, parseRoute, routeHash } from "./app/router";
import { buildShell } from "./app/shell";
import { expose } from "./app/test-hook";
import { authHeaders, bearerToken, csrfToken, forget, mayAdminister, mayWrite, signedIn, signedInUser, useSession } from "./auth/credentials";
import { currentSession, signOutSession } from "./auth/session";
import { signInView } from "./auth/signin-view";
import { dashboardPage } from "./dashboard/dashboard-page";
import { byId } from "./dom";
import { focusFromHash } from "./health/links";
import type { ExplorePage } from "./explore/explore-page";
import { HomePage } from "./home/home-page";
import "./styles.css";

const root = byId("app");

/** Leave: the server ends the session (or the tab forgets its token), then sign-in again. */
async function signOut(): Promise<void> {
  const csrf = csrfToken();
  if (csrf) await signOutSession(csrf).catch(() => undefined);
  forget();
  window.location.hash = "";
  window.location.reload();
}

function showSignIn(): void {
  root.replaceChildren(signInView(() => start()));
}

/** What the explore page should do once shown (a click on the first screen). */
type Pending = (page: ExplorePage) => Promise<void>;

function start(): void {
  if (!signedIn()) {
    showSignIn();
    return;
  }
  const api = new GraphQLClient(bearerToken, "/graphql", () => void signOut(), authHeaders);
  const user = signedInUser();
  const routes = ROUTES.filter((r) => (r !== "admin" || mayAdminister()) && (r !== "import" || mayWrite()));
  const shell = buildShell(routes, () => void signOut(), user ? `${user.name} (${user.role.toLowerCase()})` : "API token");
  root.replaceChildren(shell.root);
  expose({ signedInAs: user?.name ?? "token" });
  // the graph library is most of the bundle: loaded with the explore page, not before
  let explore: Promise<ExplorePage> | null = null;
  let home: HomePage | null = null;
  let pending: Pending | null = null;
  const goExplore = (then: Pending): void => {
    pending = then;
    if (parseRoute(window.location.hash) === "explore") void show("explore");
    else window.location.hash = routeHash("explore");
  };
  const show = async (asked: Route): Promise<void> => {
    const route = routes.includes(asked) ? asked : "home"; // a viewer asking for #/admin
    shell.setActive(route);
    home?.stop();
    home = null;
    if (route === "home") {
      home = new HomePage(api, {
        explore: (node) => goExplore((page) => page.open({ ...node, detail: "", kind: "Other" }).then(() => undefined)),
        impact: (focus, down) => goExplore((page) => page.impactOf(focus, down)),
      });
      shell.main.replaceChildren(home.element);
      return;
    }
    if (route === "dashboard") {
      // rebuilt on each visit: the figures are cheap and should be fresh
      shell.main.replaceChildren(dashboardPage(api));
      return;
    }
    if (route === "admin") {
      // administrators only, and rarely: loaded when visited
      const { AdminPage } = await import("./admin/admin-page");
      shell.main.replaceChildren(new AdminPage(api).element);
      return;
    }
    if (route === "import") {
      // editors, now and then: its own chunk
      const { ImportPage } = await import("./import/import-page");
      shell.main.replaceChildren(new ImportPage(api, { mayExport: mayAdminister(), headers: authHeaders }).element);
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
    const then = pending;
    pending = null;
    if (then) await then(page);
    const focus = focusFromHash(window.location.hash); // a link from the health page
    if (focus) void page.open({ ...focus, detail: "", kind: "Other" });
  };
  onRouteChange((route) => void show(route));
  void show(parseRoute(window.location.hash));
}

/** A session survives a reload (its cookie): ask who is signed in before drawing. */
async function boot(): Promise<void> {
  if (!bearerToken()) useSession(await currentSession().catch(() => null));
  start();
}

void boot();
