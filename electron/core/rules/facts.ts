// Facts the rules are made of, each defined once: what "at the dock", "processed" and "had errors" mean.
import { trackingBase } from '../scan.ts';
import { reason, type Reason } from './reasons.ts';
import { COPY_ERRORS, RETURN_ADDRESS_REQUIRED, type DriveRecord, type JobRecord, type JobState, type PackageState } from '../model.ts';

export const MAX_IMPORT_DRIVES = 10;

/** An import job lists at most 10 drives; null when `count` keeps to it. */
export function driveLimit(job: { name: string; jobType: string }, count: number): Reason | null {
  if (job.jobType !== 'Import' || count <= MAX_IMPORT_DRIVES) return null;
  return reason('TOO_MANY_DRIVES', { job: job.name, count, max: MAX_IMPORT_DRIVES });
}

/** Cancellation is accepted in any state before Packaging. */
export const CANCELLABLE: readonly JobState[] = ['Creating', 'Shipping', 'Received', 'Transferring'];

/** A faulted job is judged by the state it left. */
export const effectiveState = (job: JobRecord): JobState => (job.state === 'Faulted' && job.faultedFrom ? job.faultedFrom : job.state);

export function missingAddressFields(address: Partial<Record<string, unknown>> | null | undefined): string[] {
  return RETURN_ADDRESS_REQUIRED.filter((f) => {
    const v = address?.[f];
    return typeof v !== 'string' || v.trim() === '';
  });
}

/**
 * A drive is physically at the dock when it came in a box (its receipt is on record) and has not left (shipped
 * back) or been destroyed. Only such a drive can be held, returned or destroyed; one that never arrived stays
 * a record, NeverReceived whatever happens to its job's record.
 */
export function isAtDock(d: DriveRecord): boolean {
  return d.receivedAt !== null && d.destroyedAt === null && d.state !== 'ShippedBack';
}

/** A listed drive is processed when its copy has ended, or when it never came. */
export function isProcessed(d: DriveRecord): boolean {
  return d.state === 'Completed' || d.state === 'CompletedMoreInfo' || d.state === 'NeverReceived' || d.state === 'ShippedBack';
}

/**
 * The listed drives a Transferring job still waits for before Packaging: copies running or faulted, and
 * received drives not yet copied (unless the job was cancelled, which skips the copy). Drives not at the
 * dock's bench (never received, held, destroyed) are not waited for.
 */
export function drivesStillToProcess(job: JobRecord, drives: readonly DriveRecord[]): DriveRecord[] {
  return drives.filter(
    (d) =>
      d.role === 'listed' &&
      !d.destroyedAt &&
      !d.heldSince &&
      !isProcessed(d) &&
      (d.state === 'Transferring' || d.state === 'Faulted' || (d.state === 'Received' && !job.cancelRequested)),
  );
}

/** Listed drives waiting for a copy to start: received, not held, not destroyed. */
export function drivesToCopy(drives: readonly DriveRecord[]): DriveRecord[] {
  return drives.filter((d) => d.role === 'listed' && d.state === 'Received' && !d.heldSince && !d.destroyedAt);
}

/** Drives of the job at the dock that would go back in its return box (extras too). */
export function drivesAtDock(drives: readonly DriveRecord[]): DriveRecord[] {
  return drives.filter(
    (d) => !d.destroyedAt && !d.heldSince && ['Received', 'Completed', 'CompletedMoreInfo', 'Transferring', 'Faulted'].includes(d.state),
  );
}

/** Listed drives of the job that reached the dock at some time, whatever became of them since. */
export function listedDrivesArrived(drives: readonly DriveRecord[]): DriveRecord[] {
  return drives.filter((d) => d.role === 'listed' && (d.receivedAt !== null || (d.state !== 'Specified' && d.state !== 'NeverReceived')));
}

/**
 * Is this box the job's own delivery package (its tracking number, or the shared box X of …)? Closing
 * a box judges only the jobs whose own box it is; a job that merely had a held drive released into it still
 * waits for its own box.
 */
export function isJobsOwnBox(job: JobRecord, tracking: string): boolean {
  const t = job.deliveryPackage?.trackingNumber?.toUpperCase();
  return !!t && (t === tracking || trackingBase(t) === tracking);
}

/** A job takes drives now when its record is live and it is past Creating and not ended. */
export function takesDrives(job: JobRecord | null): job is JobRecord {
  return job !== null && !job.deletedAt && !['Creating', 'Completed', 'Closed'].includes(effectiveState(job));
}

/** A box on record for a job, as the rules need to know it. */
export interface BoxFact {
  trackingNumber: string;
  state: PackageState;
}

/**
 * A Shipping job's package is missing only while nothing of it is here: no box of it on record and none
 * of its drives at the dock, whichever box they came in.
 */
export function arrivedOfJob(drives: readonly DriveRecord[], boxes: readonly BoxFact[]): { driveIds: string[]; boxes: string[] } {
  return {
    driveIds: drives.filter(isAtDock).map((d) => d.driveId),
    boxes: boxes.map((b) => b.trackingNumber),
  };
}

/** What makes a shipped-back job `Closed` instead of `Completed`, by kind; all empty when nothing went wrong. */
export interface JobErrors {
  cancelled: boolean;
  neverReceived: string[];
  copyErrors: string[];
  notCopied: string[];
}

export function jobErrorFacts(job: JobRecord, drives: readonly DriveRecord[]): JobErrors {
  const e: JobErrors = { cancelled: job.cancelRequested, neverReceived: [], copyErrors: [], notCopied: [] };
  for (const d of drives) {
    if (d.role !== 'listed') continue;
    if (d.state === 'NeverReceived') e.neverReceived.push(d.driveId);
    else if (d.copyStatus && COPY_ERRORS.has(d.copyStatus)) e.copyErrors.push(d.driveId);
    else if (!d.copyStatus && d.state !== 'Specified') e.notCopied.push(d.driveId);
  }
  return e;
}

export const hasJobErrors = (e: JobErrors): boolean =>
  e.cancelled || e.neverReceived.length > 0 || e.copyErrors.length > 0 || e.notCopied.length > 0;

/** The errors in English words, for the custody record of a job that ends Closed. */
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

/** Percent complete of a job, derived from its listed drives. */
export function jobPercentComplete(job: JobRecord, drives: readonly DriveRecord[]): number {
  if (job.state === 'Completed' || job.state === 'Closed') return 100;
  const listed = drives.filter((d) => d.role === 'listed' && d.state !== 'NeverReceived');
  if (!listed.length) return 0;
  const sum = listed.reduce((s, d) => s + (isProcessed(d) ? 100 : Math.max(0, Math.min(100, d.percentComplete))), 0);
  return Math.floor(sum / listed.length);
}
