// The Exceptions screen: every drive, box and job at the dock that a person must act on, with what to do next
// and by when, the most urgent first, a page at a time. Each kind of row is read through its own index in the
// order it is shown, and only as many as the page needs: a page costs the same in a store of any size.
import { type ClockStatus, DAY, DEADLINES, localDate, ms } from '../clock.ts';
import { fail } from '../errors.ts';
import type { DriveRecord, JobRecord } from '../model.ts';
import { checkAction, drivesAtDock, missingAddressFields, takesDrives } from '../rules.ts';
import { driveContextOf, jobContextOf } from './jobs.ts';
import type { After } from '../store/deadlines.ts';
import type { StoreReads } from '../store/types.ts';

export const EXCEPTION_KINDS = [
  'destructionDue',
  'held',
  'addressMissing',
  'packageOverdue',
  'customerNotified',
  'heldPackage',
  'faultedJob',
  'faultedDrive',
  'otherJobPackage',
  'neverReceived',
  'extraDrive',
] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

/** What a row offers staff: each is taken only when the rule book allows it now (a test walks every one). */
export const EXCEPTION_OFFERS = [
  'releaseHold',
  'recordDestruction',
  'returnHeld',
  'notifyCustomer',
  'extendWait',
  'cancel',
  'recordContact',
  'updateJob',
  'resolveJob',
  'resolveDrive',
  'custody',
  'openJob',
] as const;
export type ExceptionOffer = (typeof EXCEPTION_OFFERS)[number];
/** The offers that record something: held back while the station's clock is not trusted. */
export const RECORDING_OFFERS: readonly ExceptionOffer[] = EXCEPTION_OFFERS.filter((o) => o !== 'custody' && o !== 'openJob');

/** What to do next, as a code with parameters: the screens word it in their own language. */
export type ExceptionStep =
  | 'releaseHold'
  | 'destroyHeld'
  | 'returnHeld'
  | 'returnHeldNoJob'
  | 'contactCustomer'
  | 'heldWaiting'
  | 'noJobHeld'
  | 'addressMissing'
  | 'addressWrong'
  | 'addressReached'
  | 'addressUnreachable'
  | 'packageOverdue'
  | 'customerNotified'
  | 'heldPackage'
  | 'faultedJob'
  | 'faultedDrive'
  | 'otherJobPackage'
  | 'neverReceived'
  | 'extraDrive';

export interface ExceptionRow {
  kind: ExceptionKind;
  jobName: string | null;
  driveId: string | null;
  trackingNumber: string | null;
  since: string | null;
  dueAt: string | null;
  /** Past its date by the station's clock (the screen never judges by its own). */
  overdue: boolean;
  /** What to do next, in English (logs, the HTTP API); `step` says the same as a code. */
  next: string;
  step: { code: ExceptionStep; params: Record<string, string> };
  action:
    | 'releaseHold'
    | 'recordDestruction'
    | 'notifyCustomer'
    | 'extendWait'
    | 'updateJob'
    | 'resolveJob'
    | 'resolveDrive'
    | 'recordContact'
    | null;
  /** Everything the row offers now, the main action first; recording ones only while the clock is trusted. */
  offers: ExceptionOffer[];
  /** The drives an action acts on when the row is a job's (its drives at the dock, to destroy). */
  driveIds?: string[];
}

/** The job's contact, from its return address: who staff call or write to. */
export interface ExceptionContact {
  name: string | null;
  phone: string | null;
  email: string | null;
}

/** A job's rows together (or one row of no job): one contact, one "contact the customer" for all its drives. */
export interface ExceptionGroup {
  key: string;
  jobName: string | null;
  jobState: string | null;
  contact: ExceptionContact | null;
  /** The job-wide step, once for the group (contact the customer about its held drives), if any. */
  step: ExceptionRow['step'] | null;
  rows: ExceptionRow[];
}

export interface ExceptionPage {
  rows: ExceptionRow[];
  /** With `by: 'job'`: the page's rows by job, the job with the most urgent row first. */
  groups?: ExceptionGroup[];
  /** Where the next page starts; null when this is the last. */
  next: string | null;
  /** Whether the station trusts its clock: a clock behind its record or jumped ahead holds deadlines back. */
  clock: ClockStatus;
}

