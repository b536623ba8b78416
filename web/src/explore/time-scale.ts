/**
 * The time slider's arithmetic, pure: a whole-day offset from now (0 is now, -30 a month
 * ago) to a moment and back, and the `datetime-local` input's text (local time, seconds).
 */

export const DAY_MS = 86_400_000;
/** How far back the slider reaches; the date-time input reaches any moment. */
export const RANGE_DAYS = 30;

/** The moment ``offset`` whole days from ``now`` (offset ≤ 0). */
export function momentOf(offset: number, now: number): Date {
  return new Date(now + Math.round(offset) * DAY_MS);
}

/** The slider position nearest to ``at``: whole days back from ``now``, within the range. */
export function offsetOf(at: Date, now: number, days = RANGE_DAYS): number {
  const offset = Math.round((at.getTime() - now) / DAY_MS);
  return Math.min(0, Math.max(-days, offset)) + 0; // + 0: never -0
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** ``at`` as a `datetime-local` input's value: local time, to the second. */
export function localInputValue(at: Date): string {
  return (
    `${pad(at.getFullYear(), 4)}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}` +
    `T${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`
  );
}

/** A `datetime-local` value (local time, seconds optional) as a moment; null if empty or bad. */
export function parseLocalInput(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, hh, mm, ss, ms] = m;
  const at = new Date(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(hh),
    Number(mm),
    Number(ss ?? 0),
    Number((ms ?? "0").padEnd(3, "0")),
  );
  return Number.isNaN(at.getTime()) || at.getMonth() !== Number(mo) - 1 ? null : at;
}

/** What the slider says, for the eye and for screen readers (aria-valuetext). */
export function describeOffset(offset: number, now: number): string {
  if (offset === 0) return "now";
  const days = -offset;
  const when = localInputValue(momentOf(offset, now)).replace("T", " ").slice(0, 16);
  return `${days} day${days === 1 ? "" : "s"} ago (${when})`;
}

/** How long ago ``at`` was, roughly ("just now", "5 min ago", "3 h ago", "2 days ago"). */
export function ago(at: Date, now: number): string {
  const s = Math.max(0, Math.round((now - at.getTime()) / 1000));
  if (s < 60) return "just now";
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 48 * 3600) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} days ago`;
}

/**
 * What the control says of its moment: the slider's own wording on a whole-day step,
 * otherwise the moment itself (a date-time input's pick) and how long ago it was.
 */
export function describeMoment(at: Date, now: number): string {
  const offset = offsetOf(at, now);
  if (Math.abs(momentOf(offset, now).getTime() - at.getTime()) < 1000) return describeOffset(offset, now);
  return `${localInputValue(at).replace("T", " ")} (${ago(at, now)})`;
}

/** A moment no later than ``now`` (the past only: the future has no history). */
export function notAfter(at: Date, now: number): Date {
  return at.getTime() > now ? new Date(now) : at;
}
