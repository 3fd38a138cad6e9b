// The intake operations of issue 2, section 3, one rule per test.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEADLINES } from '../../electron/core/clock.ts';
import {
  ADDRESS,
  DAYS,
  amy,
  bay,
  ben,
  bitLockerKeyFor,
  custodyActions,
  dock,
  driveState,
  dumpStore,
  importJob,
  jobState,
  receiveBox,
  refusedUnchanged,
  shippingJob,
} from './helpers.ts';
import { readStore } from '../store-file.ts';

describe('jobs: Put and Update', () => {
  test('Put creates a job with its drives and a custody record of who created it where', () => {
    const d = dock();
    d.intake.putJob(amy, importJob('JOB-1', ['WD-A1', 'WD-A2']));
    const c = d.intake.custodyOf({ jobName: 'JOB-1' }).reverse();
    assert.deepEqual(
      c.map((r) => r.action),
      ['job.created', 'drive.listed', 'drive.listed'],
    );
    assert.deepEqual([c[0]!.operator, c[0]!.station, c[0]!.stateAfter], ['Amy Lin', 'dock-1', 'Creating']);
    assert.match(c[0]!.at, /^2026-11-02T\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/, 'the time carries its zone');
  });

  test('Put of a name already in use is refused', () => {
    const d = dock();
    d.intake.putJob(amy, importJob('JOB-1', ['WD-A1']));
    refusedUnchanged(d.store, () => d.intake.putJob(amy, importJob('JOB-1', ['WD-B1'])), 'JOB_EXISTS');
  });

  test('Update changes only the fields it names and merges the return address', () => {
    const d = dock();
    d.intake.putJob(amy, importJob('JOB-1', ['WD-A1']));
    const v = d.intake.updateJob(amy, 'JOB-1', { returnAddress: { phone: '+886 2 2720 9999' }, logLevel: 'Verbose' });
    assert.deepEqual(v.properties.returnAddress, { ...ADDRESS, phone: '+886 2 2720 9999' });
    assert.equal(v.properties.logLevel, 'Verbose');
    assert.equal(v.properties.deliveryPackage?.trackingNumber, 'TRK-JOB-1');
  });

  test('an update while Creating restarts the 2 weeks to deletion', () => {
    const d = dock();
    d.intake.putJob(amy, importJob('JOB-1', ['WD-A1']));
    d.clock.advance(DAYS(5));
    d.intake.updateJob(amy, 'JOB-1', { driveList: [{ driveId: 'WD-A2' }] });
    const due = d.intake.upcomingDeadlines().find((x) => x.jobName === 'JOB-1' && x.kind === 'creatingDeletion');
    assert.equal(due?.dueAt, new Date(d.clock.now().getTime() + DEADLINES.creatingDeleted).toISOString());
  });
});

describe("jobs: import of the service's Get Job JSON", () => {
  const getJob = (name: string, drives: string[], state = 'Shipping') => ({
    id: `/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ImportExport/jobs/${name}`,
    name,
    type: 'Microsoft.ImportExport/jobs',
    location: 'eastasia',
    properties: { ...importJob(name, drives).properties, state, provisioningState: 'Succeeded' },
  });

  test('one job is imported', () => {
    const d = dock();
    assert.deepEqual(d.intake.importJobs(amy, getJob('JOB-1', ['WD-A1'])), { created: ['JOB-1'], updated: [] });
    assert.equal(jobState(d.store, 'JOB-1'), 'Shipping');
  });

  test('a list of jobs is imported', () => {
    const d = dock();
    assert.deepEqual(d.intake.importJobs(amy, [getJob('JOB-1', ['WD-A1']), getJob('JOB-2', ['WD-B1'])]).created, ['JOB-1', 'JOB-2']);
  });

  test("the service's list answer { value: [...] } is imported, as text too", () => {
    const d = dock();
    const text = JSON.stringify({ value: [getJob('JOB-1', ['WD-A1']), getJob('JOB-2', ['WD-B1'], 'Creating')] });
    assert.deepEqual(d.intake.importJobs(amy, text).created, ['JOB-1', 'JOB-2']);
    assert.equal(jobState(d.store, 'JOB-2'), 'Creating');
  });

  test('importing a job already on record updates it rather than creating it twice', () => {
    const d = dock();
    d.intake.putJob(amy, importJob('JOB-1', ['WD-A1']));
    const r = d.intake.importJobs(amy, getJob('JOB-1', ['WD-A1']));
    assert.deepEqual(r, { created: [], updated: ['JOB-1'] });
    assert.equal(jobState(d.store, 'JOB-1'), 'Shipping');
  });
});

