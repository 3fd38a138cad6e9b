// The service's own JSON, as its `Get Job` list answer writes it (resource ids, location, system data, fields
// with no value written as null, every drive with its BitLocker key), taken in; and the results file going
// back, named field by field as that same answer names them, never with a key.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { ImportFile } from '../../electron/core/operations/exchange.ts';
import { readStore } from '../store-file.ts';
import { amy, dock, dumpStore } from './helpers.ts';

const TEXT = readFileSync(join(import.meta.dirname, 'fixtures', 'service-jobs.json'), 'utf8');
interface ServiceJob {
  name: string;
  properties: Record<string, unknown> & { driveList: (Record<string, unknown> & { driveId: string; bitLockerKey: string })[] };
}
const SERVICE = JSON.parse(TEXT) as { value: ServiceJob[] };
const FILE: ImportFile = { name: 'service-jobs.json', text: TEXT };
const KEYS = SERVICE.value.flatMap((j) => j.properties.driveList.map((d) => d.bitLockerKey));
const TAKEN = 'formosa-genomics-0917';

/** Every field name the service's answer uses: of a job, of its properties, of a drive. */
const names = (objects: object[]) => new Set(objects.flatMap((o) => Object.keys(o)));
const SERVICE_JOB_FIELDS = names(SERVICE.value);
const SERVICE_PROPERTY_FIELDS = names(SERVICE.value.map((j) => j.properties));
const SERVICE_DRIVE_FIELDS = names(SERVICE.value.flatMap((j) => j.properties.driveList));

function noKeyIn(text: string, what: string): void {
  for (const k of KEYS) assert.ok(!text.includes(k.slice(0, 20)), `no key in ${what}`);
  assert.doesNotMatch(text, /bitLockerKey"\s*:/, `no key field in ${what}`);
}

describe("the service's Get Job answer", () => {
  test('as the service writes it, it is taken: a job still shipping is new, one past the dock refused with its reason', () => {
    const d = dock();
    const before = dumpStore(d.store);
    const plan = d.intake.previewImport(amy, [FILE]);
    assert.deepEqual(
      plan.jobs.map((j) => [j.name, j.outcome, j.state, j.drives, j.keys, j.reason?.code ?? null]),
      [
        [TAKEN, 'new', 'Shipping', 2, 2, null],
        ['formosa-genomics-0918', 'refused', null, 0, 0, 'IMPORT_JOB_TOO_LATE'],
      ],
    );
    assert.deepEqual(dumpStore(d.store), before, 'a preview writes nothing');
    d.intake.confirmImport(amy, [FILE], { basedOnSeq: plan.basedOnSeq, jobs: plan.jobs });
    const v = d.intake.jobView(TAKEN);
    const sent = SERVICE.value[0]!.properties;
    assert.deepEqual(v.properties.deliveryPackage, sent.deliveryPackage);
    assert.deepEqual(v.properties.returnShipping, sent.returnShipping);
    const { streetAddress2, ...address } = sent.returnAddress as Record<string, unknown>;
    assert.equal(streetAddress2, null, 'the example carries a field with no value');
    assert.deepEqual(v.properties.returnAddress, address, 'a null is a field left out');
    assert.equal(v.properties.logLevel, 'Verbose');
    assert.equal(v.properties.diagnosticsPath, 'waimportexport');
    assert.deepEqual(
      v.properties.driveList.map((x) => [x.driveId, x.state, x.manifestFile, x.manifestHash]),
      sent.driveList.map((x) => [x.driveId, 'Specified', x.manifestFile, x.manifestHash]),
    );
  });

  test('each drive keeps its BitLocker key for the copy; no preview, refusal or record shows one', () => {
    const d = dock();
    const plan = d.intake.previewImport(amy, [FILE]);
    const done = d.intake.confirmImport(amy, [FILE], { basedOnSeq: plan.basedOnSeq, jobs: plan.jobs });
    const db = readStore(d.file);
    const stored = db.prepare('SELECT drive_id, bitlocker_key FROM drives ORDER BY drive_id').all() as {
      drive_id: string;
      bitlocker_key: string;
    }[];
    assert.deepEqual(
      stored.map((r) => [r.drive_id, r.bitlocker_key]),
      SERVICE.value[0]!.properties.driveList.map((x) => [x.driveId, x.bitLockerKey]),
    );
    noKeyIn(JSON.stringify(plan), 'the preview');
    noKeyIn(JSON.stringify(done), 'the confirmation');
    noKeyIn(JSON.stringify(db.prepare('SELECT * FROM custody').all()), 'the custody records');
    noKeyIn(JSON.stringify(d.intake.jobView(TAKEN)), "the job's view");
  });
});

describe('the results file', () => {
  test("names every field as the service's own answer does, and carries no key", () => {
    const d = dock();
    const plan = d.intake.previewImport(amy, [FILE]);
    d.intake.confirmImport(amy, [FILE], { basedOnSeq: plan.basedOnSeq, jobs: plan.jobs });
    d.intake.receivePackage(amy, { trackingNumber: '1234567890' });
    d.intake.scanDrive(amy, { serial: '9CA995BB' });
    d.intake.scanDrive(amy, { serial: '9CA995BC' });
    d.intake.closePackage(amy);
    d.intake.startCopy(amy, { jobName: TAKEN });
    d.intake.recordCopyResult(amy, {
      driveId: '9CA995BB',
      copyStatus: 'Completed',
      percentComplete: 100,
      bytesSucceeded: 500_107_862_016,
      verboseLogUri: 'https://formosagenomics.blob.core.windows.net/waimportexport/9CA995BB_verbose.xml',
    });
    const out = d.intake.exportResults(amy, { jobs: [TAKEN] });
    noKeyIn(out.json, 'the results file');
    const doc = JSON.parse(out.json) as { value: ServiceJob[] } & Record<string, unknown>;
    assert.deepEqual(Object.keys(doc).sort(), ['dockIntakeExport', 'value'], "the list answer, and the station's own mark");
    const [job] = doc.value;
    assert.ok(job);
    // the dock's own facts travel beside the service's fields, under a name the service does not use
    for (const k of Object.keys(job)) assert.ok(SERVICE_JOB_FIELDS.has(k) || k === 'dock', `job field ${k}`);
    for (const k of Object.keys(job.properties)) assert.ok(SERVICE_PROPERTY_FIELDS.has(k), `property ${k}`);
    for (const drive of job.properties.driveList)
      for (const k of Object.keys(drive)) assert.ok(SERVICE_DRIVE_FIELDS.has(k) && k !== 'bitLockerKey', `drive field ${k}`);
    assert.equal(job.name, TAKEN);
    assert.equal((job as unknown as { type: string }).type, 'Microsoft.ImportExport/jobs');
    assert.equal(job.properties.state, 'Transferring');
    assert.deepEqual(
      job.properties.driveList.map((x) => [x.driveId, x.state, x.copyStatus ?? null, x.percentComplete, x.bytesSucceeded]),
      [
        ['9CA995BB', 'Completed', 'Completed', 100, 500_107_862_016],
        ['9CA995BC', 'Transferring', null, 0, 0],
      ],
    );
  });
});
