// The data copy: started on a job's received drives, each copy bay's report recorded, and the job moved on to
// Packaging once every drive of it is processed.
import { fail, shown } from '../errors.ts';
import { COPY_STATUSES, type Actor, type DriveRecord, type DriveState, type DriveView, type JobRecord, type JobView } from '../model.ts';
import { checkJob, drivesToCopy, requireAction } from '../rules.ts';
import { normalizeCode } from '../scan.ts';
import type { DriveSets } from '../store/drives.ts';
import { driveView } from '../queries/views.ts';
import { jobViewOf } from '../queries/jobs.ts';
import type { Context } from './context.ts';

export function startCopy(c: Context, actor: Actor, input: { jobName: unknown; driveIds?: unknown }): JobView {
  c.checkActor(actor);
  if (input?.driveIds !== undefined && (!Array.isArray(input.driveIds) || input.driveIds.length === 0)) {
    fail('BAD_INPUT', 'driveIds must be a non-empty list of serials.');
  }
  const wanted = Array.isArray(input?.driveIds) ? [...new Set(input.driveIds.map((s) => normalizeCode(s, 'drive serial')))] : undefined;
  return c.op(() => {
    const job = c.liveJob(input?.jobName);
    const ctx = c.jobContext(job, wanted);
    requireAction('startCopy', ctx);
    const chosen = drivesToCopy(ctx.drives).filter((d) => !wanted || wanted.includes(d.driveId));
    let current = job;
    if (job.state === 'Received') current = c.moveJob(actor, job, 'Transferring', 'copyStarted', null);
    for (const d of chosen)
      c.moveDrive(actor, d, current, 'Transferring', 'copyStarted', { sets: { copy_status: null, percent_complete: 0 } });
    return jobViewOf(c.read, job.name);
  });
}

