// A job's drives going back: shipped back in the job's return box, or the job closed with nothing to ship.
import { fail } from '../errors.ts';
import type { Actor, DriveRecord, JobView } from '../model.ts';
import { drivesAtDock, jobErrors, requireAction } from '../rules.ts';
import { normalizeCode } from '../scan.ts';
import { jobViewOf } from '../queries/jobs.ts';
import { MAX_REASON, type Context } from './context.ts';
import { because } from '../reasons.ts';

/** Drives that go back in the job's return box: every drive of the job at the dock, extras included. */
export function returnDrives(c: Context, name: string): DriveRecord[] {
  return drivesAtDock(c.read.drivesOfJob(name));
}

export function shipBack(
  c: Context,
  actor: Actor,
  input: { jobName: unknown; carrierName: unknown; trackingNumber: unknown; carrierAccountNumber?: unknown; driveIds?: unknown },
): JobView {
  c.checkActor(actor);
  const tracking = normalizeCode(input?.trackingNumber, 'tracking number');
  if (typeof input.carrierName !== 'string' || !input.carrierName.trim() || input.carrierName.length > 64)
    fail('BAD_INPUT', 'The return carrier is required.');
  const carrierName = input.carrierName.trim();
  if (input.driveIds !== undefined && !Array.isArray(input.driveIds)) fail('BAD_INPUT', 'driveIds must be a list of serials.');
  const boxed = Array.isArray(input.driveIds) ? input.driveIds.map((s) => normalizeCode(s, 'drive serial')) : undefined;
  return c.op(() => {
    const job = c.liveJob(input.jobName);
    requireAction('shipBack', c.jobContext(job, boxed));
    const drives = returnDrives(c, job.name);
    const now = c.nowUtc();
    const returnPackage = { carrierName, trackingNumber: tracking, driveCount: drives.length, shipDate: now.slice(0, 10) };
    const account =
      typeof input.carrierAccountNumber === 'string'
        ? input.carrierAccountNumber.trim().slice(0, 64)
        : job.returnShipping?.carrierAccountNumber;
    for (const d of drives) {
      c.moveDrive(actor, d, job, 'ShippedBack', 'shippedBack', {
        tracking,
        sets: { active: 0, bitlocker_key: null },
        detail: { returnTracking: tracking },
      });
    }
    const after = c.read.job(job.name)!;
    const errors = jobErrors(after, c.read.allDrivesOfJob(job.name));
    c.tx.setJob(job.name, { return_package: JSON.stringify(returnPackage) });
    c.moveJob(
      actor,
      after,
      errors.length ? 'Closed' : 'Completed',
      errors.length ? 'shippedBackWithErrors' : 'shippedBack',
      errors.length ? errors.join('; ').slice(0, MAX_REASON) : null,
      { finished_at: now },
    );
    c.custody(actor, {
      action: 'job.returnPackage',
      subject: 'package',
      jobName: job.name,
      trackingNumber: tracking,
      detail: { ...returnPackage, carrierAccountNumber: account ?? null },
    });
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
    requireAction('closeWithoutShipment', c.jobContext(job));
    c.moveJob(actor, job, 'Closed', 'closedNothingToShip', why, { finished_at: c.nowUtc() });
    return jobViewOf(c.read, job.name);
  });
}
