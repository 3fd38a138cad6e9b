// Holds and what ends them: a drive put on hold, drives of a job whose record goes kept as held drives of no job,
// a held box released once its job is Shipping, held drives returned to the sender, and secure destruction.
import { isoWithZone } from '../clock.ts';
import { fail } from '../errors.ts';
import type { Actor, DriveRecord, JobRecord, PackageRecord, ReturnAddress } from '../model.ts';
import { checkJob, isAtDock, missingAddressFields, reason, refusalError, requireAction, takesDrives } from '../rules.ts';
import { normalizeCode } from '../scan.ts';
import { witnessRefusal } from '../witness.ts';
import { packageViewOf } from '../queries/jobs.ts';
import type { PackageView } from '../queries/views.ts';
import type { Context } from './context.ts';
import { maybePackaging } from './copy.ts';
import { because, reasonText, type StationReason } from '../reasons.ts';

/** Puts a drive at the dock on hold; `pkg` is the box it just came in, or null when it was already here. */
export function holdDrive(
  c: Context,
  actor: Actor,
  drive: DriveRecord,
  pkg: PackageRecord | null,
  why: string | StationReason,
): DriveRecord {
  const now = c.nowUtc();
  const text = reasonText(why)!;
  if (pkg) c.tx.setDrive(drive.id, { held_since: now, hold_reason: text, package_tracking: pkg.trackingNumber, received_at: now });
  else c.tx.setDrive(drive.id, { held_since: now, hold_reason: text });
  const tracking = pkg?.trackingNumber ?? drive.packageTracking;
  c.custody(actor, {
    action: pkg ? 'drive.held' : 'drive.heldAtDock',
    subject: 'drive',
    jobName: drive.jobName,
    driveId: drive.driveId,
    trackingNumber: tracking,
    reason: why,
    stateBefore: drive.state,
    stateAfter: drive.state,
    detail: { row: drive.id },
  });
  c.touch('drives', drive.driveId);
  c.touch('jobs', drive.jobName);
  return c.read.driveById(drive.id)!;
}

/**
 * The job's record is going (deleted or purged) but some of its drives are still at the dock: they become
 * held drives of no job, so they stay listed with their return and destruction deadlines. A drive that never
 * reached the dock goes with the job's record: it is no drive of the dock to hold, return or destroy.
 */
export function detachFromJob(c: Context, actor: Actor, jobName: string, why: string | StationReason): void {
  const now = c.nowUtc();
  for (const d of c.read.drivesOfJob(jobName)) {
    if (!isAtDock(d)) {
      c.tx.deleteDrive(d.id);
      c.touch('drives', d.driveId);
      continue;
    }
    c.tx.detachDrive(d.id, now, reasonText(why)!);
    c.custody(actor, {
      action: 'drive.detachedFromJob',
      subject: 'drive',
      jobName,
      driveId: d.driveId,
      trackingNumber: d.packageTracking,
      reason: why,
      stateBefore: d.state,
      stateAfter: d.state,
      detail: { row: d.id },
    });
    c.touch('drives', d.driveId);
  }
}

/** A held package whose job is now Shipping is opened again: its held drives are received. */
export function releaseHold(c: Context, actor: Actor, input: { trackingNumber: unknown }): PackageView {
  c.checkActor(actor);
  const tracking = normalizeCode(input?.trackingNumber, 'tracking number');
  return c.op(() => {
    const pkg = c.read.package(tracking);
    if (!pkg) fail('PACKAGE_UNKNOWN', `Package ${tracking} has not been received here.`);
    const ctx = c.packageContext(pkg, actor);
    requireAction('releaseHold', ctx);
    const now = c.nowUtc();
    let released = 0;
    for (const { drive: d, job } of ctx.held) {
      if (!takesDrives(job)) continue;
      if (!pkg.jobNames.includes(job.name)) c.tx.addJobToPackage(tracking, job.name);
      c.moveDrive(actor, d, job, 'Received', 'scanned', {
        tracking,
        action: 'drive.holdReleased',
        reason: because('jobReady', { job: job.name, state: job.state }),
        sets: { held_since: null, hold_reason: null, received_at: now },
      });
      released++;
    }
    c.tx.reopenPackage(tracking, actor.station);
    c.custody(actor, {
      action: 'package.holdReleased',
      subject: 'package',
      trackingNumber: tracking,
      stateBefore: 'held',
      stateAfter: 'open',
      detail: { released },
    });
    c.touch('packages', tracking);
    return packageViewOf(c.read, tracking)!;
  });
}

