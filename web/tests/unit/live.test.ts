/** The live status subscription's pure parts: messages, parsing, node changes, back-off. */
import { buildSchema, parse, validate } from "graphql";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { backoffMs, latestPerNode, nodeChange } from "../../src/live/apply";
import { LIVE_STATUS, type LiveMove, initMessage, liveUrl, parseServerMessage, subscribeMessage } from "../../src/live/protocol";
import { STATUS_COLOURS } from "../../src/explore/palette";

const schema = buildSchema(readFileSync(new URL("../../../schema.graphql", import.meta.url), "utf8"));

function move(nodeId: string, to: string, seq = 1): LiveMove {
  return { seq, kind: "CI", nodeId, name: nodeId, from: "OPERATIONAL", to, reason: null, incident: null };
}

describe("live status protocol", () => {
  it("subscribes with a document valid against the schema", () => {
    expect(validate(schema, parse(LIVE_STATUS))).toEqual([]);
    expect(subscribeMessage()).toMatchObject({ type: "subscribe", payload: { query: LIVE_STATUS } });
  });

  it("sends the token in connection_init", () => {
    expect(initMessage("gcm_x")).toEqual({ type: "connection_init", payload: { Authorization: "Bearer gcm_x" } });
  });

  it("parses acks, moves, errors and completion", () => {
    expect(parseServerMessage('{"type":"connection_ack"}')).toEqual({ kind: "ack" });
    const next = { type: "next", id: "live", payload: { data: { liveStatus: { seq: 4, moves: [move("a", "DOWN")] } } } };
    expect(parseServerMessage(JSON.stringify(next))).toEqual({ kind: "moves", seq: 4, moves: [move("a", "DOWN")] });
    const failed = { type: "next", id: "live", payload: { data: null, errors: [{ message: "revoked" }] } };
    expect(parseServerMessage(JSON.stringify(failed))).toEqual({ kind: "error", message: "revoked" });
    expect(parseServerMessage('{"type":"complete","id":"live"}')).toEqual({ kind: "complete" });
    expect(parseServerMessage('{"type":"next","id":"other","payload":{}}')).toBeNull();
    expect(parseServerMessage("not json")).toBeNull();
  });

  it("derives the websocket address from the page's", () => {
    expect(liveUrl({ protocol: "http:", host: "cmdb:8000" })).toBe("ws://cmdb:8000/graphql");
    expect(liveUrl({ protocol: "https:", host: "cmdb" })).toBe("wss://cmdb/graphql");
  });
});

describe("live node changes", () => {
  it("colours and badges by the new status", () => {
    expect(nodeChange(move("a", "DOWN"))).toEqual({ status: "DOWN", colour: STATUS_COLOURS.DOWN, badge: "live-down" });
    expect(nodeChange(move("a", "DEGRADED")).badge).toBe("live-degraded");
    expect(nodeChange(move("a", "OPERATIONAL"))).toEqual({
      status: "OPERATIONAL",
      colour: STATUS_COLOURS.OPERATIONAL,
      badge: "",
    });
  });

  it("keeps the last move of each node", () => {
    const last = latestPerNode([move("a", "DOWN", 1), move("b", "DOWN", 1), move("a", "OPERATIONAL", 2)]);
    expect(last.get("a")?.to).toBe("OPERATIONAL");
    expect(last.size).toBe(2);
  });

  it("backs off up to thirty seconds", () => {
    expect([0, 1, 2, 10].map(backoffMs)).toEqual([1000, 2000, 4000, 30_000]);
  });
});
