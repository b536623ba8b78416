/**
 * Who this tab acts as: a person signed in with a password (the HttpOnly session cookie,
 * which the page never sees, plus the session's CSRF token, kept in memory and sent as a
 * header), or an API token pasted for machines and developers (sessionStorage).
 */
import { clearToken, readToken, saveToken } from "./token-store";

export interface SessionUser {
  name: string;
  role: string;
  permissions: string[];
  scopes: string[];
}

export interface SessionAnswer {
  user: SessionUser;
  csrfToken: string;
}

let session: SessionAnswer | null = null;

export function useSession(answer: SessionAnswer | null): void {
  session = answer;
  if (answer) clearToken();
}

export function useToken(token: string): void {
  session = null;
  saveToken(token);
}

export function signedInUser(): SessionUser | null {
  return session?.user ?? null;
}

export function csrfToken(): string | null {
  return session?.csrfToken ?? null;
}

/** The pasted token, unless a person is signed in. */
export function bearerToken(): string | null {
  return session ? null : readToken();
}

export function signedIn(): boolean {
  return session !== null || readToken() !== null;
}

/** Admin pages are offered to admins; a token's role is not known here (the API decides). */
export function mayAdminister(): boolean {
  return session ? session.user.role === "ADMIN" : readToken() !== null;
}

/** Editing (forms, graph edits, import) is offered to editors and admins; a token's role is
 * not known here (the API decides). */
export function mayWrite(): boolean {
  return session ? session.user.role === "EDITOR" || session.user.role === "ADMIN" : readToken() !== null;
}

/** The headers a GraphQL request carries for these credentials. */
export function authHeaders(): Record<string, string> {
  if (session) return { "X-CSRF-Token": session.csrfToken };
  const token = readToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** connection_init's payload of the live status websocket (the cookie travels itself). */
export function livePayload(): Record<string, string> | null {
  if (session) return { csrfToken: session.csrfToken };
  const token = readToken();
  return token ? { Authorization: `Bearer ${token}` } : null;
}

export function forget(): void {
  session = null;
  clearToken();
}
