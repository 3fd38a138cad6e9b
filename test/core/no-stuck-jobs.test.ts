// No job is ever left with no way forward, and no drive at the dock is ever forgotten when its job's
// record goes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ADDRESS,
  amy,
  bay,
  custodyActions,
  dock,
  driveState,
  importJob,
  jobState,
  receiveBox,
  refusedUnchanged,
  shippingJob,
} from './helpers.ts';

test('a job cancelled while copying goes to Packaging once the running copies end, skipping the rest', () => {
  const d = dock();
  shippingJob(d, 'J', ['A1', 'A2']);
  receiveBox(d, 'TRK-J', ['A1', 'A2']);
  d.intake.startCopy(bay, { jobName: 'J', driveIds: ['A1'] });
  d.intake.cancelJob(amy, 'J', 'customer asked');
  assert.equal(jobState(d.store, 'J'), 'Transferring', 'A1 is still being copied');
  d.intake.recordCopyResult(bay, { driveId: 'A1', copyStatus: 'Completed', bytesSucceeded: 10 });
  assert.equal(jobState(d.store, 'J'), 'Packaging');
  assert.equal(driveState(d.store, 'A2'), 'Received', 'A2 was never copied');
});

test('a job resolved from Faulted moves on if its copies ended while it was faulted', () => {
  const d = dock();
  shippingJob(d, 'J', ['A1']);
  receiveBox(d, 'TRK-J', ['A1']);
  d.intake.startCopy(bay, { jobName: 'J' });
  d.intake.faultJob(amy, 'J', 'copy bay power loss');
  d.intake.recordCopyResult(bay, { driveId: 'A1', copyStatus: 'Completed', bytesSucceeded: 10 });
  assert.equal(jobState(d.store, 'J'), 'Faulted');
  d.intake.resolveJob(amy, 'J', 'power back');
  assert.equal(jobState(d.store, 'J'), 'Packaging');
});

test('a job none of whose drives arrived has nothing to copy: Packaging, then Closed without a shipment', () => {
  const d = dock();
  shippingJob(d, 'J', ['A1', 'A2']);
  receiveBox(d, 'TRK-J', []);
  assert.equal(jobState(d.store, 'J'), 'Packaging');
  const v = d.intake.closeWithoutShipment(amy, { jobName: 'J' });
  assert.equal(v.properties.state, 'Closed');
  assert.ok(custodyActions(d.store, { jobName: 'J' }).includes('job.closedNothingToShip'));
});

test('a job with drives at the dock is not closed without a shipment, and nothing changes', () => {
  const d = dock();
  shippingJob(d, 'J', ['A1']);
  receiveBox(d, 'TRK-J', ['A1']);
  d.intake.cancelJob(amy, 'J');
  assert.equal(jobState(d.store, 'J'), 'Packaging');
  refusedUnchanged(d.store, () => d.intake.closeWithoutShipment(amy, { jobName: 'J' }), 'TRANSITION_FORBIDDEN', /still at the dock: A1/);
});

test('destroying the last drive being copied lets its job move to Packaging', () => {
  const d = dock();
  shippingJob(d, 'J', ['A1', 'A2']);
  receiveBox(d, 'TRK-J', ['A1', 'A2']);
  d.intake.startCopy(bay, { jobName: 'J' });
  d.intake.updateJob(amy, 'J', { returnAddress: { ...ADDRESS, phone: '' } });
  d.intake.recordContact(amy, { name: 'J', reached: false }); // the customer cannot be reached
  d.intake.recordCopyResult(bay, { driveId: 'A1', copyStatus: 'Completed' });
  d.intake.faultDrive(amy, 'A2', 'drive head crash');
  d.intake.recordDestruction(amy, {
    driveIds: ['A2'],
    method: 'shredder',
    witness: 'Ben Chen',
    reason: 'no return address, customer unreachable',
  });
  assert.equal(jobState(d.store, 'J'), 'Packaging');
});

