// A BitLocker key is a secret: the station keeps it only while it may need it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { amy, bay, dock, receiveBox, shippingJob } from './helpers.ts';
import { readStore } from '../store-file.ts';

test("a drive's BitLocker key is wiped from the store once the drive has left the dock", () => {
  const d = dock();
  shippingJob(d, 'J', ['A1']);
  receiveBox(d, 'TRK-J', ['A1']);
  const key = () =>
    (readStore(d.store.path).prepare("SELECT bitlocker_key AS k FROM drives WHERE drive_id = 'A1'").get() as { k: string | null }).k;
  assert.ok(key(), 'the key is kept while the drive is here to be copied');
  d.intake.startCopy(bay, { jobName: 'J' });
  d.intake.recordCopyResult(bay, { driveId: 'A1', copyStatus: 'Completed' });
  d.intake.shipBack(amy, { jobName: 'J', carrierName: 'FedEx', trackingNumber: 'RET-J' });
  assert.equal(key(), null);
});
