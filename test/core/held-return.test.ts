// Held drives whose job never became ready go back to the sender (DOMAIN.md: "If no contact within 2 weeks,
// staff try to return the drives").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADDRESS, amy, ben, custodyActions, dock, driveState, importJob, refusedUnchanged, shippingJob, receiveBox } from './helpers.ts';

function heldBoxOfCreatingJob() {
  const d = dock();
  d.intake.putJob(amy, importJob('early-bird', ['HD-E1', 'HD-E2'], { tracking: 'TRK-EARLY' }));
  d.intake.receivePackage(amy, { trackingNumber: 'TRK-EARLY' });
  d.intake.scanDrive(amy, { serial: 'HD-E1' });
  d.intake.scanDrive(amy, { serial: 'HD-E2' });
  d.intake.closePackage(amy, { trackingNumber: 'TRK-EARLY' });
  return d;
}

test("held drives of a job still Creating go back to the job's return address and leave the dock", () => {
  const d = heldBoxOfCreatingJob();
  d.clock.advanceDays(15);
  const r = d.intake.returnHeldDrives(ben, { driveIds: ['HD-E1', 'HD-E2'], carrierName: 'FedEx', trackingNumber: 'RET-HELD-1' });
  assert.equal(r.returnPackage.driveCount, 2);
  assert.equal(r.address.city, ADDRESS.city);
  assert.equal(driveState(d.store, 'HD-E1'), 'ShippedBack');
  assert.equal(d.store.activeDrive('HD-E1'), null, 'the drive is no longer at the dock');
  assert.ok(custodyActions(d.store, { driveId: 'HD-E2' }).includes('drive.heldReturned'));
  assert.equal(d.store.package('TRK-EARLY')?.state, 'closed', 'the held box has nothing left on hold');
});

test('a held drive of no job goes back only to an address staff give, complete', () => {
  const d = dock();
  d.intake.receivePackage(amy, { trackingNumber: 'TRK-NOBODY' });
  d.intake.scanDrive(amy, { serial: 'STRAY-1' });
  d.intake.closePackage(amy, {});
  d.clock.advanceDays(15);
  refusedUnchanged(
    d.store,
    () => d.intake.returnHeldDrives(amy, { driveIds: ['STRAY-1'], carrierName: 'UPS', trackingNumber: 'RET-S1' }),
    'ADDRESS_INCOMPLETE',
    /recipientName/,
  );
  refusedUnchanged(
    d.store,
    () =>
      d.intake.returnHeldDrives(amy, {
        driveIds: ['STRAY-1'],
        carrierName: 'UPS',
        trackingNumber: 'RET-S1',
        address: { ...ADDRESS, phone: '' },
      }),
    'ADDRESS_INCOMPLETE',
    /phone/,
  );
  d.intake.returnHeldDrives(amy, { driveIds: ['STRAY-1'], carrierName: 'UPS', trackingNumber: 'RET-S1', address: ADDRESS });
  assert.equal(driveState(d.store, 'STRAY-1'), 'ShippedBack');
  const rec = d.intake.custodyOf({ driveId: 'STRAY-1' })[0]!;
  assert.equal(
    (rec.detail?.address as { city?: string }).city,
    ADDRESS.city,
    'custody keeps where it went, so its label can be printed again',
  );
});

test('a drive that is not held is not returned this way, and nothing changes', () => {
  const d = dock();
  shippingJob(d, 'ready', ['RD-1']);
  receiveBox(d, 'TRK-READY', ['RD-1']);
  refusedUnchanged(
    d.store,
    () => d.intake.returnHeldDrives(amy, { driveIds: ['RD-1'], carrierName: 'UPS', trackingNumber: 'RET-R1' }),
    'DRIVE_NOT_HELD',
  );
});

test('a return tracking number of held drives is used once', () => {
  const d = heldBoxOfCreatingJob();
  d.clock.advanceDays(15);
  d.intake.returnHeldDrives(amy, { driveIds: ['HD-E1'], carrierName: 'FedEx', trackingNumber: 'RET-ONCE' });
  refusedUnchanged(
    d.store,
    () => d.intake.returnHeldDrives(amy, { driveIds: ['HD-E2'], carrierName: 'FedEx', trackingNumber: 'RET-ONCE' }),
    'BAD_INPUT',
    /already used/,
  );
});
