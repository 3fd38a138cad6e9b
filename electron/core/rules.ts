// The service's transition rules as plain tables (from, to, trigger, guard), so a screen can ask
// "what may happen now, and why not the rest?" and tests can walk every edge.
import {
  COPY_ERRORS, RETURN_ADDRESS_REQUIRED,
  type DriveRecord, type DriveState, type JobRecord, type JobState,
} from './model.ts';

export const MAX_IMPORT_DRIVES = 10;

export interface JobContext {
  job: JobRecord;
  drives: readonly DriveRecord[];
  /** The state a resolve would return to, or the reason given, where the trigger takes one. */
  reason?: string;
}
export interface DriveContext {
  drive: DriveRecord;
  job: JobRecord | null;
  copyStatus?: string;
  reason?: string;
}

/** A guard answers null when the rule holds, or the reason it does not. */
type Guard<C> = (ctx: C) => string | null;

export interface Transition<S extends string, T extends string, C> {
  from: S;
  to: S;
  trigger: T;
  rule: string;
  guard?: Guard<C>;
}

export type JobTrigger =
  | 'customerShipped' | 'packageReceived' | 'copyStarted' | 'copySkipped' | 'allDrivesProcessed'
  | 'shippedBack' | 'shippedBackWithErrors' | 'noReplyAfterNotice' | 'nothingToCopy' | 'closedNothingToShip' | 'fault' | 'resolve';

export type DriveTrigger =
  | 'scanned' | 'missingAtClose' | 'shippingTimedOut' | 'arrivedLater' | 'copyStarted' | 'copyCompleted'
  | 'copyCompletedMoreInfo' | 'copyCorrected' | 'shippedBack' | 'heldReturned' | 'scanUndone' | 'fault' | 'resolve';

// ---- guards -------------------------------------------------------------------------------------

export function missingAddressFields(address: Partial<Record<string, unknown>> | null | undefined): string[] {
  return RETURN_ADDRESS_REQUIRED.filter((f) => {
    const v = address?.[f];
    return typeof v !== 'string' || v.trim() === '';
  });
}

const deliveryAndAddress: Guard<JobContext> = ({ job }) => {
  const p = job.deliveryPackage;
  if (!p || !p.carrierName?.trim() || !p.trackingNumber?.trim()) {
    return 'Shipping needs the delivery package carrier and tracking number';
  }
  const missing = missingAddressFields(job.returnAddress);
  if (missing.length) return `Shipping needs a complete return address (missing: ${missing.join(', ')})`;
  return null;
};

const notCancelled: Guard<JobContext> = ({ job }) =>
  job.cancelRequested ? 'a cancelled job skips the data copy' : null;

const cancelled: Guard<JobContext> = ({ job }) =>
  job.cancelRequested ? null : 'only a cancelled job skips the data copy';

/** A listed drive is processed when its copy has ended, or when it never came. */
export function isProcessed(d: DriveRecord): boolean {
  return d.state === 'Completed' || d.state === 'CompletedMoreInfo' || d.state === 'NeverReceived'
    || d.state === 'ShippedBack';
}

/**
 * The listed drives a Transferring job still waits for before Packaging: copies running or faulted, and
 * received drives not yet copied (unless the job was cancelled, which skips the copy). Drives not at the
 * dock's bench (never received, held, destroyed) are not waited for. One definition, used by the guard and
 * by the operations that check whether the job may move on.
 */
export function drivesStillToProcess(job: JobRecord, drives: readonly DriveRecord[]): DriveRecord[] {
  return drives.filter((d) => d.role === 'listed' && !d.destroyedAt && !d.heldSince && !isProcessed(d)
    && (d.state === 'Transferring' || d.state === 'Faulted' || (d.state === 'Received' && !job.cancelRequested)));
}

const allProcessed: Guard<JobContext> = ({ job, drives }) => {
  const waiting = drivesStillToProcess(job, drives);
  return waiting.length ? `drives not yet processed: ${waiting.map((d) => d.driveId).join(', ')}` : null;
};

/** Drives of the job at the dock that would go back in its return box (extras too). */
export function drivesAtDock(drives: readonly DriveRecord[]): DriveRecord[] {
  return drives.filter((d) => !d.destroyedAt && !d.heldSince && ['Received', 'Completed', 'CompletedMoreInfo', 'Transferring', 'Faulted'].includes(d.state));
}

