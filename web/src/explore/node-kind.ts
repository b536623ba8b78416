/** What a node is, read off its labels; the graph draws each kind with its own shape. */

export const CI_CLASSES = [
  "Server",
  "VirtualMachine",
  "NetworkDevice",
  "StorageDevice",
  "Application",
  "Database",
  "LoadBalancer",
  "Cluster",
] as const;

export const OTHER_KINDS = [
  "Service",
  "Asset",
  "Contract",
  "Vendor",
  "Person",
  "Team",
  "Location",
  "SoftwareProduct",
  "License",
  "Incident",
  "Change",
  "LifecycleEvent",
] as const;

export type CIClassLabel = (typeof CI_CLASSES)[number];
/** "Aggregate": a badge for collapsed relationships (aggregates.ts), never a label. */
export type NodeKind = CIClassLabel | (typeof OTHER_KINDS)[number] | "Other" | "Aggregate";

export const NODE_KINDS: readonly NodeKind[] = [...CI_CLASSES, ...OTHER_KINDS, "Other", "Aggregate"];

const KNOWN = new Set<string>([...CI_CLASSES, ...OTHER_KINDS]);

/** The CI class label wins over "CI"; the first known label otherwise. */
export function nodeKind(labels: readonly string[]): NodeKind {
  const ciClass = labels.find((l) => (CI_CLASSES as readonly string[]).includes(l));
  if (ciClass) return ciClass as NodeKind;
  const known = labels.find((l) => KNOWN.has(l));
  return (known as NodeKind | undefined) ?? "Other";
}

export function isCI(labels: readonly string[]): boolean {
  return labels.includes("CI");
}

export type Shape =
  | "rectangle"
  | "round-rectangle"
  | "diamond"
  | "barrel"
  | "ellipse"
  | "hexagon"
  | "vee"
  | "star"
  | "tag"
  | "octagon"
  | "triangle"
  | "pentagon"
  | "rhomboid"
  | "round-triangle"
  | "cut-rectangle"
  | "concave-hexagon"
  | "round-diamond"
  | "round-tag";

export const SHAPES: Record<NodeKind, Shape> = {
  Server: "rectangle",
  VirtualMachine: "round-rectangle",
  NetworkDevice: "diamond",
  StorageDevice: "barrel",
  Application: "ellipse",
  Database: "hexagon",
  LoadBalancer: "vee",
  Cluster: "round-rectangle",
  Service: "star",
  Asset: "tag",
  Contract: "cut-rectangle",
  Vendor: "pentagon",
  Person: "round-triangle",
  Team: "round-triangle",
  Location: "triangle",
  SoftwareProduct: "rhomboid",
  License: "concave-hexagon",
  Incident: "octagon",
  Change: "octagon",
  LifecycleEvent: "round-diamond",
  Other: "ellipse",
  Aggregate: "round-tag",
};
