// Time is injected: deadlines are computed from a clock passed in, so a test can move time by weeks.

export interface Clock {
  now(): Date;
  /**
   * Milliseconds on a stopwatch that setting the computer's clock does not move. Without one, the station
   * can still refuse a clock behind its record, but cannot tell a clock being set from time passing.
   */
  elapsed?(): number;
}

export const systemClock: Clock = { now: () => new Date(), elapsed: () => performance.now() };

/** A clock a test can move. */
export class ManualClock implements Clock {
  private t: number;
  private stopwatch = 0;
  constructor(start: Date | string = '2026-11-02T09:00:00Z') {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  elapsed(): number {
    return this.stopwatch;
  }
  /** Time passes until `at` (a moment before now only sets the clock back: time never runs backwards). */
  set(at: Date | string): void {
    const to = new Date(at).getTime();
    if (to > this.t) this.stopwatch += to - this.t;
    this.t = to;
  }
  advance(ms: number): void {
    this.t += ms;
    if (ms > 0) this.stopwatch += ms;
  }
  advanceDays(days: number): void {
    this.advance(days * DAY);
  }
  /** Someone sets the computer's clock: it shows `at`, though no time passed. */
  setClockTo(at: Date | string): void {
    this.t = new Date(at).getTime();
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
  /**
   * A job deleted after 2 weeks in `Creating` keeps its record this long (so its name still answers "deleted
   * on …"), then it is purged like an ended job.
   */
  deletedPurged: 90 * DAY,
  /**
   * A job in `Transferring`/`Packaging` whose return address is wrong or missing: its drives are securely
   * destroyed within this long of the day the address was found wanting, if its contact cannot be reached.
   */
  addressDestructionDue: 90 * DAY,
} as const;

/**
 * How far the station's clock may move before a person confirms the date. While the station runs, its clock
 * may run ahead of its own stopwatch by an hour (clock corrections are seconds; more is someone setting the
 * clock, or a machine waking from sleep). Between two runs it may have been off for a week (a long holiday);
 * longer, the first sweep waits for a person. A clock behind the last record is never accepted.
 */
export const CLOCK_LIMITS = {
  driftAllowed: HOUR,
  offAllowed: 7 * DAY,
} as const;

/** Whether the station may trust its clock now, and if not, why. */
export type ClockStatus =
  | { state: 'ok'; now: string; lastRecordAt: string | null }
  /** The clock is before the station's last record: nothing is recorded until it is set right. */
  | { state: 'behind'; now: string; lastRecordAt: string }
  /** The clock moved further than time passed: `expected` is when the station thinks it is. */
  | { state: 'jumped'; now: string; expected: string; lastRecordAt: string | null };

/**
 * Watches the station's clock against its own stopwatch and its last record. Made when the store opens, with
 * the last moment the store saw (its last custody record, or the last sweep).
 */
export class ClockWatch {
  private wall: number;
  private mono: number;
  private trusted: number | null;
  private readonly clock: Clock;
  constructor(clock: Clock, lastSeen: number | null) {
    this.clock = clock;
    this.wall = clock.now().getTime();
    this.mono = this.stopwatch();
    this.trusted = lastSeen;
  }

  private stopwatch(): number {
    return this.clock.elapsed ? this.clock.elapsed() : this.clock.now().getTime();
  }

  status(lastRecordAt: number | null): ClockStatus {
    const now = this.clock.now().getTime();
    const last = lastRecordAt === null || Number.isNaN(lastRecordAt) ? null : new Date(lastRecordAt).toISOString();
    if (last !== null && now < lastRecordAt!) return { state: 'behind', now: new Date(now).toISOString(), lastRecordAt: last };
    const passed = this.stopwatch() - this.mono;
    // what the clock said when the store opened, judged by the time that really passed since
    const atOpen = now - passed;
    if (atOpen - this.wall > CLOCK_LIMITS.driftAllowed) {
      return { state: 'jumped', now: iso(now), expected: iso(this.wall + passed), lastRecordAt: last };
    }
    if (this.trusted !== null && atOpen - this.trusted > CLOCK_LIMITS.offAllowed) {
      return { state: 'jumped', now: iso(now), expected: iso(this.trusted + passed), lastRecordAt: last };
    }
    return { state: 'ok', now: new Date(now).toISOString(), lastRecordAt: last };
  }

  /** A person confirmed the date the clock shows: it is trusted from here. */
  confirm(): void {
    this.wall = this.clock.now().getTime();
    this.mono = this.stopwatch();
    this.trusted = this.wall;
  }
}

const iso = (t: number): string => new Date(t).toISOString();

/** The station's own calendar date (what the dock's wall calendar says), as YYYY-MM-DD. */
export function localDate(d: Date): string {
  return isoWithZone(d).slice(0, 10);
}

/** The deadline a job's record carries: what the lists show, and when the sweep must act on it. */
export type JobDeadlineKind = 'creatingDeletion' | 'shippingOverdue' | 'noticeClose' | 'addressDestruction' | 'purge';

export interface JobDeadline {
  kind: JobDeadlineKind | null;
  /** When it falls due (listed from then on as overdue until it is done). */
  dueAt: string | null;
  /** When the sweep must next look at the job; null when only a person can act. */
  sweepAt: string | null;
}

/** What a job's deadline depends on beyond its own record. */
export interface JobDeadlineFacts {
  /** Any box of the job, or any drive of it, is at the dock: the job is not waiting for its package. */
  atDock: boolean;
  /** Listed drives still expected (Specified, not held): the sweep marks them NeverReceived when overdue. */
  stillExpected: boolean;
}

interface JobTimes {
  state: string;
  creatingSince: string | null;
  shippingSince: string | null;
  notifiedAt: string | null;
  waitUntil: string | null;
  finishedAt: string | null;
  deletedAt: string | null;
  addressWantingSince: string | null;
}

const at = (t: number): string | null => (Number.isFinite(t) ? new Date(t).toISOString() : null);

/**
 * The one place a job's deadline is worked out. The store keeps the answer beside the job (refreshed whenever
 * an operation touches the job), so the sweep and the lists read only jobs that are due, never every job.
 */
export function jobDeadline(job: JobTimes, facts: JobDeadlineFacts): JobDeadline {
  const none: JobDeadline = { kind: null, dueAt: null, sweepAt: null };
  if (job.deletedAt) {
    const due = at(ms(job.deletedAt) + DEADLINES.deletedPurged);
    return { kind: 'purge', dueAt: due, sweepAt: due };
  }
  switch (job.state) {
    case 'Creating': {
      const due = at(ms(job.creatingSince) + DEADLINES.creatingDeleted);
      return due ? { kind: 'creatingDeletion', dueAt: due, sweepAt: due } : none;
    }
    case 'Shipping': {
      if (facts.atDock || !job.shippingSince) return none;
      const wait = job.waitUntil ? ms(job.waitUntil) : -Infinity;
      const overdue = Math.max(ms(job.shippingSince) + DEADLINES.shippingOverdue, wait);
      if (job.notifiedAt) {
        const close = Math.max(ms(job.notifiedAt) + DEADLINES.noticeClosed, wait);
        return { kind: 'noticeClose', dueAt: at(close), sweepAt: at(facts.stillExpected ? Math.min(overdue, close) : close) };
      }
      return { kind: 'shippingOverdue', dueAt: at(overdue), sweepAt: facts.stillExpected ? at(overdue) : null };
    }
    case 'Transferring':
    case 'Packaging': {
      if (!job.addressWantingSince) return none;
      return { kind: 'addressDestruction', dueAt: at(ms(job.addressWantingSince) + DEADLINES.addressDestructionDue), sweepAt: null };
    }
    case 'Completed':
    case 'Closed': {
      const due = at(ms(job.finishedAt) + DEADLINES.finishedPurged);
      return due ? { kind: 'purge', dueAt: due, sweepAt: due } : none;
    }
    default:
      return none;
  }
}

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
