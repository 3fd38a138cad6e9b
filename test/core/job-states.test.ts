// One test per row of DOMAIN.md's job-state table.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEADLINES } from '../../electron/core/clock.ts';
import { amy, bay, DAYS, dock, importJob, jobState, receiveBox, refusedUnchanged, shippingJob } from './helpers.ts';

const MINUTE = 60_000;

/** A job Received with both drives, copy started on both. */
function transferring(name = 'JOB-T') {
  const d = dock();
  shippingJob(d, name, ['WD-A1', 'WD-A2'], 'TRK1');
  receiveBox(d, 'TRK1', ['WD-A1', 'WD-A2']);
  d.intake.startCopy(bay, { jobName: name });
  return d;
}

describe('job states', () => {
  describe('Creating', () => {
    test('a new job starts Creating', () => {
      const d = dock();
      const v = d.intake.putJob(amy, importJob('JOB-1', ['WD-A1']));
      assert.equal(v.properties.state, 'Creating');
    });

    test('a job left 2 weeks in Creating is deleted by the sweep', () => {
      const d = dock();
      d.intake.putJob(amy, importJob('JOB-1', ['WD-A1']));
      d.clock.advance(DEADLINES.creatingDeleted - MINUTE);
      assert.deepEqual(d.intake.sweep(amy).deletedJobs, []);
      d.clock.advance(2 * MINUTE);
      assert.deepEqual(d.intake.sweep(amy).deletedJobs, ['JOB-1']);
      assert.ok(d.intake.jobView('JOB-1').dock.deletedAt, 'the job view says when it was deleted');
      refusedUnchanged(d.store, () => d.intake.updateJob(amy, 'JOB-1', { logLevel: 'Verbose' }), 'JOB_DELETED');
    });

    test('an update while Creating keeps the job Creating and restarts its 2 weeks', () => {
      const d = dock();
      d.intake.putJob(amy, importJob('JOB-1', ['WD-A1']));
      d.clock.advance(DAYS(10));
      const v = d.intake.updateJob(amy, 'JOB-1', { logLevel: 'Verbose' });
      assert.equal(v.properties.state, 'Creating');
      d.clock.advance(DAYS(10)); // 20 days after creation, 10 after the update
      assert.deepEqual(d.intake.sweep(amy).deletedJobs, []);
      d.clock.advance(DAYS(4) + MINUTE); // 14 days after the update
      assert.deepEqual(d.intake.sweep(amy).deletedJobs, ['JOB-1']);
    });
  });

  describe('Shipping', () => {
    test('a job goes Shipping when the customer gives the delivery package and a complete return address', () => {
      const d = dock();
      d.intake.putJob(amy, importJob('JOB-1', ['WD-A1']));
      const v = d.intake.updateJob(amy, 'JOB-1', { state: 'Shipping' });
      assert.equal(v.properties.state, 'Shipping');
      assert.ok(v.dock.shippingSince);
    });

    test('a job Shipping for 2 weeks without its package alerts the operators', () => {
      const d = dock();
      shippingJob(d, 'JOB-1', ['WD-A1']);
      d.clock.advance(DEADLINES.shippingOverdue - MINUTE);
      assert.equal(d.intake.exceptions().filter((e) => e.kind === 'packageOverdue').length, 0);
      d.clock.advance(2 * MINUTE);
      const alert = d.intake.exceptions().find((e) => e.kind === 'packageOverdue');
      assert.equal(alert?.jobName, 'JOB-1');
      assert.equal(alert?.action, 'notifyCustomer');
    });
  });

  test('Received: a job is Received once its package was received and closed', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1', 'WD-A2'], 'TRK1');
    receiveBox(d, 'TRK1', ['WD-A1', 'WD-A2']);
    assert.equal(jobState(d.store, 'JOB-1'), 'Received');
  });

  test('Transferring: a job is Transferring once a drive has started its data copy', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1', 'WD-A2'], 'TRK1');
    receiveBox(d, 'TRK1', ['WD-A1', 'WD-A2']);
    const v = d.intake.startCopy(bay, { jobName: 'JOB-1', driveIds: ['WD-A1'] });
    assert.equal(v.properties.state, 'Transferring');
  });

  test('Packaging: a job is Packaging once all its drives are processed', () => {
    const d = transferring('JOB-1');
    d.intake.recordCopyResult(bay, { driveId: 'WD-A1', copyStatus: 'Completed' });
    assert.equal(jobState(d.store, 'JOB-1'), 'Transferring', 'one drive still copying');
    d.intake.recordCopyResult(bay, { driveId: 'WD-A2', copyStatus: 'CompletedWithWarnings' });
    assert.equal(jobState(d.store, 'JOB-1'), 'Packaging');
  });

  test('Completed: drives shipped back from a job with no errors end it Completed', () => {
    const d = transferring('JOB-1');
    d.intake.recordCopyResult(bay, { driveId: 'WD-A1', copyStatus: 'Completed' });
    d.intake.recordCopyResult(bay, { driveId: 'WD-A2', copyStatus: 'CompletedWithWarnings' });
    const v = d.intake.shipBack(amy, { jobName: 'JOB-1', carrierName: 'FedEx', trackingNumber: '794612345678' });
    assert.equal(v.properties.state, 'Completed');
  });

  test('Closed: drives shipped back from a job with errors end it Closed', () => {
    const d = transferring('JOB-1');
    d.intake.recordCopyResult(bay, { driveId: 'WD-A1', copyStatus: 'Completed' });
    d.intake.recordCopyResult(bay, {
      driveId: 'WD-A2',
      copyStatus: 'ManifestCorrupted',
      errorLogUri: 'https://acct.blob.core.windows.net/waimportexport/WD-A2_error.xml',
    });
    const v = d.intake.shipBack(amy, { jobName: 'JOB-1', carrierName: 'FedEx', trackingNumber: '794612345678' });
    assert.equal(v.properties.state, 'Closed');
  });

  test('Completed and Closed jobs are deleted 90 days after they ended', () => {
    const d = transferring('JOB-1');
    d.intake.recordCopyResult(bay, { driveId: 'WD-A1', copyStatus: 'Completed' });
    d.intake.recordCopyResult(bay, { driveId: 'WD-A2', copyStatus: 'Completed' });
    d.intake.shipBack(amy, { jobName: 'JOB-1', carrierName: 'FedEx', trackingNumber: '794612345678' });
    d.clock.advance(DEADLINES.finishedPurged - MINUTE);
    assert.deepEqual(d.intake.sweep(amy).purgedJobs, []);
    d.clock.advance(2 * MINUTE);
    assert.deepEqual(d.intake.sweep(amy).purgedJobs, ['JOB-1']);
    assert.equal(jobState(d.store, 'JOB-1'), undefined);
    assert.ok(
      d.intake.custodyOf({ jobName: 'JOB-1' }).some((c) => c.action === 'job.purged'),
      'its custody stays',
    );
  });

  test('Faulted: a job that cannot finish is Faulted with a reason and, resolved, goes back to the state it left', () => {
    const d = transferring('JOB-1');
    const f = d.intake.faultJob(amy, 'JOB-1', 'Customer asked to pause: wrong storage account');
    assert.equal(f.properties.state, 'Faulted');
    assert.equal(f.dock.faultedFrom, 'Transferring');
    assert.equal(f.dock.faultReason, 'Customer asked to pause: wrong storage account');
    const r = d.intake.resolveJob(amy, 'JOB-1', 'Customer corrected the storage account');
    assert.equal(r.properties.state, 'Transferring');
    assert.equal(r.dock.faultReason, null);
  });
});
