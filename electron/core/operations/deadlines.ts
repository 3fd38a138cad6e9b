// Deadlines: the sweep applies what is due (deletion after 2 weeks in Creating, NeverReceived and Closed for a
// package that never came, the purge of a job's record 90 days after it ended or was deleted); the lists show
// what comes due next. Each job carries its deadline beside it, kept here whenever an operation touches the
// job, so the sweep reads only the jobs that are due. The station's clock is watched: a clock behind the last
// record refuses every operation, and a jump ahead holds everything back until a person confirms the date.
import { type ClockStatus, DEADLINES, isoWithZone, jobDeadline, localDate, ms } from '../clock.ts';
import { fail } from '../errors.ts';
import type { Actor, JobRecord } from '../model.ts';
import { drivesAtDock, missingAddressFields } from '../rules.ts';
import { ClaimedElsewhere, type Context } from './context.ts';
import { detachFromJob, holdDrive } from './holds.ts';
import { because, type StationReason } from '../reasons.ts';
import type { StoreReads } from '../store/types.ts';

export interface Deadline {
  kind: 'creatingDeletion' | 'shippingOverdue' | 'noticeClose' | 'heldReturn' | 'heldDestruction' | 'addressDestruction' | 'purge';
  dueAt: string;
  overdue: boolean;
  jobName: string | null;
  driveId: string | null;
  trackingNumber: string | null;
  what: string;
}

export interface SweepResult {
  deletedJobs: string[];
  neverReceived: string[];
  closedJobs: string[];
  purgedJobs: string[];
  /** Set when the sweep applied nothing because the station's clock is not to be trusted now. */
  heldBack: Exclude<ClockStatus, { state: 'ok' }> | null;
}

/** A sweep that saw the clock writes it down at most this often, so a quiet station still knows its time. */
const SEEN_EVERY_MS = 3_600_000;

const when = (iso: string) => isoWithZone(new Date(iso)).slice(0, 16).replace('T', ' ');

/** The refusal for a clock that cannot be trusted now, saying what to do. */
export function clockRefusal(s: Exclude<ClockStatus, { state: 'ok' }>): never {
  if (s.state === 'behind') {
    fail(
      'CLOCK_BEHIND',
      `This computer's clock says ${when(s.now)}, before the station's last record (${when(s.lastRecordAt)}). ` +
        "Set the computer's clock to the right date and time; nothing is recorded until then.",
      { now: s.now, lastRecordAt: s.lastRecordAt },
    );
  }
  fail(
    'CLOCK_JUMPED',
    `This computer's clock jumped to ${when(s.now)}; the station expected about ${when(s.expected)}. ` +
      `If today is ${localDate(new Date(s.now))}, confirm the date on the Exceptions screen; otherwise set the computer's clock right. ` +
      'Nothing is recorded until then.',
    { now: s.now, expected: s.expected },
  );
}

/**
 * Works out again the deadline of every job the operation touched, and whether each touched drive came in
 * another job's box: run by the shared plumbing at the end of each operation, inside its transaction.
 */
/** What `keepDeadlines` reads of the jobs, for the store to fetch together before it runs. */
export function deadlineReads(r: StoreReads, jobs: Iterable<string>): void {
  for (const name of jobs) {
    const job = r.job(name);
    if (job?.state === 'Shipping' && !job.deletedAt) r.jobDeadlineFacts(name);
  }
}

export function keepDeadlines(c: Context, jobs: Iterable<string>, drives: Iterable<string>): void {
  const now = c.nowUtc();
  for (const name of jobs) {
    const job = c.tx.job(name);
    if (!job) continue; // purged
    let wrongAt = job.addressWrongAt ?? null;
    // an address reported wrong stays wrong until the job's address changes
    if (wrongAt && JSON.stringify(job.returnAddress ?? null) !== (job.addressWrongWas ?? 'null')) {
      c.tx.setAddressWrong(job.name, null, null, null);
      wrongAt = null;
    }
    const wanting =
      !job.deletedAt &&
      (job.state === 'Transferring' || job.state === 'Packaging') &&
      (wrongAt !== null || missingAddressFields(job.returnAddress).length > 0);
    const since = wanting ? (job.addressWantingSince ?? now) : null;
    const facts = job.state === 'Shipping' && !job.deletedAt ? c.tx.jobDeadlineFacts(job.name) : { atDock: false, stillExpected: false };
    const d = jobDeadline({ ...job, addressWantingSince: since }, facts);
    const next = {
      kind: d.kind,
      dueAt: d.dueAt,
      sweepAt: d.sweepAt,
      addressWantingSince: since,
      contactOutcome: wanting ? (job.contactOutcome ?? null) : null,
      contactedAt: wanting ? (job.contactedAt ?? null) : null,
    };
    if (
      next.kind !== (job.deadlineKind ?? null) ||
      next.dueAt !== (job.deadlineAt ?? null) ||
      next.sweepAt !== (job.sweepAt ?? null) ||
      next.addressWantingSince !== (job.addressWantingSince ?? null) ||
      next.contactOutcome !== (job.contactOutcome ?? null) ||
      next.contactedAt !== (job.contactedAt ?? null)
    ) {
      c.tx.setJobDeadline(job.name, next);
    }
  }
  for (const serial of drives) c.tx.refreshOtherBox(serial);
}

