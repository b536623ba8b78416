/** Answers of the details queries. */
import type { Money, NodeRef } from "../api/types";

export interface DependencyEdge {
  type: string;
  kind: string | null;
  node: NodeRef;
}

export interface AssetFacts {
  id: string;
  assetTag: string;
  name: string;
  lifecycleState: string;
  category: string | null;
  costCenter: string | null;
  serialNumber: string | null;
  manufacturer: string | null;
  model: string | null;
  purchaseDate: string | null;
  purchaseCost: string | null;
  currency: string | null;
  inServiceDate: string | null;
  warrantyEnd: string | null;
  depreciationMethod: string | null;
  usefulLifeMonths: number | null;
  bookValue: Money | null;
  allowedTransitions: string[];
  /** Absent in a read of the past (lifecycle events are read of today only). */
  history?: { seq: number; from: string | null; to: string; at: string; actor: string; note: string | null }[];
  contracts: {
    id: string;
    number: string;
    kind: string;
    endDate: string | null;
    noticeDate: string | null;
    autoRenew: boolean;
    annualCostMoney: Money | null;
    vendor: { name: string } | null;
  }[];
  /** Absent in a read of the past. */
  licensesConsumed?: {
    product: { name: string };
    version: string | null;
    metric: string;
    covered: boolean;
    licenses: { name: string }[];
  }[];
  assignedTo: { name: string } | null;
  location: { name: string } | null;
}

export interface IncidentFacts {
  id?: string;
  number?: string;
  title?: string;
  priority?: string;
  state?: string;
  openedAt?: string;
  resolvedAt?: string | null;
}

export interface CIDetails {
  id: string;
  name: string;
  labels: string[];
  ciClass: string;
  status: string;
  environment: string | null;
  criticality: number | null;
  hostname: string | null;
  fqdn: string | null;
  ipAddresses: string[];
  os: string | null;
  manufacturer: string | null;
  model: string | null;
  serialNumber: string | null;
  cores: number | null;
  minAvailable: number | null;
  sources: string[];
  firstSeen: string | null;
  lastSeen: string | null;
  dependsOn: DependencyEdge[];
  dependents: DependencyEdge[];
  services: { id: string; name: string; criticality: number; users: number; slaTarget: number | null }[];
  installedSoftware: {
    version: string | null;
    installedAt: string | null;
    product: { name: string; publisher: string; version: string | null } | null;
  }[];
  asset: AssetFacts | null;
  /** Present only when the schema has CI.incidents (a list or a connection). */
  incidents?: IncidentFacts[] | { edges: { node: IncidentFacts }[] };
}

export interface ServiceDetails {
  id: string;
  name: string;
  labels: string[];
  criticality: number;
  users: number;
  slaTarget: number | null;
  owner: string | null;
  description: string | null;
  dependsOn: DependencyEdge[];
  dependents: DependencyEdge[];
}

export type AssetDetails = AssetFacts & {
  ci: { id: string; name: string; status: string; ciClass: string } | null;
};
