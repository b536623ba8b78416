import { describe, expect, it } from "vitest";
import { ciHref, focusFromHash } from "../../src/health/links";

describe("health links into the explorer", () => {
  it("round-trips a CI's id and name through the hash", () => {
    const href = ciHref("a b/&=?", "db-01 & co");
    expect(href.startsWith("#/explore?")).toBe(true);
    expect(focusFromHash(href)).toEqual({ id: "a b/&=?", label: "db-01 & co" });
  });

  it("asks for nothing without a ci parameter", () => {
    expect(focusFromHash("#/explore")).toBeNull();
    expect(focusFromHash("#/explore?name=x")).toBeNull();
  });
});
