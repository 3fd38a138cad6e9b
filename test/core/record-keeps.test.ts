// The record never says what did not happen: the rules the dock keeps about where drives really are, each tried
// through the operations as a person at the dock would meet it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { IntakeError } from '../../electron/core/errors.ts';
import { mayByPossibilities } from '../../electron/core/rules.ts';
import {
  ADDRESS,
  DAYS,
  amy,
  bay,
  ben,
  dock,
  driveState,
  importJob,
  jobState,
  receiveBox,
  refusedUnchanged,
  shippingJob,
  type Dock,
} from './helpers.ts';

const entry = (d: Dock, job: string, trigger: string) => d.intake.jobPossibilities(job).find((p) => p.trigger === trigger);
const ruleOf = (e: IntakeError) => e.detail?.rule;

/** A job whose drive WD-B1 came in job A's box T-1 while its own box is still on the road. */
function driveInAnotherBox(): Dock {
  const d = dock();
  shippingJob(d, 'JOB-A', ['WD-A1'], 'T-1');
  shippingJob(d, 'JOB-B', ['WD-B1', 'WD-B2'], 'T-2');
  d.intake.receivePackage(amy, { trackingNumber: 'T-1' });
  d.intake.scanDrive(amy, { serial: 'WD-A1' });
  assert.equal(d.intake.scanDrive(amy, { serial: 'WD-B1' }).outcome, 'otherJob');
  d.intake.closePackage(amy);
  return d;
}