describe('packages and scans', () => {
  test('a package is received by its tracking number and opens for the job that named it', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1'], '794612345678');
    const p = d.intake.receivePackage(amy, { trackingNumber: ' 794612345678\r\n' });
    assert.deepEqual([p.trackingNumber, p.state, p.carrierName, p.jobs.map((j) => j.name)], ['794612345678', 'open', 'DHL', ['JOB-1']]);
    assert.equal(d.intake.openPackage('dock-1')?.trackingNumber, '794612345678');
  });

  test('a shared box is received by its tracking number and opens for every job suffixed -1, -2', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1'], 'SF1234567890123-1');
    shippingJob(d, 'JOB-2', ['WD-B1'], 'SF1234567890123-2');
    shippingJob(d, 'JOB-3', ['WD-C1'], 'SF9999999999999-1');
    const p = d.intake.receivePackage(amy, { trackingNumber: 'SF1234567890123' });
    assert.deepEqual(
      p.jobs.map((j) => j.name),
      ['JOB-1', 'JOB-2'],
    );
    d.intake.scanDrive(amy, { serial: 'WD-A1' });
    d.intake.scanDrive(amy, { serial: 'WD-B1' });
    d.intake.closePackage(amy);
    assert.deepEqual(
      [jobState(d.store, 'JOB-1'), jobState(d.store, 'JOB-2'), jobState(d.store, 'JOB-3')],
      ['Received', 'Received', 'Shipping'],
    );
  });

  test('a suffixed tracking number received on its own opens for that one job', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1'], 'SF1234567890123-1');
    shippingJob(d, 'JOB-2', ['WD-B1'], 'SF1234567890123-2');
    assert.deepEqual(
      d.intake.receivePackage(amy, { trackingNumber: 'SF1234567890123-2' }).jobs.map((j) => j.name),
      ['JOB-2'],
    );
  });

  test('an unlisted drive in a shared box needs the job name on its label', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1'], 'SF1234567890123-1');
    shippingJob(d, 'JOB-2', ['WD-B1'], 'SF1234567890123-2');
    d.intake.receivePackage(amy, { trackingNumber: 'SF1234567890123' });
    refusedUnchanged(d.store, () => d.intake.scanDrive(amy, { serial: 'WD-X9' }), 'AMBIGUOUS_JOB', /JOB-1, JOB-2/);
    const r = d.intake.scanDrive(amy, { serial: 'WD-X9', jobName: 'JOB-2' });
    assert.deepEqual([r.outcome, r.jobName], ['extra', 'JOB-2']);
  });

  test('an expected drive scanned is Received, accepted, and the package view counts it', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1', 'WD-A2'], 'TRK1');
    d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
    const r = d.intake.scanDrive(amy, { serial: 'wd-a1' });
    assert.deepEqual([r.outcome, r.tone, r.serial, r.drive.state], ['received', 'accepted', 'WD-A1', 'Received']);
    assert.deepEqual([r.package.jobs[0]!.receivedCount, r.package.jobs[0]!.expectedCount], [1, 2]);
    assert.deepEqual(
      r.package.scanned.map((s) => s.driveId),
      ['WD-A1'],
    );
  });

  test('a drive scanned twice is a notice and changes nothing', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
    d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
    d.intake.scanDrive(amy, { serial: 'WD-A1' });
    refusedUnchanged(
      d.store,
      () => d.intake.scanDrive(amy, { serial: 'WD-A1' }),
      'DRIVE_ALREADY_SCANNED',
      /already scanned into this package/,
    );
  });

  test('a NeverReceived drive scanned in a later package is Received and says it arrived late', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1', 'WD-A2'], 'TRK1');
    receiveBox(d, 'TRK1', ['WD-A1']);
    d.intake.receivePackage(amy, { trackingNumber: 'TRK2' });
    const r = d.intake.scanDrive(amy, { serial: 'WD-A2' });
    assert.equal(r.drive.state, 'Received');
    assert.equal(r.jobName, 'JOB-1');
    assert.equal(r.outcome, 'arrivedLater', 'a late arrival is a late arrival, whichever box it came in');
    assert.deepEqual(custodyActions(d.store, { driveId: 'WD-A2' }).slice(-1), ['drive.arrivedLater']);
  });

  test('a drive of no job is held in its package, and the package is held when closed', () => {
    const d = dock();
    d.intake.receivePackage(amy, { trackingNumber: 'RR123456789TW', carrierName: 'Chunghwa Post' });
    const r = d.intake.scanDrive(amy, { serial: 'ZA1B2C3D' });
    assert.deepEqual([r.outcome, r.tone, r.drive.held, r.jobName], ['held', 'warning', true, null]);
    assert.equal(d.intake.closePackage(amy).package.state, 'held');
  });

  test('a drive of another job is received for its own job, and its custody says which package it came in', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
    shippingJob(d, 'JOB-2', ['WD-B1'], 'TRK2');
    d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
    const r = d.intake.scanDrive(amy, { serial: 'WD-B1' });
    assert.deepEqual(
      [r.outcome, r.tone, r.jobName, r.drive.state, r.drive.packageTrackingNumber],
      ['otherJob', 'warning', 'JOB-2', 'Received', 'TRK1'],
    );
    const c = d.intake.custodyOf({ driveId: 'WD-B1' })[0]!;
    assert.deepEqual([c.action, c.jobName, c.trackingNumber, c.detail?.package], ['drive.receivedInOtherPackage', 'JOB-2', 'TRK1', 'TRK1']);
    assert.ok(d.intake.exceptions().some((e) => e.kind === 'otherJobPackage' && e.driveId === 'WD-B1'));
  });

  test('a second package cannot be opened at a station while one is open', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
    d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
    refusedUnchanged(d.store, () => d.intake.receivePackage(amy, { trackingNumber: 'TRK2' }), 'ANOTHER_PACKAGE_OPEN');
    assert.equal(d.intake.receivePackage(ben, { trackingNumber: 'TRK2' }).station, 'dock-2', 'another station may');
  });

  test('a package already received is not received again', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
    receiveBox(d, 'TRK1', ['WD-A1']);
    refusedUnchanged(d.store, () => d.intake.receivePackage(amy, { trackingNumber: 'TRK1' }), 'PACKAGE_ALREADY_RECEIVED');
  });

  test('closing a package marks the expected drives not scanned NeverReceived, says which, and makes the job Received', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1', 'WD-A2', 'WD-A3'], 'TRK1');
    d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
    d.intake.scanDrive(amy, { serial: 'WD-A2' });
    assert.deepEqual(
      d.intake.previewClose(amy).neverReceived.map((x) => x.driveId),
      ['WD-A1', 'WD-A3'],
    );
    const r = d.intake.closePackage(amy);
    assert.deepEqual(r.neverReceived, ['WD-A1', 'WD-A3']);
    assert.equal(r.package.state, 'closed');
    assert.equal(jobState(d.store, 'JOB-1'), 'Received');
    assert.equal(d.intake.openPackage('dock-1'), null);
  });
});

