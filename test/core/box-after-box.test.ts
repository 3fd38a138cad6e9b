// Box after box at one station: the next box's tracking number closes the open one and opens the next in one
// step; a serial on no list waits for a second scan before it is an extra drive; any line of the open box is
// taken back; a drive recorded in the wrong box is moved to the right one. One rule per test.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { amy, custodyActions, dock, driveState, jobState, refusedUnchanged, shippingJob } from './helpers.ts';

describe('the next box scanned with a box open', () => {
  test('closes the open box and opens the next, in one step, when nothing becomes NeverReceived', () => {
    const d = dock();
    shippingJob(d, 'JOB-A', ['WD-A1']);
    shippingJob(d, 'JOB-B', ['WD-B1']);
    d.intake.receivePackage(amy, { trackingNumber: 'TRK-JOB-A' });
    d.intake.scanDrive(amy, { serial: 'WD-A1' });
    const r = d.intake.receiveNext(amy, { trackingNumber: 'TRK-JOB-B' });
    assert.equal(r.closed.package.state, 'closed');
    assert.deepEqual(r.closed.neverReceived, []);
    assert.equal(r.package.trackingNumber, 'TRK-JOB-B');
    assert.equal(r.package.state, 'open');
    assert.equal(jobState(d.store, 'JOB-A'), 'Received');
    // every drive scanned after it lands in the new box
    const s = d.intake.scanDrive(amy, { serial: 'WD-B1' });
    assert.equal(s.package.trackingNumber, 'TRK-JOB-B');
    assert.equal(s.outcome, 'received');
  });

  test('is refused, changing nothing, while drives would become NeverReceived that the person did not confirm', () => {
    const d = dock();
    shippingJob(d, 'JOB-A', ['WD-A1', 'WD-A2', 'WD-A3']);
    shippingJob(d, 'JOB-B', ['WD-B1']);
    d.intake.receivePackage(amy, { trackingNumber: 'TRK-JOB-A' });
    d.intake.scanDrive(amy, { serial: 'WD-A1' });
    const e = refusedUnchanged(d.store, () => d.intake.receiveNext(amy, { trackingNumber: 'TRK-JOB-B' }), 'CLOSE_NOT_CONFIRMED');
    assert.deepEqual(e.detail?.neverReceived, ['WD-A2', 'WD-A3']);
    assert.equal(e.detail?.next, 'TRK-JOB-B');
    // a confirmation that saw only part of the list is no confirmation
    refusedUnchanged(
      d.store,
      () => d.intake.receiveNext(amy, { trackingNumber: 'TRK-JOB-B', confirmed: ['WD-A2'] }),
      'CLOSE_NOT_CONFIRMED',
    );
  });

  test('confirmed, marks the missing drives NeverReceived in the closed box and opens the next', () => {
    const d = dock();
    shippingJob(d, 'JOB-A', ['WD-A1', 'WD-A2']);
    shippingJob(d, 'JOB-B', ['WD-B1']);
    d.intake.receivePackage(amy, { trackingNumber: 'TRK-JOB-A' });
    d.intake.scanDrive(amy, { serial: 'WD-A1' });
    const r = d.intake.receiveNext(amy, { trackingNumber: 'TRK-JOB-B', confirmed: ['WD-A2'] });
    assert.deepEqual(r.closed.neverReceived, ['WD-A2']);
    assert.equal(driveState(d.store, 'WD-A2'), 'NeverReceived');
    assert.equal(d.intake.openPackage('dock-1')?.trackingNumber, 'TRK-JOB-B');
  });

  test('a box received before, or one no job expects, closes nothing', () => {
    const d = dock();
    shippingJob(d, 'JOB-A', ['WD-A1']);
    shippingJob(d, 'JOB-B', ['WD-B1']);
    d.intake.receivePackage(amy, { trackingNumber: 'TRK-JOB-B' });
    d.intake.closePackage(amy, {});
    d.intake.receivePackage(amy, { trackingNumber: 'TRK-JOB-A' });
    d.intake.scanDrive(amy, { serial: 'WD-A1' });
    refusedUnchanged(d.store, () => d.intake.receiveNext(amy, { trackingNumber: 'TRK-JOB-B' }), 'PACKAGE_ALREADY_RECEIVED');
    refusedUnchanged(d.store, () => d.intake.receiveNext(amy, { trackingNumber: 'NOBODY-EXPECTS-ME' }), 'PACKAGE_UNKNOWN');
    refusedUnchanged(d.store, () => d.intake.receiveNext(amy, { trackingNumber: 'TRK-JOB-A' }), 'PACKAGE_ALREADY_OPEN');
  });
});

