/** Sign-in: paste an API token; it is checked with one cheap query before it is kept. */
import { GraphQLClient, GraphQLRequestError } from "../api/client";
import { h } from "../dom";
import { saveToken } from "./token-store";

export const CHECK = "query SignInCheck { services(first: 1) { totalCount } }";

export function signInView(onSignedIn: () => void): HTMLElement {
  const input = h("input", {
    id: "token-input",
    type: "password",
    placeholder: "API token",
    autocomplete: "off",
    required: true,
  });
  const message = h("p", { class: "signin-error", id: "signin-error", role: "alert" });
  const form = h(
    "form",
    { class: "signin", id: "signin-form" },
    h("h1", {}, "graphcmdb explorer"),
    h(
      "p",
      {},
      "Paste an API token: the one `make run` prints (also in .graphcmdb/admin-token), " +
        "or one from `graphcmdb token create --role viewer --name me`.",
    ),
    input,
    h("button", { type: "submit", id: "signin-submit" }, "Sign in"),
    message,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const token = input.value.trim();
    message.textContent = "Checking…";
    void checkToken(token).then((problem) => {
      if (problem) {
        message.textContent = problem;
        return;
      }
      saveToken(token);
      onSignedIn();
    });
  });
  return h("main", { class: "signin-page" }, form);
}

/** null when the token works, else what went wrong. */
async function checkToken(token: string): Promise<string | null> {
  try {
    await new GraphQLClient(() => token).request(CHECK);
    return null;
  } catch (error) {
    if (error instanceof GraphQLRequestError) return error.message;
    return `The API did not answer: ${String(error)}`;
  }
}