describe('held packages', () => {
  test('a held drive comes due for return 2 weeks after it arrived and for destruction after 90 days', () => {
    const d = dock();
    d.intake.putJob(amy, importJob('JOB-1', ['WD-A1'], { tracking: 'TRK1' }));
    d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
    d.intake.scanDrive(amy, { serial: 'WD-A1' });
    d.intake.closePackage(amy);
    const t0 = d.clock.now().getTime();
    const held = d.intake.upcomingDeadlines().filter((x) => x.driveId === 'WD-A1');
    assert.deepEqual(
      held.map((x) => [x.kind, x.dueAt]),
      [
        ['heldReturn', new Date(t0 + DEADLINES.heldReturnDue).toISOString()],
        ['heldDestruction', new Date(t0 + DEADLINES.heldDestructionDue).toISOString()],
      ],
    );
  });

  test('a held package whose job is still Creating cannot be released', () => {
    const d = dock();
    d.intake.putJob(amy, importJob('JOB-1', ['WD-A1'], { tracking: 'TRK1' }));
    receiveBox(d, 'TRK1', ['WD-A1']);
    refusedUnchanged(d.store, () => d.intake.releaseHold(amy, { trackingNumber: 'TRK1' }), 'TRANSITION_FORBIDDEN', /still Creating/);
  });

  test('a held drive of no job is claimed by a job that lists it later and released with the package', () => {
    const d = dock();
    receiveBox(d, 'TRK9', ['WD-A1']);
    d.intake.putJob(amy, importJob('JOB-1', ['WD-A1'], { state: 'Shipping', tracking: 'TRK1' }));
    assert.equal(d.store.activeDrive('WD-A1')?.jobName, 'JOB-1');
    d.intake.releaseHold(amy, { trackingNumber: 'TRK9' });
    assert.equal(driveState(d.store, 'WD-A1'), 'Received');
  });
});