describe('a serial on no list', () => {
  test('asked, is refused with nothing recorded until it is scanned again', () => {
    const d = dock();
    shippingJob(d, 'JOB-A', ['WD-A1']);
    d.intake.receivePackage(amy, { trackingNumber: 'TRK-JOB-A' });
    const e = refusedUnchanged(
      d.store,
      () => d.intake.scanDrive(amy, { serial: 'WDC-MODEL-X', unlisted: 'ask' }),
      'UNLISTED_NOT_CONFIRMED',
    );
    assert.equal(e.detail?.jobName, 'JOB-A');
    const r = d.intake.scanDrive(amy, { serial: 'WDC-MODEL-X', unlisted: 'record' });
    assert.equal(r.outcome, 'extra');
  });

  test('a drive on its list is received at once, asked or not', () => {
    const d = dock();
    shippingJob(d, 'JOB-A', ['WD-A1']);
    d.intake.receivePackage(amy, { trackingNumber: 'TRK-JOB-A' });
    assert.equal(d.intake.scanDrive(amy, { serial: 'WD-A1', unlisted: 'ask' }).outcome, 'received');
  });
});

describe('taking back a line of the open box', () => {
  test('any line, not only the last scan, as a compensating custody record; as often as needed', () => {
    const d = dock();
    shippingJob(d, 'JOB-A', ['WD-A1', 'WD-A2', 'WD-A3']);
    d.intake.receivePackage(amy, { trackingNumber: 'TRK-JOB-A' });
    for (const s of ['WD-A1', 'WD-A2', 'WD-A3']) d.intake.scanDrive(amy, { serial: s });
    d.intake.takeBack(amy, { serial: 'WD-A1' });
    assert.equal(driveState(d.store, 'WD-A1'), 'Specified');
    assert.equal(driveState(d.store, 'WD-A3'), 'Received');
    d.intake.scanDrive(amy, { serial: 'WD-A1' });
    d.intake.takeBack(amy, { serial: 'WD-A1' });
    assert.deepEqual(custodyActions(d.store, { driveId: 'WD-A1' }), [
      'drive.listed',
      'drive.scanned',
      'scan.undone',
      'drive.scanned',
      'scan.undone',
    ]);
    assert.equal(d.intake.openPackage('dock-1')?.jobs[0]?.receivedCount, 2);
  });

  test('an extra drive taken back is gone from the box, its records kept', () => {
    const d = dock();
    shippingJob(d, 'JOB-A', ['WD-A1']);
    d.intake.receivePackage(amy, { trackingNumber: 'TRK-JOB-A' });
    d.intake.scanDrive(amy, { serial: 'SN-EXTRA-1' });
    d.intake.scanDrive(amy, { serial: 'WD-A1' });
    d.intake.takeBack(amy, { serial: 'SN-EXTRA-1' });
    assert.equal(driveState(d.store, 'SN-EXTRA-1'), undefined);
    assert.deepEqual(custodyActions(d.store, { driveId: 'SN-EXTRA-1' }), ['drive.extra', 'scan.undone']);
  });

  test('a drive not in the open box, or never scanned, is refused with nothing changed', () => {
    const d = dock();
    shippingJob(d, 'JOB-A', ['WD-A1', 'WD-A2']);
    d.intake.receivePackage(amy, { trackingNumber: 'TRK-JOB-A' });
    d.intake.scanDrive(amy, { serial: 'WD-A1' });
    refusedUnchanged(d.store, () => d.intake.takeBack(amy, { serial: 'WD-A2' }), 'NOTHING_TO_UNDO');
    refusedUnchanged(d.store, () => d.intake.takeBack(amy, { serial: 'NO-SUCH' }), 'NOTHING_TO_UNDO');
  });
});