/** Rows by their date: past it, due later today (the station's day), due within 7 days. */
export const EXCEPTION_DUE = ['overdue', 'today', 'week'] as const;
export type ExceptionDue = (typeof EXCEPTION_DUE)[number];

export const EXCEPTION_PAGE = { default: 50, max: 200 } as const;

interface Candidate {
  due: string | null;
  rank: number;
  key: string | number;
  /** The job the row is of (its group), null for a drive or box of no job. */
  job: string | null;
  row: () => ExceptionRow;
}

interface Cursor {
  due: string | null;
  rank: number;
  key: string | number;
}

function encode(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.due, c.rank, c.key])).toString('base64url');
}

function decode(s: string): Cursor {
  try {
    const [due, rank, key] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown[];
    if (
      (due === null || (typeof due === 'string' && !Number.isNaN(ms(due)))) &&
      typeof rank === 'number' &&
      Number.isInteger(rank) &&
      rank >= 0 &&
      rank < EXCEPTION_KINDS.length &&
      (typeof key === 'string' || typeof key === 'number')
    ) {
      return { due, rank, key };
    }
  } catch {
    /* falls through to the refusal */
  }
  fail('BAD_INPUT', 'That is not a page of the Exceptions list: ask for the first page again.');
}

const iso = (t: number) => new Date(t).toISOString();

/** Where a dated list with rank `rank` starts after `c`, its date stored `shift` ms before it falls due. */
function afterDated(c: Cursor | null, rank: number, shift: number): After {
  if (!c) return { from: 'start' };
  if (c.due === null) return { from: 'nothing' };
  const at = iso(ms(c.due) - shift);
  if (rank > c.rank) return { from: 'same', at };
  if (rank < c.rank) return { from: 'later', at };
  return { from: 'key', at, key: c.key };
}

/** Where a list with no date starts after `c`: every dated row comes first. */
function afterUndated(c: Cursor | null, rank: number): After {
  if (!c || c.due !== null || rank > c.rank) return { from: 'start' };
  if (rank < c.rank) return { from: 'nothing' };
  return { from: 'key', at: '', key: c.key };
}

const compare = (a: Cursor, b: Cursor): number => {
  const da = a.due ?? '\uffff';
  const db = b.due ?? '\uffff';
  if (da !== db) return da < db ? -1 : 1;
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.key === b.key) return 0;
  return a.key < b.key ? -1 : 1;
};

const rankOf = (k: ExceptionKind) => EXCEPTION_KINDS.indexOf(k);

/** One kind's list, read in its own order from a point on. */
interface Source {
  kind: ExceptionKind;
  dated: boolean;
  read(after: Cursor | null, n: number): Candidate[];
}

type Fields = Omit<ExceptionRow, 'kind' | 'dueAt' | 'overdue' | 'offers' | 'step' | 'next'> & {
  step: ExceptionRow['step'];
  offers: ExceptionOffer[];
};

/** Everything the rows of one page are built from: the store, the clock, and the day's bounds. */
class Rows {
  readonly now: number;
  readonly destroyCut: string;
  readonly trusted: boolean;
  readonly store: StoreReads;
  readonly clock: ClockStatus;
  constructor(store: StoreReads, clock: ClockStatus) {
    this.store = store;
    this.clock = clock;
    this.now = ms(clock.now);
    this.destroyCut = iso(this.now - DEADLINES.heldDestructionDue);
    this.trusted = clock.state === 'ok';
  }

  candidate(kind: ExceptionKind, due: string | null, key: string | number, job: string | null, fields: () => Fields): Candidate {
    const now = this.now;
    const trusted = this.trusted;
    return {
      due,
      rank: rankOf(kind),
      key,
      job,
      row: () => {
        const f = fields();
        // a clock not trusted refuses every record: the row offers only what records nothing, and says why
        const offers = trusted ? f.offers : f.offers.filter((o) => !RECORDING_OFFERS.includes(o));
        return { kind, dueAt: due, overdue: due !== null && ms(due) <= now, ...f, next: stepEnglish(f.step), offers };
      },
    };
  }