describe('copy', () => {
  function received(drives = ['WD-A1', 'WD-A2']) {
    const d = dock();
    shippingJob(d, 'JOB-1', drives, 'TRK1');
    receiveBox(d, 'TRK1', drives);
    return d;
  }

  test('copy results are recorded per drive: bytes, percent, status code and log URIs', () => {
    const d = received();
    d.intake.startCopy(bay, { jobName: 'JOB-1' });
    const v = d.intake.recordCopyResult(bay, {
      driveId: 'WD-A1',
      copyStatus: 'CompletedWithErrors',
      percentComplete: 100,
      bytesSucceeded: 3_999_000_000_000,
      errorLogUri: 'https://fgenomics.blob.core.windows.net/waimportexport/WD-A1_error.xml',
      verboseLogUri: 'https://fgenomics.blob.core.windows.net/waimportexport/WD-A1_verbose.xml',
    });
    assert.deepEqual(
      [v.state, v.copyStatus, v.percentComplete, v.bytesSucceeded, v.errorLogUri, v.verboseLogUri],
      [
        'CompletedMoreInfo',
        'CompletedWithErrors',
        100,
        3_999_000_000_000,
        'https://fgenomics.blob.core.windows.net/waimportexport/WD-A1_error.xml',
        'https://fgenomics.blob.core.windows.net/waimportexport/WD-A1_verbose.xml',
      ],
    );
  });

  test("a job's percent complete is derived from its drives", () => {
    const d = received();
    d.intake.startCopy(bay, { jobName: 'JOB-1' });
    assert.equal(d.intake.jobView('JOB-1').properties.percentComplete, 0);
    d.intake.recordCopyResult(bay, { driveId: 'WD-A1', percentComplete: 40 });
    assert.equal(d.intake.jobView('JOB-1').properties.percentComplete, 20);
    d.intake.recordCopyResult(bay, { driveId: 'WD-A2', copyStatus: 'Completed' });
    assert.equal(d.intake.jobView('JOB-1').properties.percentComplete, 70);
  });

  test('the job moves from Transferring to Packaging only when every drive is processed', () => {
    const d = received(['WD-A1', 'WD-A2', 'WD-A3']);
    d.intake.startCopy(bay, { jobName: 'JOB-1', driveIds: ['WD-A1'] });
    d.intake.recordCopyResult(bay, { driveId: 'WD-A1', copyStatus: 'Completed' });
    assert.equal(jobState(d.store, 'JOB-1'), 'Transferring', 'two drives still wait for their copy');
    d.intake.startCopy(bay, { jobName: 'JOB-1' });
    d.intake.recordCopyResult(bay, { driveId: 'WD-A2', copyStatus: 'Completed' });
    d.intake.recordCopyResult(bay, { driveId: 'WD-A3', copyStatus: 'DiskNotFound' });
    assert.equal(jobState(d.store, 'JOB-1'), 'Packaging');
  });

  test('copy results are only taken for drives being copied', () => {
    const d = received();
    refusedUnchanged(d.store, () => d.intake.recordCopyResult(bay, { driveId: 'WD-A1', copyStatus: 'Completed' }), 'COPY_NOT_ALLOWED');
  });
});

