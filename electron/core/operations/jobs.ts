// Jobs as the service writes them (put, update, import) and as staff change them (cancel, fault, resolve, notify,
// extend the wait). Drives listed by a job are created with it.
import { fail } from '../errors.ts';
import { parseImport, parsePatch, parsePut, type DriveInput, type JobInput } from '../importing.ts';
import type { Actor, DriveState, DriveView, JobRecord, JobState, JobView } from '../model.ts';
import { driveLimit, refusalError, requireAction } from '../rules.ts';
import { trackingBase } from '../scan.ts';
import type { JobSets } from '../store/jobs.ts';
import { driveView } from '../queries/views.ts';
import { jobViewOf } from '../queries/jobs.ts';
import type { Context } from './context.ts';
import { maybePackaging } from './copy.ts';
import { because, type StationReason } from '../reasons.ts';

/** Put: creates a job in `Creating` (or `Shipping` when asked and its guard holds). */
export function putJob(c: Context, actor: Actor, input: unknown): JobView {
  c.checkActor(actor);
  const job = parsePut(input);
  return c.op(() => {
    const existing = c.read.job(job.name);
    if (existing && !existing.deletedAt) fail('JOB_EXISTS', `A job named "${job.name}" already exists (${existing.state}).`);
    createJob(c, actor, job, 'job.created');
    return jobViewOf(c.read, job.name);
  });
}

export function createJob(c: Context, actor: Actor, input: JobInput, action: string): void {
  const now = c.nowUtc();
  const tooMany = driveLimit(input, input.driveList.length);
  if (tooMany) throw refusalError(tooMany, 'TOO_MANY_DRIVES');
  const existing = c.read.job(input.name);
  if (existing) {
    // a deleted job's name may be used again: the old record goes, its custody stays
    c.tx.deleteInactiveDrivesOfJob(input.name);
    c.tx.removeJobFromPackages(input.name);
    c.tx.deleteJob(input.name);
  }
  const wanted: JobState = input.state ?? 'Creating';
  const tracking = input.deliveryPackage?.trackingNumber ?? null;
  c.tx.insertJob({
    name: input.name,
    jobType: input.jobType,
    cancelRequested: Boolean(input.cancelRequested),
    deliveryPackage: input.deliveryPackage ? JSON.stringify(input.deliveryPackage) : null,
    deliveryTracking: tracking,
    deliveryTrackingBase: tracking ? trackingBase(tracking) : null,
    returnAddress: input.returnAddress ? JSON.stringify(input.returnAddress) : null,
    returnShipping: input.returnShipping ? JSON.stringify(input.returnShipping) : null,
    returnPackage: input.returnPackage ? JSON.stringify(input.returnPackage) : null,
    diagnosticsPath: input.diagnosticsPath ?? null,
    logLevel: input.logLevel ?? 'Error',
    incompleteBlobListUri: input.incompleteBlobListUri ?? null,
    now,
  });
  c.custody(actor, {
    action,
    subject: 'job',
    jobName: input.name,
    stateBefore: null,
    stateAfter: 'Creating',
    detail: { jobType: input.jobType },
  });
  c.touch('jobs', input.name);
  for (const d of input.driveList) addListedDrive(c, actor, input.name, input.jobType, d);
  if (wanted === 'Shipping') {
    c.moveJob(actor, c.read.job(input.name)!, 'Shipping', 'customerShipped', null, { shipping_since: now, creating_since: null });
  }
}

export function addListedDrive(c: Context, actor: Actor, jobName: string, jobType: JobRecord['jobType'], d: DriveInput): void {
  const orphan = c.read.activeDrive(d.driveId);
  if (orphan && orphan.role === 'orphan') {
    // a held drive of no job is claimed by the job that lists it; it stays held until released
    c.tx.claimOrphan(orphan.id, jobName, d.bitLockerKey ?? null);
    c.custody(actor, {
      action: 'drive.claimedByJob',
      subject: 'drive',
      jobName,
      driveId: d.driveId,
      trackingNumber: orphan.packageTracking,
      stateBefore: orphan.state,
      stateAfter: orphan.state,
      detail: { row: orphan.id },
    });
    c.touch('drives', d.driveId);
    return;
  }
  const state: DriveState = jobType === 'Export' ? 'Received' : 'Specified';
  c.insertDrive(actor, { driveId: d.driveId, jobName, role: 'listed', state, input: d }, 'drive.listed');
}