  private may(name: Parameters<typeof checkAction>[0], ctx: unknown): boolean {
    return checkAction(name, ctx as never) === null;
  }

  held(d: DriveRecord, destroy: boolean): Fields {
    const job = d.jobName ? this.store.job(d.jobName) : null;
    const releasable = takesDrives(job);
    const ctx = driveContextOf(this.store, d, this.clock.now);
    const mayReturn = !releasable && this.may('returnHeld', ctx);
    const offers: ExceptionOffer[] = [];
    if (releasable) offers.push('releaseHold');
    if (destroy && !releasable && this.may('destroy', ctx)) offers.push('recordDestruction');
    if (mayReturn) offers.push('returnHeld');
    if (job) offers.push('openJob');
    const due = localDate(new Date(ms(d.heldSince) + DEADLINES.heldReturnDue));
    const step: Fields['step'] = releasable
      ? { code: 'releaseHold', params: { job: job.name, state: job.state } }
      : destroy
        ? { code: 'destroyHeld', params: {} }
        : mayReturn
          ? { code: job ? 'returnHeld' : 'returnHeldNoJob', params: {} }
          : job
            ? { code: 'contactCustomer', params: { due } }
            : { code: 'noJobHeld', params: { due, tracking: d.packageTracking ?? '' } };
    return {
      jobName: d.jobName,
      driveId: d.driveId,
      trackingNumber: d.packageTracking,
      since: d.heldSince,
      step,
      action: releasable ? 'releaseHold' : destroy ? 'recordDestruction' : null,
      offers,
    };
  }

  address(j: JobRecord): Fields {
    const missing = missingAddressFields(j.returnAddress);
    const base = { jobName: j.name, driveId: null, trackingNumber: null, since: j.addressWantingSince ?? j.updatedAt };
    const what = missing.length ? { fields: missing.join(', '), why: '' } : { fields: '', why: j.addressWrongReason ?? '' };
    if (j.contactOutcome === 'unreachable') {
      const atDock = drivesAtDock(this.store.drivesOfJob(j.name));
      const destroyable = atDock.length > 0 && atDock.every((d) => this.may('destroy', driveContextOf(this.store, d)));
      const offers: ExceptionOffer[] = [...(destroyable ? (['recordDestruction'] as const) : []), 'updateJob', 'openJob'];
      return {
        ...base,
        step: { code: 'addressUnreachable', params: what },
        action: 'recordDestruction',
        offers,
        driveIds: atDock.map((d) => d.driveId),
      };
    }
    if (j.contactOutcome === 'reached') {
      return { ...base, step: { code: 'addressReached', params: what }, action: 'updateJob', offers: ['updateJob', 'openJob'] };
    }
    return {
      ...base,
      step: { code: missing.length ? 'addressMissing' : 'addressWrong', params: what },
      action: 'recordContact',
      offers: ['recordContact', 'updateJob', 'openJob'],
    };
  }

  /** Notify, wait longer or cancel: each offered when the rule book takes it for the job now. */
  waiting(j: JobRecord, code: 'packageOverdue' | 'customerNotified'): Fields {
    const ctx = jobContextOf(this.store, j);
    const offers: ExceptionOffer[] = [];
    if (code === 'packageOverdue' && this.may('notifyCustomer', ctx)) offers.push('notifyCustomer');
    if (this.may('extendWait', ctx)) offers.push('extendWait');
    if (this.may('cancel', ctx)) offers.push('cancel');
    offers.push('openJob');
    return {
      jobName: j.name,
      driveId: null,
      trackingNumber: j.deliveryPackage?.trackingNumber ?? null,
      since: code === 'packageOverdue' ? j.shippingSince : j.notifiedAt,
      step: { code, params: {} },
      action: code === 'packageOverdue' ? 'notifyCustomer' : 'extendWait',
      offers,
    };
  }