/**
 * Held drives go back to the sender when no one can be reached to make the job ready (after
 * 2 weeks staff try to return them). The return address is the one given, else the job's; it must be
 * complete. Each drive leaves the dock: Specified → ShippedBack, with the return tracking in custody.
 */
export function returnHeldDrives(
  c: Context,
  actor: Actor,
  input: {
    driveIds: unknown;
    carrierName: unknown;
    trackingNumber: unknown;
    carrierAccountNumber?: unknown;
    address?: unknown;
    reason?: unknown;
  },
): {
  returnPackage: { carrierName: string; trackingNumber: string; driveCount: number; shipDate: string };
  driveIds: string[];
  address: Partial<ReturnAddress>;
} {
  c.checkActor(actor);
  if (!Array.isArray(input?.driveIds) || !input.driveIds.length || input.driveIds.length > 100)
    fail('BAD_INPUT', 'List 1 to 100 held drive serials to return.');
  const tracking = normalizeCode(input.trackingNumber, 'tracking number');
  if (typeof input.carrierName !== 'string' || !input.carrierName.trim() || input.carrierName.length > 64)
    fail('BAD_INPUT', 'The return carrier is required.');
  const carrierName = input.carrierName.trim();
  if (input.address !== undefined && (input.address === null || typeof input.address !== 'object' || Array.isArray(input.address)))
    fail('BAD_INPUT', 'The return address must be an address.');
  const why = c.reason(input.reason, false);
  const serials = [...new Set(input.driveIds.map((s) => normalizeCode(s, 'drive serial')))];
  return c.op(() => {
    if (c.read.anyRecordOf('drive.heldReturned', tracking)) {
      fail('BAD_INPUT', `Return tracking number ${tracking} was already used for a return of held drives.`);
    }
    const drives = serials.map((s) => c.liveDrive(s));
    requireAction(
      'returnHeld',
      drives.map((d) => c.driveContext(d)),
    );
    const jobNames = [...new Set(drives.map((d) => d.jobName))];
    const job = jobNames.length === 1 && jobNames[0] ? c.read.job(jobNames[0]) : null;
    const given = input.address ?? null;
    const address: Partial<ReturnAddress> = given
      ? Object.fromEntries(
          Object.entries(given)
            .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].length <= 254)
            .map(([k, v]) => [k, v.trim()]),
        )
      : (job?.returnAddress ?? {});
    const missing = missingAddressFields(address);
    if (missing.length) {
      throw refusalError(reason('RETURN_ADDRESS_INCOMPLETE', { job: job?.name ?? null, fields: missing }), 'ADDRESS_INCOMPLETE');
    }
    const now = c.nowUtc();
    const returnPackage = { carrierName, trackingNumber: tracking, driveCount: drives.length, shipDate: now.slice(0, 10) };
    const account = typeof input.carrierAccountNumber === 'string' ? input.carrierAccountNumber.trim().slice(0, 64) : null;
    const packages = new Set<string>();
    for (const d of drives) {
      const owner = d.jobName ? c.read.job(d.jobName) : null;
      c.moveDrive(actor, d, owner, 'ShippedBack', 'heldReturned', {
        tracking,
        action: 'drive.heldReturned',
        reason: why ?? because('heldReturned'),
        sets: { active: 0, held_since: null, hold_reason: null, bitlocker_key: null },
        detail: { returnPackage, carrierAccountNumber: account, address, heldSince: d.heldSince, package: d.packageTracking },
      });
      if (d.packageTracking) packages.add(d.packageTracking);
    }
    endEmptyHolds(c, actor, packages, because('allHeldReturned'));
    return { returnPackage, driveIds: serials, address };
  });
}

