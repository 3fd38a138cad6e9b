// The service's state machines as plain tables (from, to, trigger, who takes it, guard), so a screen can ask
// "what may happen now, and why not the rest?" and tests can walk every edge.
import type { DriveRecord, DriveState, JobRecord, JobState, PackageState } from '../model.ts';
import {
  arrivedOfJob,
  drivesAtDock,
  drivesStillToProcess,
  hasJobErrors,
  isAtDock,
  jobErrorFacts,
  listedDrivesArrived,
  missingAddressFields,
  type BoxFact,
} from './facts.ts';
import { reason, type Reason } from './reasons.ts';
import { DEADLINES, localDate, ms } from '../clock.ts';

export interface JobContext {
  job: JobRecord;
  /** Every drive of the job, shipped back and destroyed ones included. */
  drives: readonly DriveRecord[];
  /** The boxes on record that name the job (open, held or closed). */
  boxes?: readonly BoxFact[];
  /** The serials an action names, where it takes some (copy these; these are in the return box). */
  picked?: readonly string[];
}

export interface DriveContext {
  drive: DriveRecord;
  job: JobRecord | null;
  /** The status a copy bay reports, where the action carries one. */
  copyStatus?: string;
  /** The station's time now (ISO), for the rules that fall due; without it nothing is due yet. */
  now?: string;
  /** The box a drive is to be moved into, and the box open at the acting station. */
  box?: { trackingNumber: string; state: PackageState; openAtStation: string | null };
}

/** A guard answers null when the rule holds, or the reason it does not. */
export type Guard<C> = (ctx: C) => Reason | null;

/** Who takes an edge: a staff action by name, or the station itself when what it waits for happens. */
export type By = string;

export interface Transition<S extends string, T extends string, C> {
  from: S;
  to: S;
  trigger: T;
  by: By;
  rule: string;
  guard?: Guard<C>;
}

export type JobTrigger =
  | 'customerShipped'
  | 'packageReceived'
  | 'copyStarted'
  | 'copySkipped'
  | 'allDrivesProcessed'
  | 'shippedBack'
  | 'shippedBackWithErrors'
  | 'noReplyAfterNotice'
  | 'nothingToCopy'
  | 'closedNothingToShip'
  | 'fault'
  | 'resolve';

export type DriveTrigger =
  | 'scanned'
  | 'missingAtClose'
  | 'shippingTimedOut'
  | 'arrivedLater'
  | 'copyStarted'
  | 'copyCompleted'
  | 'copyCompletedMoreInfo'
  | 'copyCorrected'
  | 'shippedBack'
  | 'heldReturned'
  | 'scanUndone'
  | 'fault'
  | 'resolve';

/** The station takes these edges itself, when the box closes, a copy ends or a deadline passes. */
export const STATION = 'station';

// ---- job guards ---------------------------------------------------------------------------------

export const deliveryAndAddress: Guard<JobContext> = ({ job }) => {
  const p = job.deliveryPackage;
  if (!p || !p.carrierName?.trim() || !p.trackingNumber?.trim()) return reason('DELIVERY_PACKAGE_MISSING', { job: job.name });
  const missing = missingAddressFields(job.returnAddress);
  return missing.length ? reason('SHIPPING_ADDRESS_INCOMPLETE', { job: job.name, fields: missing }) : null;
};

export const notCancelled: Guard<JobContext> = ({ job }) => (job.cancelRequested ? reason('JOB_CANCELLED', { job: job.name }) : null);
const cancelled: Guard<JobContext> = ({ job }) => (job.cancelRequested ? null : reason('JOB_NOT_CANCELLED', { job: job.name }));

const boxOpen: Guard<JobContext> = ({ job, boxes }) =>
  (boxes ?? []).some((b) => b.state === 'open') ? null : reason('PACKAGE_NOT_HERE', { job: job.name });

const allProcessed: Guard<JobContext> = ({ job, drives }) => {
  const waiting = drivesStillToProcess(job, drives);
  return waiting.length ? reason('DRIVES_NOT_PROCESSED', { job: job.name, driveIds: waiting.map((d) => d.driveId) }) : null;
};