  faultedJob(j: JobRecord): Fields {
    return {
      jobName: j.name,
      driveId: null,
      trackingNumber: null,
      since: j.updatedAt,
      step: { code: 'faultedJob', params: { reason: j.faultReason ?? '', state: j.faultedFrom ?? '' } },
      action: 'resolveJob',
      offers: [...(this.may('resolveJob', jobContextOf(this.store, j)) ? (['resolveJob'] as const) : []), 'openJob'],
    };
  }

  faultedDrive(d: DriveRecord): Fields {
    const ctx = driveContextOf(this.store, d);
    return {
      jobName: d.jobName,
      driveId: d.driveId,
      trackingNumber: d.packageTracking,
      since: d.receivedAt,
      step: { code: 'faultedDrive', params: { reason: d.faultReason ?? '', state: d.faultedFrom ?? '' } },
      action: 'resolveDrive',
      offers: [...(this.may('resolveDrive', ctx) ? (['resolveDrive'] as const) : []), ...(d.jobName ? (['openJob'] as const) : [])],
    };
  }

  plain(d: DriveRecord, code: 'otherJobPackage' | 'neverReceived' | 'extraDrive', since: string | null): Fields {
    return {
      jobName: d.jobName,
      driveId: d.driveId,
      trackingNumber: code === 'neverReceived' ? null : d.packageTracking,
      since,
      step: { code, params: {} },
      action: null,
      offers: d.jobName ? ['openJob'] : [],
    };
  }

  /** Each kind's list from the store, in the order it is shown. */
  sources(wanted: ReadonlySet<ExceptionKind>): Source[] {
    const s = this.store;
    const all: Source[] = [
      {
        kind: 'destructionDue',
        dated: true,
        read: (c, n) =>
          s
            .heldDrivesPage({ heldBefore: this.destroyCut }, afterDated(c, rankOf('destructionDue'), DEADLINES.heldDestructionDue), n)
            .map((d) => this.candidate('destructionDue', this.dueOfHeld(d, true), d.id, d.jobName, () => this.held(d, true))),
      },
      {
        kind: 'held',
        // a held drive's return deadline stays listed, overdue, until the drive is returned, released or destroyed
        dated: true,
        read: (c, n) =>
          s
            .heldDrivesPage({ heldAfter: this.destroyCut }, afterDated(c, rankOf('held'), DEADLINES.heldReturnDue), n)
            .map((d) => this.candidate('held', this.dueOfHeld(d, false), d.id, d.jobName, () => this.held(d, false))),
      },
      {
        kind: 'addressMissing',
        dated: true,
        read: (c, n) =>
          s
            .jobsWithDeadline('addressDestruction', null, afterDated(c, rankOf('addressMissing'), 0), n)
            .map((j) => this.candidate('addressMissing', j.deadlineAt ?? null, j.name, j.name, () => this.address(j))),
      },
      {
        kind: 'packageOverdue',
        dated: true,
        read: (c, n) =>
          s
            .jobsWithDeadline('shippingOverdue', iso(this.now), afterDated(c, rankOf('packageOverdue'), 0), n)
            .map((j) => this.candidate('packageOverdue', j.deadlineAt ?? null, j.name, j.name, () => this.waiting(j, 'packageOverdue'))),
      },
      {
        kind: 'customerNotified',
        dated: true,
        read: (c, n) =>
          s
            .jobsWithDeadline('noticeClose', null, afterDated(c, rankOf('customerNotified'), 0), n)
            .map((j) =>
              this.candidate('customerNotified', j.deadlineAt ?? null, j.name, j.name, () => this.waiting(j, 'customerNotified')),
            ),
      },
      {
        kind: 'heldPackage',
        // a held box with nothing held in it (a box of no job closed empty) still needs a person
        dated: true,
        read: (c, n) =>
          s.emptyHeldBoxesPage(afterDated(c, rankOf('heldPackage'), DEADLINES.heldReturnDue), n).map((p) => {
            const since = p.heldSince ?? p.openedAt;
            return this.candidate('heldPackage', iso(ms(since) + DEADLINES.heldReturnDue), p.trackingNumber, null, () => ({
              jobName: null,
              driveId: null,
              trackingNumber: p.trackingNumber,
              since,
              step: { code: 'heldPackage', params: {} },
              action: null,
              offers: ['custody'],
            }));
          }),
      },
      {
        kind: 'faultedJob',
        dated: false,
        read: (c, n) =>
          s
            .faultedJobsPage(afterUndated(c, rankOf('faultedJob')), n)
            .map((j) => this.candidate('faultedJob', null, j.name, j.name, () => this.faultedJob(j))),
      },
      {
        kind: 'faultedDrive',
        dated: false,
        read: (c, n) =>
          s
            .drivesPage('faulted', afterUndated(c, rankOf('faultedDrive')), n)
            .map((d) => this.candidate('faultedDrive', null, d.id, d.jobName, () => this.faultedDrive(d))),
      },
      {
        kind: 'otherJobPackage',
        dated: false,
        read: (c, n) =>
          s
            .drivesPage('otherBox', afterUndated(c, rankOf('otherJobPackage')), n)
            .map((d) => this.candidate('otherJobPackage', null, d.id, d.jobName, () => this.plain(d, 'otherJobPackage', d.receivedAt))),
      },
      {
        kind: 'neverReceived',
        dated: false,
        read: (c, n) =>
          s
            .neverReceivedPage(afterUndated(c, rankOf('neverReceived')), n)
            .map((d) => this.candidate('neverReceived', null, d.id, d.jobName, () => this.plain(d, 'neverReceived', d.jobUpdatedAt))),
      },
      {
        kind: 'extraDrive',
        dated: false,
        read: (c, n) =>
          s
            .drivesPage('extra', afterUndated(c, rankOf('extraDrive')), n)
            .map((d) => this.candidate('extraDrive', null, d.id, d.jobName, () => this.plain(d, 'extraDrive', d.receivedAt))),
      },
    ];
    return all.filter((x) => wanted.has(x.kind));
  }

