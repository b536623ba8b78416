/** Answers of the dashboard queries. */
import type { Money } from "../api/types";

export interface LicensePosition {
  product: { id: string; name: string };
  metric: string;
  entitled: number;
  consumed: number;
  position: number;
  status: "COMPLIANT" | "OVER_DEPLOYED" | "UNDER_USED";
  shortfall: number;
  yearlySaving: Money | null;
}

export interface ExpiringItem {
  kind: "WARRANTY" | "CONTRACT" | "LICENSE";
  id: string;
  reference: string;
  endDate: string;
  noticeDate: string;
  daysToEnd: number;
  noticePassed: boolean;
  autoRenew: boolean;
  highestCriticality: number | null;
  services: { name: string }[];
}

export interface FleetValueLine {
  key: string | null;
  currency: string;
  assetCount: number;
  cost: string;
  bookValue: string;
  depreciation: string;
}

export interface FleetValue {
  asOf: string;
  unvalued: number;
  groups: FleetValueLine[];
  totals: FleetValueLine[];
}

export interface ItamAnswer {
  licensePositions: LicensePosition[];
  expiring: ExpiringItem[];
  /** null: the token lacks the `financials` permission */
  fleetValue: FleetValue | null;
}