const nothingToCopy: Guard<JobContext> = ({ drives }) => {
  const here = drives.filter((d) => d.role === 'listed' && !d.heldSince && !d.destroyedAt && d.state === 'Received');
  return here.length ? `drives are at the dock to copy: ${here.map((d) => d.driveId).join(', ')}` : null;
};

const nothingAtDock: Guard<JobContext> = ({ drives }) => {
  const here = drivesAtDock(drives);
  return here.length ? `drives of the job are still at the dock: ${here.map((d) => d.driveId).join(', ')}` : null;
};

/** What makes a shipped-back job `Closed` instead of `Completed`; empty when nothing went wrong. */
export function jobErrors(job: JobRecord, drives: readonly DriveRecord[]): string[] {
  const errors: string[] = [];
  if (job.cancelRequested) errors.push('the job was cancelled');
  for (const d of drives) {
    if (d.role !== 'listed') continue;
    if (d.state === 'NeverReceived') errors.push(`${d.driveId} was never received`);
    else if (d.copyStatus && COPY_ERRORS.has(d.copyStatus)) errors.push(`${d.driveId}: ${d.copyStatus}`);
    else if (!d.copyStatus && d.state !== 'Specified') errors.push(`${d.driveId} was not copied`);
  }
  return errors;
}

const noErrors: Guard<JobContext> = ({ job, drives }) => {
  const e = jobErrors(job, drives);
  return e.length ? `the job had errors: ${e.join('; ')}` : null;
};
const hasErrors: Guard<JobContext> = ({ job, drives }) =>
  jobErrors(job, drives).length ? null : 'the job had no errors, so it ends Completed';

const needsReason = <C extends { reason?: string }>(ctx: C): string | null =>
  ctx.reason && ctx.reason.trim() ? null : 'a reason is required';

const backToJobFaultedFrom = (to: JobState): Guard<JobContext> => (ctx) => {
  const r = needsReason(ctx);
  if (r) return r;
  return ctx.job.faultedFrom === to ? null : `a faulted job goes back to the state it left (${ctx.job.faultedFrom ?? 'unknown'})`;
};
const backToDriveFaultedFrom = (to: DriveState): Guard<DriveContext> => (ctx) => {
  const r = needsReason(ctx);
  if (r) return r;
  return ctx.drive.faultedFrom === to ? null : `a faulted drive goes back to the state it left (${ctx.drive.faultedFrom ?? 'unknown'})`;
};

const noticeExpired: Guard<JobContext> = ({ job }) =>
  job.notifiedAt ? null : 'the customer must have been notified first';

const copyable: Guard<DriveContext> = ({ drive, job }) => {
  if (drive.role !== 'listed') return 'extra drives and drives of no job are not copied';
  if (drive.heldSince) return 'a held drive is not processed';
  if (!job) return 'the drive belongs to no job';
  if (job.cancelRequested) return 'a cancelled job skips the data copy';
  if (job.state !== 'Received' && job.state !== 'Transferring') return `the job is ${job.state}`;
  return null;
};
const cleanCopy: Guard<DriveContext> = ({ copyStatus }) =>
  copyStatus === 'Completed' ? null : 'only a clean copy (Completed) ends Completed';
const copyWithInfo: Guard<DriveContext> = ({ copyStatus }) =>
  copyStatus && copyStatus !== 'Completed' ? null : 'a clean copy ends Completed';
const jobShipping: Guard<DriveContext> = ({ job, drive }) => {
  if (drive.heldSince) return 'the drive is held';
  return null;
};

// a bay's report put right before the drive leaves: the job is still being copied or packed
const correctable: Guard<DriveContext> = ({ job, reason }) => {
  if (!job || (job.state !== 'Transferring' && job.state !== 'Packaging')) return 'a copy result is corrected while its job is Transferring or Packaging';
  return reason ? null : 'a correction needs a reason';
};
const bothGuards = (a: Guard<DriveContext>, b: Guard<DriveContext>): Guard<DriveContext> => (c) => a(c) ?? b(c);

const isHeld: Guard<DriveContext> = ({ drive }) => (drive.heldSince ? null : 'only a held drive is returned unprocessed');

// ---- tables -------------------------------------------------------------------------------------

const FAULTABLE_JOB: readonly JobState[] = ['Creating', 'Shipping', 'Received', 'Transferring', 'Packaging'];
const FAULTABLE_DRIVE: readonly DriveState[] = ['Received', 'Transferring', 'Completed', 'CompletedMoreInfo'];