/** A copy bay's report for one drive: progress, or the final status with its logs. */
export function recordCopyResult(
  c: Context,
  actor: Actor,
  input: {
    driveId: unknown;
    copyStatus?: unknown;
    percentComplete?: unknown;
    bytesSucceeded?: unknown;
    errorLogUri?: unknown;
    verboseLogUri?: unknown;
  },
): DriveView {
  c.checkActor(actor);
  const status = input?.copyStatus;
  if (status !== undefined && (typeof status !== 'string' || !(COPY_STATUSES as readonly string[]).includes(status))) {
    fail('BAD_INPUT', `Unknown copy status "${shown(status)}"; expected one of ${COPY_STATUSES.join(', ')}.`);
  }
  const pct = input?.percentComplete ?? (status === 'Completed' ? 100 : undefined);
  if (pct !== undefined && (typeof pct !== 'number' || !Number.isFinite(pct) || pct < 0 || pct > 100))
    fail('BAD_INPUT', 'percentComplete is a number from 0 to 100.');
  const bytes = input?.bytesSucceeded;
  if (bytes !== undefined && (typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes < 0))
    fail('BAD_INPUT', 'bytesSucceeded is a whole number of bytes, 0 or more.');
  for (const k of ['errorLogUri', 'verboseLogUri'] as const) {
    const v = input?.[k];
    if (v !== undefined && (typeof v !== 'string' || v.length > 2048 || !/^(https?|file):\/\//.test(v)))
      fail('BAD_INPUT', `${k} must be an http(s) or file URI.`);
  }
  return c.op(() => {
    const drive = c.liveDrive(input.driveId);
    const { job } = c.driveContext(drive);
    requireAction('copyResult', { drive, job });
    const sets: DriveSets = {};
    if (pct !== undefined) sets.percent_complete = Math.floor(pct);
    if (bytes !== undefined) sets.bytes_succeeded = bytes;
    if (input.errorLogUri) sets.error_log_uri = input.errorLogUri as string;
    if (input.verboseLogUri) sets.verbose_log_uri = input.verboseLogUri as string;
    let d: DriveRecord;
    if (status === undefined) {
      const cols = Object.keys(sets);
      if (!cols.length) fail('BAD_INPUT', 'The report holds nothing: give a copy status or progress.');
      c.tx.setDrive(drive.id, sets);
      c.custody(actor, {
        action: 'drive.copyProgress',
        subject: 'drive',
        jobName: drive.jobName,
        driveId: drive.driveId,
        stateBefore: drive.state,
        stateAfter: drive.state,
        detail: { row: drive.id, ...sets },
      });
      c.touch('drives', drive.driveId);
      c.touch('jobs', drive.jobName);
      d = c.read.driveById(drive.id)!;
    } else {
      const to: DriveState = status === 'Completed' ? 'Completed' : 'CompletedMoreInfo';
      d = c.moveDrive(actor, drive, job, to, to === 'Completed' ? 'copyCompleted' : 'copyCompletedMoreInfo', {
        copyStatus: status,
        sets: { ...sets, copy_status: status },
        detail: { copyStatus: status },
      });
      if (job) maybePackaging(c, actor, c.read.job(job.name)!);
    }
    return driveView(d);
  });
}

/**
 * A bay's final report put right: a new custody record beside the first (never an edit of it), for a drive
 * already Completed or CompletedMoreInfo whose job has not left. The status may change between the two, or
 * only the logs and bytes; the reason says what was wrong.
 */
export function correctCopyResult(
  c: Context,
  actor: Actor,
  input: {
    driveId: unknown;
    copyStatus: unknown;
    bytesSucceeded?: unknown;
    errorLogUri?: unknown;
    verboseLogUri?: unknown;
    reason: unknown;
  },
): DriveView {
  c.checkActor(actor);
  const status = input?.copyStatus;
  if (typeof status !== 'string' || !(COPY_STATUSES as readonly string[]).includes(status)) {
    fail('BAD_INPUT', `Unknown copy status "${shown(status)}"; expected one of ${COPY_STATUSES.join(', ')}.`);
  }
  const bytes = input.bytesSucceeded;
  if (bytes !== undefined && (typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes < 0)) {
    fail('BAD_INPUT', 'bytesSucceeded is a whole number of bytes, 0 or more.');
  }
  for (const k of ['errorLogUri', 'verboseLogUri'] as const) {
    const v = input[k];
    if (v !== undefined && (typeof v !== 'string' || v.length > 2048 || !/^(https?|file):\/\//.test(v))) {
      fail('BAD_INPUT', `${k} must be an http(s) or file URI.`);
    }
  }
  const why = c.reason(input.reason, true)!;
  return c.op(() => {
    const drive = c.liveDrive(input.driveId);
    const { job } = c.driveContext(drive);
    requireAction('correctCopy', { drive, job });
    const sets: DriveSets = { copy_status: status, percent_complete: 100 };
    if (bytes !== undefined) sets.bytes_succeeded = bytes;
    if (input.errorLogUri) sets.error_log_uri = input.errorLogUri as string;
    if (input.verboseLogUri) sets.verbose_log_uri = input.verboseLogUri as string;
    const to: DriveState = status === 'Completed' ? 'Completed' : 'CompletedMoreInfo';
    const detail = { copyStatus: status, copyStatusBefore: drive.copyStatus, ...sets };
    if (to !== drive.state) {
      const d = c.moveDrive(actor, drive, job, to, 'copyCorrected', { reason: why, copyStatus: status, sets, detail });
      return driveView(d);
    }
    c.tx.setDrive(drive.id, sets);
    c.custody(actor, {
      action: 'drive.copyCorrected',
      subject: 'drive',
      jobName: drive.jobName,
      driveId: drive.driveId,
      reason: why,
      stateBefore: drive.state,
      stateAfter: drive.state,
      detail: { row: drive.id, ...detail },
    });
    c.touch('drives', drive.driveId);
    c.touch('jobs', drive.jobName);
    return driveView(c.read.driveById(drive.id)!);
  });
}

/** Transferring → Packaging once every drive of the job is processed. */
export function maybePackaging(c: Context, actor: Actor, job: JobRecord): void {
  if (job.state !== 'Transferring') return;
  if (!checkJob('Packaging', 'allDrivesProcessed', c.jobContext(job)).ok) return;
  c.moveJob(actor, job, 'Packaging', 'allDrivesProcessed', null);
}