/** Applies whatever is due; running it twice changes nothing the second time. */
export function sweep(c: Context, actor: Actor): SweepResult {
  c.checkActor(actor);
  const out: SweepResult = { deletedJobs: [], neverReceived: [], closedJobs: [], purgedJobs: [], heldBack: null };
  const status = c.clockStatus();
  if (status.state !== 'ok') return { ...out, heldBack: status };
  try {
    return c.op(sweepNow, { claim: 'deadline sweep' });
  } catch (e) {
    // one station sweeps for the whole dock; the others find it taken and leave it
    if (e instanceof ClaimedElsewhere) return out;
    throw e;
  }
  function sweepNow(): SweepResult {
    Object.assign(out, { deletedJobs: [], neverReceived: [], closedJobs: [], purgedJobs: [] });
    const now = c.clock.now().getTime();
    const iso = (t: number) => new Date(t).toISOString();
    for (const job of c.tx.jobsDueForSweep(iso(now))) {
      if (job.deletedAt) purge(c, actor, job, because('purgedDeleted', { days: 90 }), out);
      else if (job.state === 'Creating') deleteCreating(c, actor, job, iso(now), out);
      else if (job.state === 'Shipping') packageNeverCame(c, actor, job, now, out);
      else if (job.state === 'Completed' || job.state === 'Closed') purge(c, actor, job, because('purged', { days: 90 }), out);
      c.touch('jobs', job.name);
    }
    const seen = c.tx.clockSeenAt();
    if (!seen || now - ms(seen) >= SEEN_EVERY_MS) c.tx.setClockSeenAt(iso(now));
    return out;
  }
}

function deleteCreating(c: Context, actor: Actor, job: JobRecord, now: string, out: SweepResult): void {
  c.tx.setJob(job.name, { deleted_at: now });
  c.tx.deactivateUnheldDrivesOfJob(job.name);
  // the job's record is going: no key of its drives stays, at the dock or not (a job that claims a held drive brings its own)
  c.tx.wipeKeysOfJob(job.name);
  detachFromJob(c, actor, job.name, because('jobDeletedCreating', { weeks: 2 }));
  c.custody(actor, {
    action: 'job.deleted',
    subject: 'job',
    jobName: job.name,
    reason: because('creatingExpired', { weeks: 2 }),
    stateBefore: job.state,
    stateAfter: job.state,
  });
  out.deletedJobs.push(job.name);
}

function packageNeverCame(c: Context, actor: Actor, job: JobRecord, now: number, out: SweepResult): void {
  const wait = job.waitUntil ? ms(job.waitUntil) : -Infinity;
  if (Math.max(ms(job.shippingSince) + DEADLINES.shippingOverdue, wait) <= now) {
    for (const d of c.tx.drivesOfJob(job.name)) {
      if (d.role === 'listed' && d.state === 'Specified' && !d.heldSince) {
        c.moveDrive(actor, d, job, 'NeverReceived', 'shippingTimedOut', { reason: because('shippingTimedOut', { weeks: 2 }) });
        out.neverReceived.push(d.driveId);
      }
    }
  }
  if (job.notifiedAt && Math.max(ms(job.notifiedAt) + DEADLINES.noticeClosed, wait) <= now) {
    c.moveJob(actor, job, 'Closed', 'noReplyAfterNotice', because('noReply', { days: 30 }), { finished_at: new Date(now).toISOString() });
    // a drive of this job that did reach the dock (in another box) is not forgotten: it is held
    for (const d of drivesAtDock(c.tx.drivesOfJob(job.name))) holdDrive(c, actor, d, null, because('closedNoReply'));
    out.closedJobs.push(job.name);
  }
}

function purge(c: Context, actor: Actor, job: JobRecord, why: StationReason, out: SweepResult): void {
  c.tx.wipeKeysOfJob(job.name);
  c.tx.deleteInactiveDrivesOfJob(job.name);
  detachFromJob(c, actor, job.name, job.deletedAt ? because('jobPurgedDeleted', { days: 90 }) : because('jobPurged', { days: 90 }));
  c.tx.removeJobFromPackages(job.name);
  c.tx.deleteJob(job.name);
  c.custody(actor, { action: 'job.purged', subject: 'job', jobName: job.name, reason: why, stateBefore: job.state, stateAfter: null });
  out.purgedJobs.push(job.name);
}

const WHAT: Record<Deadline['kind'], string> = {
  creatingDeletion: 'job deleted: 2 weeks in Creating',
  shippingOverdue: 'package overdue: notify the customer',
  noticeClose: 'job Closed: no reply 30 days after the customer was notified',
  heldReturn: 'held drive: try to return it',
  heldDestruction: 'held drive: securely destroy it if it cannot be returned',
  addressDestruction: "return address wrong or missing: drives securely destroyed if the job's contact cannot be reached",
  purge: 'job record purged: 90 days after it ended',
};