export const JOB_TRANSITIONS: readonly Transition<JobState, JobTrigger, JobContext>[] = [
  { from: 'Creating', to: 'Shipping', trigger: 'customerShipped', rule: 'Shipping needs the delivery package and a complete return address', guard: deliveryAndAddress },
  { from: 'Shipping', to: 'Received', trigger: 'packageReceived', rule: 'the job\'s package was received and closed' },
  { from: 'Received', to: 'Transferring', trigger: 'copyStarted', rule: 'copy starts on a received job that is not cancelled', guard: notCancelled },
  { from: 'Received', to: 'Packaging', trigger: 'copySkipped', rule: 'a cancelled job skips the data copy', guard: cancelled },
  { from: 'Received', to: 'Packaging', trigger: 'nothingToCopy', rule: 'no drive of the job arrived, so there is nothing to copy', guard: nothingToCopy },
  { from: 'Transferring', to: 'Packaging', trigger: 'allDrivesProcessed', rule: 'all drives processed', guard: allProcessed },
  { from: 'Packaging', to: 'Completed', trigger: 'shippedBack', rule: 'drives shipped back and the job had no errors', guard: noErrors },
  { from: 'Packaging', to: 'Closed', trigger: 'shippedBackWithErrors', rule: 'drives shipped back and the job had errors', guard: hasErrors },
  { from: 'Packaging', to: 'Closed', trigger: 'closedNothingToShip', rule: 'nothing of the job is at the dock to ship back (never received or destroyed)', guard: nothingAtDock },
  { from: 'Shipping', to: 'Closed', trigger: 'noReplyAfterNotice', rule: 'no reply 30 days after the customer was notified', guard: noticeExpired },
  ...FAULTABLE_JOB.map((from) => ({ from, to: 'Faulted' as const, trigger: 'fault' as const, rule: 'faulted with a reason', guard: needsReason })),
  ...FAULTABLE_JOB.map((to) => ({ from: 'Faulted' as const, to, trigger: 'resolve' as const, rule: 'resolved back to the state it left', guard: backToJobFaultedFrom(to) })),
];

export const DRIVE_TRANSITIONS: readonly Transition<DriveState, DriveTrigger, DriveContext>[] = [
  { from: 'Specified', to: 'Received', trigger: 'scanned', rule: 'an expected drive is scanned at the dock' },
  { from: 'Specified', to: 'NeverReceived', trigger: 'missingAtClose', rule: 'the job\'s package was closed without it' },
  { from: 'Specified', to: 'NeverReceived', trigger: 'shippingTimedOut', rule: '2 weeks in Shipping and the package never arrived' },
  { from: 'NeverReceived', to: 'Received', trigger: 'arrivedLater', rule: 'a NeverReceived drive arrives in a later shipment' },
  { from: 'Received', to: 'Transferring', trigger: 'copyStarted', rule: 'copy starts on a received drive of the job', guard: copyable },
  { from: 'Transferring', to: 'Completed', trigger: 'copyCompleted', rule: 'copy finished without errors', guard: cleanCopy },
  { from: 'Transferring', to: 'CompletedMoreInfo', trigger: 'copyCompletedMoreInfo', rule: 'copy finished with errors, warnings or information', guard: copyWithInfo },
  { from: 'Completed', to: 'CompletedMoreInfo', trigger: 'copyCorrected', rule: 'a clean copy corrected: the bay reported errors after all', guard: bothGuards(correctable, copyWithInfo) },
  { from: 'CompletedMoreInfo', to: 'Completed', trigger: 'copyCorrected', rule: 'a copy with errors corrected: it was clean after all', guard: bothGuards(correctable, cleanCopy) },
  { from: 'Completed', to: 'ShippedBack', trigger: 'shippedBack', rule: 'the drive left for the return address', guard: jobShipping },
  { from: 'CompletedMoreInfo', to: 'ShippedBack', trigger: 'shippedBack', rule: 'the drive left for the return address', guard: jobShipping },
  { from: 'Received', to: 'ShippedBack', trigger: 'shippedBack', rule: 'a drive that was not copied (extra, cancelled, late) goes back with the job', guard: jobShipping },
  { from: 'NeverReceived', to: 'ShippedBack', trigger: 'heldReturned', rule: 'a held drive that came after its job gave it up is returned to the sender unprocessed', guard: isHeld },
  { from: 'Received', to: 'ShippedBack', trigger: 'heldReturned', rule: 'a held drive whose job ended without it is returned to the sender', guard: isHeld },
  { from: 'Specified', to: 'ShippedBack', trigger: 'heldReturned', rule: 'a held drive (job still Creating, or no job) is returned to the sender unprocessed', guard: isHeld },
  { from: 'Received', to: 'Specified', trigger: 'scanUndone', rule: 'undo of the scan that received it' },
  { from: 'Received', to: 'NeverReceived', trigger: 'scanUndone', rule: 'undo of the scan that received it after it was NeverReceived' },
  ...FAULTABLE_DRIVE.map((from) => ({ from, to: 'Faulted' as const, trigger: 'fault' as const, rule: 'faulted with a reason', guard: needsReason })),
  ...FAULTABLE_DRIVE.map((to) => ({ from: 'Faulted' as const, to, trigger: 'resolve' as const, rule: 'resolved back to the state it left', guard: backToDriveFaultedFrom(to) })),
];

