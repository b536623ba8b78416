/** Numbers, money and dates as people read them (en-GB, the design's examples). */
import type { Money } from "./api/types";

export function money(value: Money | null | undefined): string {
  if (!value) return "—";
  return moneyOf(Number(value.amount), value.currency);
}

export function moneyOf(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat("en-GB", { style: "currency", currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

export function decimalMoney(amount: string | null | undefined, currency: string | null | undefined): string {
  if (amount == null || !currency) return "—";
  return moneyOf(Number(amount), currency);
}

export function count(n: number | null | undefined): string {
  return n == null ? "—" : new Intl.NumberFormat("en-GB").format(n);
}

/** Dates as YYYY-MM-DD, date-times as YYYY-MM-DD HH:MM (UTC). */
export function date(value: string | null | undefined): string {
  if (!value) return "—";
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString().slice(0, 16).replace("T", " ");
}

export function percent(value: number | null | undefined, digits = 2): string {
  return value == null ? "—" : `${value.toFixed(digits)} %`;
}

export function orDash(value: string | number | null | undefined): string {
  return value == null || value === "" ? "—" : String(value);
}

export function duration(seconds: number | null | undefined): string {
  if (seconds == null) return "—";
  const h = Math.floor(seconds / 3600);
  const m = Math.round((seconds % 3600) / 60);
  return h > 0 ? `${h} h ${m} min` : `${m} min`;
}
