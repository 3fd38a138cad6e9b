// Time is injected: deadlines are computed from a clock passed in, so a test can move time by weeks.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock a test can move. */
export class ManualClock implements Clock {
  private t: number;
  constructor(start: Date | string = '2026-11-02T09:00:00Z') {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  set(at: Date | string): void {
    this.t = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.t += ms;
  }
  advanceDays(days: number): void {
    this.t += days * DAY;
  }
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const DEADLINES = {
  /** A job left `Creating` this long is deleted. */
  creatingDeleted: 14 * DAY,
  /** A job `Shipping` this long without its package: operators alerted, its drives NeverReceived. */
  shippingOverdue: 14 * DAY,
  /** After the customer was notified of a missing package, no reply this long: the job is `Closed`. */
  noticeClosed: 30 * DAY,
  /** Held drives: staff try to return them after this long without contact. */
  heldReturnDue: 14 * DAY,
  /** Held drives that cannot be returned are securely destroyed within this long. */
  heldDestructionDue: 90 * DAY,
  /** `Completed` and `Closed` jobs are purged after this long. */
  finishedPurged: 90 * DAY,
} as const;

/** ISO 8601 with the station's own UTC offset, e.g. 2026-11-24T14:03:09.120+08:00: when, with zone. */
export function isoWithZone(d: Date): string {
  const offsetMin = -d.getTimezoneOffset();
  const local = new Date(d.getTime() + offsetMin * 60_000);
  const sign = offsetMin >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMin);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local.toISOString().slice(0, 23)}${sign}${hh}:${mm}`;
}

export const ms = (iso: string | null | undefined): number => (iso ? new Date(iso).getTime() : NaN);
export const plus = (iso: string, delta: number): string => isoWithZone(new Date(ms(iso) + delta));
