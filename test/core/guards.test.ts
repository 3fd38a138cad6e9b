// The guards of the transition tables (issue 2, "Rules as data"), one rule per test.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RETURN_ADDRESS_REQUIRED } from '../../electron/core/model.ts';
import {
  DRIVE_TRANSITIONS,
  JOB_TRANSITIONS,
  checkDrive,
  checkJob,
  drivePossibilities,
  jobPossibilities,
  reasonMessage,
  type Reason,
} from '../../electron/core/rules.ts';
import { ADDRESS, amy, bay, dock, driveState, importJob, jobState, receiveBox, refusedUnchanged, shippingJob } from './helpers.ts';

const TEN = Array.from({ length: 10 }, (_, i) => `WD-D${i}`);

function transferring(drives = ['WD-A1', 'WD-A2']) {
  const d = dock();
  shippingJob(d, 'JOB-1', drives, 'TRK1');
  receiveBox(d, 'TRK1', drives);
  d.intake.startCopy(bay, { jobName: 'JOB-1', driveIds: [drives[0]!] });
  return d;
}

describe('guards', () => {
  describe('Shipping needs the delivery package carrier and tracking number and a complete return address', () => {
    test('a job without a delivery package cannot go Shipping', () => {
      const d = dock();
      const body = importJob('JOB-1', ['WD-A1']);
      delete body.properties.deliveryPackage;
      d.intake.putJob(amy, body);
      refusedUnchanged(
        d.store,
        () => d.intake.updateJob(amy, 'JOB-1', { state: 'Shipping' }),
        'GUARD_FAILED',
        /delivery package carrier and tracking number/,
      );
    });

    for (const field of RETURN_ADDRESS_REQUIRED) {
      test(`a job whose return address has no ${field} cannot go Shipping`, () => {
        const d = dock();
        const body = importJob('JOB-1', ['WD-A1']);
        const address: Record<string, string> = { ...ADDRESS };
        delete address[field];
        body.properties.returnAddress = address;
        d.intake.putJob(amy, body);
        refusedUnchanged(
          d.store,
          () => d.intake.updateJob(amy, 'JOB-1', { state: 'Shipping' }),
          'GUARD_FAILED',
          new RegExp(`complete return address \\(missing: ${field}\\)`),
        );
      });
    }

    test('a return address field of only spaces is missing', () => {
      const d = dock();
      const body = importJob('JOB-1', ['WD-A1']);
      body.properties.returnAddress = { ...ADDRESS, city: '   ' };
      d.intake.putJob(amy, body);
      refusedUnchanged(d.store, () => d.intake.updateJob(amy, 'JOB-1', { state: 'Shipping' }), 'GUARD_FAILED', /missing: city/);
    });

    test('the optional address lines (streetAddress2, stateOrProvince) are not needed to ship', () => {
      const d = dock();
      const { streetAddress2: _a, stateOrProvince: _b, ...minimal } = ADDRESS;
      d.intake.putJob(amy, importJob('JOB-1', ['WD-A1'], { extra: { returnAddress: minimal } }));
      assert.equal(d.intake.updateJob(amy, 'JOB-1', { state: 'Shipping' }).properties.state, 'Shipping');
    });
  });

  describe('at most 10 drives on an import job', () => {
    test('an import job may list 10 drives', () => {
      const d = dock();
      assert.equal(d.intake.putJob(amy, importJob('JOB-1', TEN)).properties.driveList.length, 10);
    });

    test('an import job listing 11 drives is refused', () => {
      const d = dock();
      refusedUnchanged(d.store, () => d.intake.putJob(amy, importJob('JOB-1', [...TEN, 'WD-D10'])), 'TOO_MANY_DRIVES', /at most 10/);
    });

    test('an update adding an 11th drive to an import job is refused', () => {
      const d = dock();
      d.intake.putJob(amy, importJob('JOB-1', TEN));
      refusedUnchanged(d.store, () => d.intake.updateJob(amy, 'JOB-1', { driveList: [{ driveId: 'WD-D10' }] }), 'TOO_MANY_DRIVES');
    });
  });

  describe("an export job's drives start Received", () => {
    test('an export job lists no drives when it is created: they are known when they arrive', () => {
      const d = dock();
      refusedUnchanged(
        d.store,
        () => d.intake.putJob(amy, { name: 'EXP-1', properties: { ...importJob('EXP-1', ['WD-E1']).properties, jobType: 'Export' } }),
        'BAD_INPUT',
        /not known until they arrive/,
      );
    });

    test("a blank drive scanned into an export job's box is Received for it", () => {
      const d = dock();
      d.intake.putJob(amy, {
        name: 'EXP-1',
        properties: { ...importJob('EXP-1', [], { state: 'Shipping', tracking: 'TRK1' }).properties, jobType: 'Export' },
      });
      d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
      const r = d.intake.scanDrive(amy, { serial: 'WD-E1' });
      assert.deepEqual([r.outcome, r.drive.state, r.drive.role], ['exportAdded', 'Received', 'listed']);
    });
  });

  describe('a cancel is accepted in any state before Packaging, and a cancelled job skips the data copy', () => {
    for (const state of ['Creating', 'Shipping', 'Received', 'Transferring'] as const) {
      test(`a cancel is accepted while the job is ${state}`, () => {
        const d = dock();
        d.intake.putJob(
          amy,
          importJob('JOB-1', ['WD-A1', 'WD-A2'], { tracking: 'TRK1', ...(state === 'Creating' ? {} : { state: 'Shipping' }) }),
        );
        if (state === 'Received' || state === 'Transferring') receiveBox(d, 'TRK1', ['WD-A1', 'WD-A2']);
        if (state === 'Transferring') d.intake.startCopy(bay, { jobName: 'JOB-1', driveIds: ['WD-A1'] });
        assert.equal(jobState(d.store, 'JOB-1'), state);
        assert.equal(d.intake.cancelJob(amy, 'JOB-1', 'customer request').properties.cancelRequested, true);
      });
    }

    for (const state of ['Packaging', 'Completed'] as const) {
      test(`a cancel is refused once the job is ${state}`, () => {
        const d = transferring(['WD-A1']);
        d.intake.recordCopyResult(bay, { driveId: 'WD-A1', copyStatus: 'Completed' });
        if (state === 'Completed') d.intake.shipBack(amy, { jobName: 'JOB-1', carrierName: 'FedEx', trackingNumber: '794612345678' });
        assert.equal(jobState(d.store, 'JOB-1'), state);
        refusedUnchanged(d.store, () => d.intake.cancelJob(amy, 'JOB-1', 'too late'), 'CANCEL_TOO_LATE', /only before Packaging/);
      });
    }

    test('a job cancelled while Shipping goes from Received straight to Packaging when its box is closed', () => {
      const d = dock();
      shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
      d.intake.cancelJob(amy, 'JOB-1', 'customer request');
      receiveBox(d, 'TRK1', ['WD-A1']);
      assert.equal(jobState(d.store, 'JOB-1'), 'Packaging');
      assert.equal(driveState(d.store, 'WD-A1'), 'Received', 'its drive was received, not copied');
    });

    test("a cancelled job's copy cannot be started", () => {
      const d = dock();
      shippingJob(d, 'JOB-1', ['WD-A1', 'WD-A2'], 'TRK1');
      receiveBox(d, 'TRK1', ['WD-A1', 'WD-A2']);
      d.intake.startCopy(bay, { jobName: 'JOB-1', driveIds: ['WD-A1'] });
      d.intake.cancelJob(amy, 'JOB-1', 'customer request');
      refusedUnchanged(d.store, () => d.intake.startCopy(bay, { jobName: 'JOB-1', driveIds: ['WD-A2'] }), 'COPY_NOT_ALLOWED', /cancelled/);
    });

    test('a cancelled job is shipped back and ends Closed', () => {
      const d = dock();
      shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
      d.intake.cancelJob(amy, 'JOB-1', 'customer request');
      receiveBox(d, 'TRK1', ['WD-A1']);
      const v = d.intake.shipBack(amy, { jobName: 'JOB-1', carrierName: 'FedEx', trackingNumber: '794612345678' });
      assert.equal(v.properties.state, 'Closed');
      assert.equal(v.properties.driveList[0]?.state, 'ShippedBack');
    });
  });

  describe('Faulted in and out with a reason, back to the state it left', () => {
    test('a job is not faulted without a reason', () => {
      const d = transferring();
      refusedUnchanged(d.store, () => d.intake.faultJob(amy, 'JOB-1', '  '), 'BAD_INPUT', /reason is required/);
    });

    test('a faulted job is not resolved without a reason', () => {
      const d = transferring();
      d.intake.faultJob(amy, 'JOB-1', 'enclosure cracked');
      refusedUnchanged(d.store, () => d.intake.resolveJob(amy, 'JOB-1', ''), 'BAD_INPUT', /reason is required/);
    });

    test('a faulted drive is not resolved without a reason', () => {
      const d = transferring();
      d.intake.faultDrive(amy, 'WD-A1', 'read errors');
      refusedUnchanged(d.store, () => d.intake.resolveDrive(amy, 'WD-A1', undefined), 'BAD_INPUT', /reason is required/);
    });

    test('a faulted job may only go back to the state it left', () => {
      const d = transferring();
      d.intake.faultJob(amy, 'JOB-1', 'enclosure cracked');
      const job = d.store.job('JOB-1')!;
      const v = checkJob('Received', 'resolve', { job, drives: d.store.drivesOfJob('JOB-1') });
      assert.deepEqual(v, {
        ok: false,
        reason: { code: 'NOT_FAULTED_FROM', params: { job: 'JOB-1', faultedFrom: 'Transferring', to: 'Received' } },
      });
      assert.deepEqual(checkJob('Transferring', 'resolve', { job, drives: [] }), { ok: true });
    });

    test('a faulted drive may only go back to the state it left', () => {
      const d = transferring();
      d.intake.faultDrive(amy, 'WD-A2', 'read errors');
      const drive = d.store.activeDrive('WD-A2')!;
      assert.equal(drive.faultedFrom, 'Received');
      assert.equal(checkDrive('Transferring', 'resolve', { drive, job: null }).ok, false);
      assert.equal(checkDrive('Received', 'resolve', { drive, job: null }).ok, true);
    });

    test('resolving the last faulted drive of a Transferring job moves the job to Packaging when all are processed', () => {
      const d = transferring(['WD-A1']);
      d.intake.faultDrive(amy, 'WD-A1', 'read errors');
      d.intake.resolveDrive(amy, 'WD-A1', 'reseated');
      d.intake.recordCopyResult(bay, { driveId: 'WD-A1', copyStatus: 'Completed' });
      assert.equal(jobState(d.store, 'JOB-1'), 'Packaging');
    });
  });

  describe('a rejected transition returns a reason that names the rule', () => {
    test('an edge that is not in the table is refused, naming the edge', () => {
      const d = dock();
      d.intake.putJob(amy, importJob('JOB-1', ['WD-A1']));
      const v = checkJob('Received', 'packageReceived', { job: d.store.job('JOB-1')!, drives: [] });
      assert.deepEqual(v, {
        ok: false,
        reason: { code: 'NO_SUCH_EDGE', params: { subject: 'job', from: 'Creating', to: 'Received', trigger: 'packageReceived' } },
      });
    });

    test('an edge whose guard fails is refused naming the rule and why it does not hold', () => {
      const d = transferring(['WD-A1']);
      d.intake.recordCopyResult(bay, { driveId: 'WD-A1', copyStatus: 'DiskNotFound' });
      const v = checkJob('Completed', 'shippedBack', { job: d.store.job('JOB-1')!, drives: d.store.drivesOfJob('JOB-1') });
      assert.deepEqual(v, {
        ok: false,
        reason: { code: 'JOB_HAD_ERRORS', params: { job: 'JOB-1', cancelled: 0, neverReceived: [], copyErrors: ['WD-A1'], notCopied: [] } },
      });
      assert.equal(reasonMessage((v as { reason: Reason }).reason), 'Job JOB-1 had errors (copy errors: WD-A1), so it ends Closed');
    });

    test('what may happen to a drive now lists every edge from its state, allowed or not, and why not', () => {
      const d = dock();
      shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
      d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
      d.intake.scanDrive(amy, { serial: 'WD-A1' });
      const p = d.intake.drivePossibilities('WD-A1');
      assert.deepEqual(
        p.filter((x) => x.to).map((x) => x.to),
        DRIVE_TRANSITIONS.filter((t) => t.from === 'Received').map((t) => t.to),
      );
      const copy = p.find((x) => x.trigger === 'copyStarted')!;
      assert.deepEqual([copy.allowed, copy.reason?.code, copy.reason?.params.state], [false, 'JOB_STATE', 'Shipping']);
      const fault = p.find((x) => x.trigger === 'fault')!;
      assert.equal(fault.allowed, true, 'the reason is asked when the fault is recorded');
    });

    test('what may happen to a job now lists every edge from its state', () => {
      const d = dock();
      const body = importJob('JOB-1', ['WD-A1']);
      delete body.properties.deliveryPackage;
      d.intake.putJob(amy, body);
      const p = d.intake.jobPossibilities('JOB-1');
      assert.deepEqual(
        p.filter((x) => x.to).map((x) => x.to),
        JOB_TRANSITIONS.filter((t) => t.from === 'Creating').map((t) => t.to),
      );
      assert.deepEqual(p[0], {
        action: 'ship',
        to: 'Shipping',
        trigger: 'customerShipped',
        rule: 'Shipping needs the delivery package and a complete return address',
        allowed: false,
        reason: {
          code: 'DELIVERY_PACKAGE_MISSING',
          params: { job: 'JOB-1' },
          message: 'Shipping needs the delivery package carrier and tracking number',
        },
      });
    });

    test('the service refuses a forbidden move with TRANSITION_FORBIDDEN and the rule in its message', () => {
      const d = transferring(['WD-A1']);
      refusedUnchanged(
        d.store,
        () => d.intake.resolveJob(amy, 'JOB-1', 'nothing to resolve'),
        'TRANSITION_FORBIDDEN',
        /is Transferring, not Faulted/,
      );
      d.intake.faultDrive(amy, 'WD-A1', 'read errors');
      refusedUnchanged(
        d.store,
        () => d.intake.faultDrive(amy, 'WD-A1', 'again'),
        'TRANSITION_FORBIDDEN',
        /Drive WD-A1: Faulted, not Received, Transferring, Completed or CompletedMoreInfo/,
      );
    });

    test('jobPossibilities and drivePossibilities answer from the same tables the service enforces', () => {
      const d = dock();
      d.intake.putJob(amy, importJob('JOB-1', ['WD-A1']));
      const edges = (p: { to: string | null }[]) => p.filter((x) => x.to !== null).length;
      assert.equal(
        edges(jobPossibilities({ job: d.store.job('JOB-1')!, drives: [] })),
        JOB_TRANSITIONS.filter((t) => t.from === 'Creating').length,
      );
      assert.equal(
        edges(drivePossibilities({ drive: d.store.activeDrive('WD-A1')!, job: null })),
        DRIVE_TRANSITIONS.filter((t) => t.from === 'Specified').length,
      );
    });
  });
});