  dueOfHeld(d: DriveRecord, destroy: boolean): string {
    return iso(ms(d.heldSince) + (destroy ? DEADLINES.heldDestructionDue : DEADLINES.heldReturnDue));
  }

  /**
   * Every row of one job, of the kinds wanted, built as the lists build them: a job's rows are shown together,
   * so a page of jobs reads each job whole.
   */
  ofJob(name: string, wanted: ReadonlySet<ExceptionKind>): Candidate[] {
    const j = this.store.job(name);
    if (!j) return [];
    const drives = this.store.drivesOfJob(name);
    const out: Candidate[] = [];
    const want = (k: ExceptionKind) => wanted.has(k);
    for (const d of drives) {
      if (d.heldSince) {
        const destroy = d.heldSince <= this.destroyCut;
        const kind = destroy ? 'destructionDue' : 'held';
        if (want(kind)) out.push(this.candidate(kind, this.dueOfHeld(d, destroy), d.id, name, () => this.held(d, destroy)));
      }
      if (d.state === 'Faulted' && want('faultedDrive'))
        out.push(this.candidate('faultedDrive', null, d.id, name, () => this.faultedDrive(d)));
      if (d.state === 'NeverReceived' && want('neverReceived') && j.state !== 'Completed' && j.state !== 'Closed') {
        out.push(this.candidate('neverReceived', null, d.id, name, () => this.plain(d, 'neverReceived', j.updatedAt)));
      }
      if (d.role === 'extra' && !d.heldSince && want('extraDrive')) {
        out.push(this.candidate('extraDrive', null, d.id, name, () => this.plain(d, 'extraDrive', d.receivedAt)));
      }
    }
    if (want('otherJobPackage')) {
      const other = new Set(this.store.otherBoxDrivesOfJob(name));
      for (const d of drives) {
        if (other.has(d.driveId))
          out.push(this.candidate('otherJobPackage', null, d.id, name, () => this.plain(d, 'otherJobPackage', d.receivedAt)));
      }
    }
    const due = j.deadlineAt ?? null;
    if (due && j.deadlineKind === 'addressDestruction' && want('addressMissing')) {
      out.push(this.candidate('addressMissing', due, name, name, () => this.address(j)));
    }
    if (due && j.deadlineKind === 'shippingOverdue' && ms(due) <= this.now && want('packageOverdue')) {
      out.push(this.candidate('packageOverdue', due, name, name, () => this.waiting(j, 'packageOverdue')));
    }
    if (due && j.deadlineKind === 'noticeClose' && want('customerNotified')) {
      out.push(this.candidate('customerNotified', due, name, name, () => this.waiting(j, 'customerNotified')));
    }
    if (j.state === 'Faulted' && !j.deletedAt && want('faultedJob')) {
      out.push(this.candidate('faultedJob', null, name, name, () => this.faultedJob(j)));
    }
    return out.sort(compare);
  }

