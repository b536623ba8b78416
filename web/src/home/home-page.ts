/**
 * The first screen after sign-in: the business services with their live status, the
 * open incidents, and the top of the service map; an incident's impact, or a service's
 * neighbourhood, is one click away on the explore page.
 */
import { type GraphQL, GraphQLRequestError } from "../api/client";
import { expose } from "../app/test-hook";
import { livePayload } from "../auth/credentials";
import { fill, h } from "../dom";
import { statusColour } from "../explore/palette";
import { LiveSocket } from "../live/live-socket";
import { liveUrl } from "../live/protocol";
import {
  HOME_INCIDENTS,
  HOME_SERVICES,
  type IncidentsAnswer,
  type ServicesAnswer,
  type HomeIncident,
  type HomeNode,
  type HomeService,
  INCIDENTS_SHOWN,
  MAP_SERVICES,
  SERVICES_SHOWN,
  impactTargets,
  openIncidents,
  orderServices,
  withStatus,
} from "./model";

export interface HomeActions {
  /** Draw a node's neighbourhood on the explore page. */
  explore(node: { id: string; label: string }): void;
  /** Run impact with these CIs DOWN on the explore page. */
  impact(focus: { id: string; label: string }, down: string[]): void;
}

/** A table of the first screen's look (the admin page's too). */
export function homeTable(id: string, head: string[], rows: HTMLElement[]): HTMLElement {
  return h(
    "table",
    { class: "home-table", id },
    h("thead", {}, h("tr", {}, ...head.map((c) => h("th", {}, c)))),
    h("tbody", {}, ...rows),
  );
}

function statusBadge(status: string | null | undefined): HTMLElement {
  const label = status ?? "—";
  return h("span", { class: `status-badge`, "data-status": label, style: `background:${statusColour(status)}` }, label);
}

export class HomePage {
  readonly element = h("section", { class: "home", id: "home" });
  private services: HomeService[] = [];
  private readonly servicesBox = h("section", { class: "panel home-services", id: "home-services" });
  private readonly incidentsBox = h("section", { class: "panel home-incidents", id: "home-incidents" });
  private readonly mapBox = h("section", { class: "panel home-map", id: "home-map" });
  private live: LiveSocket | null = null;

  constructor(
    private readonly api: GraphQL,
    private readonly actions: HomeActions,
  ) {
    const live = h("span", { class: "live-indicator", id: "home-live" }, "○ connecting");
    fill(
      this.element,
      h("header", { class: "home-head" }, h("h2", {}, "Business services"), live),
      this.mapBox,
      h("div", { class: "home-columns" }, this.servicesBox, this.incidentsBox),
    );
    fill(this.servicesBox, h("p", { class: "muted" }, "Loading…"));
    void this.load();
    this.follow(live);
  }

  /** Stop following live statuses (the page is left). */
  stop(): void {
    this.live?.stop();
    this.live = null;
  }

  private async load(): Promise<void> {
    try {
      const [services, opened] = await Promise.all([
        this.ask<ServicesAnswer>(HOME_SERVICES, { services: SERVICES_SHOWN }),
        this.ask<IncidentsAnswer>(HOME_INCIDENTS, { incidents: INCIDENTS_SHOWN }),
      ]);
      this.services = orderServices(services.services.edges.map((e) => e.node));
      const incidents = openIncidents(opened);
      this.renderServices(services.services.totalCount);
      this.renderIncidents(incidents);
      expose({ home: { services: this.services.length, incidents: incidents.length, ready: true } });
    } catch (e) {
      fill(this.servicesBox, h("p", { class: "error" }, String(e)));
    }
  }

  /** One query, asked again (up to three times) when it ran out of time: retry-safe, and a
   * cold server plans its statements on the first requests. */
  private async ask<T>(query: string, variables: Record<string, number>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.api.request<T>(query, variables);
      } catch (e) {
        if (!(e instanceof GraphQLRequestError) || e.code !== "TIMEOUT" || attempt === 3) throw e;
      }
    }
  }

  private follow(indicator: HTMLElement): void {
    this.live = new LiveSocket(liveUrl(window.location), livePayload, {
      state: (state) => {
        indicator.textContent = state === "live" ? "● live" : state === "connecting" ? "○ connecting" : "○ not live";
        indicator.dataset["state"] = state;
      },
      moves: (moves) => {
        for (const move of moves) {
          if (move.kind === "SERVICE") this.services = withStatus(this.services, move.nodeId, move.to);
        }
        this.renderServices(null);
      },
    });
    this.live.start();
  }

  private renderServices(total: number | null): void {
    const rows = this.services.map((s) =>
      h(
        "tr",
        { "data-service": s.name, class: `status-${s.status}` },
        h("td", {}, h("button", { class: "link service-link", onclick: () => this.actions.explore({ id: s.id, label: s.name }) }, s.name)),
        h("td", {}, statusBadge(s.status)),
        h("td", {}, s.criticality),
        h("td", {}, s.users.toLocaleString()),
        h("td", {}, s.slaTarget === null ? "—" : `${s.slaTarget} %`),
        h("td", {}, s.owner ?? ""),
      ),
    );
    const shown = total === null ? "" : ` (${this.services.length} of ${total})`;
    fill(
      this.servicesBox,
      h("h3", {}, `Services${shown}`),
      homeTable("services-table", ["service", "status", "crit.", "users", "SLA", "owner"], rows),
    );
    this.renderMap();
  }

  private renderIncidents(incidents: HomeIncident[]): void {
    if (incidents.length === 0) {
      fill(this.incidentsBox, h("h3", {}, "Open incidents"), h("p", { class: "muted" }, "No open incident."));
      return;
    }
    const rows = incidents.map((incident) => {
      const targets = impactTargets(incident);
      const first = targets[0];
      const impact = first
        ? h(
            "button",
            {
              class: "small primary impact-button",
              "data-incident": incident.number,
              title: `Impact with ${targets.map((t) => t.name).join(", ")} down`,
              onclick: () => this.actions.impact({ id: first.id, label: first.name }, targets.map((t) => t.id)),
            },
            "Impact",
          )
        : h("span", { class: "muted" }, "services only");
      return h(
        "tr",
        { "data-incident": incident.number },
        h("td", {}, incident.number),
        h("td", {}, incident.priority),
        h("td", {}, incident.title),
        h("td", {}, incident.affects.map((n) => n.name).join(", ")),
        h("td", {}, impact),
      );
    });
    fill(
      this.incidentsBox,
      h("h3", {}, `Open incidents (${incidents.length})`),
      homeTable("incidents-table", ["number", "prio.", "title", "affects", ""], rows),
    );
  }

  /** The top of the service map: the first services and what each needs directly. */
  private renderMap(): void {
    const node = (n: HomeNode): HTMLElement =>
      h(
        "button",
        { class: "map-node small", "data-node": n.name, onclick: () => this.actions.explore({ id: n.id, label: n.name }) },
        h("span", { class: "dot", style: `background:${statusColour(n.status)}` }),
        n.name,
      );
    const cards = this.services.slice(0, MAP_SERVICES).map((s) =>
      h(
        "div",
        { class: "map-card", "data-service": s.name },
        h("div", { class: "map-service" }, node({ id: s.id, name: s.name, labels: ["Service"], status: s.status })),
        h("div", { class: "map-needs" }, ...s.dependsOn.map((d) => node(d.node))),
      ),
    );
    fill(this.mapBox, h("h3", {}, "Service map (top)"), h("div", { class: "map-cards" }, ...cards));
  }
}