/** Update: the service's PATCH. Any update while `Creating` keeps it `Creating` and restarts its 2 weeks. */
export function updateJob(c: Context, actor: Actor, name: unknown, patchInput: unknown): JobView {
  c.checkActor(actor);
  const patch = parsePatch(patchInput);
  return c.op(() => {
    const job = c.liveJob(name);
    const now = c.nowUtc();
    const sets: JobSets = {};
    const changed: string[] = [];
    if (patch.deliveryPackage) {
      requireAction('changeDeliveryPackage', c.jobContext(job));
      sets.delivery_package = JSON.stringify(patch.deliveryPackage);
      sets.delivery_tracking = patch.deliveryPackage.trackingNumber;
      sets.delivery_tracking_base = trackingBase(patch.deliveryPackage.trackingNumber);
      changed.push('deliveryPackage');
    }
    if (patch.returnAddress) {
      const merged = { ...(job.returnAddress ?? {}), ...patch.returnAddress };
      sets.return_address = JSON.stringify(merged);
      changed.push('returnAddress');
    }
    if (patch.returnShipping) {
      sets.return_shipping = JSON.stringify(patch.returnShipping);
      changed.push('returnShipping');
    }
    if (patch.logLevel) {
      sets.log_level = patch.logLevel;
      changed.push('logLevel');
    }
    if (patch.diagnosticsPath) {
      sets.diagnostics_path = patch.diagnosticsPath;
      changed.push('diagnosticsPath');
    }
    if (patch.driveList) {
      requireAction(
        'addDrives',
        c.jobContext(
          job,
          patch.driveList.map((d) => d.driveId),
        ),
      );
      const current = c.read.drivesOfJob(job.name).filter((d) => d.role === 'listed');
      const adding = patch.driveList.filter((d) => !current.some((c) => c.driveId === d.driveId));
      for (const d of adding) addListedDrive(c, actor, job.name, job.jobType, d);
      changed.push('driveList');
    }
    if (!changed.length && !patch.state && !patch.cancelRequested) fail('BAD_INPUT', 'The update changes nothing.');
    // any update (drives added included) is recorded, and while Creating restarts the 2 weeks
    if (changed.length) {
      if (job.state === 'Creating') sets.creating_since = now;
      sets.updated_at = now;
      c.tx.setJob(job.name, sets);
      c.custody(actor, {
        action: 'job.updated',
        subject: 'job',
        jobName: job.name,
        stateBefore: job.state,
        stateAfter: job.state,
        detail: { fields: changed },
      });
      c.touch('jobs', job.name);
    }
    if (patch.state) {
      // an update may only move a Creating job to Shipping
      requireAction('ship', c.jobContext(job));
      c.moveJob(actor, c.read.job(job.name)!, 'Shipping', 'customerShipped', null, { shipping_since: now, creating_since: null });
    }
    if (patch.cancelRequested) cancelInside(c, actor, c.read.job(job.name)!, 'customer requested cancellation');
    return jobViewOf(c.read, job.name);
  });
}

/** Imports the service's `Get Job` JSON: one job, a list, or `{ value: [...] }`. All or nothing. */
export function importJobs(c: Context, actor: Actor, json: unknown): { created: string[]; updated: string[] } {
  c.checkActor(actor);
  const jobs = parseImport(json);
  return c.op(() => {
    const created: string[] = [];
    const updated: string[] = [];
    for (const j of jobs) {
      const existing = c.read.job(j.name);
      if (!existing || existing.deletedAt) {
        createJob(c, actor, j, 'job.imported');
        created.push(j.name);
      } else {
        const patch: Record<string, unknown> = {};
        if (j.deliveryPackage && ['Creating', 'Shipping'].includes(existing.state)) patch.deliveryPackage = j.deliveryPackage;
        if (j.returnAddress) patch.returnAddress = j.returnAddress;
        if (j.returnShipping) patch.returnShipping = j.returnShipping;
        if (j.state === 'Shipping' && existing.state === 'Creating') patch.state = 'Shipping';
        if (Object.keys(patch).length) {
          updateJob(c, actor, j.name, patch);
          updated.push(j.name);
        }
      }
    }
    return { created, updated };
  });
}

export function cancelJob(c: Context, actor: Actor, name: unknown, reason?: unknown): JobView {
  c.checkActor(actor);
  const why = c.reason(reason, false) ?? because('cancelRequested');
  return c.op(() => {
    const job = c.liveJob(name);
    cancelInside(c, actor, job, why);
    return jobViewOf(c.read, job.name);
  });
}

