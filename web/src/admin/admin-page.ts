/**
 * The admin page (administrators only; the API refuses anyone else): the people who
 * sign in, with a form to add one and a button to disable one, and the API tokens.
 */
import type { GraphQL } from "../api/client";
import { expose } from "../app/test-hook";
import { fill, h } from "../dom";
import { date } from "../format";
import { homeTable } from "../home/home-page";

export interface AdminUser {
  id: string;
  name: string;
  role: string;
  permissions: string[];
  createdAt: string;
  disabledAt: string | null;
  lastSignInAt: string | null;
}

export interface AdminToken {
  id: string;
  name: string;
  role: string;
  permissions: string[];
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

export const ADMIN = `query AdminPage {
  users { id name role permissions createdAt disabledAt lastSignInAt }
  apiTokens { id name role permissions prefix createdAt revokedAt }
}`;
const CREATE = `mutation AddUser($input: UserInput!) { createUser(input: $input) { id } }`;
const DISABLE = `mutation DisableUser($id: ID!) { disableUser(id: $id) { id disabledAt } }`;
const ROLES = ["VIEWER", "EDITOR", "ADMIN"];

export class AdminPage {
  readonly element = h("section", { class: "admin", id: "admin" });
  private readonly message = h("p", { class: "signin-error", id: "admin-message", role: "alert" });

  constructor(private readonly api: GraphQL) {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const answer = await this.api.request<{ users: AdminUser[]; apiTokens: AdminToken[] }>(ADMIN);
      this.render(answer.users, answer.apiTokens);
      expose({ admin: { users: answer.users.length, tokens: answer.apiTokens.length } });
    } catch (e) {
      fill(this.element, h("p", { class: "error", id: "admin-refused" }, String(e)));
    }
  }

  private render(users: AdminUser[], tokens: AdminToken[]): void {
    const userRows = users.map((u) =>
      h(
        "tr",
        { "data-user": u.name, class: u.disabledAt ? "disabled" : "" },
        h("td", {}, u.name),
        h("td", {}, u.role),
        h("td", {}, u.permissions.join(", ")),
        h("td", {}, date(u.lastSignInAt)),
        h("td", {}, u.disabledAt ? `disabled ${date(u.disabledAt)}` : "active"),
        h(
          "td",
          {},
          u.disabledAt
            ? null
            : h("button", { class: "small disable-user", "data-user": u.name, onclick: () => void this.disable(u) }, "Disable"),
        ),
      ),
    );
    const tokenRows = tokens.map((t) =>
      h(
        "tr",
        { "data-token": t.name },
        h("td", {}, t.name),
        h("td", {}, t.role),
        h("td", {}, t.permissions.join(", ")),
        h("td", {}, `${t.prefix}…`),
        h("td", {}, date(t.createdAt)),
        h("td", {}, t.revokedAt ? `revoked ${date(t.revokedAt)}` : "live"),
      ),
    );
    fill(
      this.element,
      h("h2", {}, "Users"),
      homeTable("users-table", ["user", "role", "permissions", "last sign-in", "state", ""], userRows),
      this.form(),
      this.message,
      h("h2", {}, "API tokens"),
      homeTable("tokens-table", ["name", "role", "permissions", "prefix", "created", "state"], tokenRows),
    );
  }

  private form(): HTMLElement {
    const name = h("input", { id: "new-user-name", placeholder: "user name", autocomplete: "off" });
    const password = h("input", { id: "new-user-password", type: "password", placeholder: "password (10+ characters)", autocomplete: "new-password" });
    const role = h("select", { id: "new-user-role" }, ...ROLES.map((r) => h("option", { value: r }, r.toLowerCase())));
    const form = h("form", { class: "admin-form", id: "new-user" }, name, password, role, h("button", { type: "submit", class: "primary" }, "Add user"));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const input = { name: name.value.trim(), password: password.value, role: role.value };
      this.message.textContent = "Adding…";
      void this.api.request(CREATE, { input }).then(
        () => {
          this.message.textContent = `${input.name} added.`;
          void this.load();
        },
        (e: unknown) => (this.message.textContent = e instanceof Error ? e.message : String(e)),
      );
    });
    return form;
  }

  private async disable(user: AdminUser): Promise<void> {
    try {
      await this.api.request(DISABLE, { id: user.id });
      await this.load();
    } catch (e) {
      this.message.textContent = e instanceof Error ? e.message : String(e);
    }
  }
}
