/**
 * The graphql-transport-ws messages of the live status subscription (pure: no socket).
 * The token goes in connection_init's payload (a browser's WebSocket sends no header).
 */

export const LIVE_STATUS = `subscription ExplorerLiveStatus {
  liveStatus { seq moves { seq kind nodeId name from to reason incident { number state } } }
}`;

export const SUBPROTOCOL = "graphql-transport-ws";
export const SUBSCRIPTION_ID = "live";

export interface LiveMove {
  seq: number;
  kind: "CI" | "SERVICE";
  nodeId: string;
  name: string | null;
  from: string | null;
  to: string;
  reason: string | null;
  incident: { number: string; state: string } | null;
}

export type ClientMessage =
  | { type: "connection_init"; payload: Record<string, string> }
  | { type: "subscribe"; id: string; payload: { query: string } }
  | { type: "pong" };

/** What the client acts on; anything else is ignored. */
export type ServerEvent =
  | { kind: "ack" }
  | { kind: "ping" }
  | { kind: "moves"; seq: number; moves: LiveMove[] }
  | { kind: "error"; message: string }
  | { kind: "complete" };

/** connection_init with a token, or with a payload of its own (a session's CSRF token). */
export function initMessage(token: string | Record<string, string>): ClientMessage {
  const payload = typeof token === "string" ? { Authorization: `Bearer ${token}` } : token;
  return { type: "connection_init", payload };
}

export function subscribeMessage(): ClientMessage {
  return { type: "subscribe", id: SUBSCRIPTION_ID, payload: { query: LIVE_STATUS } };
}

interface Raw {
  type?: unknown;
  id?: unknown;
  payload?: {
    data?: { liveStatus?: { seq: number; moves: LiveMove[] } | null } | null;
    errors?: { message: string }[];
  } & Record<string, unknown>;
}

function errorText(errors: unknown): string {
  if (Array.isArray(errors)) return errors.map((e: { message?: string }) => e.message ?? "").join("; ");
  return "subscription error";
}

/** A server frame to what the client does with it (null: not for us, or not JSON). */
export function parseServerMessage(text: string): ServerEvent | null {
  let raw: Raw;
  try {
    raw = JSON.parse(text) as Raw;
  } catch {
    return null;
  }
  switch (raw.type) {
    case "connection_ack":
      return { kind: "ack" };
    case "ping":
      return { kind: "ping" };
    case "complete":
      return raw.id === SUBSCRIPTION_ID ? { kind: "complete" } : null;
    case "error":
      return { kind: "error", message: errorText(raw.payload) };
    case "next": {
      if (raw.id !== SUBSCRIPTION_ID) return null;
      if (raw.payload?.errors?.length) return { kind: "error", message: errorText(raw.payload.errors) };
      const live = raw.payload?.data?.liveStatus;
      return live ? { kind: "moves", seq: live.seq, moves: live.moves } : null;
    }
    default:
      return null;
  }
}

/** The websocket address of /graphql on the page's own origin. */
export function liveUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/graphql`;
}