/** Nothing to copy means none of the job's listed drives ever reached the dock, not merely none waiting now. */
const nothingArrived: Guard<JobContext> = ({ job, drives }) => {
  const here = listedDrivesArrived(drives);
  return here.length ? reason('DRIVES_ARRIVED', { job: job.name, driveIds: here.map((d) => d.driveId) }) : null;
};

export const nothingAtDock: Guard<JobContext> = ({ job, drives }) => {
  const here = drivesAtDock(drives);
  return here.length ? reason('DRIVES_AT_DOCK', { job: job.name, driveIds: here.map((d) => d.driveId) }) : null;
};

const errorParams = (job: JobRecord, drives: readonly DriveRecord[]) => {
  const e = jobErrorFacts(job, drives);
  return {
    e,
    params: {
      job: job.name,
      cancelled: e.cancelled ? 1 : 0,
      neverReceived: e.neverReceived,
      copyErrors: e.copyErrors,
      notCopied: e.notCopied,
    },
  };
};
const noErrors: Guard<JobContext> = ({ job, drives }) => {
  const { e, params } = errorParams(job, drives);
  return hasJobErrors(e) ? reason('JOB_HAD_ERRORS', params) : null;
};
const hasErrors: Guard<JobContext> = ({ job, drives }) =>
  hasJobErrors(jobErrorFacts(job, drives)) ? null : reason('JOB_HAD_NO_ERRORS', { job: job.name });

/** A Shipping job's package is missing only while nothing of it is at the dock. */
export const packageMissing: Guard<JobContext> = ({ job, drives, boxes }) => {
  const here = arrivedOfJob(drives, boxes ?? []);
  return here.driveIds.length || here.boxes.length
    ? reason('PACKAGE_ARRIVED', { job: job.name, driveIds: here.driveIds, boxes: here.boxes })
    : null;
};

const noticeGiven: Guard<JobContext> = (ctx) => (ctx.job.notifiedAt ? packageMissing(ctx) : reason('NOT_NOTIFIED', { job: ctx.job.name }));

const backToJobFaultedFrom =
  (to: JobState): Guard<JobContext> =>
  ({ job }) =>
    job.faultedFrom === to ? null : reason('NOT_FAULTED_FROM', { job: job.name, faultedFrom: job.faultedFrom, to });

// ---- drive guards -------------------------------------------------------------------------------

const one = (d: DriveRecord) => ({ driveIds: [d.driveId] });

export const copyable: Guard<DriveContext> = ({ drive, job }) => {
  if (drive.role !== 'listed') return reason('DRIVE_NOT_LISTED', { ...one(drive), role: drive.role });
  if (drive.heldSince) return reason('DRIVE_HELD', one(drive));
  if (!job) return reason('DRIVE_OF_NO_JOB', one(drive));
  if (job.cancelRequested) return reason('JOB_CANCELLED', { job: job.name });
  if (job.state !== 'Received' && job.state !== 'Transferring') {
    return reason('JOB_STATE', { job: job.name, state: job.state, faultedFrom: job.faultedFrom, needs: ['Received', 'Transferring'] });
  }
  return null;
};
const cleanCopy: Guard<DriveContext> = ({ copyStatus }) =>
  copyStatus === undefined || copyStatus === 'Completed' ? null : reason('COPY_STATUS_NOT_CLEAN', { copyStatus });
const copyWithInfo: Guard<DriveContext> = ({ copyStatus }) =>
  copyStatus !== 'Completed' ? null : reason('COPY_STATUS_CLEAN', { copyStatus });
/** A bay's report is put right only before the drive leaves: while its job is still being copied or packed. */
export const correctable: Guard<DriveContext> = ({ drive, job }) =>
  job && (job.state === 'Transferring' || job.state === 'Packaging')
    ? null
    : reason('COPY_NOT_CORRECTABLE', { driveIds: [drive.driveId], job: job?.name ?? null, state: job?.state ?? null });
const both =
  (a: Guard<DriveContext>, b: Guard<DriveContext>): Guard<DriveContext> =>
  (ctx) =>
    a(ctx) ?? b(ctx);
const notHeld: Guard<DriveContext> = ({ drive }) => (drive.heldSince ? reason('DRIVE_HELD', one(drive)) : null);
export const heldAtDock: Guard<DriveContext> = ({ drive }) => {
  if (!isAtDock(drive)) return reason('DRIVE_NOT_AT_DOCK', one(drive));
  return drive.heldSince ? null : reason('DRIVE_NOT_HELD', one(drive));
};
/**
 * A held drive goes back to its sender once its return is due: held 2 weeks with no one found to make its job
 * ready (before that, staff contact the customer). The day is the station's, so the screens show it as is.
 */
