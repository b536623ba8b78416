/** The session endpoints: sign in with a password, who is signed in, sign out. */
import type { SessionAnswer } from "./credentials";

interface ErrorAnswer {
  errors?: { message: string; extensions?: { code?: string } }[];
}

const JSON_HEADERS = { "Content-Type": "application/json" };

/** The signed-in session after a reload, or null (nobody, or it ended). */
export async function currentSession(): Promise<SessionAnswer | null> {
  const response = await fetch("/auth/session", { credentials: "same-origin" });
  if (!response.ok) return null;
  const answer = (await response.json()) as { user: SessionAnswer["user"] | null; csrfToken: string | null };
  return answer.user && answer.csrfToken ? { user: answer.user, csrfToken: answer.csrfToken } : null;
}

/** The new session, or the API's message why not (wrong password, throttled …). */
export async function signInWithPassword(username: string, password: string): Promise<SessionAnswer | string> {
  let response: Response;
  try {
    response = await fetch("/auth/login", {
      method: "POST",
      credentials: "same-origin",
      headers: JSON_HEADERS,
      body: JSON.stringify({ username, password }),
    });
  } catch (error) {
    return `The API did not answer: ${String(error)}`;
  }
  const body = (await response.json().catch(() => ({}))) as SessionAnswer & ErrorAnswer;
  if (response.ok) return body;
  return body.errors?.[0]?.message ?? `HTTP ${response.status}`;
}

export async function signOutSession(csrf: string): Promise<void> {
  await fetch("/auth/logout", {
    method: "POST",
    credentials: "same-origin",
    headers: { ...JSON_HEADERS, "X-CSRF-Token": csrf },
    body: "{}",
  });
}
