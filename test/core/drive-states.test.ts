// One test per row of DOMAIN.md's drive-state table.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEADLINES } from '../../electron/core/clock.ts';
import { amy, bay, dock, driveState, importJob, receiveBox, shippingJob } from './helpers.ts';

function copying() {
  const d = dock();
  shippingJob(d, 'JOB-1', ['WD-A1', 'WD-A2', 'WD-A3'], 'TRK1');
  receiveBox(d, 'TRK1', ['WD-A1', 'WD-A2', 'WD-A3']);
  d.intake.startCopy(bay, { jobName: 'JOB-1' });
  return d;
}

describe('drive states', () => {
  test('Specified: the drives of a new import job start Specified', () => {
    const d = dock();
    const v = d.intake.putJob(amy, importJob('JOB-1', ['WD-A1', 'WD-A2']));
    assert.deepEqual(
      v.properties.driveList.map((x) => x.state),
      ['Specified', 'Specified'],
    );
  });

  test("Received: a drive taken from the carrier's package and scanned is Received", () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
    d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
    const r = d.intake.scanDrive(amy, { serial: 'WD-A1' });
    assert.equal(r.outcome, 'received');
    assert.equal(r.drive.state, 'Received');
    assert.equal(r.drive.packageTrackingNumber, 'TRK1');
    assert.ok(r.drive.receivedAt, 'the real receipt time is recorded');
  });

  describe('NeverReceived', () => {
    test("a drive missing from its job's package when the package is closed is NeverReceived", () => {
      const d = dock();
      shippingJob(d, 'JOB-1', ['WD-A1', 'WD-A2'], 'TRK1');
      receiveBox(d, 'TRK1', ['WD-A1']);
      assert.equal(driveState(d.store, 'WD-A2'), 'NeverReceived');
      assert.equal(driveState(d.store, 'WD-A1'), 'Received');
    });

    test('a drive whose package never arrived 2 weeks after the shipping information is NeverReceived', () => {
      const d = dock();
      shippingJob(d, 'JOB-1', ['WD-A1', 'WD-A2'], 'TRK1');
      d.clock.advance(DEADLINES.shippingOverdue + 60_000);
      assert.deepEqual(d.intake.sweep(amy).neverReceived, ['WD-A1', 'WD-A2']);
      assert.equal(driveState(d.store, 'WD-A1'), 'NeverReceived');
    });
  });

  test('Transferring: a drive whose data copy has started is Transferring', () => {
    const d = copying();
    assert.equal(driveState(d.store, 'WD-A1'), 'Transferring');
  });

  test('Completed: a drive whose copy finished without errors is Completed', () => {
    const d = copying();
    const v = d.intake.recordCopyResult(bay, { driveId: 'WD-A1', copyStatus: 'Completed', bytesSucceeded: 1_200_000_000_000 });
    assert.equal(v.state, 'Completed');
    assert.equal(v.percentComplete, 100);
  });

  test('CompletedMoreInfo: a drive whose copy finished with errors, warnings or information is CompletedMoreInfo', () => {
    const d = copying();
    assert.equal(
      d.intake.recordCopyResult(bay, { driveId: 'WD-A1', copyStatus: 'CompletedWithWarnings', percentComplete: 100 }).state,
      'CompletedMoreInfo',
    );
    assert.equal(
      d.intake.recordCopyResult(bay, { driveId: 'WD-A2', copyStatus: 'CompletedWithErrors', percentComplete: 100 }).state,
      'CompletedMoreInfo',
    );
    assert.equal(
      d.intake.recordCopyResult(bay, { driveId: 'WD-A3', copyStatus: 'BitLockerKeyInvalid', percentComplete: 0 }).state,
      'CompletedMoreInfo',
    );
  });

  test('ShippedBack: a drive that left the datacenter for the return address is ShippedBack', () => {
    const d = copying();
    for (const s of ['WD-A1', 'WD-A2', 'WD-A3']) d.intake.recordCopyResult(bay, { driveId: s, copyStatus: 'Completed' });
    const v = d.intake.shipBack(amy, { jobName: 'JOB-1', carrierName: 'FedEx', trackingNumber: '794612345678' });
    assert.deepEqual(
      v.properties.driveList.map((x) => x.state),
      ['ShippedBack', 'ShippedBack', 'ShippedBack'],
    );
  });

  test('Faulted: a drive that cannot finish is Faulted with a reason and, resolved, goes back to the state it left', () => {
    const d = copying();
    const f = d.intake.faultDrive(amy, 'WD-A2', 'Copy bay reported repeated read errors');
    assert.equal(f.state, 'Faulted');
    assert.equal(f.faultReason, 'Copy bay reported repeated read errors');
    const r = d.intake.resolveDrive(amy, 'WD-A2', 'Reseated in bay 4; reads cleanly');
    assert.equal(r.state, 'Transferring');
    assert.equal(r.faultReason, undefined);
  });
});