export const returnDue: Guard<DriveContext> = ({ drive, now }) => {
  if (!drive.heldSince) return null;
  const due = ms(drive.heldSince) + DEADLINES.heldReturnDue;
  if (now !== undefined && ms(now) >= due) return null;
  return reason('HELD_RETURN_NOT_DUE', { ...one(drive), since: localDate(new Date(drive.heldSince)), due: localDate(new Date(due)) });
};
const backToDriveFaultedFrom =
  (to: DriveState): Guard<DriveContext> =>
  ({ drive }) =>
    drive.faultedFrom === to ? null : reason('NOT_FAULTED_FROM', { ...one(drive), faultedFrom: drive.faultedFrom, to });

// ---- tables -------------------------------------------------------------------------------------

export const FAULTABLE_JOB: readonly JobState[] = ['Creating', 'Shipping', 'Received', 'Transferring', 'Packaging'];
export const FAULTABLE_DRIVE: readonly DriveState[] = ['Received', 'Transferring', 'Completed', 'CompletedMoreInfo'];

export const JOB_TRANSITIONS: readonly Transition<JobState, JobTrigger, JobContext>[] = [
  {
    from: 'Creating',
    to: 'Shipping',
    trigger: 'customerShipped',
    by: 'ship',
    rule: 'Shipping needs the delivery package and a complete return address',
    guard: deliveryAndAddress,
  },
  {
    from: 'Shipping',
    to: 'Received',
    trigger: 'packageReceived',
    by: STATION,
    rule: "the job's package was received and closed",
    guard: boxOpen,
  },
  {
    from: 'Received',
    to: 'Transferring',
    trigger: 'copyStarted',
    by: 'startCopy',
    rule: 'copy starts on a received job that is not cancelled',
    guard: notCancelled,
  },
  { from: 'Received', to: 'Packaging', trigger: 'copySkipped', by: STATION, rule: 'a cancelled job skips the data copy', guard: cancelled },
  {
    from: 'Received',
    to: 'Packaging',
    trigger: 'nothingToCopy',
    by: STATION,
    rule: 'no drive of the job arrived, so there is nothing to copy',
    guard: nothingArrived,
  },
  { from: 'Transferring', to: 'Packaging', trigger: 'allDrivesProcessed', by: STATION, rule: 'all drives processed', guard: allProcessed },
  {
    from: 'Packaging',
    to: 'Completed',
    trigger: 'shippedBack',
    by: 'shipBack',
    rule: 'drives shipped back and the job had no errors',
    guard: noErrors,
  },
  {
    from: 'Packaging',
    to: 'Closed',
    trigger: 'shippedBackWithErrors',
    by: 'shipBack',
    rule: 'drives shipped back and the job had errors',
    guard: hasErrors,
  },
  {
    from: 'Packaging',
    to: 'Closed',
    trigger: 'closedNothingToShip',
    by: 'closeWithoutShipment',
    rule: 'nothing of the job is at the dock to ship back (never received or destroyed)',
    guard: nothingAtDock,
  },
  {
    from: 'Shipping',
    to: 'Closed',
    trigger: 'noReplyAfterNotice',
    by: STATION,
    rule: 'no reply 30 days after the customer was notified',
    guard: noticeGiven,
  },
  ...FAULTABLE_JOB.map((from) => ({
    from,
    to: 'Faulted' as const,
    trigger: 'fault' as const,
    by: 'faultJob',
    rule: 'faulted with a reason',
  })),
  ...FAULTABLE_JOB.map((to) => ({
    from: 'Faulted' as const,
    to,
    trigger: 'resolve' as const,
    by: 'resolveJob',
    rule: 'resolved back to the state it left',
    guard: backToJobFaultedFrom(to),
  })),
];