describe('ship back', () => {
  function packaging(statuses: Record<string, string>) {
    const d = dock();
    const drives = Object.keys(statuses);
    shippingJob(d, 'JOB-1', drives, 'TRK1');
    receiveBox(d, 'TRK1', drives);
    d.intake.startCopy(bay, { jobName: 'JOB-1' });
    for (const [s, st] of Object.entries(statuses)) d.intake.recordCopyResult(bay, { driveId: s, copyStatus: st });
    return d;
  }

  test('shipping back records the return package and ships every drive of the job, extras included', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
    receiveBox(d, 'TRK1', ['WD-A1', 'WD-X9']);
    d.intake.startCopy(bay, { jobName: 'JOB-1' });
    d.intake.recordCopyResult(bay, { driveId: 'WD-A1', copyStatus: 'Completed' });
    const v = d.intake.shipBack(amy, { jobName: 'JOB-1', carrierName: 'DHL', trackingNumber: '1234567890' });
    assert.deepEqual(v.properties.returnPackage, {
      carrierName: 'DHL',
      trackingNumber: '1234567890',
      driveCount: 2,
      shipDate: '2026-11-02',
    });
    assert.deepEqual([driveState(d.store, 'WD-A1'), driveState(d.store, 'WD-X9')], ['ShippedBack', 'ShippedBack']);
  });

  test('a job whose drives all copied cleanly (warnings allowed) ends Completed', () => {
    const d = packaging({ 'WD-A1': 'Completed', 'WD-A2': 'CompletedWithWarnings' });
    assert.equal(
      d.intake.shipBack(amy, { jobName: 'JOB-1', carrierName: 'DHL', trackingNumber: '1234567890' }).properties.state,
      'Completed',
    );
  });

  test('a job with a copy error ends Closed, naming the error', () => {
    const d = packaging({ 'WD-A1': 'Completed', 'WD-A2': 'VolumeNotNtfs' });
    assert.equal(d.intake.shipBack(amy, { jobName: 'JOB-1', carrierName: 'DHL', trackingNumber: '1234567890' }).properties.state, 'Closed');
    const c = d.intake.custodyOf({ jobName: 'JOB-1' }).find((r) => r.action === 'job.shippedBackWithErrors');
    assert.equal(c?.reason, 'WD-A2: VolumeNotNtfs');
  });

  test('a job with a drive never received ends Closed', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1', 'WD-A2'], 'TRK1');
    receiveBox(d, 'TRK1', ['WD-A1']);
    d.intake.startCopy(bay, { jobName: 'JOB-1' });
    d.intake.recordCopyResult(bay, { driveId: 'WD-A1', copyStatus: 'Completed' });
    assert.equal(d.intake.shipBack(amy, { jobName: 'JOB-1', carrierName: 'DHL', trackingNumber: '1234567890' }).properties.state, 'Closed');
  });

  test('drives ship back only from Packaging', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
    receiveBox(d, 'TRK1', ['WD-A1']);
    refusedUnchanged(
      d.store,
      () => d.intake.shipBack(amy, { jobName: 'JOB-1', carrierName: 'DHL', trackingNumber: '1234567890' }),
      'SHIP_NOT_READY',
    );
  });
});

describe('secure destruction', () => {
  function heldOrphan() {
    const d = dock();
    receiveBox(d, 'TRK9', ['ZA1B2C3D']);
    return d;
  }

  test('destruction needs a witness other than the operator', () => {
    const d = heldOrphan();
    refusedUnchanged(
      d.store,
      () => d.intake.recordDestruction(amy, { driveIds: ['ZA1B2C3D'], method: 'shred', witness: 'Amy Lin' }),
      'WITNESS_IS_OPERATOR',
      /witness/,
    );
  });

  test('a drive that is neither held nor of an unreachable job is not destroyed', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
    receiveBox(d, 'TRK1', ['WD-A1']);
    refusedUnchanged(
      d.store,
      () => d.intake.recordDestruction(amy, { driveIds: ['WD-A1'], method: 'shred', witness: 'Ben Chen' }),
      'DRIVE_NOT_HELD',
    );
  });

  test('destruction leaves a certificate and the drive leaves the dock', () => {
    const d = heldOrphan();
    const { certificate } = d.intake.recordDestruction(amy, { driveIds: ['ZA1B2C3D'], method: 'NIST 800-88 purge', witness: 'Ben Chen' });
    assert.deepEqual(
      { ...certificate, at: undefined },
      {
        driveIds: ['ZA1B2C3D'],
        jobNames: [null],
        method: 'NIST 800-88 purge',
        operator: 'Amy Lin',
        witness: 'Ben Chen',
        station: 'dock-1',
        at: undefined,
      },
    );
    assert.equal(d.store.activeDrive('ZA1B2C3D'), null);
    assert.equal(d.intake.exceptions().filter((e) => e.driveId === 'ZA1B2C3D').length, 0);
  });
});