describe('moving a drive recorded in the wrong box', () => {
  test('moves it to the box open here, with a custody record in each box', () => {
    const d = dock();
    shippingJob(d, 'JOB-A', ['WD-A1']);
    shippingJob(d, 'JOB-B', ['WD-B1', 'WD-B2']);
    d.intake.receivePackage(amy, { trackingNumber: 'TRK-JOB-A' });
    d.intake.scanDrive(amy, { serial: 'WD-A1' });
    d.intake.scanDrive(amy, { serial: 'WD-B1' }); // the next box's drive, scanned before its box
    d.intake.receiveNext(amy, { trackingNumber: 'TRK-JOB-B', confirmed: [] });
    const r = d.intake.moveToBox(amy, { serial: 'WD-B1' });
    assert.equal(r.from, 'TRK-JOB-A');
    assert.ok(r.package.scanned.some((x) => x.driveId === 'WD-B1'));
    assert.equal(driveState(d.store, 'WD-B1'), 'Received');
    const moved = d.intake.custodyOf({ driveId: 'WD-B1' }).filter((c) => c.action.startsWith('drive.moved'));
    assert.deepEqual(moved.map((c) => [c.action, c.trackingNumber, c.operator]).sort(), [
      ['drive.movedIn', 'TRK-JOB-B', 'Amy Lin'],
      ['drive.movedOut', 'TRK-JOB-A', 'Amy Lin'],
    ]);
  });

  test('is refused for a drive already in this box, with no box open, or for a drive held', () => {
    const d = dock();
    shippingJob(d, 'JOB-A', ['WD-A1']);
    d.intake.putJob(amy, {
      name: 'JOB-C',
      properties: { jobType: 'Import', deliveryPackage: { carrierName: 'DHL', trackingNumber: 'TRK-C' } },
    });
    d.intake.receivePackage(amy, { trackingNumber: 'TRK-JOB-A' });
    d.intake.scanDrive(amy, { serial: 'WD-A1' });
    refusedUnchanged(d.store, () => d.intake.moveToBox(amy, { serial: 'WD-A1' }), 'DRIVE_NOT_MOVABLE', /already/);
    d.intake.closePackage(amy, {});
    refusedUnchanged(d.store, () => d.intake.moveToBox(amy, { serial: 'WD-A1' }), 'PACKAGE_NOT_OPEN');
    d.intake.receivePackage(amy, { trackingNumber: 'TRK-C' });
    d.intake.scanDrive(amy, { serial: 'SN-HELD-1', unlisted: 'record' });
    d.intake.closePackage(amy, {});
    d.intake.receivePackage(amy, { trackingNumber: 'LOOSE-BOX' });
    refusedUnchanged(d.store, () => d.intake.moveToBox(amy, { serial: 'SN-HELD-1' }), 'DRIVE_NOT_MOVABLE', /held/);
  });

  test('the rule book offers the move exactly when the station takes it', () => {
    const d = dock();
    shippingJob(d, 'JOB-A', ['WD-A1']);
    d.intake.receivePackage(amy, { trackingNumber: 'TRK-JOB-A' });
    d.intake.scanDrive(amy, { serial: 'WD-A1' });
    const offered = d.intake.drivePossibilities('WD-A1').filter((p) => p.action === 'moveToBox');
    assert.equal(offered.length, 1);
    assert.equal(offered[0]!.allowed, false, 'no box to move it into is given, so not offered');
  });
});
