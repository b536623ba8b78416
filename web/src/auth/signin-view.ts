/**
 * Sign-in: a user name and password (a session cookie); machines and developers may
 * still paste an API token (checked with one cheap query before it is kept).
 */
import { GraphQLClient, GraphQLRequestError } from "../api/client";
import { h } from "../dom";
import { useSession, useToken } from "./credentials";
import { signInWithPassword } from "./session";

export const CHECK = "query SignInCheck { services(first: 1) { totalCount } }";

export function signInView(onSignedIn: () => void): HTMLElement {
  const username = h("input", { id: "username", name: "username", placeholder: "User name", autocomplete: "username", required: true });
  const password = h("input", {
    id: "password",
    name: "password",
    type: "password",
    placeholder: "Password",
    autocomplete: "current-password",
    required: true,
  });
  const message = h("p", { class: "signin-error", id: "signin-error", role: "alert" });
  const form = h(
    "form",
    { class: "signin", id: "signin-form" },
    h("h1", {}, "graphcmdb"),
    h("p", { class: "muted" }, "Sign in with the user name and password your administrator gave you."),
    username,
    password,
    h("button", { type: "submit", id: "signin-submit", class: "primary" }, "Sign in"),
    message,
    tokenOption(message, onSignedIn),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    message.textContent = "Signing in…";
    void signInWithPassword(username.value.trim(), password.value).then((answer) => {
      password.value = "";
      if (typeof answer === "string") {
        message.textContent = answer;
        return;
      }
      useSession(answer);
      onSignedIn();
    });
  });
  return h("main", { class: "signin-page" }, form);
}

/** The API-token way in, folded away: for machines and developers. */
function tokenOption(message: HTMLElement, onSignedIn: () => void): HTMLElement {
  const input = h("input", { id: "token-input", type: "password", placeholder: "API token", autocomplete: "off" });
  const submit = h("button", { type: "button", id: "token-submit" }, "Use token");
  submit.addEventListener("click", () => {
    const token = input.value.trim();
    message.textContent = "Checking…";
    void checkToken(token).then((problem) => {
      if (problem) {
        message.textContent = problem;
        return;
      }
      useToken(token);
      onSignedIn();
    });
  });
  return h(
    "details",
    { class: "token-option", id: "token-option" },
    h("summary", {}, "Use an API token instead (machines, developers)"),
    h("p", { class: "muted" }, "The one `make run` prints, or one from `graphcmdb token create`."),
    h("div", { class: "token-row" }, input, submit),
  );
}

/** null when the token works, else what went wrong. */
async function checkToken(token: string): Promise<string | null> {
  if (!token) return "Paste a token first.";
  try {
    await new GraphQLClient(() => token).request(CHECK);
    return null;
  } catch (error) {
    if (error instanceof GraphQLRequestError) return error.message;
    return `The API did not answer: ${String(error)}`;
  }
}