export function cancelInside(c: Context, actor: Actor, job: JobRecord, why: string | StationReason): void {
  requireAction('cancel', c.jobContext(job));
  c.tx.setJob(job.name, { cancel_requested: 1, updated_at: c.nowUtc() });
  c.custody(actor, {
    action: 'job.cancelRequested',
    subject: 'job',
    jobName: job.name,
    reason: why,
    stateBefore: job.state,
    stateAfter: job.state,
  });
  c.touch('jobs', job.name);
  const after = c.read.job(job.name)!;
  if (after.state === 'Received') c.moveJob(actor, after, 'Packaging', 'copySkipped', why);
  else if (after.state === 'Transferring') maybePackaging(c, actor, after);
}

export function faultJob(c: Context, actor: Actor, name: unknown, reason: unknown): JobView {
  c.checkActor(actor);
  const why = c.reason(reason, true)!;
  return c.op(() => {
    const job = c.liveJob(name);
    requireAction('faultJob', c.jobContext(job));
    c.moveJob(actor, job, 'Faulted', 'fault', why, { faulted_from: job.state, fault_reason: why });
    return jobViewOf(c.read, job.name);
  });
}

export function resolveJob(c: Context, actor: Actor, name: unknown, reason: unknown): JobView {
  c.checkActor(actor);
  const why = c.reason(reason, true)!;
  return c.op(() => {
    const job = c.liveJob(name);
    requireAction('resolveJob', c.jobContext(job));
    const back = c.moveJob(actor, job, job.faultedFrom!, 'resolve', why, { faulted_from: null, fault_reason: null });
    // what happened while it was faulted (copies ending, a cancel) applies now
    if (back.state === 'Transferring') maybePackaging(c, actor, back);
    else if (back.state === 'Received' && back.cancelRequested)
      c.moveJob(actor, back, 'Packaging', 'copySkipped', because('cancelSkipsCopy'));
    return jobViewOf(c.read, job.name);
  });
}

export function faultDrive(c: Context, actor: Actor, serial: unknown, reason: unknown): DriveView {
  c.checkActor(actor);
  const why = c.reason(reason, true)!;
  return c.op(() => {
    const drive = c.liveDrive(serial);
    const { job } = c.driveContext(drive);
    requireAction('faultDrive', { drive, job });
    return driveView(
      c.moveDrive(actor, drive, job, 'Faulted', 'fault', { reason: why, sets: { faulted_from: drive.state, fault_reason: why } }),
    );
  });
}

export function resolveDrive(c: Context, actor: Actor, serial: unknown, reason: unknown): DriveView {
  c.checkActor(actor);
  const why = c.reason(reason, true)!;
  return c.op(() => {
    const drive = c.liveDrive(serial);
    const { job } = c.driveContext(drive);
    requireAction('resolveDrive', { drive, job });
    const d = c.moveDrive(actor, drive, job, drive.faultedFrom!, 'resolve', {
      reason: why,
      sets: { faulted_from: null, fault_reason: null },
    });
    if (job && job.state === 'Transferring') maybePackaging(c, actor, job);
    return driveView(d);
  });
}

/** Staff told the customer their package has not arrived: the 30-day clock to `Closed` starts. */
export function notifyCustomer(c: Context, actor: Actor, name: unknown, note?: unknown): JobView {
  c.checkActor(actor);
  const why = c.reason(note, false);
  return c.op(() => {
    const job = c.liveJob(name);
    requireAction('notifyCustomer', c.jobContext(job));
    c.tx.setJob(job.name, { notified_at: c.nowUtc(), updated_at: c.nowUtc() });
    c.custody(actor, {
      action: 'job.customerNotified',
      subject: 'job',
      jobName: job.name,
      reason: why,
      stateBefore: job.state,
      stateAfter: job.state,
    });
    c.touch('jobs', job.name);
    return jobViewOf(c.read, job.name);
  });
}

/** Staff agreed with the customer to wait longer for the package. */
export function extendWait(c: Context, actor: Actor, name: unknown, days: unknown, reason?: unknown): JobView {
  c.checkActor(actor);
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 90)
    fail('BAD_INPUT', 'Extend the wait by 1 to 90 whole days.');
  const why = c.reason(reason, false);
  return c.op(() => {
    const job = c.liveJob(name);
    requireAction('extendWait', c.jobContext(job));
    const until = new Date(c.clock.now().getTime() + days * 86_400_000).toISOString();
    c.tx.setJob(job.name, { wait_until: until, notified_at: null, updated_at: c.nowUtc() });
    c.custody(actor, {
      action: 'job.waitExtended',
      subject: 'job',
      jobName: job.name,
      reason: why,
      stateBefore: job.state,
      stateAfter: job.state,
      detail: { until },
    });
    c.touch('jobs', job.name);
    return jobViewOf(c.read, job.name);
  });
}
