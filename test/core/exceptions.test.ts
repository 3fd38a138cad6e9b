// One test per row of DOMAIN.md's "Exceptions the dock must handle" (a row with several rules gets several).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEADLINES } from '../../electron/core/clock.ts';
import { amy, bay, ben, DAYS, dock, driveState, importJob, jobState, receiveBox, refusedUnchanged, shippingJob } from './helpers.ts';

describe('exceptions the dock must handle', () => {
  describe('drives arrive for a job in Creating, or for no job on record', () => {
    test('drives for a job still Creating are held and nothing is processed until the job is Shipping', () => {
      const d = dock();
      d.intake.putJob(amy, importJob('JOB-1', ['WD-A1', 'WD-A2'], { tracking: 'TRK1' }));
      const pkg = d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
      assert.equal(pkg.held, true);
      const r = d.intake.scanDrive(amy, { serial: 'WD-A1' });
      assert.equal(r.outcome, 'held');
      assert.equal(r.drive.state, 'Specified', 'not processed');
      assert.equal(r.drive.held, true);
      const closed = d.intake.closePackage(amy);
      assert.equal(closed.package.state, 'held');
      assert.deepEqual(closed.neverReceived, [], 'nothing is marked missing for a Creating job');
      assert.equal(jobState(d.store, 'JOB-1'), 'Creating');
      // once the customer ships the job, the held package is released and its drives received
      d.intake.updateJob(amy, 'JOB-1', { state: 'Shipping' });
      const released = d.intake.releaseHold(amy, { trackingNumber: 'TRK1' });
      assert.equal(released.state, 'open');
      assert.equal(driveState(d.store, 'WD-A1'), 'Received');
      d.intake.scanDrive(amy, { serial: 'WD-A2' });
      d.intake.closePackage(amy);
      assert.equal(jobState(d.store, 'JOB-1'), 'Received');
    });

    test('drives of no job on record are held, and staff are told what to do: there is no customer on record to contact', () => {
      const d = dock();
      const pkg = d.intake.receivePackage(amy, { trackingNumber: '1Z999AA10123456784', carrierName: 'UPS' });
      assert.equal(pkg.held, true);
      const r = d.intake.scanDrive(amy, { serial: 'ZA1B2C3D' });
      assert.equal(r.outcome, 'held');
      assert.equal(r.jobName, null);
      assert.equal(r.drive.role, 'orphan');
      d.intake.closePackage(amy);
      const row = d.intake.exceptions().find((e) => e.driveId === 'ZA1B2C3D');
      assert.equal(row?.kind, 'held');
      assert.equal(row.step.code, 'noJobHeld');
      assert.doesNotMatch(row.next, /contact the customer/i);
      assert.match(row.next, /No job on record: keep it held and look for its job by the box 1Z999AA10123456784/);
    });

    test('held drives not claimed within 2 weeks are due to be returned', () => {
      const d = dock();
      d.intake.receivePackage(amy, { trackingNumber: '1Z999AA10123456784' });
      d.intake.scanDrive(amy, { serial: 'ZA1B2C3D' });
      d.intake.closePackage(amy);
      d.clock.advance(DEADLINES.heldReturnDue + 60_000);
      const row = d.intake.exceptions().find((e) => e.driveId === 'ZA1B2C3D');
      assert.match(row!.next, /Return the drive/);
    });

    test('held drives that cannot be returned are due for secure destruction within 90 days, recorded as custody', () => {
      const d = dock();
      d.intake.receivePackage(amy, { trackingNumber: '1Z999AA10123456784' });
      d.intake.scanDrive(amy, { serial: 'ZA1B2C3D' });
      d.intake.closePackage(amy);
      d.clock.advance(DEADLINES.heldDestructionDue + 60_000);
      const row = d.intake.exceptions().find((e) => e.driveId === 'ZA1B2C3D');
      assert.equal(row?.kind, 'destructionDue');
      assert.equal(row?.action, 'recordDestruction');
      const { certificate } = d.intake.recordDestruction(amy, {
        driveIds: ['ZA1B2C3D'],
        method: 'NIST 800-88 purge and shred',
        witness: 'Ben Chen',
      });
      assert.equal(certificate.witness, 'Ben Chen');
      const c = d.intake.custodyOf({ driveId: 'ZA1B2C3D' })[0]!;
      assert.equal(c.action, 'drive.destroyed');
      assert.equal(c.operator, 'Amy Lin');
      assert.deepEqual([c.detail?.method, c.detail?.witness], ['NIST 800-88 purge and shred', 'Ben Chen']);
    });
  });

  describe('a job is Shipping but its package has not arrived after 2 weeks', () => {
    test('staff notify the customer, and with no reply within 30 days the job goes from Shipping to Closed', () => {
      const d = dock();
      shippingJob(d, 'JOB-1', ['WD-A1']);
      d.clock.advance(DEADLINES.shippingOverdue + 60_000);
      d.intake.notifyCustomer(amy, 'JOB-1', 'Emailed the job contact');
      d.clock.advance(DEADLINES.noticeClosed - 120_000);
      assert.deepEqual(d.intake.sweep(amy).closedJobs, []);
      d.clock.advance(180_000);
      assert.deepEqual(d.intake.sweep(amy).closedJobs, ['JOB-1']);
      assert.equal(jobState(d.store, 'JOB-1'), 'Closed');
    });

    test('staff may extend the wait: the job is not overdue again until the extension ends', () => {
      const d = dock();
      shippingJob(d, 'JOB-1', ['WD-A1']);
      d.clock.advance(DEADLINES.shippingOverdue + 60_000);
      d.intake.extendWait(amy, 'JOB-1', 7, 'Box held at customs');
      assert.equal(d.intake.exceptions().filter((e) => e.jobName === 'JOB-1').length, 0);
      assert.deepEqual(d.intake.sweep(amy).neverReceived, [], 'its drives are not given up while the wait is extended');
      d.clock.advance(DAYS(7) + 60_000);
      assert.equal(d.intake.exceptions().find((e) => e.jobName === 'JOB-1')?.kind, 'packageOverdue');
    });

    test('staff may cancel the overdue job instead', () => {
      const d = dock();
      shippingJob(d, 'JOB-1', ['WD-A1']);
      d.clock.advance(DEADLINES.shippingOverdue + 60_000);
      const v = d.intake.cancelJob(amy, 'JOB-1', 'Customer no longer needs the import');
      assert.equal(v.properties.cancelRequested, true);
    });
  });

  test('Completed or Closed: drives lost or damaged on the way back stay traceable by the return carrier and tracking number', () => {
    const d = dock();
    d.intake.putJob(amy, {
      name: 'EXP-1',
      properties: {
        ...importJob('EXP-1', []).properties,
        jobType: 'Export',
        state: 'Shipping',
        deliveryPackage: { carrierName: 'DHL', trackingNumber: 'TRK1' },
      },
    });
    d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
    assert.equal(d.intake.scanDrive(amy, { serial: 'WD-E1' }).outcome, 'exportAdded');
    d.intake.closePackage(amy);
    d.intake.startCopy(bay, { jobName: 'EXP-1' });
    d.intake.recordCopyResult(bay, { driveId: 'WD-E1', copyStatus: 'Completed' });
    const v = d.intake.shipBack(amy, { jobName: 'EXP-1', carrierName: 'UPS', trackingNumber: '1Z999AA10123456784' });
    assert.equal(v.properties.state, 'Completed');
    assert.deepEqual(
      {
        carrier: v.properties.returnPackage?.carrierName,
        tracking: v.properties.returnPackage?.trackingNumber,
        count: v.properties.returnPackage?.driveCount,
      },
      { carrier: 'UPS', tracking: '1Z999AA10123456784', count: 1 },
    );
    assert.ok(
      d.intake.searchJobs({ query: '1Z999AA10123456784' }).items.some((j) => j.name === 'EXP-1'),
      'the job is found by its return tracking number',
    );
    assert.deepEqual(
      d.intake.jobPossibilities('EXP-1').filter((p) => p.allowed),
      [],
      'the dock does not move a Completed job',
    );
  });

  describe('Transferring or Packaging: the return address is wrong or missing', () => {
    function packagingWithoutPhone() {
      const d = dock();
      shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
      receiveBox(d, 'TRK1', ['WD-A1']);
      d.intake.startCopy(bay, { jobName: 'JOB-1' });
      d.intake.updateJob(amy, 'JOB-1', { returnAddress: { phone: '' } });
      d.intake.recordCopyResult(bay, { driveId: 'WD-A1', copyStatus: 'Completed' });
      return d;
    }

    test("the drives do not ship and staff are told to contact the job's contact", () => {
      const d = packagingWithoutPhone();
      refusedUnchanged(
        d.store,
        () => d.intake.shipBack(amy, { jobName: 'JOB-1', carrierName: 'FedEx', trackingNumber: '794612345678' }),
        'ADDRESS_INCOMPLETE',
        /phone/,
      );
      const row = d.intake.exceptions().find((e) => e.kind === 'addressMissing');
      assert.equal(row?.jobName, 'JOB-1');
      assert.match(row.next, /missing: phone/);
    });

    test('when the contact cannot be reached the drives may be securely destroyed', () => {
      const d = packagingWithoutPhone();
      d.intake.recordContact(amy, { name: 'JOB-1', reached: false, note: 'no answer by phone or email' });
      const { certificate } = d.intake.recordDestruction(amy, {
        driveIds: ['WD-A1'],
        method: 'degauss and shred',
        witness: 'Ben Chen',
        reason: 'contact unreachable for 90 days',
      });
      assert.deepEqual(certificate.jobNames, ['JOB-1']);
      assert.ok(d.intake.jobView('JOB-1').properties.driveList[0]!.destroyedAt);
    });
  });

  describe("Creating, Shipping or Transferring: the package holds a drive not in the job's drive list", () => {
    test('in the box of a job still Creating, the unlisted drive is held with the rest of the box', () => {
      const d = dock();
      d.intake.putJob(amy, importJob('JOB-1', ['WD-A1'], { tracking: 'TRK1' }));
      d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
      const r = d.intake.scanDrive(amy, { serial: 'WD-X9' });
      assert.deepEqual([r.outcome, r.drive.role, r.jobName, r.drive.held], ['held', 'extra', 'JOB-1', true]);
    });

    test('in the box of a Shipping job, the unlisted drive is an extra drive: not copied, returned when the job completes', () => {
      const d = dock();
      shippingJob(d, 'JOB-1', ['WD-A1', 'WD-A2'], 'TRK1');
      d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
      d.intake.scanDrive(amy, { serial: 'WD-A1' });
      const r = d.intake.scanDrive(amy, { serial: 'WD-X9' });
      assert.deepEqual([r.outcome, r.drive.role, r.jobName, r.drive.state], ['extra', 'extra', 'JOB-1', 'Received']);
      d.intake.scanDrive(amy, { serial: 'WD-A2' });
      d.intake.closePackage(amy);
      d.intake.startCopy(bay, { jobName: 'JOB-1' });
      assert.equal(driveState(d.store, 'WD-X9'), 'Received', 'an extra drive is not copied');
      d.intake.recordCopyResult(bay, { driveId: 'WD-A1', copyStatus: 'Completed' });
      d.intake.recordCopyResult(bay, { driveId: 'WD-A2', copyStatus: 'Completed' });
      const v = d.intake.shipBack(amy, { jobName: 'JOB-1', carrierName: 'FedEx', trackingNumber: '794612345678' });
      assert.equal(v.properties.state, 'Completed', 'an extra drive is not an error of the job');
      assert.equal(v.dock.extraDrives[0]?.state, 'ShippedBack');
      assert.equal(v.properties.returnPackage?.driveCount, 3);
    });

    test('in a shared box reopened while one of its jobs is Transferring, the unlisted drive is an extra drive of that job', () => {
      const d = dock();
      // box X holds job A (X-1, Shipping) and job B (X-2, still Creating): B's drives hold the box
      d.intake.putJob(amy, importJob('JOB-A', ['WD-A1'], { state: 'Shipping', tracking: 'X123-1' }));
      d.intake.putJob(amy, importJob('JOB-B', ['WD-B1'], { tracking: 'X123-2' }));
      receiveBox(d, 'X123', ['WD-A1', 'WD-B1']);
      d.intake.startCopy(bay, { jobName: 'JOB-A' });
      assert.equal(jobState(d.store, 'JOB-A'), 'Transferring');
      d.intake.updateJob(amy, 'JOB-B', { state: 'Shipping' });
      d.intake.releaseHold(amy, { trackingNumber: 'X123' });
      const r = d.intake.scanDrive(amy, { serial: 'WD-X9', jobName: 'JOB-A' });
      assert.deepEqual([r.outcome, r.drive.role, r.jobName], ['extra', 'extra', 'JOB-A']);
      d.intake.closePackage(amy);
      d.intake.recordCopyResult(bay, { driveId: 'WD-A1', copyStatus: 'Completed' });
      const v = d.intake.shipBack(amy, { jobName: 'JOB-A', carrierName: 'FedEx', trackingNumber: '794612345678' });
      assert.equal(v.dock.extraDrives[0]?.state, 'ShippedBack');
    });
  });

  test('drives arriving after their job was Closed are held like drives of no job, never lost track of', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
    d.clock.advance(DEADLINES.shippingOverdue + 60_000);
    d.intake.notifyCustomer(amy, 'JOB-1');
    d.clock.advance(DEADLINES.noticeClosed + 60_000);
    d.intake.sweep(amy);
    assert.equal(jobState(d.store, 'JOB-1'), 'Closed');
    // the box turns up after all
    d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
    const r = d.intake.scanDrive(amy, { serial: 'WD-A1' });
    assert.deepEqual([r.outcome, r.drive.held], ['held', true]);
    const extra = d.intake.scanDrive(amy, { serial: 'WD-X9' });
    assert.deepEqual([extra.outcome, extra.drive.held], ['held', true]);
    d.intake.closePackage(amy);
    const rows = d.intake
      .exceptions()
      .filter((e) => e.kind === 'held')
      .map((e) => [e.driveId, e.action]);
    assert.deepEqual(
      rows,
      [
        ['WD-A1', null],
        ['WD-X9', null],
      ],
      'staff contact the customer; there is nothing to release to',
    );
    d.clock.advance(DEADLINES.finishedPurged + 60_000);
    assert.deepEqual(d.intake.sweep(amy).purgedJobs, ['JOB-1']);
    assert.equal(
      d.intake.exceptions().filter((e) => e.kind === 'destructionDue').length,
      2,
      'the job record goes, its drives at the dock stay on the list',
    );
  });

  test('a drive marked NeverReceived that arrives in a later shipment moves to Received', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1', 'WD-A2'], 'TRK1');
    receiveBox(d, 'TRK1', ['WD-A1']);
    assert.equal(driveState(d.store, 'WD-A2'), 'NeverReceived');
    d.intake.receivePackage(ben, { trackingNumber: 'TRK1-LATE' });
    const r = d.intake.scanDrive(ben, { serial: 'WD-A2' });
    assert.equal(r.drive.state, 'Received');
    assert.equal(driveState(d.store, 'WD-A2'), 'Received');
  });

  test("a drive of no job in another job's package is an extra drive of that package's job, returned when it completes", () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
    d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
    d.intake.scanDrive(amy, { serial: 'WD-A1' });
    const r = d.intake.scanDrive(amy, { serial: 'ZL0NEDRV' });
    assert.equal(r.outcome, 'extra');
    assert.equal(r.jobName, 'JOB-1');
    d.intake.closePackage(amy);
    d.intake.startCopy(bay, { jobName: 'JOB-1' });
    d.intake.recordCopyResult(bay, { driveId: 'WD-A1', copyStatus: 'Completed' });
    d.intake.shipBack(amy, { jobName: 'JOB-1', carrierName: 'FedEx', trackingNumber: '794612345678' });
    assert.equal(driveState(d.store, 'ZL0NEDRV'), 'ShippedBack');
  });
});