test('a faulted Shipping job may still be cancelled, since it left a state before Packaging', () => {
  const d = dock();
  shippingJob(d, 'J', ['A1']);
  d.intake.faultJob(amy, 'J', 'customer disputes the order');
  const v = d.intake.cancelJob(amy, 'J', 'customer cancels');
  assert.equal(v.properties.cancelRequested, true);
});

test('the box of a faulted job is not closed until the job is resolved, and nothing changes', () => {
  const d = dock();
  shippingJob(d, 'J', ['A1', 'A2']);
  d.intake.receivePackage(amy, { trackingNumber: 'TRK-J' });
  d.intake.scanDrive(amy, { serial: 'A1' });
  d.intake.faultJob(amy, 'J', 'address dispute');
  refusedUnchanged(d.store, () => d.intake.closePackage(amy, {}), 'TRANSITION_FORBIDDEN', /resolve it before closing/);
});

test('a Shipping job whose box is at the dock is not overdue, however long the box waits', () => {
  const d = dock();
  shippingJob(d, 'J', ['A1', 'A2']);
  d.intake.receivePackage(amy, { trackingNumber: 'TRK-J' });
  d.intake.scanDrive(amy, { serial: 'A1' });
  d.clock.advanceDays(15);
  d.intake.sweep(amy);
  assert.equal(driveState(d.store, 'A2'), 'Specified', 'the sweep never marks a drive NeverReceived in a box being scanned');
  assert.ok(!d.intake.exceptions().some((e) => e.kind === 'packageOverdue'));
  assert.ok(!d.intake.upcomingDeadlines().some((x) => x.kind === 'shippingOverdue'));
});

test('a drive of a job closed for no reply that reaches the dock later is held, and outlives the purge', () => {
  const d = dock();
  shippingJob(d, 'J1', ['A1']);
  shippingJob(d, 'J2', ['B1', 'B2']);
  d.clock.advanceDays(15);
  d.intake.sweep(amy);
  d.intake.notifyCustomer(amy, 'J2', 'called, no answer');
  d.clock.advanceDays(31);
  d.intake.sweep(amy);
  assert.equal(jobState(d.store, 'J2'), 'Closed');
  d.intake.receivePackage(amy, { trackingNumber: 'TRK-J1' });
  d.intake.scanDrive(amy, { serial: 'A1' });
  d.intake.scanDrive(amy, { serial: 'B1' }); // J2's drive, in J1's box, after J2 was closed
  d.intake.closePackage(amy, {});
  assert.ok(d.store.activeDrive('B1')?.heldSince, 'B1 is at the dock and held');
  d.clock.advanceDays(91);
  d.intake.sweep(amy);
  assert.equal(jobState(d.store, 'J2'), undefined, 'the job record is purged');
  const b1 = d.store.activeDrive('B1');
  assert.ok(b1, 'B1 is still on record');
  assert.equal(b1.role, 'orphan');
  assert.ok(
    d.intake.exceptions().some((e) => e.driveId === 'B1'),
    'and still on the exceptions list',
  );
});

test('a held drive of a job deleted after 2 weeks in Creating becomes a held drive of no job, not of the next job of that name', () => {
  const d = dock();
  d.intake.putJob(amy, importJob('J', ['A1'], { tracking: 'TRK-J' }));
  d.intake.receivePackage(amy, { trackingNumber: 'TRK-J' });
  d.intake.scanDrive(amy, { serial: 'A1' });
  d.intake.closePackage(amy, {});
  d.clock.advanceDays(15);
  d.intake.sweep(amy);
  d.intake.putJob(amy, importJob('J', ['C1'], { tracking: 'TRK-J2' }));
  const v = d.intake.jobView('J');
  assert.deepEqual(
    v.properties.driveList.map((x) => x.driveId),
    ['C1'],
  );
  assert.equal(d.store.activeDrive('A1')?.jobName, null);
});

