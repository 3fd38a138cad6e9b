// A job's drives going back: shipped back in the job's return box, or the job closed with nothing to ship.
import { fail } from '../errors.ts';
import type { Actor, DriveRecord, JobView } from '../model.ts';
import { drivesAtDock, jobErrors, missingAddressFields } from '../rules.ts';
import { normalizeCode } from '../scan.ts';
import { jobViewOf } from '../queries/jobs.ts';
import { MAX_REASON, type Context } from './context.ts';
import { because } from '../reasons.ts';

/** Drives that go back in the job's return box: every drive of the job at the dock, extras included. */
export function returnDrives(c: Context, name: string): DriveRecord[] {
  return drivesAtDock(c.read.drivesOfJob(name));
}

export function shipBack(c: Context, actor: Actor, input: { jobName: unknown; carrierName: unknown; trackingNumber: unknown; carrierAccountNumber?: unknown; driveIds?: unknown }): JobView {
  c.checkActor(actor);
  const tracking = normalizeCode(input?.trackingNumber, 'tracking number');
  if (typeof input.carrierName !== 'string' || !input.carrierName.trim() || input.carrierName.length > 64) fail('BAD_INPUT', 'The return carrier is required.');
  const carrierName = input.carrierName.trim();
  return c.op(() => {
    const job = c.liveJob(input.jobName);
    if (job.state !== 'Packaging') fail('SHIP_NOT_READY', `Job ${job.name} is ${job.state}: drives ship back from Packaging.`);
    const missing = missingAddressFields(job.returnAddress);
    if (missing.length) fail('ADDRESS_INCOMPLETE', `The return address of ${job.name} is missing: ${missing.join(', ')}.`, { fields: missing });
    const drives = returnDrives(c, job.name);
    const busy = drives.filter((d) => d.state === 'Transferring' || d.state === 'Faulted');
    if (busy.length) fail('SHIP_NOT_READY', `Drives not ready to leave: ${busy.map((d) => `${d.driveId} (${d.state})`).join(', ')}.`);
    if (input.driveIds !== undefined) {
      if (!Array.isArray(input.driveIds)) fail('BAD_INPUT', 'driveIds must be a list of serials.');
      const boxed = input.driveIds.map((s) => normalizeCode(s, 'drive serial'));
      const foreign = boxed.filter((s) => !drives.some((d) => d.driveId === s));
      if (foreign.length) fail('DRIVE_NOT_IN_JOB', `Not drives of ${job.name} waiting to go back: ${foreign.join(', ')}.`, { driveIds: foreign });
      const notBoxed = drives.filter((d) => !boxed.includes(d.driveId));
      if (notBoxed.length) fail('SHIP_NOT_READY', `Drives of ${job.name} still missing from the box: ${notBoxed.map((d) => d.driveId).join(', ')}.`, { driveIds: notBoxed.map((d) => d.driveId) });
    }
    if (!drives.length) fail('SHIP_NOT_READY', `Job ${job.name} has no drive at the dock to ship back.`);
    const now = c.nowUtc();
    const returnPackage = { carrierName, trackingNumber: tracking, driveCount: drives.length, shipDate: now.slice(0, 10) };
    const account = typeof input.carrierAccountNumber === 'string' ? input.carrierAccountNumber.trim().slice(0, 64) : job.returnShipping?.carrierAccountNumber;
    for (const d of drives) {
      c.moveDrive(actor, d, job, 'ShippedBack', 'shippedBack', { tracking, sets: { active: 0, bitlocker_key: null }, detail: { returnTracking: tracking } });
    }
    const after = c.read.job(job.name)!;
    const errors = jobErrors(after, c.read.allDrivesOfJob(job.name));
    c.tx.setJob(job.name, { return_package: JSON.stringify(returnPackage) });
    c.moveJob(actor, after, errors.length ? 'Closed' : 'Completed', errors.length ? 'shippedBackWithErrors' : 'shippedBack',
      errors.length ? errors.join('; ').slice(0, MAX_REASON) : null, { finished_at: now });
    c.custody(actor, { action: 'job.returnPackage', subject: 'package', jobName: job.name, trackingNumber: tracking, detail: { ...returnPackage, carrierAccountNumber: account ?? null } });
    return jobViewOf(c.read, job.name);
  });
}

/**
 * A job in Packaging with nothing of it at the dock (every drive never received, or destroyed) cannot ship
 * a box: it ends Closed, with the reason.
 */
export function closeWithoutShipment(c: Context, actor: Actor, input: { jobName: unknown; reason?: unknown }): JobView {
  c.checkActor(actor);
  const why = c.reason(input?.reason, false) ?? because('nothingToShip');
  return c.op(() => {
    const job = c.liveJob(input?.jobName);
    if (job.state !== 'Packaging') fail('TRANSITION_FORBIDDEN', `Job ${job.name} is ${job.state}: only a job in Packaging is closed without a shipment.`);
    c.moveJob(actor, job, 'Closed', 'closedNothingToShip', why, { finished_at: c.nowUtc() });
    return jobViewOf(c.read, job.name);
  });
}
