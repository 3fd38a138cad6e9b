// Jobs in and results out, in the core: an import previewed job by job and written only as previewed; the
// results file in the service's own field names, never with a key; a station's own results file restoring a
// fresh station as recorded; the online backup; the daily dock report.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { IntakeError } from '../../electron/core/errors.ts';
import { seedDemo } from '../../electron/core/demo.ts';
import { isoWithZone } from '../../electron/core/clock.ts';
import { reportCsv } from '../../electron/core/queries/report.ts';
import { inspectStoreFile } from '../../electron/core/store/backup.ts';
import type { ImportFile } from '../../electron/core/operations/exchange.ts';
import { readStore } from '../store-file.ts';
import {
  ADDRESS,
  amy,
  ben,
  bitLockerKeyFor,
  dock,
  dumpStore,
  importJob,
  receiveBox,
  shippingJob,
  sqliteOnly,
  type Dock,
} from './helpers.ts';

const file = (name: string, data: unknown): ImportFile => ({ name, text: typeof data === 'string' ? data : JSON.stringify(data) });
const KEYS = [0, 1, 2, 3].map(bitLockerKeyFor);

/** The service's field names: `Job` and its properties, `DriveStatus` (less the key, which never leaves). */
const JOB_FIELDS = new Set(['name', 'type', 'properties', 'dock']);
const PROPERTY_FIELDS = new Set([
  'jobType',
  'state',
  'cancelRequested',
  'percentComplete',
  'deliveryPackage',
  'returnAddress',
  'returnShipping',
  'returnPackage',
  'diagnosticsPath',
  'logLevel',
  'incompleteBlobListUri',
  'driveList',
  'provisioningState',
]);
const DRIVE_STATUS_FIELDS = new Set([
  'driveId',
  'state',
  'copyStatus',
  'percentComplete',
  'bytesSucceeded',
  'errorLogUri',
  'verboseLogUri',
  'manifestUri',
  'manifestFile',
  'manifestHash',
]);

function confirmAsPreviewed(d: Dock, files: ImportFile[]) {
  const plan = d.intake.previewImport(amy, files);
  return d.intake.confirmImport(amy, files, { basedOnSeq: plan.basedOnSeq, jobs: plan.jobs });
}

