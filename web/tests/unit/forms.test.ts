/** The forms' pure parts: values to input objects, the API's errors to fields, lifecycle calls. */
import { describe, expect, it } from "vitest";
import type { GraphQLErrorEntry } from "../../src/api/client";
import { fieldRoot, placeErrors } from "../../src/forms/errors";
import { fieldsFor } from "../../src/forms/fields";
import { searchPicks } from "../../src/forms/picker";
import { kindOf as kindOfForTest } from "../../src/forms/kinds";
import { SPECS } from "../../src/forms/specs";
import { transitionCall } from "../../src/forms/transitions";
import { createInput, inputValue, isoInstant, localInput, rawValues, updateInput } from "../../src/forms/values";

const CI = SPECS.CI;
const stored = {
  id: "c1",
  name: "web1",
  ciClass: "VIRTUAL_MACHINE",
  status: "OPERATIONAL",
  environment: null,
  criticality: 3,
  ipAddresses: ["10.0.0.1", "10.0.0.2"],
  os: null,
};

describe("a stored record in the edit form", () => {
  it("shows every value as typed text, lists comma-separated, nothing as empty", () => {
    const raw = rawValues(CI, "update", stored);
    expect(raw["name"]).toBe("web1");
    expect(raw["criticality"]).toBe("3");
    expect(raw["ipAddresses"]).toBe("10.0.0.1, 10.0.0.2");
    expect(raw["environment"]).toBe("");
    expect(raw["os"]).toBe("");
  });

  it("shows references by name", () => {
    const raw = rawValues(SPECS.Contract, "update", { id: "k", name: "x", vendor: { id: "v1", name: "Dell" } });
    expect(raw["vendorId"]).toEqual([{ id: "v1", name: "Dell" }]);
    const change = rawValues(SPECS.Change, "update", { id: "c", modifies: [{ id: "a", name: "web1" }, { id: "b", name: "web2" }] });
    expect(change["modifies"]).toEqual([{ id: "a", name: "web1" }, { id: "b", name: "web2" }]);
  });
});

describe("an edit", () => {
  const initial = rawValues(CI, "update", stored);

  it("sends only the fields that changed", () => {
    const raw = { ...initial, criticality: "5", os: "Debian 12" };
    expect(updateInput(CI, raw, initial)).toEqual({ criticality: 5, os: "Debian 12" });
  });

  it("sends nothing when nothing changed, even retyped the same way", () => {
    const raw = { ...initial, ipAddresses: "10.0.0.1,10.0.0.2", criticality: " 3 " };
    expect(updateInput(CI, raw, initial)).toEqual({});
  });

  it("clears an emptied optional field with null, an emptied list with []", () => {
    const withOs = rawValues(CI, "update", { ...stored, os: "Linux" });
    expect(updateInput(CI, { ...withOs, os: "", ipAddresses: "" }, withOs)).toEqual({ os: null, ipAddresses: [] });
  });

  it("sends an emptied required name as '' so the API's own rule answers", () => {
    expect(updateInput(CI, { ...initial, name: "" }, initial)).toEqual({ name: "" });
  });

  it("sends a number it cannot read as typed, so the API names the field", () => {
    expect(updateInput(CI, { ...initial, criticality: "high" }, initial)).toEqual({ criticality: "high" });
  });

  it("offers no create-only field (an incident's affects, an asset's first state)", () => {
    expect(fieldsFor(SPECS.Incident, "update").map((f) => f.name)).not.toContain("affects");
    expect(fieldsFor(SPECS.Asset, "update").map((f) => f.name)).not.toContain("lifecycleState");
  });
});

describe("a create", () => {
  it("sends the filled fields with their types", () => {
    const raw = { ...rawValues(SPECS.Asset, "create", null), assetTag: "A-1", purchaseCost: "1500.10", usefulLifeMonths: "36", hasStorage: "true" };
    expect(createInput(SPECS.Asset, raw)).toEqual({ assetTag: "A-1", purchaseCost: "1500.10", usefulLifeMonths: 36, hasStorage: true });
  });

  it("sends required fields left empty so the API can name them", () => {
    const empty = rawValues(SPECS.Incident, "create", null);
    expect(createInput(SPECS.Incident, empty)).toEqual({ title: "", affects: [] });
  });

  it("sends references as ids, one or many", () => {
    const raw = { ...rawValues(SPECS.License, "create", null), productId: [{ id: "p1", name: "Office" }], quantity: "10", metric: "PER_USER" };
    expect(createInput(SPECS.License, raw)).toEqual({ productId: "p1", quantity: 10, metric: "PER_USER" });
  });

  it("sends a date-time as the instant the browser's local time names", () => {
    const field = SPECS.Change.fields.find((f) => f.name === "plannedStart");
    expect(field && inputValue(field, "2027-01-10T22:00")).toBe(new Date("2027-01-10T22:00").toISOString());
    expect(localInput(isoInstant("2027-01-10T22:00"))).toBe("2027-01-10T22:00");
  });
});