/**
 * What comes due next, soonest first. A deadline that has passed stays listed, overdue, until it is done
 * (the drive returned, released or destroyed; the customer notified; the job closed or purged).
 */
export function upcomingDeadlines(c: Context, limit = 50): Deadline[] {
  const lim = Math.max(1, Math.min(500, Math.floor(limit)));
  const now = c.clock.now().getTime();
  const out: Deadline[] = [];
  const add = (kind: Deadline['kind'], due: number, d: Partial<Deadline>, what = WHAT[kind]) => {
    out.push({
      kind,
      dueAt: new Date(due).toISOString(),
      overdue: due <= now,
      jobName: d.jobName ?? null,
      driveId: d.driveId ?? null,
      trackingNumber: d.trackingNumber ?? null,
      what,
    });
  };
  for (const r of c.read.jobDeadlinesFirst(lim)) {
    const kind = r.kind as Deadline['kind'];
    const waiting = kind === 'shippingOverdue' || kind === 'noticeClose';
    add(kind, ms(r.dueAt), { jobName: r.name, trackingNumber: waiting ? r.deliveryTracking : null });
  }
  for (const r of c.read.heldDeadlines(lim)) {
    const d = { driveId: r.driveId, jobName: r.jobName, trackingNumber: r.trackingNumber };
    add('heldReturn', ms(r.heldSince) + DEADLINES.heldReturnDue, d);
    add('heldDestruction', ms(r.heldSince) + DEADLINES.heldDestructionDue, d);
  }
  return out.sort((a, b) => a.dueAt.localeCompare(b.dueAt)).slice(0, lim);
}

/**
 * A person looked at a calendar and says the station's clock shows the right date: deadlines act again. The
 * date typed must be the one the clock shows, so a wrong clock cannot be waved through.
 */
export function confirmClock(c: Context, actor: Actor, input: { date: unknown }): ClockStatus {
  c.checkActor(actor);
  if (typeof input?.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(input.date)) fail('BAD_INPUT', "Type today's date as YYYY-MM-DD.");
  const typed = input.date;
  c.op(
    () => {
      const s = c.clockStatus();
      if (s.state === 'behind') clockRefusal(s);
      if (s.state === 'ok') fail('CLOCK_NOT_HELD', "The station's clock needs no confirmation: deadlines are applied as usual.");
      const shows = localDate(new Date(s.now));
      if (typed !== shows) {
        fail(
          'CLOCK_DATE_MISMATCH',
          `You typed ${typed}, but this computer's clock shows ${shows}. Set the computer's clock to today's date, then confirm again.`,
          { typed, clock: shows },
        );
      }
      c.custody(actor, {
        action: 'clock.confirmed',
        subject: 'station',
        reason: `the date ${typed} was confirmed by a person`,
        detail: { expected: s.expected, now: s.now },
      });
    },
    { clock: 'confirming' },
  );
  c.trustClock();
  return c.clockStatus();
}

/** Staff found a job's return address wrong although every field is there (a carrier sent it back, say). */
export function reportAddressWrong(c: Context, actor: Actor, name: unknown, reason: unknown): JobRecord {
  c.checkActor(actor);
  const why = c.reason(reason, true)!;
  return c.op(() => {
    const job = c.liveJob(name);
    if (job.state !== 'Transferring' && job.state !== 'Packaging') {
      fail(
        'TRANSITION_FORBIDDEN',
        `Job ${job.name} is ${job.state}: a return address is reported wrong while the job is Transferring or Packaging.`,
      );
    }
    c.tx.setAddressWrong(job.name, c.nowUtc(), why, JSON.stringify(job.returnAddress ?? null));
    c.custody(actor, {
      action: 'job.addressReportedWrong',
      subject: 'job',
      jobName: job.name,
      reason: why,
      stateBefore: job.state,
      stateAfter: job.state,
    });
    c.touch('jobs', job.name);
    return c.tx.job(job.name)!;
  });
}

/** Staff tried the job's contact about its wrong or missing return address: reached, or not reachable. */
export function recordContact(c: Context, actor: Actor, input: { name: unknown; reached: unknown; note?: unknown }): JobRecord {
  c.checkActor(actor);
  if (typeof input?.reached !== 'boolean') fail('BAD_INPUT', "Say whether the job's contact was reached.");
  const note = c.reason(input.note, false);
  return c.op(() => {
    const job = c.liveJob(input.name);
    if (!job.addressWantingSince) {
      fail('TRANSITION_FORBIDDEN', `Job ${job.name}'s return address is not wanting: there is no contact to record.`, {
        jobName: job.name,
      });
    }
    const outcome = input.reached ? 'reached' : 'unreachable';
    c.tx.setContact(job.name, outcome, c.nowUtc());
    c.custody(actor, {
      action: input.reached ? 'job.contactReached' : 'job.contactUnreachable',
      subject: 'job',
      jobName: job.name,
      reason: note ?? (input.reached ? "the job's contact was reached about the return address" : "the job's contact could not be reached"),
      stateBefore: job.state,
      stateAfter: job.state,
    });
    c.touch('jobs', job.name);
    return c.tx.job(job.name)!;
  });
}