describe('jobs in', () => {
  test('a preview names every job new, updated, unchanged or refused, and writes nothing', () => {
    const d = dock();
    shippingJob(d, 'fabrikam-1', ['FB1-A']);
    d.intake.putJob(amy, importJob('fabrikam-2', ['FB2-A'], { state: 'Creating' }));
    const before = dumpStore(d.store);
    const plan = d.intake.previewImport(amy, [
      file('jobs.json', {
        value: [
          importJob('fabrikam-1', ['FB1-A']),
          importJob('fabrikam-2', ['FB2-A'], { state: 'Shipping' }),
          importJob('fabrikam-3', ['FB3-A', 'FB3-B']),
          importJob('fabrikam-4', ['FB4-A'], { extra: { state: 'Completed' } }),
        ],
      }),
    ]);
    assert.deepEqual(
      plan.jobs.map((j) => [j.name, j.outcome, j.state]),
      [
        ['fabrikam-1', 'unchanged', 'Shipping'],
        ['fabrikam-2', 'updated', 'Shipping'],
        ['fabrikam-3', 'new', 'Creating'],
        ['fabrikam-4', 'refused', null],
      ],
    );
    assert.deepEqual(plan.jobs[1]!.changes, ['state']);
    assert.deepEqual(plan.jobs[3]!.reason, { code: 'IMPORT_JOB_TOO_LATE', params: { name: 'fabrikam-4', state: 'Completed' } });
    assert.deepEqual(plan.counts, { new: 1, updated: 1, unchanged: 1, refused: 1, restored: 0 });
    assert.deepEqual(dumpStore(d.store), before);
  });

  test('each refusal has its own code and params, and the rest of the file is still taken', () => {
    const d = dock();
    shippingJob(d, 'elsewhere-1', ['TAKEN-1']);
    const plan = d.intake.previewImport(amy, [
      file('a.json', [
        importJob('bad-export', ['X1'], { extra: { jobType: 'Export' } }),
        importJob('bad-drive-state', ['X2'], { extra: { driveList: [{ driveId: 'X2', state: 'Received' }] } }),
        importJob('bad-twice', ['X3'], { extra: { driveList: [{ driveId: 'X3' }, { driveId: 'x3' }] } }),
        { name: 'bad-shape', properties: { jobType: 'Import', driveList: 'none' } },
        importJob('taken-drive', ['TAKEN-1']),
        importJob('good-1', ['G1']),
      ]),
      file('b.json', importJob('good-1', ['G1'])),
      file('c.json', '{ not json'),
      file('d.json', { value: [] }),
    ]);
    const why = Object.fromEntries(plan.jobs.map((j) => [`${j.file}/${j.name}`, j.reason?.code ?? j.outcome]));
    assert.deepEqual(why, {
      'a.json/bad-export': 'IMPORT_EXPORT_LISTS_DRIVES',
      'a.json/bad-drive-state': 'IMPORT_DRIVE_TOO_LATE',
      'a.json/bad-twice': 'IMPORT_DRIVE_TWICE',
      'a.json/bad-shape': 'IMPORT_INVALID',
      'a.json/taken-drive': 'DRIVE_IN_ANOTHER_JOB',
      'a.json/good-1': 'new',
      'b.json/good-1': 'IMPORT_JOB_TWICE',
    });
    assert.equal(plan.jobs.find((j) => j.name === 'bad-drive-state')!.reason!.params.driveId, 'X2');
    assert.deepEqual(
      plan.files.map((f) => f.reason?.code ?? 'ok'),
      ['ok', 'ok', 'IMPORT_NOT_JSON', 'IMPORT_EMPTY'],
    );
    const done = confirmAsPreviewed(d, [file('a.json', [importJob('taken-drive', ['TAKEN-1']), importJob('good-1', ['G1'])])]);
    assert.deepEqual(done.counts, { new: 1, updated: 0, unchanged: 0, refused: 1, restored: 0 });
    assert.equal(d.intake.jobView('good-1').properties.state, 'Creating');
  });

  test('keys in the file are stored for the copy and never appear in a preview, a refusal or a results file', () => {
    const d = dock();
    const longKey = `${KEYS[3]}-${'9'.repeat(120)}`;
    const files = [
      file('keys.json', {
        value: [
          importJob('keyed-1', ['K1-A', 'K1-B'], { state: 'Shipping' }),
          importJob('keyed-2', ['K2-A'], { extra: { driveList: [{ driveId: 'K2-A', bitLockerKey: longKey }] } }),
          importJob('keyed-3', ['K3-A'], { extra: { driveList: [{ driveId: 'K3-A', bitLockerKey: KEYS[2], state: 'Transferring' }] } }),
        ],
      }),
    ];
    const plan = d.intake.previewImport(amy, files);
    assert.equal(plan.jobs[0]!.keys, 2);
    assert.deepEqual(
      plan.jobs.map((j) => j.reason?.code ?? j.outcome),
      ['new', 'IMPORT_INVALID', 'IMPORT_DRIVE_TOO_LATE'],
    );
    const done = d.intake.confirmImport(amy, files, { basedOnSeq: plan.basedOnSeq, jobs: plan.jobs });
    const exported = d.intake.exportResults(amy, { sinceLast: true });
    const custody = JSON.stringify(readStore(d.file).prepare('SELECT * FROM custody').all());
    for (const text of [JSON.stringify(plan), JSON.stringify(done), exported.json, custody]) {
      for (const k of [...KEYS, longKey]) assert.ok(!text.includes(k.slice(0, 27)), 'a key is never shown');
      assert.doesNotMatch(text, /bitLockerKey"\s*:/);
    }
    const stored = readStore(d.file)
      .prepare("SELECT drive_id, bitlocker_key FROM drives WHERE job_name = 'keyed-1' ORDER BY drive_id")
      .all();
    assert.deepEqual(
      stored.map((r) => r.bitlocker_key),
      [KEYS[0], KEYS[1]],
    );
  });

  test('confirming on a store that moved on since the preview writes nothing and asks for a new preview', () => {
    const d = dock();
    const files = [file('jobs.json', importJob('tailspin-1', ['TS1-A']))];
    const plan = d.intake.previewImport(amy, files);
    shippingJob(d, 'tailspin-2', ['TS2-A']);
    const before = dumpStore(d.store);
    assert.throws(
      () => d.intake.confirmImport(amy, files, { basedOnSeq: plan.basedOnSeq, jobs: plan.jobs }),
      (e: unknown) => e instanceof IntakeError && e.code === 'IMPORT_STALE',
    );
    assert.deepEqual(dumpStore(d.store), before);
    assert.throws(
      () => d.intake.confirmImport(amy, files, { basedOnSeq: d.store.lastSeq(), jobs: [{ name: 'tailspin-1', outcome: 'updated' }] }),
      (e: unknown) => e instanceof IntakeError && e.code === 'IMPORT_STALE',
      'not what the preview showed',
    );
    assert.deepEqual(dumpStore(d.store), before);
  });

  test('an update from the service changes only what differs, and says which fields', () => {
    const d = dock();
    d.intake.putJob(amy, importJob('alpine-1', ['AL1-A'], { state: 'Creating' }));
    const moved = importJob('alpine-1', ['AL1-A', 'AL1-B'], {
      extra: { returnAddress: { ...ADDRESS, phone: '+886 2 0000 0000' }, cancelRequested: true },
    });
    const done = confirmAsPreviewed(d, [file('u.json', moved)]);
    assert.deepEqual(done.jobs[0]!.changes.sort(), ['cancelRequested', 'driveList', 'returnAddress']);
    const v = d.intake.jobView('alpine-1');
    assert.equal(v.properties.returnAddress?.phone, '+886 2 0000 0000');
    assert.equal(v.properties.cancelRequested, true);
    assert.deepEqual(
      v.properties.driveList.map((x) => x.driveId),
      ['AL1-A', 'AL1-B'],
    );
    assert.equal(confirmAsPreviewed(d, [file('u.json', moved)]).jobs[0]!.outcome, 'unchanged');
  });
});

describe('results out', () => {
  test("the results file is the service's list answer with its field names, and never a key", () => {
    const d = dock();
    shippingJob(d, 'contoso-1', ['CT1-A', 'CT1-B']);
    receiveBox(d, 'TRK-CONTOSO-1', ['CT1-A', 'CT1-X']);
    d.intake.startCopy(amy, { jobName: 'contoso-1' });
    d.intake.recordCopyResult(amy, {
      driveId: 'CT1-A',
      copyStatus: 'Completed',
      percentComplete: 100,
      bytesSucceeded: 5_000_000,
      verboseLogUri: 'https://logs.example/v/ct1a',
    });
    const r = d.intake.exportResults(amy, { jobs: ['contoso-1'] });
    const doc = JSON.parse(r.json) as { dockIntakeExport: Record<string, unknown>; value: Record<string, unknown>[] };
    assert.deepEqual(Object.keys(doc.dockIntakeExport).sort(), ['exportedAt', 'format', 'sinceSeq', 'station', 'throughSeq']);
    const job = doc.value[0]! as {
      name: string;
      type: string;
      properties: Record<string, unknown> & { driveList: Record<string, unknown>[] };
    };
    for (const k of Object.keys(job)) assert.ok(JOB_FIELDS.has(k), `job field ${k}`);
    for (const k of Object.keys(job.properties)) assert.ok(PROPERTY_FIELDS.has(k), `property ${k}`);
    for (const drive of job.properties.driveList)
      for (const k of Object.keys(drive)) assert.ok(DRIVE_STATUS_FIELDS.has(k), `drive field ${k}`);
    assert.equal(job.type, 'Microsoft.ImportExport/jobs');
    assert.equal(job.properties.state, 'Packaging', 'every drive processed');
    assert.deepEqual(
      job.properties.driveList.map((x) => [x.driveId, x.state, x.copyStatus ?? null, x.bytesSucceeded]),
      [
        ['CT1-A', 'Completed', 'Completed', 5_000_000],
        ['CT1-B', 'NeverReceived', null, 0],
      ],
    );
    assert.equal(job.properties.driveList[0]!.verboseLogUri, 'https://logs.example/v/ct1a');
    assert.doesNotMatch(r.json, /bitLockerKey"\s*:|111111-222222/);
  });

  test('"since the last export" holds only the jobs changed since; chosen jobs do not move the mark', () => {
    const d = dock();
    shippingJob(d, 'wwi-1', ['W1-A']);
    shippingJob(d, 'wwi-2', ['W2-A']);
    assert.deepEqual(d.intake.exportResults(amy, { sinceLast: true }).jobs, ['wwi-1', 'wwi-2']);
    assert.deepEqual(d.intake.exportResults(amy, { sinceLast: true }).jobs, [], 'nothing changed since');
    receiveBox(d, 'TRK-WWI-2', ['W2-A']);
    assert.deepEqual(d.intake.exportResults(amy, { jobs: ['wwi-1'] }).jobs, ['wwi-1']);
    const next = d.intake.exportResults(amy, { sinceLast: true });
    assert.deepEqual(next.jobs, ['wwi-2']);
    assert.ok(next.sinceSeq! > 0);
    assert.throws(
      () => d.intake.exportResults(amy, { jobs: ['nobody'] }),
      (e: unknown) => e instanceof IntakeError && e.code === 'JOB_UNKNOWN',
    );
  });

  test("a station's results file imported into a fresh station reproduces every job and drive; again, it changes nothing", () => {
    const a = dock();
    seedDemo(a.intake, { jobs: 24 });
    const out = a.intake.exportResults(amy, { sinceLast: true });
    const b = dock();
    const files = [file(out.filename, out.json)];
    const done = confirmAsPreviewed(b, files);
    assert.equal(done.counts.restored, out.jobs.length);
    assert.equal(done.counts.refused, 0);
    const again = b.intake.exportResults(ben, { jobs: out.jobs });
    const strip = (json: string) => (JSON.parse(json) as { value: unknown[] }).value;
    assert.deepEqual(strip(again.json), strip(out.json));
    for (const name of out.jobs) {
      const x = a.intake.jobView(name);
      const y = b.intake.jobView(name);
      assert.deepEqual(y.properties, x.properties, name);
      assert.deepEqual(y.dock.extraDrives, x.dock.extraDrives, name);
    }
    assert.ok(readStore(b.file).prepare("SELECT count(*) AS n FROM custody WHERE action = 'job.restored'").get()!.n === out.jobs.length);
    assert.equal(readStore(b.file).prepare('SELECT count(*) AS n FROM drives WHERE bitlocker_key IS NOT NULL').get()!.n, 0);
    const before = dumpStore(b.store);
    assert.equal(confirmAsPreviewed(b, files).counts.unchanged, out.jobs.length);
    assert.deepEqual(dumpStore(b.store), before);
  });

  test('a restore refuses a job this station holds with other records', () => {
    const a = dock();
    shippingJob(a, 'litware-1', ['LW1-A']);
    receiveBox(a, 'TRK-LITWARE-1', ['LW1-A']);
    const out = a.intake.exportResults(amy, { jobs: ['litware-1'] });
    const b = dock();
    shippingJob(b, 'litware-1', ['LW1-A']);
    const plan = b.intake.previewImport(amy, [file(out.filename, out.json)]);
    assert.equal(plan.jobs[0]!.reason?.code, 'RESTORE_CONFLICT');
  });
});

describe('backup and the daily report', () => {
  test(
    'a backup is a whole, checked copy holding every record so far, and never the store itself',
    { skip: sqliteOnly("SQLite's online backup (a dock database is backed up with pg_dump)") },
    async () => {
      const d = dock();
      shippingJob(d, 'adatum-1', ['AD1-A', 'AD1-B']);
      d.intake.receivePackage(amy, { trackingNumber: 'TRK-ADATUM-1' });
      d.intake.scanDrive(amy, { serial: 'AD1-A' });
      const seq = d.store.lastSeq();
      const backingUp = d.intake.backup(join(d.dir, 'copy.sqlite'));
      d.intake.scanDrive(amy, { serial: 'AD1-B' });
      const r = await backingUp;
      assert.equal(r.integrity, 'ok');
      assert.ok(r.lastSeq >= seq);
      assert.deepEqual(inspectStoreFile(r.path).integrity, 'ok');
      const before = dumpStore(d.store);
      await assert.rejects(d.intake.backup(d.file), (e: unknown) => e instanceof IntakeError && e.code === 'BACKUP_TARGET_INVALID');
      await assert.rejects(
        d.intake.backup(join(d.dir, 'no-such-folder', 'x.sqlite')),
        (e: unknown) => e instanceof IntakeError && e.code === 'BACKUP_TARGET_INVALID',
      );
      assert.deepEqual(dumpStore(d.store), before);
      assert.ok(!existsSync(join(d.dir, 'no-such-folder')));
    },
  );

  test('the daily report counts boxes, drives by outcome, exceptions and shipments per day and operator', () => {
    const d = dock('2026-11-02T01:00:00Z');
    shippingJob(d, 'proseware-1', ['PW1-A', 'PW1-B', 'PW1-C']);
    shippingJob(d, 'proseware-2', ['PW2-A']);
    d.intake.receivePackage(amy, { trackingNumber: 'TRK-PROSEWARE-1' });
    d.intake.scanDrive(amy, { serial: 'PW1-A' });
    d.intake.scanDrive(amy, { serial: 'PW1-B' });
    d.intake.scanDrive(amy, { serial: 'PW1-X', jobName: 'proseware-1' });
    d.intake.closePackage(amy);
    d.clock.advance(3_600_000);
    d.intake.receivePackage(ben, { trackingNumber: 'TRK-PROSEWARE-2' });
    d.intake.scanDrive(ben, { serial: 'PW2-A' });
    d.intake.closePackage(ben);
    d.intake.faultDrive(ben, 'PW2-A', 'connector bent');
    d.intake.resolveDrive(ben, 'PW2-A', 'straightened');
    const day = isoWithZone(d.clock.now()).slice(0, 10); // the station's local day, as custody records it
    const report = d.intake.dockReport(day, day);
    const row = (op: string | null) => report.rows.find((r) => r.operator === op)!;
    assert.equal(row('Amy Lin').boxes, 1);
    assert.equal(row('Amy Lin').drives.received, 2);
    assert.equal(row('Amy Lin').drives.extra, 1);
    assert.equal(row('Amy Lin').drives.neverReceived, 1);
    assert.equal(row('Ben Chen').drives.faulted, 1);
    assert.equal(row('Ben Chen').exceptionsOpened, 1);
    assert.equal(row('Ben Chen').exceptionsClosed, 1);
    assert.equal(row(null).boxes, 2);
    assert.equal(row(null).drives.received, 3);
    assert.equal(
      report.hours[0]!.counts.reduce((x, y) => x + y, 0),
      4,
      'received and extra drives, by hour',
    );
    const csv = reportCsv(report).split('\r\n');
    assert.match(csv[0]!, /^day,operator,boxes received,drives received,/);
    assert.ok(csv.some((l) => l.startsWith(`${day},all,2,3,1,`)));
    assert.throws(
      () => d.intake.dockReport('2026-11-05', '2026-11-01'),
      (e: unknown) => e instanceof IntakeError && e.code === 'BAD_INPUT',
    );
  });
});