test('a held drive that came after its job gave up on it goes back to the sender', () => {
  const d = dock();
  shippingJob(d, 'J', ['A1', 'A2']);
  receiveBox(d, 'TRK-J', ['A1']);
  d.intake.startCopy(bay, { jobName: 'J' });
  d.intake.recordCopyResult(bay, { driveId: 'A1', copyStatus: 'Completed' });
  d.intake.shipBack(amy, { jobName: 'J', carrierName: 'FedEx', trackingNumber: 'RET-J' });
  d.intake.receivePackage(amy, { trackingNumber: 'TRK-LATE' });
  const r = d.intake.scanDrive(amy, { serial: 'A2' });
  assert.equal(r.outcome, 'held');
  d.intake.closePackage(amy, {});
  d.clock.advanceDays(15);
  d.intake.returnHeldDrives(amy, { driveIds: ['A2'], carrierName: 'FedEx', trackingNumber: 'RET-A2' });
  assert.equal(driveState(d.store, 'A2'), 'ShippedBack');
});

test("the custody CSV carries each record's details, such as the destruction method and witness", () => {
  const d = dock();
  d.intake.putJob(amy, importJob('J', ['A1'], { tracking: 'TRK-J' }));
  d.intake.receivePackage(amy, { trackingNumber: 'TRK-J' });
  d.intake.scanDrive(amy, { serial: 'A1' });
  d.intake.closePackage(amy, {});
  d.intake.recordDestruction(amy, { driveIds: ['A1'], method: 'degauss and shred', witness: 'Ben Chen' });
  const csv = d.intake.custodyCsv('J');
  assert.match(csv.split('\r\n')[0]!, /,"detail"$/);
  assert.match(csv, /degauss and shred/);
  assert.match(csv, /Ben Chen/);
});

test("the job's custody shows its box received and closed", () => {
  const d = dock();
  shippingJob(d, 'J', ['A1']);
  receiveBox(d, 'TRK-J', ['A1']);
  const rows = d.intake.custodyOf({ jobName: 'J' });
  assert.ok(rows.some((r) => r.action === 'package.closed' && r.trackingNumber === 'TRK-J'));
  assert.ok(rows.some((r) => r.action === 'job.packageReceived' && r.trackingNumber === 'TRK-J'));
});

test('a box opened by mistake, nothing scanned into it yet, is put back unopened by undo', () => {
  const d = dock();
  shippingJob(d, 'J', ['A1']);
  d.intake.receivePackage(amy, { trackingNumber: 'TRK-J' });
  const r = d.intake.undoLastScan(amy);
  assert.equal(r.trackingNumber, 'TRK-J');
  assert.equal(d.store.package('TRK-J'), null);
  assert.equal(jobState(d.store, 'J'), 'Shipping');
  d.intake.receivePackage(amy, { trackingNumber: 'TRK-J' }); // and it can be received again, for real
  assert.equal(d.store.package('TRK-J')?.state, 'open');
});

test('a box with a drive scanned into it is not put back unopened, and nothing changes', () => {
  const d = dock();
  shippingJob(d, 'J', ['A1', 'A2']);
  d.intake.receivePackage(amy, { trackingNumber: 'TRK-J' });
  d.intake.scanDrive(amy, { serial: 'A1' });
  d.intake.undoLastScan(amy);
  refusedUnchanged(d.store, () => d.intake.undoLastScan(amy), 'NOTHING_TO_UNDO');
});

test('the exceptions list faulted jobs and drives, most urgent first', () => {
  const d = dock();
  shippingJob(d, 'J', ['A1']);
  receiveBox(d, 'TRK-J', ['A1']);
  d.intake.faultDrive(amy, 'A1', 'bad sectors');
  d.intake.faultJob(amy, 'J', 'customer dispute');
  d.intake.receivePackage(amy, { trackingNumber: 'TRK-NOBODY' });
  d.intake.scanDrive(amy, { serial: 'STRAY-1' });
  d.intake.closePackage(amy, {});
  const rows = d.intake.exceptions();
  assert.ok(rows.some((r) => r.kind === 'faultedJob' && r.jobName === 'J'));
  assert.ok(rows.some((r) => r.kind === 'faultedDrive' && r.driveId === 'A1'));
  assert.equal(rows[0]!.driveId, 'STRAY-1', 'the row with a deadline comes before those without');
});