export interface Possibility<S extends string, T extends string> {
  to: S;
  trigger: T;
  rule: string;
  allowed: boolean;
  /** Why not, naming the rule, when not allowed. */
  reason?: string;
}

function possibilities<S extends string, T extends string, C>(
  table: readonly Transition<S, T, C>[], from: S, ctx: C,
): Possibility<S, T>[] {
  return table.filter((t) => t.from === from).map((t) => {
    const why = t.guard?.(ctx) ?? null;
    return why ? { to: t.to, trigger: t.trigger, rule: t.rule, allowed: false, reason: why } : { to: t.to, trigger: t.trigger, rule: t.rule, allowed: true };
  });
}

export const jobPossibilities = (ctx: JobContext) => possibilities(JOB_TRANSITIONS, ctx.job.state, ctx);
export const drivePossibilities = (ctx: DriveContext) => possibilities(DRIVE_TRANSITIONS, ctx.drive.state, ctx);

export type Verdict = { ok: true } | { ok: false; reason: string };

function check<S extends string, T extends string, C>(
  table: readonly Transition<S, T, C>[], kind: string, from: S, to: S, trigger: T, ctx: C,
): Verdict {
  const rows = table.filter((t) => t.from === from && t.to === to && t.trigger === trigger);
  if (!rows.length) {
    const edges = table.filter((t) => t.from === from).map((t) => `${t.to} (${t.trigger})`);
    return { ok: false, reason: `a ${kind} in ${from} cannot go to ${to} by ${trigger}; from ${from} it may go to: ${edges.join(', ') || 'nothing'}` };
  }
  const reasons: string[] = [];
  for (const r of rows) {
    const why = r.guard?.(ctx) ?? null;
    if (!why) return { ok: true };
    reasons.push(`${r.rule}: ${why}`);
  }
  return { ok: false, reason: reasons.join('; ') };
}

export const checkJob = (to: JobState, trigger: JobTrigger, ctx: JobContext) =>
  check(JOB_TRANSITIONS, 'job', ctx.job.state, to, trigger, ctx);
export const checkDrive = (to: DriveState, trigger: DriveTrigger, ctx: DriveContext) =>
  check(DRIVE_TRANSITIONS, 'drive', ctx.drive.state, to, trigger, ctx);

/** Is from → to an edge of the table at all (whatever the guard)? The property test holds the store to it. */
export const isJobEdge = (from: JobState, to: JobState) => JOB_TRANSITIONS.some((t) => t.from === from && t.to === to);
export const isDriveEdge = (from: DriveState, to: DriveState) => DRIVE_TRANSITIONS.some((t) => t.from === from && t.to === to);

/** Cancellation is accepted in any state before Packaging. */
export const CANCELLABLE: readonly JobState[] = ['Creating', 'Shipping', 'Received', 'Transferring'];

/** A faulted job is judged by the state it left. */
export const effectiveState = (job: JobRecord): JobState => (job.state === 'Faulted' && job.faultedFrom ? job.faultedFrom : job.state);

/** Percent complete of a job, derived from its listed drives. */
export function jobPercentComplete(job: JobRecord, drives: readonly DriveRecord[]): number {
  if (job.state === 'Completed' || job.state === 'Closed') return 100;
  const listed = drives.filter((d) => d.role === 'listed' && d.state !== 'NeverReceived');
  if (!listed.length) return 0;
  const sum = listed.reduce((s, d) => s + (isProcessed(d) ? 100 : Math.max(0, Math.min(100, d.percentComplete))), 0);
  return Math.floor(sum / listed.length);
}