describe("the API's errors next to their fields", () => {
  const fields = fieldsFor(CI, "update");
  const err = (message: string, extensions: GraphQLErrorEntry["extensions"] = {}): GraphQLErrorEntry => ({ message, extensions });

  it("reads field paths as their input field", () => {
    expect(fieldRoot("ipAddresses.1")).toBe("ipAddresses");
    expect(fieldRoot("input.name")).toBe("name");
    expect(fieldRoot(".criticality")).toBe("criticality");
  });

  it("places each problem of a VALIDATION_FAILED by its field", () => {
    const placed = placeErrors(
      [err("Field 'ipAddresses': bad.", { code: "VALIDATION_FAILED", field: "ipAddresses", problems: [
        { field: "ipAddresses.1", reason: "'999.1.1.1' is not an IP address" },
        { field: "name", reason: "String should have at least 1 character" },
      ] })],
      fields,
    );
    expect(placed).toEqual({
      fields: { ipAddresses: "'999.1.1.1' is not an IP address", name: "String should have at least 1 character" },
      general: [],
    });
  });

  it("places a value that does not fit its type by the path graphql-core names", () => {
    const placed = placeErrors([err("Variable '$input' has invalid value at .criticality: Int cannot represent non-integer value: 'x'", { code: "BAD_USER_INPUT" })], fields);
    expect(placed.fields).toEqual({ criticality: "Int cannot represent non-integer value: 'x'" });
  });

  it("places a duplicate by the field its details name", () => {
    const typed = { name: "h1", ciClass: "SERVER" };
    const placed = placeErrors([err("A Server named 'h1' already exists.", { code: "DUPLICATE", ciClass: "Server", name: "h1", id: "x" })], fields, typed);
    expect(placed.fields).toEqual({ name: "A Server named 'h1' already exists." });
    const other = placeErrors([err("Another CI is named 'h1'.", { code: "DUPLICATE", name: "h1" })], fields, { name: "h2" });
    expect(other.general).toEqual(["Another CI is named 'h1'."]); // not what was typed there
  });

  it("places a missing reference by the field that holds its id", () => {
    const contract = fieldsFor(SPECS.Contract, "update");
    const raw = { vendorId: [{ id: "v9", name: "Gone" }] };
    const placed = placeErrors([err("No Vendor with id v9.", { code: "NOT_FOUND", kind: "Vendor", ids: ["v9"] })], contract, raw);
    expect(placed.fields).toEqual({ vendorId: "No Vendor with id v9." });
  });

  it("shows what names no field of the form above it", () => {
    const placed = placeErrors([err("You may not.", { code: "FORBIDDEN" }), err("Field 'window': bad.", { code: "VALIDATION_FAILED", field: "window" })], fields);
    expect(placed).toEqual({ fields: {}, general: ["You may not.", "Field 'window': bad."] });
  });
});

describe("lifecycle moves", () => {
  it("reach each incident state by the API's mutation for it", () => {
    expect(transitionCall("incident", "i", "NEW", "IN_PROGRESS").variables).toEqual({ id: "i", input: { state: "IN_PROGRESS" } });
    expect(transitionCall("incident", "i", "RESOLVED", "IN_PROGRESS").document).toContain("reopenIncident");
    expect(transitionCall("incident", "i", "NEW", "RESOLVED").document).toContain("resolveIncident");
    expect(transitionCall("incident", "i", "RESOLVED", "CLOSED").document).toContain("closeIncident");
  });

  it("carry an asset's disposal", () => {
    const disposal = { method: "DESTROYED", dataWipeReference: "W-1" };
    expect(transitionCall("asset", "a", "RETIRED", "DISPOSED", disposal).variables).toEqual({ id: "a", to: "DISPOSED", disposal });
  });
});

describe("the editable type of a drawn node and the picker's answers", () => {
  it("are read from labels and search results", () => {
    expect(kindOfForTest(["CI", "Server"])).toBe("CI");
    expect(kindOfForTest(["Vendor"])).toBeNull();
    expect(searchPicks({ a: { edges: [{ node: { id: "1", name: "web1", ciClass: "VIRTUAL_MACHINE" } }] } })).toEqual([
      { id: "1", name: "web1", detail: "VIRTUAL_MACHINE" },
    ]);
  });
});