describe('cancel, fault and undo', () => {
  test('a cancel is recorded with its reason', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1']);
    d.intake.cancelJob(amy, 'JOB-1', 'uploaded over the network instead');
    const c = d.intake.custodyOf({ jobName: 'JOB-1' })[0]!;
    assert.deepEqual([c.action, c.reason], ['job.cancelRequested', 'uploaded over the network instead']);
  });

  test('a job already cancelled is not cancelled twice: ALREADY_CANCELLED', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1']);
    d.intake.cancelJob(amy, 'JOB-1');
    refusedUnchanged(d.store, () => d.intake.cancelJob(amy, 'JOB-1'), 'ALREADY_CANCELLED', /already cancelled/);
  });

  test('undo of the last scan is a compensating record: the drive is expected again and both records stay', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
    d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
    d.intake.scanDrive(amy, { serial: 'WD-A1' });
    const r = d.intake.undoLastScan(amy);
    assert.equal(r.driveId, 'WD-A1');
    assert.equal(driveState(d.store, 'WD-A1'), 'Specified');
    assert.deepEqual(custodyActions(d.store, { driveId: 'WD-A1' }), ['drive.listed', 'drive.scanned', 'scan.undone']);
    assert.equal(d.intake.openPackage('dock-1')?.scanned.length, 0);
  });

  test("undo of an extra drive's scan removes the drive from the package", () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
    d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
    d.intake.scanDrive(amy, { serial: 'WD-X9' });
    d.intake.undoLastScan(amy);
    assert.equal(d.store.activeDrive('WD-X9'), null);
    assert.deepEqual(custodyActions(d.store, { driveId: 'WD-X9' }), ['drive.extra', 'scan.undone']);
  });

  test('a scan is undone once only', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
    d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
    d.intake.scanDrive(amy, { serial: 'WD-A1' });
    d.intake.undoLastScan(amy);
    refusedUnchanged(d.store, () => d.intake.undoLastScan(amy), 'NOTHING_TO_UNDO');
  });

  test('a scan in a package already closed can no longer be undone', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
    receiveBox(d, 'TRK1', ['WD-A1']);
    refusedUnchanged(d.store, () => d.intake.undoLastScan(amy), 'UNDO_SUPERSEDED');
  });

  test("undo is per station: another station's scan is not undone here", () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
    d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
    d.intake.scanDrive(amy, { serial: 'WD-A1' });
    refusedUnchanged(d.store, () => d.intake.undoLastScan(ben), 'NOTHING_TO_UNDO');
  });
});

describe('the job view', () => {
  function fullJourney() {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1', 'WD-A2'], 'TRK1');
    receiveBox(d, 'TRK1', ['WD-A1', 'WD-A2', 'WD-X9']);
    d.intake.startCopy(bay, { jobName: 'JOB-1' });
    d.intake.recordCopyResult(bay, { driveId: 'WD-A1', copyStatus: 'Completed', bytesSucceeded: 10 });
    return d;
  }

  test("the job view uses the service's REST field names", () => {
    const d = fullJourney();
    const v = d.intake.jobView('JOB-1');
    assert.equal(v.name, 'JOB-1');
    assert.equal(v.type, 'Microsoft.ImportExport/jobs');
    assert.deepEqual(Object.keys(v.properties).sort(), [
      'cancelRequested',
      'deliveryPackage',
      'driveList',
      'jobType',
      'logLevel',
      'percentComplete',
      'provisioningState',
      'returnAddress',
      'returnShipping',
      'state',
    ]);
    assert.equal(v.properties.state, 'Transferring');
    assert.deepEqual(
      v.properties.driveList.map((x) => [x.driveId, x.state]),
      [
        ['WD-A1', 'Completed'],
        ['WD-A2', 'Transferring'],
      ],
    );
    assert.equal(v.properties.driveList[0]!.copyStatus, 'Completed');
    assert.equal(v.properties.driveList[0]!.manifestFile, '\\DriveManifest.xml');
    assert.deepEqual(v.properties.deliveryPackage, { carrierName: 'DHL', trackingNumber: 'TRK1' });
  });

  test('no view, scan result, custody record, export or search ever holds a BitLocker key', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1', 'WD-A2'], 'TRK1');
    d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
    const scan = d.intake.scanDrive(amy, { serial: 'WD-A1' });
    const seen = JSON.stringify([
      scan,
      d.intake.jobView('JOB-1'),
      d.intake.openPackage('dock-1'),
      d.intake.custodyOf({ jobName: 'JOB-1' }),
      d.intake.custodyCsv('JOB-1'),
      d.intake.searchJobs({ query: 'JOB' }),
      d.intake.exceptions(),
      d.intake.drivePossibilities('WD-A1'),
      d.intake.upcomingDeadlines(),
      d.intake.importJobs(amy, { ...importJob('JOB-2', ['WD-B1']), properties: { ...importJob('JOB-2', ['WD-B1']).properties } }),
    ]);
    const key = bitLockerKeyFor(0);
    assert.ok(readStore(d.store.path).prepare('SELECT 1 FROM drives WHERE bitlocker_key = ?').get(key), 'the key is stored');
    assert.equal(seen.includes(key), false);
    assert.equal(seen.includes('222222-333333-444444'), false);
    assert.equal(seen.toLowerCase().includes('bitlockerkey"'), false, 'not even the field name');
  });
});

