/**
 * The seven editable node types, one table each. Field names are the GraphQL input
 * fields (tests/unit/forms-schema.test.ts checks every one against schema.graphql).
 */
import type { EntityKind, EntitySpec, FieldSpec } from "./fields";
import { TITLES } from "./kinds";

const CI_CLASSES = [
  "SERVER",
  "VIRTUAL_MACHINE",
  "NETWORK_DEVICE",
  "STORAGE_DEVICE",
  "APPLICATION",
  "DATABASE",
  "LOAD_BALANCER",
  "CLUSTER",
] as const;
const CI_STATUSES = ["OPERATIONAL", "DEGRADED", "DOWN", "MAINTENANCE", "UNKNOWN"] as const;
const ENVIRONMENTS = ["PRODUCTION", "STAGING", "TEST", "DEVELOPMENT", "DR"] as const;
const LIFECYCLE = ["PLANNED", "ORDERED", "RECEIVED", "IN_STOCK", "DEPLOYED", "IN_MAINTENANCE"] as const;
const CONTRACT_KINDS = ["PURCHASE", "LEASE", "SUPPORT", "MAINTENANCE", "LICENSE", "SUBSCRIPTION"] as const;
export const DISPOSAL_METHODS = ["RECYCLED", "RESOLD", "DONATED", "DESTROYED", "RETURNED_TO_VENDOR"] as const;

const text = (name: string, label: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  name,
  label,
  kind: { type: "text" },
  ...extra,
});
const description: FieldSpec = { name: "description", label: "Description", kind: { type: "text", multiline: true } };
const criticality: FieldSpec = { name: "criticality", label: "Criticality (1-5)", kind: { type: "int", min: 1, max: 5 } };
const currency = text("currency", "Currency", { hint: "ISO code, e.g. EUR" });


/**
 * The names the API gives a type's by-id query and mutations: createX / CreateXInput,
 * updateX / UpdateXInput, deleteX (incidents are opened, and neither they nor changes
 * are deleted).
 */
function names(kind: EntityKind, query: string, over: Partial<EntitySpec> = {}): Omit<EntitySpec, "fields" | "transitions"> {
  return {
    kind,
    title: TITLES[kind],
    query,
    create: `create${kind}`,
    createInput: `Create${kind}Input`,
    update: `update${kind}`,
    updateInput: `Update${kind}Input`,
    remove: `delete${kind}`,
    forceDelete: false,
    ...over,
  };
}

const CI: EntitySpec = {
  ...names("CI", "ci", { forceDelete: true }),
  transitions: null,
  fields: [
    text("name", "Name", { required: true }),
    { name: "ciClass", label: "Class", required: true, kind: { type: "enum", values: CI_CLASSES } },
    { name: "status", label: "Status", kind: { type: "enum", values: CI_STATUSES } },
    { name: "environment", label: "Environment", kind: { type: "enum", values: ENVIRONMENTS } },
    criticality,
    text("hostname", "Host name"),
    text("fqdn", "FQDN"),
    { name: "ipAddresses", label: "IP addresses", kind: { type: "list" }, hint: "comma-separated" },
    { name: "macAddresses", label: "MAC addresses", kind: { type: "list" }, hint: "comma-separated" },
    text("serialNumber", "Serial number"),
    text("manufacturer", "Manufacturer"),
    text("model", "Model"),
    text("os", "Operating system"),
    { name: "cores", label: "Cores", kind: { type: "int", min: 0 } },
    { name: "minAvailable", label: "Min. available (clusters)", kind: { type: "int", min: 0 } },
    description,
  ],
};

const SERVICE: EntitySpec = {
  ...names("Service", "service", { forceDelete: true }),
  transitions: null,
  fields: [
    text("name", "Name", { required: true }),
    criticality,
    { name: "users", label: "Users", kind: { type: "int", min: 0 } },
    { name: "slaTarget", label: "SLA target (%)", kind: { type: "float" }, hint: "e.g. 99.9" },
    text("owner", "Owner"),
    description,
  ],
};