/** A job in Transferring/Packaging whose return address is wrong or missing, and whose contact could not be reached. */
const contactUnreachable = (job: JobRecord): boolean =>
  (job.state === 'Transferring' || job.state === 'Packaging') && Boolean(job.addressWantingSince) && job.contactOutcome === 'unreachable';

/** Secure destruction is custody too: method, operator, witness, date. */
export function recordDestruction(
  c: Context,
  actor: Actor,
  input: { driveIds: unknown; method: unknown; witness: unknown; reason?: unknown },
): {
  certificate: {
    driveIds: string[];
    jobNames: (string | null)[];
    method: string;
    operator: string;
    witness: string;
    at: string;
    station: string;
  };
} {
  c.checkActor(actor);
  if (!Array.isArray(input?.driveIds) || !input.driveIds.length || input.driveIds.length > 100)
    fail('BAD_INPUT', 'List 1 to 100 drive serials to destroy.');
  if (typeof input.method !== 'string' || !input.method.trim()) fail('BAD_INPUT', 'The destruction method is required.');
  const notWitness = witnessRefusal(actor.operator, input.witness);
  if (notWitness) fail(notWitness.code, notWitness.message);
  const why = c.reason(input.reason, false);
  const serials = input.driveIds.map((s) => normalizeCode(s, 'drive serial'));
  return c.op(() => {
    const now = c.nowUtc();
    const drives = serials.map((s) => c.liveDrive(s));
    requireAction(
      'destroy',
      drives.map((d) => c.driveContext(d)),
    );
    for (const d of drives) {
      c.tx.setDrive(d.id, { destroyed_at: now, active: 0, bitlocker_key: null });
      c.custody(actor, {
        action: 'drive.destroyed',
        subject: 'drive',
        jobName: d.jobName,
        driveId: d.driveId,
        trackingNumber: d.packageTracking,
        reason: why,
        stateBefore: d.state,
        stateAfter: d.state,
        detail: { row: d.id, method: input.method, witness: (input.witness as string).trim() },
      });
      c.touch('drives', d.driveId);
      c.touch('jobs', d.jobName);
    }
    for (const name of new Set(drives.map((d) => d.jobName))) {
      const job = name ? c.read.job(name) : null;
      if (!job) continue;
      maybePackaging(c, actor, job);
      // the contact unreachable and nothing of the job left at the dock to ship: the job ends, and is purged in due time
      const after = c.read.job(job.name)!;
      if (
        after.state === 'Packaging' &&
        contactUnreachable(after) &&
        checkJob('Closed', 'closedNothingToShip', { job: after, drives: c.read.allDrivesOfJob(after.name) }).ok
      ) {
        c.moveJob(
          actor,
          after,
          'Closed',
          'closedNothingToShip',
          "drives securely destroyed: the job's contact could not be reached about its return address",
          { finished_at: now },
        );
      }
    }
    const boxes = new Set(drives.flatMap((d) => (d.heldSince && d.packageTracking ? [d.packageTracking] : [])));
    endEmptyHolds(c, actor, boxes, because('allHeldDestroyed'));
    return {
      certificate: {
        driveIds: serials,
        jobNames: drives.map((d) => d.jobName),
        method: (input.method as string).trim(),
        operator: actor.operator,
        witness: (input.witness as string).trim(),
        at: isoWithZone(c.clock.now()),
        station: actor.station,
      },
    };
  });
}

/** A held box with no held drive left in it (returned or destroyed) is held no more: it closes. */
function endEmptyHolds(c: Context, actor: Actor, trackings: Iterable<string>, why: StationReason): void {
  for (const t of trackings) {
    const pkg = c.read.package(t);
    if (!pkg || pkg.state !== 'held' || c.read.anyHeldInPackage(t)) continue;
    c.tx.endPackageHold(t);
    c.custody(actor, {
      action: 'package.holdEnded',
      subject: 'package',
      trackingNumber: t,
      stateBefore: 'held',
      stateAfter: 'closed',
      reason: why,
    });
    c.touch('packages', t);
  }
}