  group(jobName: string | null, rows: ExceptionRow[], key: string): ExceptionGroup {
    const j = jobName ? this.store.job(jobName) : null;
    const a = j?.returnAddress ?? null;
    // the customer is contacted once for the job: its held drives then say only until when they wait
    const contact = rows.filter((r) => r.step.code === 'contactCustomer');
    const step = contact.length ? { code: 'contactCustomer' as const, params: { n: String(contact.length) } } : null;
    const shown = rows.map((r) =>
      r.step.code === 'contactCustomer' ? { ...r, step: { code: 'heldWaiting' as const, params: r.step.params } } : r,
    );
    return {
      key,
      jobName,
      jobState: j?.state ?? null,
      contact: j ? { name: a?.recipientName ?? null, phone: a?.phone ?? null, email: a?.email ?? null } : null,
      step,
      rows: shown.map((r) => ({ ...r, next: stepEnglish(r.step) })),
    };
  }
}

/** Merges the kinds' lists in the order shown, reading each a batch at a time as the walk needs it. */
function* merged(sources: Source[], start: Cursor | null, batch: number): Generator<Candidate> {
  const lists = sources.map((s) => {
    const buf = s.read(start, batch);
    return { s, buf, done: buf.length < batch, last: null as Candidate | null };
  });
  for (;;) {
    let best: (typeof lists)[number] | null = null;
    for (const l of lists) {
      if (!l.buf.length && !l.done) {
        const last = l.s.read(l.last ?? start, batch);
        l.buf = last;
        l.done = last.length < batch;
      }
      const head = l.buf[0];
      if (head && (!best || compare(head, best.buf[0]!) < 0)) best = l;
    }
    if (!best) return;
    const c = best.buf.shift()!;
    best.last = c;
    yield c;
  }
}

/** The dates a filter keeps: after `from` (exclusive) up to `to` (exclusive); undated rows never match one. */
function dueSpan(due: ExceptionDue | undefined, now: number): { from: number | null; to: number } | null {
  if (!due) return null;
  if (due === 'overdue') return { from: null, to: now + 1 };
  if (due === 'week') return { from: now, to: now + 7 * DAY };
  const end = new Date(now);
  end.setHours(24, 0, 0, 0); // the station's own midnight
  return { from: now, to: end.getTime() };
}

