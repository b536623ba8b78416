/**
 * Which relationship a drag between two nodes should draw. The API does not publish its
 * legal pairs, so the README's table (domain/rel_specs.py) is mirrored here as a hint
 * only: the popover offers every type `relate` draws, the legal ones first, and the API
 * decides (an illegal pair comes back as ILLEGAL_RELATIONSHIP and is shown as it is).
 */
import { type NodeKind, isCI } from "../explore/node-kind";

/** The types `relate` draws (rel_specs.GENERIC_TYPES), most specific first. */
export const DRAWABLE_TYPES = ["HOSTED_ON", "RUNS_ON", "MEMBER_OF", "DEPENDS_ON", "CONNECTED_TO"] as const;
export type DrawableType = (typeof DRAWABLE_TYPES)[number];

/** One end of a drag: the node's labels (CI, its class, Service …). */
export interface End {
  labels: readonly string[];
}

type EndRule = (end: End) => boolean;

const anyCI: EndRule = (end) => isCI(end.labels);
const ciOrService: EndRule = (end) => isCI(end.labels) || end.labels.includes("Service");
const ofClass =
  (...classes: NodeKind[]): EndRule =>
  (end) =>
    classes.some((c) => end.labels.includes(c));

const RULES: Record<DrawableType, { from: EndRule; to: EndRule }> = {
  HOSTED_ON: { from: ofClass("VirtualMachine"), to: ofClass("Server") },
  RUNS_ON: { from: ofClass("Application", "Database", "LoadBalancer"), to: ofClass("Server", "VirtualMachine", "Cluster") },
  MEMBER_OF: { from: anyCI, to: ofClass("Cluster") },
  DEPENDS_ON: { from: ciOrService, to: ciOrService },
  CONNECTED_TO: { from: anyCI, to: anyCI },
};

export interface TypeChoice {
  type: DrawableType;
  /** The mirrored table allows it for these two ends. */
  legal: boolean;
}

/** Every drawable type, the legal ones first (in DRAWABLE_TYPES order); the first is the default. */
export function typeChoices(from: End, to: End): TypeChoice[] {
  const choices = DRAWABLE_TYPES.map((type) => ({ type, legal: RULES[type].from(from) && RULES[type].to(to) }));
  return [...choices.filter((c) => c.legal), ...choices.filter((c) => !c.legal)];
}

/** DEPENDS_ON carries a kind (HARD or SOFT); the others do not. */
export function hasKind(type: DrawableType): boolean {
  return type === "DEPENDS_ON";
}