describe('deadlines', () => {
  test('deadlines are computed from the injected clock and listed soonest first', () => {
    const d = dock();
    d.intake.putJob(amy, importJob('CREATING-1', ['WD-C1'])); // deleted at +14d
    d.clock.advance(DAYS(1));
    shippingJob(d, 'SHIP-1', ['WD-S1'], 'TRK-S'); // overdue at +15d
    d.clock.advance(DAYS(1));
    receiveBox(d, 'TRK9', ['ZA1B2C3D']); // held at +2d: return +16d, destruction +92d
    const t0 = new Date('2026-11-02T09:00:00Z').getTime();
    const list = d.intake.upcomingDeadlines().map((x) => [x.kind, x.jobName ?? x.driveId, x.dueAt, x.overdue]);
    assert.deepEqual(list, [
      ['creatingDeletion', 'CREATING-1', new Date(t0 + DAYS(14)).toISOString(), false],
      ['shippingOverdue', 'SHIP-1', new Date(t0 + DAYS(15)).toISOString(), false],
      ['heldReturn', 'ZA1B2C3D', new Date(t0 + DAYS(16)).toISOString(), false],
      ['heldDestruction', 'ZA1B2C3D', new Date(t0 + DAYS(92)).toISOString(), false],
    ]);
  });

  test('a deadline that has passed is listed as overdue', () => {
    const d = dock();
    d.intake.putJob(amy, importJob('CREATING-1', ['WD-C1']));
    d.clock.advance(DAYS(15));
    assert.equal(d.intake.upcomingDeadlines()[0]?.overdue, true);
  });

  test('the sweep applies everything due in one go, and running it again changes nothing', () => {
    const d = dock();
    d.intake.putJob(amy, importJob('CREATING-1', ['WD-C1']));
    shippingJob(d, 'SHIP-1', ['WD-S1'], 'TRK-S');
    shippingJob(d, 'NOTIFIED-1', ['WD-N1'], 'TRK-N');
    d.clock.advance(DAYS(15));
    d.intake.notifyCustomer(amy, 'NOTIFIED-1');
    d.clock.advance(DAYS(31));
    const first = d.intake.sweep(amy);
    assert.deepEqual(first, {
      deletedJobs: ['CREATING-1'],
      neverReceived: ['WD-N1', 'WD-S1'],
      closedJobs: ['NOTIFIED-1'],
      purgedJobs: [],
      heldBack: null,
    });
    const before = dumpStore(d.store);
    assert.deepEqual(d.intake.sweep(amy), { deletedJobs: [], neverReceived: [], closedJobs: [], purgedJobs: [], heldBack: null });
    assert.deepEqual(dumpStore(d.store), before);
  });
});

