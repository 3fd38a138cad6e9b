// The label operations through the contract's dispatcher, as the screens call them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDispatcher, type Dispatcher } from '../../electron/api/dispatcher.ts';
import type { Settings, SettingsPatch, SettingsStore } from '../../electron/api/settings-schema.ts';
import { closeSharedPdfRenderer } from '../../electron/labels/pdf.ts';
import {
  JOB,
  RETURN_TRACKING,
  actor,
  decodeBarcodes,
  openFixture,
  packagingJob,
  pdfinfo,
  settings as base,
  type Fixture,
} from './fixtures.ts';
import { dumpTables } from '../store-file.ts';

class MemorySettings implements SettingsStore {
  private s: Settings;
  readonly problem = null;
  constructor(s: Settings) {
    this.s = structuredClone(s);
  }
  get(): Settings {
    return structuredClone(this.s);
  }
  update(patch: SettingsPatch): Settings {
    this.s = { ...this.s, ...patch };
    return this.get();
  }
}

let f: Fixture;
let settings: MemorySettings;
let api: Dispatcher;

before(() => {
  f = openFixture();
  settings = new MemorySettings(base);
  api = createDispatcher({ intake: f.intake, settings, transport: 'http' });
});
after(async () => {
  await closeSharedPdfRenderer();
  f.close();
});

/** Every table of the store, to prove a refusal changed nothing. */
function dump(): Record<string, unknown[]> {
  return dumpTables(f.store.path);
}

async function call(op: string, input: unknown) {
  return api.dispatch(op, input);
}

describe('labels through the contract', () => {
  test('labels.render gives the return label as a 4 x 6 in PDF whose barcodes decode', async () => {
    const r = await call('labels.render', { kind: 'return', jobName: JOB, returnTrackingNumber: RETURN_TRACKING.toLowerCase() });
    assert.ok(r.ok, JSON.stringify(r));
    const file = r.result as { filename: string; mimeType: string; base64: string; pageSize: { widthIn: number; heightIn: number } };
    assert.equal(file.mimeType, 'application/pdf');
    assert.equal(file.filename, `return-label-${JOB}-${RETURN_TRACKING}.pdf`);
    assert.deepEqual(file.pageSize, { widthIn: 4, heightIn: 6 });
    const pdf = Buffer.from(file.base64, 'base64');
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const path = join(f.dir, 'api-return.pdf');
    writeFileSync(path, pdf);
    assert.match(pdfinfo(path)['Page size']!, /^288 x 432 pts/);
    const codes = decodeBarcodes(path);
    assert.ok(codes.includes(`CODE-128:${RETURN_TRACKING}`), 'a scanned lower-case tracking number prints as the code itself');
    assert.ok(codes.includes(`CODE-128:${JOB}`));
  });

  test('a return address with a missing field stops the label, names the field, and changes nothing', async () => {
    packagingJob(f.intake, 'JOB-NOPOST-1', ['NOPOST-D1'], 'NOPOST-IN-1');
    f.intake.updateJob(actor, 'JOB-NOPOST-1', { returnAddress: { postalCode: '' } });
    const before = dump();
    const r = await call('labels.render', { kind: 'return', jobName: 'JOB-NOPOST-1', returnTrackingNumber: 'RT-NOPOST' });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.error.code, 'ADDRESS_INCOMPLETE');
    assert.match(r.error.message, /postalCode/);
    assert.deepEqual(r.error.detail, { fields: ['postalCode'] });
    const zpl = await call('labels.sendZpl', { kind: 'return', jobName: 'JOB-NOPOST-1', returnTrackingNumber: 'RT-NOPOST' });
    assert.equal(zpl.ok, false);
    assert.deepEqual(dump(), before);
  });

  test('a return label without a tracking number is refused, asking for one', async () => {
    const r = await call('labels.render', { kind: 'return', jobName: JOB });
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.error.code, 'BAD_INPUT');
      assert.match(r.error.message, /return tracking number/);
    }
  });

  test('a drive of another job listed for the box is refused by name', async () => {
    const r = await call('labels.render', { kind: 'return', jobName: JOB, returnTrackingNumber: RETURN_TRACKING, driveIds: ['NOPOST-D1'] });
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.error.code, 'DRIVE_NOT_IN_JOB');
      assert.match(r.error.message, /NOPOST-D1/);
    }
  });

  test('labels.sendZpl sends to the ZPL printer saved in settings', async () => {
    const received: Buffer[] = [];
    const server = createServer((s) => {
      s.on('data', (d) => received.push(d));
      s.on('end', () => s.end());
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    try {
      settings.update({ zplPrinter: { host: '127.0.0.1', port } });
      const r = await call('labels.sendZpl', { kind: 'drive-tag', driveId: 'WCC4N0ABC123' });
      assert.ok(r.ok, JSON.stringify(r));
      assert.deepEqual(r.result, { bytes: Buffer.concat(received).length, printer: `127.0.0.1:${port}` });
      assert.match(Buffer.concat(received).toString(), /\^BCN,100,N,N,N,A\^FH_\^FDWCC4N0ABC123\^FS/);
    } finally {
      settings.update({ zplPrinter: null });
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  test('labels.sendZpl with no ZPL printer in settings says so: PRINTER_NOT_SET', async () => {
    const r = await call('labels.sendZpl', { kind: 'drive-tag', driveId: 'WCC4N0ABC123' });
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.error.code, 'PRINTER_NOT_SET');
  });

  test('a ZPL printer that refuses gives PRINTER_REFUSED through the contract', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    settings.update({ zplPrinter: { host: '127.0.0.1', port } });
    try {
      const r = await call('labels.sendZpl', { kind: 'return', jobName: JOB, returnTrackingNumber: RETURN_TRACKING });
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.equal(r.error.code, 'PRINTER_REFUSED');
        assert.match(r.error.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
      }
    } finally {
      settings.update({ zplPrinter: null });
    }
  });

  test('system printing outside the desktop app says to print the PDF instead: LABELS_UNAVAILABLE', async () => {
    const r = await call('labels.print', { kind: 'drive-tag', driveId: 'WCC4N0ABC123' });
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.error.code, 'LABELS_UNAVAILABLE');
  });

  test('an unknown label kind is refused at the boundary', async () => {
    const r = await call('labels.render', { kind: 'sticker', jobName: JOB });
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.error.code, 'BAD_INPUT');
  });
});