const ASSET: EntitySpec = {
  ...names("Asset", "asset"),
  transitions: "asset",
  fields: [
    text("assetTag", "Asset tag", { required: true }),
    text("name", "Name"),
    { name: "lifecycleState", label: "Lifecycle state", only: "create", kind: { type: "enum", values: LIFECYCLE } },
    text("category", "Category"),
    text("serialNumber", "Serial number"),
    text("manufacturer", "Manufacturer"),
    text("model", "Model"),
    { name: "purchaseDate", label: "Purchase date", kind: { type: "date" } },
    { name: "purchaseCost", label: "Purchase cost", kind: { type: "decimal" } },
    currency,
    { name: "salvageValue", label: "Salvage value", kind: { type: "decimal" } },
    { name: "usefulLifeMonths", label: "Useful life (months)", kind: { type: "int", min: 1 } },
    {
      name: "depreciationMethod",
      label: "Depreciation",
      kind: { type: "enum", values: ["STRAIGHT_LINE", "DECLINING_BALANCE"] },
    },
    { name: "inServiceDate", label: "In service since", kind: { type: "date" } },
    { name: "warrantyEnd", label: "Warranty ends", kind: { type: "date" } },
    text("costCenter", "Cost centre"),
    { name: "hasStorage", label: "Holds data (wipe on disposal)", kind: { type: "bool" } },
    description,
  ],
};

const CONTRACT: EntitySpec = {
  ...names("Contract", "contract"),
  transitions: null,
  fields: [
    text("number", "Number", { required: true }),
    { name: "kind", label: "Kind", required: true, kind: { type: "enum", values: CONTRACT_KINDS } },
    text("name", "Name"),
    { name: "vendorId", label: "Vendor", kind: { type: "ref", target: "vendor", many: false, read: "vendor" } },
    { name: "startDate", label: "Starts", kind: { type: "date" } },
    { name: "endDate", label: "Ends", kind: { type: "date" } },
    { name: "annualCost", label: "Annual cost", kind: { type: "decimal" } },
    currency,
    { name: "autoRenew", label: "Renews automatically", kind: { type: "bool" } },
    { name: "noticeDays", label: "Notice (days)", kind: { type: "int", min: 0 } },
    description,
  ],
};

const LICENSE: EntitySpec = {
  ...names("License", "license"),
  transitions: null,
  fields: [
    {
      name: "productId",
      label: "Software product",
      required: true,
      only: "create",
      kind: { type: "ref", target: "product", many: false, read: "product" },
    },
    {
      name: "metric",
      label: "Metric",
      required: true,
      only: "create",
      kind: { type: "enum", values: ["PER_DEVICE", "PER_USER", "PER_CORE"] },
    },
    { name: "quantity", label: "Quantity", required: true, kind: { type: "int", min: 0 } },
    text("name", "Name"),
    text("reference", "Reference", { hint: "entitlement or PO number (unique)" }),
    { name: "unitCost", label: "Unit cost", kind: { type: "decimal" } },
    currency,
    { name: "downgradable", label: "Downgrade rights", kind: { type: "bool" } },
    { name: "contractId", label: "Contract", kind: { type: "ref", target: "contract", many: false, read: "contract" } },
    description,
  ],
};

const INCIDENT: EntitySpec = {
  ...names("Incident", "incident", { create: "openIncident", createInput: "OpenIncidentInput", remove: null }),
  transitions: "incident",
  fields: [
    text("title", "Title", { required: true }),
    { name: "priority", label: "Priority", required: true, kind: { type: "enum", values: ["P1", "P2", "P3", "P4"] } },
    {
      name: "affects",
      label: "Affects (CIs, services)",
      required: true,
      only: "create",
      kind: { type: "ref", target: "ciOrService", many: true, read: "affects" },
    },
    { name: "openedAt", label: "Opened at", only: "create", kind: { type: "datetime" }, hint: "empty: now" },
    description,
  ],
};

const CHANGE: EntitySpec = {
  ...names("Change", "change", { remove: null }),
  transitions: "change",
  fields: [
    text("title", "Title", { required: true }),
    { name: "plannedStart", label: "Planned start", required: true, kind: { type: "datetime" } },
    { name: "plannedEnd", label: "Planned end", required: true, kind: { type: "datetime" } },
    {
      name: "modifies",
      label: "Modifies (CIs)",
      required: true,
      kind: { type: "ref", target: "ci", many: true, read: "modifies" },
    },
    description,
  ],
};

export const SPECS: Readonly<Record<EntityKind, EntitySpec>> = {
  CI,
  Service: SERVICE,
  Asset: ASSET,
  Contract: CONTRACT,
  License: LICENSE,
  Incident: INCIDENT,
  Change: CHANGE,
};

