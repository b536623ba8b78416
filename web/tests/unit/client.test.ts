import { afterEach, describe, expect, it, vi } from "vitest";
import { GraphQLClient, GraphQLRequestError } from "../../src/api/client";

function answering(body: unknown): void {
  vi.stubGlobal("fetch", async () => new Response(JSON.stringify(body), { status: 200 }));
}

const withheld = {
  message: "Cost figures need the financials permission",
  extensions: { code: "FORBIDDEN", needed: "financials" },
};

describe("the GraphQL client", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("keeps the answer when only cost figures were withheld (they are null)", async () => {
    answering({ data: { asset: { assetTag: "A-1", bookValue: null } }, errors: [withheld] });
    const data = await new GraphQLClient(() => "t").request<{ asset: { assetTag: string } }>("{}");
    expect(data.asset.assetTag).toBe("A-1");
  });

  it("still fails on any other error", async () => {
    answering({ data: { asset: null }, errors: [withheld, { message: "x", extensions: { code: "NOT_FOUND" } }] });
    await expect(new GraphQLClient(() => "t").request("{}")).rejects.toBeInstanceOf(GraphQLRequestError);
  });
});
