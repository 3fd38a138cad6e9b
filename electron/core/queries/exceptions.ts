// The Exceptions screen: every drive, box and job at the dock that a person must act on, with what to do next
// and by when, the most urgent first.
import { type Clock, DEADLINES, ms } from '../clock.ts';
import { missingAddressFields } from '../rules.ts';
import type { StoreReads } from '../store/types.ts';

export interface ExceptionRow {
  kind: 'extraDrive' | 'neverReceived' | 'held' | 'destructionDue' | 'packageOverdue' | 'customerNotified' | 'addressMissing' | 'otherJobPackage'
    | 'faultedJob' | 'faultedDrive' | 'heldPackage';
  jobName: string | null;
  driveId: string | null;
  trackingNumber: string | null;
  since: string | null;
  dueAt: string | null;
  next: string;
  action: 'releaseHold' | 'recordDestruction' | 'notifyCustomer' | 'extendWait' | 'updateJob' | 'resolveJob' | 'resolveDrive' | null;
}

/** Every drive at the dock that a person must act on, with what to do next and by when. */
export function exceptions(store: StoreReads, clock: Clock): ExceptionRow[] {
  const now = clock.now().getTime();
  const rows: ExceptionRow[] = [];
  const L = 500;
  for (const r of store.unheldExtraDrives(L)) {
    rows.push({ kind: 'extraDrive', jobName: r.jobName, driveId: r.driveId, trackingNumber: r.packageTracking, since: r.receivedAt, dueAt: null, next: 'Keep with the job; it goes back when the job ships.', action: null });
  }
  for (const r of store.neverReceivedDrives(L)) {
    rows.push({ kind: 'neverReceived', jobName: r.jobName, driveId: r.driveId, trackingNumber: null, since: r.jobUpdatedAt, dueAt: null, next: 'Tell the customer; if it arrives later, scan it in any package.', action: null });
  }
  for (const r of store.heldDrives(L)) {
    const since = ms(r.heldSince);
    const returnDue = since + DEADLINES.heldReturnDue;
    const destroyDue = since + DEADLINES.heldDestructionDue;
    const job = r.jobName ? store.job(r.jobName) : null;
    const releasable = job && !job.deletedAt && !['Creating', 'Completed', 'Closed'].includes(job.state);
    rows.push({
      kind: destroyDue <= now ? 'destructionDue' : 'held', jobName: r.jobName, driveId: r.driveId, trackingNumber: r.packageTracking, since: r.heldSince,
      dueAt: new Date(destroyDue <= now ? destroyDue : returnDue <= now ? destroyDue : returnDue).toISOString(),
      next: releasable ? `Job ${job.name} is ${job.state}: release the held package.` : destroyDue <= now ? 'Securely destroy the drive with a witness.' : returnDue <= now ? 'Return the drive to the customer; destroy it if it cannot be returned.' : 'Contact the customer.',
      action: releasable ? 'releaseHold' : destroyDue <= now ? 'recordDestruction' : null,
    });
  }
  const overdueBefore = new Date(now - DEADLINES.shippingOverdue).toISOString();
  for (const r of store.shippingWithoutBoxFirst(overdueBefore, L)) {
    if (r.waitUntil && ms(r.waitUntil) > now) continue;
    if (r.notifiedAt) {
      rows.push({ kind: 'customerNotified', jobName: r.name, driveId: null, trackingNumber: r.deliveryPackage?.trackingNumber ?? null, since: r.notifiedAt, dueAt: new Date(ms(r.notifiedAt) + DEADLINES.noticeClosed).toISOString(), next: 'Waiting for the customer; with no reply the job is Closed.', action: 'extendWait' });
    } else {
      rows.push({ kind: 'packageOverdue', jobName: r.name, driveId: null, trackingNumber: r.deliveryPackage?.trackingNumber ?? null, since: r.shippingSince, dueAt: new Date(Math.max(ms(r.shippingSince) + DEADLINES.shippingOverdue, r.waitUntil ? ms(r.waitUntil) : 0)).toISOString(), next: 'Notify the customer, then extend the wait or cancel.', action: 'notifyCustomer' });
    }
  }
  for (const r of store.jobsBeforeReturn(5000)) {
    const missing = missingAddressFields(r.returnAddress);
    if (!missing.length) continue;
    rows.push({ kind: 'addressMissing', jobName: r.name, driveId: null, trackingNumber: null, since: r.updatedAt, dueAt: null, next: `Contact the customer for the return address (missing: ${missing.join(', ')}).`, action: 'updateJob' });
    if (rows.length > 2000) break;
  }
  for (const r of store.drivesInOtherJobsPackages(L)) {
    rows.push({ kind: 'otherJobPackage', jobName: r.jobName, driveId: r.driveId, trackingNumber: r.trackingNumber, since: r.receivedAt, dueAt: null, next: 'Arrived in another job\'s package: keep it with its own job.', action: null });
  }
  for (const r of store.faultedJobs(L)) {
    rows.push({ kind: 'faultedJob', jobName: r.name, driveId: null, trackingNumber: null, since: r.updatedAt, dueAt: null, next: `Faulted (${r.faultReason ?? 'no reason'}): contact the customer, then resolve back to ${r.faultedFrom ?? 'its state'}.`, action: 'resolveJob' });
  }
  for (const r of store.faultedDrives(L)) {
    rows.push({ kind: 'faultedDrive', jobName: r.jobName, driveId: r.driveId, trackingNumber: r.packageTracking, since: r.receivedAt, dueAt: null, next: `Faulted (${r.faultReason ?? 'no reason'}): resolve back to ${r.faultedFrom ?? 'its state'} once fixed.`, action: 'resolveDrive' });
  }
  // a held box with nothing held in it (a box of no job closed empty) still needs a person
  for (const r of store.heldPackagesWithoutDrives(L)) {
    const since = String(r.heldSince ?? r.openedAt);
    rows.push({ kind: 'heldPackage', jobName: null, driveId: null, trackingNumber: r.trackingNumber, since, dueAt: new Date(ms(since) + DEADLINES.heldReturnDue).toISOString(), next: 'A held box with no drive in it: check the box, then return or discard the packaging.', action: null });
  }
  // the most urgent first: what is overdue, then what comes due soonest, then what has no deadline
  const key = (x: ExceptionRow) => (x.dueAt ? ms(x.dueAt) : Number.POSITIVE_INFINITY);
  return rows.sort((a, b) => key(a) - key(b));
}