describe('the record keeps to what happened', () => {
  describe('a job with any of its drives at the dock is not "package missing"', () => {
    test('two weeks on, a job whose drive came in another box is not listed overdue and its other drives are not NeverReceived', () => {
      const d = driveInAnotherBox();
      d.clock.advance(DAYS(15));
      const swept = d.intake.sweep(amy);
      assert.deepEqual(swept.neverReceived, []);
      assert.equal(
        d.intake.exceptions().some((e) => e.jobName === 'JOB-B' && (e.kind === 'packageOverdue' || e.kind === 'customerNotified')),
        false,
      );
      assert.equal(
        d.intake.upcomingDeadlines().some((x) => x.jobName === 'JOB-B' && (x.kind === 'shippingOverdue' || x.kind === 'noticeClose')),
        false,
      );
      assert.equal(driveState(d.store, 'WD-B2'), 'Specified');
    });

    test('the customer is not told the package is missing while one of its drives is here; the refusal changes nothing', () => {
      const d = driveInAnotherBox();
      d.clock.advance(DAYS(15));
      const p = d.intake.jobPossibilities('JOB-B').find((x) => x.action === 'notifyCustomer');
      assert.equal(p?.allowed, false);
      assert.equal(p?.reason?.code, 'PACKAGE_ARRIVED');
      const e = refusedUnchanged(
        d.store,
        () => d.intake.notifyCustomer(amy, 'JOB-B'),
        'TRANSITION_FORBIDDEN',
        /WD-B1 of job JOB-B is at the dock/,
      );
      assert.equal(ruleOf(e), 'PACKAGE_ARRIVED');
    });

    test('such a job is never closed for no reply and its drive is never held for it', () => {
      const d = driveInAnotherBox();
      for (let day = 0; day < 60; day += 10) {
        d.clock.advance(DAYS(10));
        assert.deepEqual(d.intake.sweep(amy).closedJobs, []);
      }
      assert.equal(jobState(d.store, 'JOB-B'), 'Shipping');
      const b1 = d.store.activeDrive('WD-B1')!;
      assert.equal(b1.state, 'Received');
      assert.equal(b1.heldSince, null);
    });
  });

  describe('closing a box judges only the drives expected in that box', () => {
    test("a held drive released into job A's box, then the box closed: job B's drives still on the road stay expected", () => {
      const d = dock();
      shippingJob(d, 'JOB-A', ['WD-A1'], 'BOX-A');
      d.intake.putJob(amy, importJob('JOB-B', ['WD-B1', 'WD-B2'], { tracking: 'BOX-B' }));
      d.intake.receivePackage(amy, { trackingNumber: 'BOX-A' });
      d.intake.scanDrive(amy, { serial: 'WD-A1' });
      assert.equal(d.intake.scanDrive(amy, { serial: 'WD-B1' }).outcome, 'held');
      d.intake.closePackage(amy);
      d.intake.updateJob(amy, 'JOB-B', { state: 'Shipping' });
      d.intake.releaseHold(amy, { trackingNumber: 'BOX-A' });
      const closed = d.intake.closePackage(amy);
      assert.deepEqual(closed.neverReceived, []);
      assert.equal(driveState(d.store, 'WD-B1'), 'Received');
      assert.equal(driveState(d.store, 'WD-B2'), 'Specified');
      assert.equal(jobState(d.store, 'JOB-B'), 'Shipping', 'job B waits for its own box');
      receiveBox(d, 'BOX-B', ['WD-B2']);
      assert.equal(jobState(d.store, 'JOB-B'), 'Received');
    });
  });

  describe("an export job's drives are its drives in every state", () => {
    test("a drive of an export job still Creating is held as the job's drive, then copied once the job is Shipping", () => {
      const d = dock();
      d.intake.putJob(amy, {
        name: 'EXP-1',
        properties: { ...importJob('EXP-1', [], { tracking: 'TRK-EXP' }).properties, jobType: 'Export' },
      });
      d.intake.receivePackage(amy, { trackingNumber: 'TRK-EXP' });
      const scan = d.intake.scanDrive(amy, { serial: 'WD-E1' });
      assert.equal(scan.outcome, 'held');
      assert.equal(scan.drive.role, 'listed', 'not an extra drive');
      d.intake.closePackage(amy);
      d.intake.updateJob(amy, 'EXP-1', { state: 'Shipping' });
      d.intake.releaseHold(amy, { trackingNumber: 'TRK-EXP' });
      d.intake.closePackage(amy);
      const view = d.intake.jobView('EXP-1');
      assert.equal(view.properties.state, 'Received');
      assert.deepEqual(
        view.properties.driveList.map((x) => [x.driveId, x.state]),
        [['WD-E1', 'Received']],
      );
      assert.deepEqual(view.dock.extraDrives, []);
      d.intake.startCopy(bay, { jobName: 'EXP-1' });
      d.intake.recordCopyResult(bay, { driveId: 'WD-E1', copyStatus: 'Completed' });
      d.intake.shipBack(amy, { jobName: 'EXP-1', carrierName: 'FedEx', trackingNumber: 'RET-EXP' });
      const done = d.intake.jobView('EXP-1');
      assert.equal(done.properties.state, 'Completed');
      assert.equal(done.properties.driveList[0]?.copyStatus, 'Completed');
    });
  });

  describe('a held box ends its hold when nothing is held in it any more', () => {
    test('a held box whose only drive is destroyed closes, as it does when the drive is returned', () => {
      const d = dock();
      d.intake.receivePackage(amy, { trackingNumber: 'U-7' });
      d.intake.scanDrive(amy, { serial: 'WD-X1' });
      assert.equal(d.intake.closePackage(amy).package.state, 'held');
      d.intake.recordDestruction(amy, { driveIds: ['WD-X1'], method: 'shred', witness: 'Ben Chen' });
      assert.equal(d.intake.packageView('U-7')?.state, 'closed');
      assert.ok(d.intake.custodyOf({ trackingNumber: 'U-7' }).some((r) => r.action === 'package.holdEnded'));
    });
  });

  describe('a box for a job that has ended is held', () => {
    test('the box of a job Closed for no reply is received held, before any drive is scanned', () => {
      const d = dock();
      shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
      d.clock.advance(DAYS(15));
      d.intake.sweep(amy);
      d.intake.notifyCustomer(amy, 'JOB-1');
      d.clock.advance(DAYS(31));
      d.intake.sweep(amy);
      assert.equal(jobState(d.store, 'JOB-1'), 'Closed');
      const box = d.intake.receivePackage(ben, { trackingNumber: 'TRK1' });
      assert.equal(box.held, true);
    });
  });

  describe('only drives physically at the dock can be held, returned or destroyed', () => {
    test('the 90-day purge never turns a NeverReceived drive into a held drive of no job', () => {
      const d = dock();
      shippingJob(d, 'JOB-1', ['WD-A1', 'WD-A2'], 'TRK1');
      receiveBox(d, 'TRK1', ['WD-A1']);
      d.intake.startCopy(bay, { jobName: 'JOB-1' });
      d.intake.recordCopyResult(bay, { driveId: 'WD-A1', copyStatus: 'Completed' });
      d.intake.shipBack(amy, { jobName: 'JOB-1', carrierName: 'FedEx', trackingNumber: 'RET-1' });
      assert.equal(jobState(d.store, 'JOB-1'), 'Closed');
      d.clock.advance(DAYS(91));
      assert.deepEqual(d.intake.sweep(amy).purgedJobs, ['JOB-1']);
      assert.equal(d.store.activeDrive('WD-A2'), null, 'a drive that never came is no drive at the dock');
      assert.equal(
        d.intake.exceptions().some((e) => e.driveId === 'WD-A2'),
        false,
      );
      refusedUnchanged(
        d.store,
        () => d.intake.recordDestruction(amy, { driveIds: ['WD-A2'], method: 'shred', witness: 'Ben Chen' }),
        'DRIVE_UNKNOWN',
      );
      refusedUnchanged(
        d.store,
        () => d.intake.returnHeldDrives(amy, { driveIds: ['WD-A2'], carrierName: 'UPS', trackingNumber: 'RH-1', address: ADDRESS }),
        'DRIVE_UNKNOWN',
      );
    });

    test("a purged job's drive still at the dock is kept as a held drive of no job", () => {
      const d = dock();
      shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
      d.clock.advance(DAYS(15));
      d.intake.sweep(amy);
      d.intake.notifyCustomer(amy, 'JOB-1');
      d.clock.advance(DAYS(31));
      d.intake.sweep(amy);
      d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
      d.intake.scanDrive(amy, { serial: 'WD-A1' });
      d.intake.closePackage(amy);
      d.clock.advance(DAYS(91));
      d.intake.sweep(amy);
      const kept = d.store.activeDrive('WD-A1')!;
      assert.equal(kept.jobName, null);
      assert.ok(kept.heldSince);
    });
  });

  describe('possibilities never promise what the operations refuse', () => {
    test('a Packaging job with nothing at the dock is not offered a ship back, and is refused it by the same rule', () => {
      const d = dock();
      shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
      receiveBox(d, 'TRK1', []);
      assert.equal(jobState(d.store, 'JOB-1'), 'Packaging');
      const offered = entry(d, 'JOB-1', 'shippedBackWithErrors');
      assert.equal(offered?.allowed, false);
      assert.equal(offered?.reason?.code, 'NOTHING_TO_SHIP');
      const e = refusedUnchanged(
        d.store,
        () => d.intake.shipBack(amy, { jobName: 'JOB-1', carrierName: 'FedEx', trackingNumber: 'RET-1' }),
        'SHIP_NOT_READY',
      );
      assert.equal(ruleOf(e), 'NOTHING_TO_SHIP');
      assert.equal(mayByPossibilities(d.intake.jobPossibilities('JOB-1'), 'closeWithoutShipment').may, true);
    });

    test('a Received job whose only drive is Faulted is offered neither a copy nor "nothing to copy", and is refused the copy', () => {
      const d = dock();
      shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
      receiveBox(d, 'TRK1', ['WD-A1']);
      d.intake.faultDrive(amy, 'WD-A1', 'cracked case');
      const copy = entry(d, 'JOB-1', 'copyStarted');
      assert.equal(copy?.allowed, false);
      assert.equal(copy?.reason?.code, 'NO_DRIVE_TO_COPY');
      assert.equal(entry(d, 'JOB-1', 'nothingToCopy')?.allowed, false);
      const e = refusedUnchanged(d.store, () => d.intake.startCopy(bay, { jobName: 'JOB-1' }), 'COPY_NOT_ALLOWED');
      assert.equal(ruleOf(e), 'NO_DRIVE_TO_COPY');
    });
  });
});