describe('copy results put right', () => {
  function completed(statuses: Record<string, string>) {
    const d = dock();
    const drives = Object.keys(statuses);
    shippingJob(d, 'JOB-1', drives, 'TRK1');
    receiveBox(d, 'TRK1', drives);
    d.intake.startCopy(bay, { jobName: 'JOB-1' });
    for (const [s, st] of Object.entries(statuses)) d.intake.recordCopyResult(bay, { driveId: s, copyStatus: st });
    return d;
  }

  test('a drive recorded Completed by mistake is corrected to CompletedMoreInfo as a new record, the first kept', () => {
    const d = completed({ 'WD-A1': 'Completed', 'WD-A2': 'Completed' });
    const v = d.intake.correctCopyResult(amy, {
      driveId: 'WD-A1',
      copyStatus: 'CompletedWithErrors',
      errorLogUri: `https://bay.example/${'x'.repeat(2000)}`,
      reason: 'bay 3 report read wrong',
    });
    assert.deepEqual([v.state, v.copyStatus], ['CompletedMoreInfo', 'CompletedWithErrors']);
    assert.equal(v.errorLogUri?.length, 'https://bay.example/'.length + 2000);
    assert.deepEqual(custodyActions(d.store, { driveId: 'WD-A1' }).slice(-2), ['drive.copyCompleted', 'drive.copyCorrected']);
    assert.equal(jobState(d.store, 'JOB-1'), 'Packaging', 'a corrected drive is still processed');
  });

  test('a drive recorded with errors is corrected back to Completed', () => {
    const d = completed({ 'WD-A1': 'CompletedWithWarnings' });
    assert.equal(
      d.intake.correctCopyResult(amy, { driveId: 'WD-A1', copyStatus: 'Completed', reason: 'warning was for another drive' }).state,
      'Completed',
    );
  });

  test('only the logs corrected: the state stays and the correction is recorded', () => {
    const d = completed({ 'WD-A1': 'Completed' });
    const v = d.intake.correctCopyResult(amy, {
      driveId: 'WD-A1',
      copyStatus: 'Completed',
      verboseLogUri: 'file:///bay3/WD-A1.log',
      reason: 'log path typed wrong',
    });
    assert.deepEqual([v.state, v.verboseLogUri], ['Completed', 'file:///bay3/WD-A1.log']);
    assert.equal(custodyActions(d.store, { driveId: 'WD-A1' }).at(-1), 'drive.copyCorrected');
  });

  test('a correction without a reason is refused and changes nothing', () => {
    const d = completed({ 'WD-A1': 'Completed' });
    refusedUnchanged(
      d.store,
      () => d.intake.correctCopyResult(amy, { driveId: 'WD-A1', copyStatus: 'CompletedWithErrors', reason: '' }),
      'BAD_INPUT',
    );
  });

  test('a drive still being copied is not corrected: its result is recorded instead', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
    receiveBox(d, 'TRK1', ['WD-A1']);
    d.intake.startCopy(bay, { jobName: 'JOB-1' });
    refusedUnchanged(
      d.store,
      () => d.intake.correctCopyResult(amy, { driveId: 'WD-A1', copyStatus: 'Completed', reason: 'r' }),
      'COPY_NOT_ALLOWED',
    );
  });

  test('a drive already shipped back is not corrected', () => {
    const d = completed({ 'WD-A1': 'Completed' });
    d.intake.shipBack(amy, { jobName: 'JOB-1', carrierName: 'DHL', trackingNumber: '1234567890' });
    refusedUnchanged(
      d.store,
      () => d.intake.correctCopyResult(amy, { driveId: 'WD-A1', copyStatus: 'CompletedWithErrors', reason: 'late' }),
      'DRIVE_UNKNOWN',
    );
  });

  test('a copy result is not corrected while its job is Faulted: the rule book names the rule', () => {
    const d = completed({ 'WD-A1': 'Completed' });
    d.intake.faultJob(amy, 'JOB-1', 'customer disputes the order');
    const correct = () => d.intake.correctCopyResult(amy, { driveId: 'WD-A1', copyStatus: 'CompletedWithErrors', reason: 'r' });
    const e = refusedUnchanged(d.store, correct, 'COPY_NOT_ALLOWED', /corrected only while its job is Transferring or Packaging/);
    assert.equal(e.detail?.rule, 'COPY_NOT_CORRECTABLE');
  });

  test('a recorded drive is offered its correction exactly while its job has not left', () => {
    const d = completed({ 'WD-A1': 'Completed' });
    const offered = d.intake.drivePossibilities('WD-A1').filter((p) => p.action === 'correctCopy');
    assert.deepEqual(
      offered.map((p) => [p.to, p.trigger, p.allowed]),
      [['CompletedMoreInfo', 'copyCorrected', true]],
    );
    d.intake.faultJob(amy, 'JOB-1', 'customer disputes the order');
    const refused = d.intake.drivePossibilities('WD-A1').filter((p) => p.action === 'correctCopy');
    assert.deepEqual(
      refused.map((p) => [p.allowed, p.reason?.code]),
      [[false, 'COPY_NOT_CORRECTABLE']],
    );
  });

  test('an unknown copy status is refused and changes nothing', () => {
    const d = completed({ 'WD-A1': 'Completed' });
    refusedUnchanged(d.store, () => d.intake.correctCopyResult(amy, { driveId: 'WD-A1', copyStatus: 'Fine', reason: 'r' }), 'BAD_INPUT');
  });
});
