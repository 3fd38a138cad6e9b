// Issue 2, "Bad input": every refusal has a stable code and a plain message, and leaves the store exactly as
// it was (every table dumped before and after).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEADLINES } from '../../electron/core/clock.ts';
import { amy, bay, dock, importJob, receiveBox, refusedUnchanged, shippingJob, type Dock } from './helpers.ts';

/** A station with a Shipping job's box open and one drive scanned. */
function openBox(): Dock {
  const d = dock();
  shippingJob(d, 'JOB-1', ['WD-A1', 'WD-A2'], 'TRK1');
  d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
  d.intake.scanDrive(amy, { serial: 'WD-A1' });
  return d;
}

describe('bad input changes nothing', () => {
  describe('unknown serials', () => {
    test('faulting a drive the dock does not know is refused', () => {
      const d = openBox();
      refusedUnchanged(d.store, () => d.intake.faultDrive(amy, 'WD-NOPE', 'cracked'), 'DRIVE_UNKNOWN', /WD-NOPE/);
    });

    test('a copy result for a drive the dock does not know is refused', () => {
      const d = openBox();
      refusedUnchanged(d.store, () => d.intake.recordCopyResult(bay, { driveId: 'WD-NOPE', copyStatus: 'Completed' }), 'DRIVE_UNKNOWN');
    });

    test('destroying a drive the dock does not know is refused', () => {
      const d = openBox();
      refusedUnchanged(
        d.store,
        () => d.intake.recordDestruction(amy, { driveIds: ['WD-NOPE'], method: 'shred', witness: 'Ben Chen' }),
        'DRIVE_UNKNOWN',
      );
    });

    test("starting the copy of a drive that is not the job's is refused", () => {
      const d = dock();
      shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
      receiveBox(d, 'TRK1', ['WD-A1']);
      refusedUnchanged(d.store, () => d.intake.startCopy(bay, { jobName: 'JOB-1', driveIds: ['WD-NOPE'] }), 'DRIVE_NOT_IN_JOB');
    });
  });

  describe('odd scans', () => {
    const cases: [string, string, string][] = [
      ['a scan with control characters', 'WD-A\u0007X', 'SCAN_BAD_CHARACTERS'],
      ['a scan with a GS separator (a multi-field barcode)', '01095011010209171719050810ABCD1234\u001d21WD-A2', 'SCAN_BAD_CHARACTERS'],
      ['a scan with a space inside', 'WD A2', 'SCAN_BAD_CHARACTERS'],
      ['a scan with a tab inside', 'WD\tA2', 'SCAN_BAD_CHARACTERS'],
      ['a scan of punctuation a serial never has', 'WD-A2;DROP', 'SCAN_BAD_CHARACTERS'],
      ['a scan over 64 characters', `WD-${'A'.repeat(62)}`, 'SCAN_TOO_LONG'],
      ['an empty scan', '', 'SCAN_EMPTY'],
      ['a scan of only whitespace', ' \r\n', 'SCAN_EMPTY'],
    ];
    for (const [what, raw, code] of cases) {
      test(`${what} is refused`, () => {
        const d = openBox();
        refusedUnchanged(d.store, () => d.intake.scanDrive(amy, { serial: raw }), code);
      });
    }

    test('a scan that is not text is refused', () => {
      const d = openBox();
      refusedUnchanged(d.store, () => d.intake.scanDrive(amy, { serial: 12345 }), 'BAD_INPUT');
    });

    test('a scan of exactly 64 characters is a serial', () => {
      const d = openBox();
      assert.equal(d.intake.scanDrive(amy, { serial: `WD-${'B'.repeat(61)}` }).serial.length, 64);
    });

    test("stray whitespace around a scan (the scanner's suffix) is dropped", () => {
      const d = openBox();
      assert.equal(d.intake.scanDrive(amy, { serial: '  WD-A2\r\n' }).outcome, 'received');
    });

    test('a lower-case scan is the same serial', () => {
      const d = openBox();
      const r = d.intake.scanDrive(amy, { serial: 'wd-a2' });
      assert.deepEqual([r.outcome, r.serial], ['received', 'WD-A2']);
    });

    test('a tracking number with control characters is refused', () => {
      const d = dock();
      refusedUnchanged(d.store, () => d.intake.receivePackage(amy, { trackingNumber: 'TRK\u00001' }), 'SCAN_BAD_CHARACTERS');
    });
  });

  test('a duplicate scan is refused', () => {
    const d = openBox();
    refusedUnchanged(d.store, () => d.intake.scanDrive(amy, { serial: 'WD-A1' }), 'DRIVE_ALREADY_SCANNED');
  });

  test('a scan with no open package is refused', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
    refusedUnchanged(
      d.store,
      () => d.intake.scanDrive(amy, { serial: 'WD-A1' }),
      'NO_OPEN_PACKAGE',
      /scan the package's tracking number first/,
    );
  });

  test('a scan into a package that was never received is refused', () => {
    const d = openBox();
    refusedUnchanged(d.store, () => d.intake.scanDrive(amy, { serial: 'WD-A2', trackingNumber: 'TRK-NEVER' }), 'PACKAGE_UNKNOWN');
  });

  test('a scan without an operator is refused', () => {
    const d = openBox();
    refusedUnchanged(d.store, () => d.intake.scanDrive({ operator: ' ', station: 'dock-1' }, { serial: 'WD-A2' }), 'BAD_INPUT', /Sign in/);
  });

  describe('operations on a deleted job', () => {
    function deleted(): Dock {
      const d = dock();
      d.intake.putJob(amy, importJob('JOB-1', ['WD-A1']));
      d.clock.advance(DEADLINES.creatingDeleted + 60_000);
      d.intake.sweep(amy);
      return d;
    }
    const ops: [string, (d: Dock) => unknown][] = [
      ['an update', (d) => d.intake.updateJob(amy, 'JOB-1', { state: 'Shipping' })],
      ['a cancel', (d) => d.intake.cancelJob(amy, 'JOB-1')],
      ['a fault', (d) => d.intake.faultJob(amy, 'JOB-1', 'x')],
      ['a copy start', (d) => d.intake.startCopy(bay, { jobName: 'JOB-1' })],
      ['a ship back', (d) => d.intake.shipBack(amy, { jobName: 'JOB-1', carrierName: 'DHL', trackingNumber: '1234567890' })],
      ['a customer notice', (d) => d.intake.notifyCustomer(amy, 'JOB-1')],
      ['an extended wait', (d) => d.intake.extendWait(amy, 'JOB-1', 7)],
    ];
    for (const [what, op] of ops) {
      test(`${what} on a deleted job is refused`, () => {
        const d = deleted();
        refusedUnchanged(d.store, () => op(d), 'JOB_DELETED', /was deleted/);
      });
    }

    test('an operation on a job that never existed is refused', () => {
      const d = dock();
      refusedUnchanged(d.store, () => d.intake.cancelJob(amy, 'JOB-NOPE'), 'JOB_UNKNOWN');
    });
  });

  describe('invalid or oversized import JSON', () => {
    const good = importJob('JOB-1', ['WD-A1'], { state: 'Shipping' });
    const invalid: [string, unknown][] = [
      ['text that is not JSON', '{"name": "JOB-1", "properties": '],
      ['a number', 42],
      ['a job without a name', { properties: good.properties }],
      ['a job name with spaces', { ...good, name: 'JOB 1' }],
      ['an unknown job state', { ...good, properties: { ...good.properties, state: 'Lost' } }],
      ['an unknown job type', { ...good, properties: { ...good.properties, jobType: 'Copy' } }],
      ['a drive serial with control characters', { ...good, properties: { ...good.properties, driveList: [{ driveId: 'WD\u0001A1' }] } }],
      ['a drive listed twice', { ...good, properties: { ...good.properties, driveList: [{ driveId: 'WD-A1' }, { driveId: 'wd-a1' }] } }],
      ['an empty list', []],
      ['a job listed twice', [good, good]],
      ['one bad job among good ones', [good, { ...importJob('JOB-2', ['WD-B1']), name: '' }]],
    ];
    for (const [what, json] of invalid) {
      test(`an import of ${what} is refused`, () => {
        const d = openBox();
        refusedUnchanged(d.store, () => d.intake.importJobs(amy, json), 'IMPORT_INVALID');
      });
    }

    test('an import larger than 5 MB is refused before it is parsed', () => {
      const d = openBox();
      const big = JSON.stringify({ ...good, properties: { ...good.properties, diagnosticsPath: 'x'.repeat(5 * 1024 * 1024) } });
      refusedUnchanged(d.store, () => d.intake.importJobs(amy, big), 'IMPORT_TOO_LARGE', /5 MB/);
    });

    test('an import of more than 2000 jobs is refused', () => {
      const d = openBox();
      const many = Array.from({ length: 2001 }, (_, i) => importJob(`JOB-${i}`, []));
      refusedUnchanged(d.store, () => d.intake.importJobs(amy, { value: many }), 'IMPORT_TOO_LARGE', /2001 jobs/);
    });

    test('an import whose second job cannot be written writes none of them', () => {
      const d = openBox();
      // JOB-3 lists WD-A1, which is at the dock for JOB-1
      refusedUnchanged(
        d.store,
        () => d.intake.importJobs(amy, [importJob('JOB-2', ['WD-B1']), importJob('JOB-3', ['WD-A1'])]),
        'DRIVE_IN_ANOTHER_JOB',
      );
    });
  });

  describe('missing address fields', () => {
    test('a job whose return address lacks fields does not go Shipping, and the message names them', () => {
      const d = dock();
      d.intake.putJob(amy, importJob('JOB-1', ['WD-A1'], { extra: { returnAddress: { recipientName: 'Lin Chih-Hao', city: 'Hsinchu' } } }));
      refusedUnchanged(
        d.store,
        () => d.intake.updateJob(amy, 'JOB-1', { state: 'Shipping' }),
        'GUARD_FAILED',
        /missing: streetAddress1, postalCode, countryOrRegion, phone, email/,
      );
    });

    test('a Put straight to Shipping with an incomplete return address creates nothing', () => {
      const d = dock();
      refusedUnchanged(
        d.store,
        () =>
          d.intake.putJob(amy, importJob('JOB-1', ['WD-A1'], { state: 'Shipping', extra: { returnAddress: { recipientName: 'Lin' } } })),
        'GUARD_FAILED',
      );
    });

    test('drives do not ship back to an incomplete return address', () => {
      const d = dock();
      shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
      receiveBox(d, 'TRK1', ['WD-A1']);
      d.intake.startCopy(bay, { jobName: 'JOB-1' });
      d.intake.updateJob(amy, 'JOB-1', { returnAddress: { email: ' ', postalCode: '' } });
      d.intake.recordCopyResult(bay, { driveId: 'WD-A1', copyStatus: 'Completed' });
      refusedUnchanged(
        d.store,
        () => d.intake.shipBack(amy, { jobName: 'JOB-1', carrierName: 'DHL', trackingNumber: '1234567890' }),
        'ADDRESS_INCOMPLETE',
        /postalCode, email/,
      );
    });
  });

  describe('other refusals of the service', () => {
    test('a copy status the bays do not report is refused', () => {
      const d = openBox();
      refusedUnchanged(
        d.store,
        () => d.intake.recordCopyResult(bay, { driveId: 'WD-A1', copyStatus: 'Done' }),
        'BAD_INPUT',
        /Unknown copy status/,
      );
    });

    test('a percent complete over 100 is refused', () => {
      const d = openBox();
      refusedUnchanged(d.store, () => d.intake.recordCopyResult(bay, { driveId: 'WD-A1', percentComplete: 101 }), 'BAD_INPUT');
    });

    test('a log URI that is not http(s) or file is refused', () => {
      const d = openBox();
      refusedUnchanged(
        d.store,
        () => d.intake.recordCopyResult(bay, { driveId: 'WD-A1', copyStatus: 'Completed', errorLogUri: 'javascript:alert(1)' }),
        'BAD_INPUT',
      );
    });

    test('a reason over 500 characters is refused', () => {
      const d = openBox();
      refusedUnchanged(d.store, () => d.intake.faultDrive(amy, 'WD-A1', 'x'.repeat(501)), 'BAD_INPUT', /too long/);
    });

    test('an update that changes nothing is refused', () => {
      const d = dock();
      d.intake.putJob(amy, importJob('JOB-1', ['WD-A1']));
      refusedUnchanged(d.store, () => d.intake.updateJob(amy, 'JOB-1', {}), 'BAD_INPUT', /changes nothing/);
    });

    test('an update with a field the service does not have is refused', () => {
      const d = dock();
      d.intake.putJob(amy, importJob('JOB-1', ['WD-A1']));
      refusedUnchanged(d.store, () => d.intake.updateJob(amy, 'JOB-1', { state: 'Completed' }), 'BAD_INPUT');
    });
  });
});

test('a tracking number scanned while a box is open is refused as a drive, naming the open box, and nothing changes', () => {
  const d = dock();
  shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
  shippingJob(d, 'JOB-2', ['WD-B1'], 'TRK2');
  d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
  refusedUnchanged(d.store, () => d.intake.scanDrive(amy, { serial: 'TRK2' }), 'CODE_IS_TRACKING', /Close package TRK1/);
});
