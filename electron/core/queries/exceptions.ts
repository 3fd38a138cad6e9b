// The Exceptions screen: every drive, box and job at the dock that a person must act on, with what to do next
// and by when, the most urgent first, a page at a time. Each kind of row is read through its own index in the
// order it is shown, and only as many as the page needs: a page costs the same in a store of any size.
import { type ClockStatus, DEADLINES, ms } from '../clock.ts';
import { fail } from '../errors.ts';
import type { DriveRecord, JobRecord } from '../model.ts';
import { drivesAtDock, missingAddressFields, takesDrives } from '../rules.ts';
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

export interface ExceptionRow {
  kind: ExceptionKind;
  jobName: string | null;
  driveId: string | null;
  trackingNumber: string | null;
  since: string | null;
  dueAt: string | null;
  /** Past its date by the station's clock (the screen never judges by its own). */
  overdue: boolean;
  next: string;
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
  /** The drives an action acts on when the row is a job's (its drives at the dock, to destroy). */
  driveIds?: string[];
}

export interface ExceptionPage {
  rows: ExceptionRow[];
  /** Where the next page starts; null when this is the last. */
  next: string | null;
  /** Whether the station trusts its clock: a clock behind its record or jumped ahead holds deadlines back. */
  clock: ClockStatus;
}

export const EXCEPTION_PAGE = { default: 50, max: 200 } as const;

interface Candidate {
  due: string | null;
  rank: number;
  key: string | number;
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

const compare = (a: Candidate, b: Candidate): number => {
  const da = a.due ?? '\uffff';
  const db = b.due ?? '\uffff';
  if (da !== db) return da < db ? -1 : 1;
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.key === b.key) return 0;
  return a.key < b.key ? -1 : 1;
};