export const DRIVE_TRANSITIONS: readonly Transition<DriveState, DriveTrigger, DriveContext>[] = [
  { from: 'Specified', to: 'Received', trigger: 'scanned', by: STATION, rule: 'an expected drive is scanned at the dock' },
  { from: 'Specified', to: 'NeverReceived', trigger: 'missingAtClose', by: STATION, rule: "the job's package was closed without it" },
  {
    from: 'Specified',
    to: 'NeverReceived',
    trigger: 'shippingTimedOut',
    by: STATION,
    rule: '2 weeks in Shipping and the package never arrived',
  },
  {
    from: 'NeverReceived',
    to: 'Received',
    trigger: 'arrivedLater',
    by: STATION,
    rule: 'a NeverReceived drive arrives in a later shipment',
  },
  {
    from: 'Received',
    to: 'Transferring',
    trigger: 'copyStarted',
    by: 'copyDrive',
    rule: 'copy starts on a received drive of the job',
    guard: copyable,
  },
  {
    from: 'Transferring',
    to: 'Completed',
    trigger: 'copyCompleted',
    by: 'copyResult',
    rule: 'copy finished without errors',
    guard: cleanCopy,
  },
  {
    from: 'Transferring',
    to: 'CompletedMoreInfo',
    trigger: 'copyCompletedMoreInfo',
    by: 'copyResult',
    rule: 'copy finished with errors, warnings or information',
    guard: copyWithInfo,
  },
  {
    from: 'Completed',
    to: 'CompletedMoreInfo',
    trigger: 'copyCorrected',
    by: 'correctCopy',
    rule: 'a clean copy corrected: the bay reported errors, warnings or information after all',
    guard: both(correctable, copyWithInfo),
  },
  {
    from: 'CompletedMoreInfo',
    to: 'Completed',
    trigger: 'copyCorrected',
    by: 'correctCopy',
    rule: 'a copy with errors corrected: it was clean after all',
    guard: both(correctable, cleanCopy),
  },
  {
    from: 'Completed',
    to: 'ShippedBack',
    trigger: 'shippedBack',
    by: 'shipBack',
    rule: 'the drive left for the return address',
    guard: notHeld,
  },
  {
    from: 'CompletedMoreInfo',
    to: 'ShippedBack',
    trigger: 'shippedBack',
    by: 'shipBack',
    rule: 'the drive left for the return address',
    guard: notHeld,
  },
  {
    from: 'Received',
    to: 'ShippedBack',
    trigger: 'shippedBack',
    by: 'shipBack',
    rule: 'a drive that was not copied (extra, cancelled, late) goes back with the job',
    guard: notHeld,
  },
  {
    from: 'NeverReceived',
    to: 'ShippedBack',
    trigger: 'heldReturned',
    by: 'returnHeld',
    rule: 'a held drive that came after its job gave it up is returned to the sender unprocessed',
    guard: heldAtDock,
  },
  {
    from: 'Received',
    to: 'ShippedBack',
    trigger: 'heldReturned',
    by: 'returnHeld',
    rule: 'a held drive whose job ended without it is returned to the sender',
    guard: heldAtDock,
  },
  {
    from: 'Specified',
    to: 'ShippedBack',
    trigger: 'heldReturned',
    by: 'returnHeld',
    rule: 'a held drive (job still Creating, or no job) is returned to the sender unprocessed',
    guard: heldAtDock,
  },
  { from: 'Received', to: 'Specified', trigger: 'scanUndone', by: STATION, rule: 'undo of the scan that received it' },
  {
    from: 'Received',
    to: 'NeverReceived',
    trigger: 'scanUndone',
    by: STATION,
    rule: 'undo of the scan that received it after it was NeverReceived',
  },
  ...FAULTABLE_DRIVE.map((from) => ({
    from,
    to: 'Faulted' as const,
    trigger: 'fault' as const,
    by: 'faultDrive',
    rule: 'faulted with a reason',
  })),
  ...FAULTABLE_DRIVE.map((to) => ({
    from: 'Faulted' as const,
    to,
    trigger: 'resolve' as const,
    by: 'resolveDrive',
    rule: 'resolved back to the state it left',
    guard: backToDriveFaultedFrom(to),
  })),
];

/** Is from → to an edge of the table at all (whatever the guard)? The property tests hold the store to it. */
export const isJobEdge = (from: JobState, to: JobState) => JOB_TRANSITIONS.some((t) => t.from === from && t.to === to);
export const isDriveEdge = (from: DriveState, to: DriveState) => DRIVE_TRANSITIONS.some((t) => t.from === from && t.to === to);