/** One page of everything that needs a person, the most urgent first: overdue, then soonest due, then undated. */
export function exceptionsPage(
  store: StoreReads,
  clock: ClockStatus,
  input: { limit?: number; after?: string | null; kinds?: readonly ExceptionKind[]; due?: ExceptionDue; by?: 'row' | 'job' } = {},
): ExceptionPage {
  const limit = Math.max(1, Math.min(EXCEPTION_PAGE.max, Math.floor(input.limit ?? EXCEPTION_PAGE.default)));
  const cursor = input.after ? decode(input.after) : null;
  const wanted = new Set<ExceptionKind>(input.kinds?.length ? input.kinds : EXCEPTION_KINDS);
  const r = new Rows(store, clock);
  const span = dueSpan(input.due, r.now);
  const inSpan = (c: Cursor) => !span || (c.due !== null && (span.from === null || ms(c.due) > span.from) && ms(c.due) < span.to);
  const sources = r.sources(wanted).filter((x) => !span || x.dated);
  // a filter that starts at a date starts each list there (past every kind's rows due by then)
  const floor: Cursor | null = span?.from != null ? { due: iso(span.from), rank: EXCEPTION_KINDS.length, key: '' } : null;
  const start = cursor && (!floor || compare(cursor, floor) > 0) ? cursor : (floor ?? cursor);
  const pastSpan = (c: Cursor) => span !== null && (c.due === null || ms(c.due) >= span.to);

  if (input.by !== 'job') {
    const out: Candidate[] = [];
    for (const c of merged(sources, start, limit + 1)) {
      if (pastSpan(c)) break;
      if (!inSpan(c)) continue;
      out.push(c);
      if (out.length > limit) break;
    }
    const page = out.slice(0, limit);
    const last = page[page.length - 1];
    return { rows: page.map((c) => c.row()), next: out.length > limit && last ? encode(last) : null, clock };
  }

  // by job: a job's rows come together, where its most urgent row would stand; a page holds `limit` groups
  const groups: { head: Candidate; job: string | null; rows: Candidate[] }[] = [];
  const seen = new Set<string>();
  let more = false;
  for (const c of merged(sources, start, limit + 1)) {
    if (pastSpan(c)) break;
    if (!inSpan(c)) continue;
    const key = c.job !== null ? `job:${c.job}` : `${c.rank}:${c.key}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const rows = c.job !== null ? r.ofJob(c.job, wanted).filter(inSpan) : [c];
    const head = rows.length && compare(rows[0]!, c) < 0 ? rows[0]! : c;
    if (cursor && compare(head, cursor) <= 0) continue; // the job stood on an earlier page
    if (groups.length === limit) {
      more = true;
      break;
    }
    groups.push({ head, job: c.job, rows: rows.length ? rows : [c] });
  }
  const last = groups[groups.length - 1];
  const shown = groups.map((g) =>
    r.group(
      g.job,
      g.rows.map((x) => x.row()),
      g.job !== null ? `job:${g.job}` : `${g.head.rank}:${g.head.key}`,
    ),
  );
  return { rows: shown.flatMap((g) => g.rows), groups: shown, next: more && last ? encode(last.head) : null, clock };
}

/** A step in English, for logs and the HTTP API (the screens word the code themselves). */
export function stepEnglish(step: ExceptionRow['step']): string {
  const p = step.params;
  const address = p.fields ? `missing: ${p.fields}` : `reported wrong: ${p.why || 'no reason given'}`;
  switch (step.code) {
    case 'releaseHold':
      return `Job ${p.job} is ${p.state}: release the held package.`;
    case 'destroyHeld':
      return 'Securely destroy the drive with a witness.';
    case 'returnHeld':
      return 'Return the drive to the customer; destroy it if it cannot be returned.';
    case 'returnHeldNoJob':
      return 'Return the drive to the sender of its box (no job on record); destroy it if it cannot be returned.';
    case 'contactCustomer':
      return 'Contact the customer.';
    case 'heldWaiting':
      return `Held until the customer answers; its return is due on ${p.due}.`;
    case 'noJobHeld':
      return `No job on record: keep it held and look for its job by the box ${p.tracking}; it goes back to the sender from ${p.due}.`;
    case 'addressMissing':
    case 'addressWrong':
      return `Contact the job's contact for the return address (${address}).`;
    case 'addressReached':
      return `The job's contact was reached (${address}): enter the corrected return address.`;
    case 'addressUnreachable':
      return `The job's contact could not be reached (${address}): securely destroy its drives with a witness.`;
    case 'packageOverdue':
      return 'Notify the customer, then extend the wait or cancel.';
    case 'customerNotified':
      return 'Waiting for the customer; with no reply the job is Closed.';
    case 'heldPackage':
      return 'A held box with no drive in it: check the box, then return or discard the packaging.';
    case 'faultedJob':
      return `Faulted (${p.reason || 'no reason'}): contact the customer, then resolve back to ${p.state || 'its state'}.`;
    case 'faultedDrive':
      return `Faulted (${p.reason || 'no reason'}): resolve back to ${p.state || 'its state'} once fixed.`;
    case 'otherJobPackage':
      return "Arrived in another job's package: keep it with its own job.";
    case 'neverReceived':
      return 'Tell the customer; if it arrives later, scan it in any package.';
    case 'extraDrive':
      return 'Keep with the job; it goes back when the job ships.';
  }
}