/** One page of everything that needs a person, the most urgent first: overdue, then soonest due, then undated. */
export function exceptionsPage(
  store: StoreReads,
  clock: ClockStatus,
  input: { limit?: number; after?: string | null; kinds?: readonly ExceptionKind[] } = {},
): ExceptionPage {
  const limit = Math.max(1, Math.min(EXCEPTION_PAGE.max, Math.floor(input.limit ?? EXCEPTION_PAGE.default)));
  const cursor = input.after ? decode(input.after) : null;
  const wanted = new Set<ExceptionKind>(input.kinds?.length ? input.kinds : EXCEPTION_KINDS);
  const now = ms(clock.now);
  const rank = (k: ExceptionKind) => EXCEPTION_KINDS.indexOf(k);
  const n = limit + 1;
  const out: Candidate[] = [];
  type Fields = Omit<ExceptionRow, 'kind' | 'dueAt' | 'overdue'>;
  const add = (kind: ExceptionKind, due: string | null, key: string | number, row: () => Fields) => {
    out.push({ due, rank: rank(kind), key, row: () => ({ kind, dueAt: due, overdue: due !== null && ms(due) <= now, ...row() }) });
  };
  const destroyCut = iso(now - DEADLINES.heldDestructionDue);

  const heldRow = (d: DriveRecord, destroy: boolean) => {
    const job = d.jobName ? store.job(d.jobName) : null;
    const releasable = takesDrives(job);
    const returnDue = ms(d.heldSince) + DEADLINES.heldReturnDue;
    return {
      jobName: d.jobName,
      driveId: d.driveId,
      trackingNumber: d.packageTracking,
      since: d.heldSince,
      next: releasable
        ? `Job ${job.name} is ${job.state}: release the held package.`
        : destroy
          ? 'Securely destroy the drive with a witness.'
          : returnDue <= now
            ? 'Return the drive to the customer; destroy it if it cannot be returned.'
            : 'Contact the customer.',
      action: releasable ? ('releaseHold' as const) : destroy ? ('recordDestruction' as const) : null,
    };
  };
  if (wanted.has('destructionDue')) {
    const from = afterDated(cursor, rank('destructionDue'), DEADLINES.heldDestructionDue);
    for (const d of store.heldDrivesPage({ heldBefore: destroyCut }, from, n)) {
      add('destructionDue', iso(ms(d.heldSince) + DEADLINES.heldDestructionDue), d.id, () => heldRow(d, true));
    }
  }
  if (wanted.has('held')) {
    // a held drive's return deadline stays listed, overdue, until the drive is returned, released or destroyed
    for (const d of store.heldDrivesPage({ heldAfter: destroyCut }, afterDated(cursor, rank('held'), DEADLINES.heldReturnDue), n)) {
      add('held', iso(ms(d.heldSince) + DEADLINES.heldReturnDue), d.id, () => heldRow(d, false));
    }
  }
  if (wanted.has('addressMissing')) {
    for (const j of store.jobsWithDeadline('addressDestruction', null, afterDated(cursor, rank('addressMissing'), 0), n)) {
      add('addressMissing', j.deadlineAt ?? null, j.name, () => addressRow(store, j));
    }
  }
  if (wanted.has('packageOverdue')) {
    for (const j of store.jobsWithDeadline('shippingOverdue', iso(now), afterDated(cursor, rank('packageOverdue'), 0), n)) {
      add('packageOverdue', j.deadlineAt ?? null, j.name, () => ({
        jobName: j.name,
        driveId: null,
        trackingNumber: j.deliveryPackage?.trackingNumber ?? null,
        since: j.shippingSince,
        next: 'Notify the customer, then extend the wait or cancel.',
        action: 'notifyCustomer',
      }));
    }
  }
  if (wanted.has('customerNotified')) {
    for (const j of store.jobsWithDeadline('noticeClose', null, afterDated(cursor, rank('customerNotified'), 0), n)) {
      add('customerNotified', j.deadlineAt ?? null, j.name, () => ({
        jobName: j.name,
        driveId: null,
        trackingNumber: j.deliveryPackage?.trackingNumber ?? null,
        since: j.notifiedAt,
        next: 'Waiting for the customer; with no reply the job is Closed.',
        action: 'extendWait',
      }));
    }
  }
  if (wanted.has('heldPackage')) {
    // a held box with nothing held in it (a box of no job closed empty) still needs a person
    for (const p of store.emptyHeldBoxesPage(afterDated(cursor, rank('heldPackage'), DEADLINES.heldReturnDue), n)) {
      const since = p.heldSince ?? p.openedAt;
      add('heldPackage', iso(ms(since) + DEADLINES.heldReturnDue), p.trackingNumber, () => ({
        jobName: null,
        driveId: null,
        trackingNumber: p.trackingNumber,
        since,
        next: 'A held box with no drive in it: check the box, then return or discard the packaging.',
        action: null,
      }));
    }
  }
  if (wanted.has('faultedJob')) {
    for (const j of store.faultedJobsPage(afterUndated(cursor, rank('faultedJob')), n)) {
      add('faultedJob', null, j.name, () => ({
        jobName: j.name,
        driveId: null,
        trackingNumber: null,
        since: j.updatedAt,
        next: `Faulted (${j.faultReason ?? 'no reason'}): contact the customer, then resolve back to ${j.faultedFrom ?? 'its state'}.`,
        action: 'resolveJob',
      }));
    }
  }
  if (wanted.has('faultedDrive')) {
    for (const d of store.drivesPage('faulted', afterUndated(cursor, rank('faultedDrive')), n)) {
      add('faultedDrive', null, d.id, () => ({
        jobName: d.jobName,
        driveId: d.driveId,
        trackingNumber: d.packageTracking,
        since: d.receivedAt,
        next: `Faulted (${d.faultReason ?? 'no reason'}): resolve back to ${d.faultedFrom ?? 'its state'} once fixed.`,
        action: 'resolveDrive',
      }));
    }
  }
  if (wanted.has('otherJobPackage')) {
    for (const d of store.drivesPage('otherBox', afterUndated(cursor, rank('otherJobPackage')), n)) {
      add('otherJobPackage', null, d.id, () => ({
        jobName: d.jobName,
        driveId: d.driveId,
        trackingNumber: d.packageTracking,
        since: d.receivedAt,
        next: "Arrived in another job's package: keep it with its own job.",
        action: null,
      }));
    }
  }
  if (wanted.has('neverReceived')) {
    for (const d of store.neverReceivedPage(afterUndated(cursor, rank('neverReceived')), n)) {
      add('neverReceived', null, d.id, () => ({
        jobName: d.jobName,
        driveId: d.driveId,
        trackingNumber: null,
        since: d.jobUpdatedAt,
        next: 'Tell the customer; if it arrives later, scan it in any package.',
        action: null,
      }));
    }
  }
  if (wanted.has('extraDrive')) {
    for (const d of store.drivesPage('extra', afterUndated(cursor, rank('extraDrive')), n)) {
      add('extraDrive', null, d.id, () => ({
        jobName: d.jobName,
        driveId: d.driveId,
        trackingNumber: d.packageTracking,
        since: d.receivedAt,
        next: 'Keep with the job; it goes back when the job ships.',
        action: null,
      }));
    }
  }
  out.sort(compare);
  const page = out.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page.map((c) => c.row()), next: out.length > limit && last ? encode(last) : null, clock };
}

/** A job in Transferring/Packaging whose return address is wrong or missing: contact, then the address or destruction. */
function addressRow(store: StoreReads, j: JobRecord): Omit<ExceptionRow, 'kind' | 'dueAt' | 'overdue'> {
  const missing = missingAddressFields(j.returnAddress);
  const what = missing.length ? `missing: ${missing.join(', ')}` : `reported wrong: ${j.addressWrongReason ?? 'no reason given'}`;
  const base = { jobName: j.name, driveId: null, trackingNumber: null, since: j.addressWantingSince ?? j.updatedAt };
  if (j.contactOutcome === 'unreachable') {
    const driveIds = drivesAtDock(store.drivesOfJob(j.name)).map((d) => d.driveId);
    const next = `The job's contact could not be reached (${what}): securely destroy its drives with a witness.`;
    return { ...base, next, action: 'recordDestruction', driveIds };
  }
  if (j.contactOutcome === 'reached') {
    return { ...base, next: `The job's contact was reached (${what}): enter the corrected return address.`, action: 'updateJob' };
  }
  return { ...base, next: `Contact the job's contact for the return address (${what}).`, action: 'recordContact' };
}
