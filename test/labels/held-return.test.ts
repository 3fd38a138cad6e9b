// The return label of held drives: drives of no job on record, or of a job still Creating, that go back to
// the sender once their return is due. Rendered to real PDFs and ZPL, read back as a carrier would read them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDispatcher, type Dispatcher } from '../../electron/api/dispatcher.ts';
import type { Settings, SettingsPatch, SettingsStore } from '../../electron/api/settings-schema.ts';
import { DEADLINES } from '../../electron/core/clock.ts';
import { IntakeError } from '../../electron/core/errors.ts';
import { NO_JOB_LINE, renderLabel, type LabelRequest } from '../../electron/core/labels/index.ts';
import { PdfRenderer, closeSharedPdfRenderer } from '../../electron/labels/pdf.ts';
import { sendZpl } from '../../electron/labels/zpl-send.ts';
import { KEY, SERIALS, actor, decodeBarcodes, job, openFixture, pdfinfo, pdftotext, settings, type Fixture } from './fixtures.ts';
import { dumpTables, readStore } from '../store-file.ts';

/** Held since the fixture's package of no job: a drive of no job on record. */
const ORPHAN = 'ORPHAN-001';
/** A job still Creating when its box came: its drives are held, and the job has a complete return address. */
const EARLY_JOB = 'JOB-EARLY-0101';
const EARLY_DRIVES = ['EARLY-DRV-1', 'EARLY-DRV-2'] as const;
const typedAddress = {
  recipientName: 'Chen Ya-ting',
  streetAddress1: '88 Harbour Road',
  streetAddress2: 'Unit 12',
  city: 'Keelung',
  postalCode: '202',
  countryOrRegion: 'TW',
  phone: '+886 2 2422 0000',
  email: 'chen@example.tw',
};

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
let api: Dispatcher;
const pdf = new PdfRenderer();

before(async () => {
  f = openFixture();
  f.intake.putJob(actor, {
    ...job(EARLY_JOB, EARLY_DRIVES, 'EARLY-PKG-1'),
    properties: { ...job(EARLY_JOB, EARLY_DRIVES, 'EARLY-PKG-1').properties, state: 'Creating' },
  });
  f.intake.receivePackage(actor, { trackingNumber: 'EARLY-PKG-1' });
  for (const s of EARLY_DRIVES) f.intake.scanDrive(actor, { serial: s });
  f.intake.closePackage(actor, {});
  api = createDispatcher({ intake: f.intake, settings: new MemorySettings(settings), transport: 'http' });
  await pdf.warm();
});
after(async () => {
  // labels.render through the dispatcher prints with the process's shared renderer
  await closeSharedPdfRenderer();
  await pdf.close();
  f.close();
});

async function renderPdf(req: LabelRequest, name: string): Promise<{ file: string; html: string }> {
  const doc = renderLabel(f.intake, settings, req, 'pdf');
  const file = join(f.dir, `${name}.pdf`);
  writeFileSync(file, await pdf.render(doc.html!, doc.size));
  return { file, html: doc.html! };
}

/** Every table of the store, to prove a refusal changed nothing. */
function dump(): Record<string, unknown[]> {
  return dumpTables(f.store.path);
}

function refused(req: LabelRequest, code: string, message?: RegExp): IntakeError {
  const before = dump();
  let caught: unknown;
  try {
    renderLabel(f.intake, settings, req, 'html');
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof IntakeError, `refused with an IntakeError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  if (message) assert.match(caught.message, message);
  assert.deepEqual(dump(), before, 'nothing changed in the store');
  return caught;
}

const orphanLabel: LabelRequest = {
  kind: 'held-return',
  driveIds: [ORPHAN],
  address: typedAddress,
  carrierName: 'UPS',
  carrierAccountNumber: 'UPS-ACC-77',
  returnTrackingNumber: '1Z999AA10000000777',
};

describe('return label of held drives', () => {
  test('held drives of no job go to the typed address: the tracking number decodes exactly and the label says there is no job', async () => {
    const { file } = await renderPdf(orphanLabel, 'held-orphan');
    assert.deepEqual(
      decodeBarcodes(file),
      ['CODE-128:1Z999AA10000000777'],
      'the tracking number is the only barcode: there is no job to print',
    );
    assert.match(pdfinfo(file)['Page size']!, /^288 x 432 pts/, "the same 4 x 6 in label as a job's return");
    const text = pdftotext(file);
    for (const s of [
      NO_JOB_LINE,
      'Import/Export Receiving Dock',
      '1 Datacenter Way',
      'Chen Ya-ting',
      '88 Harbour Road',
      'Unit 12',
      'Keelung 202',
      'UPS',
      'UPS-ACC-77',
      '1 held drive',
      ORPHAN,
      '1Z999AA10000000777',
    ]) {
      assert.ok(text.includes(s), `"${s}" is on the label`);
    }
    assert.match(text, /\d{4}-\d{2}-\d{2}/, 'the date');
  });

  test("held drives of a job go to the job's own return address, with the job name as a barcode that decodes exactly", async () => {
    const { file } = await renderPdf(
      { kind: 'held-return', driveIds: [...EARLY_DRIVES], returnTrackingNumber: 'rt-early-0001' },
      'held-job',
    );
    const codes = decodeBarcodes(file);
    assert.ok(
      codes.includes('CODE-128:RT-EARLY-0001'),
      `a scanned lower-case tracking number prints as the code itself; decoded: ${codes.join(', ')}`,
    );
    assert.ok(codes.includes(`CODE-128:${EARLY_JOB}`), `decoded: ${codes.join(', ')}`);
    assert.equal(codes.length, 2);
    const text = pdftotext(file);
    for (const s of ['王小明', '中正路 100 號 5 樓', 'DHL', '960112233', '2 held drives', ...EARLY_DRIVES, EARLY_JOB])
      assert.ok(text.includes(s), `"${s}" is on the label`);
    assert.ok(!text.includes(NO_JOB_LINE));
  });

  test('a typed address with a field missing is refused, naming the field, and nothing changes', () => {
    const e = refused(
      { ...orphanLabel, address: { ...typedAddress, postalCode: ' ', phone: '' } },
      'ADDRESS_INCOMPLETE',
      /postalCode, phone/,
    );
    assert.deepEqual(e.detail, { fields: ['postalCode', 'phone'] });
  });

  test('held drives of no job with no address typed get no label: every required field is named', () => {
    const e = refused(
      { kind: 'held-return', driveIds: [ORPHAN], carrierName: 'UPS', returnTrackingNumber: 'RT-NOADDR-1' },
      'ADDRESS_INCOMPLETE',
    );
    assert.deepEqual(e.detail, { fields: ['recipientName', 'streetAddress1', 'city', 'postalCode', 'countryOrRegion', 'phone', 'email'] });
  });

  test("a drive that is not held gets no held-drive return label: it goes back on its job's own label", () => {
    refused({ ...orphanLabel, driveIds: [SERIALS[0]] }, 'DRIVE_NOT_HELD', new RegExp(SERIALS[0]));
  });

  test('held drives of a job and of no job do not share a box: one box goes to one sender', () => {
    refused({ ...orphanLabel, driveIds: [ORPHAN, EARLY_DRIVES[0]] }, 'BAD_INPUT', /one sender/);
  });

  test('no return tracking number, no label', () => {
    refused({ ...orphanLabel, returnTrackingNumber: '' }, 'BAD_INPUT', /tracking number/);
  });

  test('the ZPL label arrives whole at a printer: 4 x 6 at 203 dpi, the tracking number in the Code 128 field, the address, the no-job line', async () => {
    const zpl = renderLabel(f.intake, settings, orphanLabel, 'zpl').zpl!;
    const parts: Buffer[] = [];
    let got!: (b: Buffer) => void;
    const received = new Promise<Buffer>((r) => {
      got = r;
    });
    const server = createServer((sock) => {
      sock.on('data', (d) => parts.push(d));
      sock.on('end', () => {
        got(Buffer.concat(parts));
        sock.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      await sendZpl({ host: '127.0.0.1', port: (server.address() as AddressInfo).port }, zpl);
      const arrived = (await received).toString('utf8');
      assert.equal(arrived, zpl);
      assert.match(arrived, /\^PW812\n\^LL1218\n/);
      assert.match(arrived, /\^BCN,\d+,N,N,N,A\^FH_\^FD1Z999AA10000000777\^FS/);
      for (const s of ['Chen Ya-ting', '88 Harbour Road', 'Keelung 202', 'Held drives - no job on record', '1 HELD DRIVE', ORPHAN])
        assert.ok(arrived.includes(s), `"${s}" is in the ZPL`);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  test('no BitLocker key is on a held-drive return label: not in the HTML, the PDF, or the ZPL', async () => {
    const stored = readStore(f.store.path)
      .prepare('SELECT count(*) AS n FROM drives WHERE bitlocker_key = ? AND drive_id IN (?, ?)')
      .get(KEY, ...EARLY_DRIVES) as { n: number } | undefined;
    assert.equal(Number(stored?.n), 2, 'these held drives do hold the known key in the store');
    const req: LabelRequest = { kind: 'held-return', driveIds: [...EARLY_DRIVES], returnTrackingNumber: 'RT-EARLY-KEY' };
    const { file, html } = await renderPdf(req, 'held-key');
    const digits = KEY.replace(/-/g, '');
    for (const [what, text] of [
      ['HTML', html],
      ['PDF text', pdftotext(file)],
      ['PDF bytes', readFileSync(file, 'latin1')],
      ['ZPL', renderLabel(f.intake, settings, req, 'zpl').zpl!],
    ] as const) {
      assert.ok(!text.includes(KEY) && !text.replace(/[^0-9]/g, '').includes(digits), `${what} holds the key`);
      assert.ok(!/bitlocker/i.test(text), `${what} mentions BitLocker`);
    }
  });
});

describe('held-drive return label through the contract', () => {
  test('labels.render gives a 4 x 6 in PDF named for the held drives and their tracking number', async () => {
    const r = await api.dispatch('labels.render', { ...orphanLabel, format: 'pdf' });
    assert.ok(r.ok, JSON.stringify(r));
    const file = r.result as { filename: string; kind: string; base64: string; pageSize: unknown };
    assert.equal(file.filename, 'held-return-label-no-job-1Z999AA10000000777.pdf');
    assert.equal(file.kind, 'held-return');
    assert.deepEqual(file.pageSize, { widthIn: 4, heightIn: 6 });
    const path = join(f.dir, 'api-held.pdf');
    writeFileSync(path, Buffer.from(file.base64, 'base64'));
    assert.deepEqual(decodeBarcodes(path), ['CODE-128:1Z999AA10000000777']);
  });

  test('labels.render refuses a typed address with a field missing, names it, and changes nothing', async () => {
    const before = dump();
    const r = await api.dispatch('labels.render', { ...orphanLabel, address: { ...typedAddress, email: '' }, format: 'pdf' });
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'ADDRESS_INCOMPLETE');
    assert.match(r.error.message, /email/);
    assert.deepEqual(dump(), before);
  });

  test('once the held drives are returned, their label prints again from the tracking number, and the number is not used for other drives', () => {
    f.clock.advance(DEADLINES.heldReturnDue); // held 2 weeks: their return is due
    const early = f.intake.returnHeldDrives(actor, {
      driveIds: [...EARLY_DRIVES],
      carrierName: 'FedEx',
      carrierAccountNumber: 'FX-1',
      trackingNumber: 'RT-EARLY-SHIPPED',
    });
    const again = renderLabel(f.intake, settings, { kind: 'held-return', returnTrackingNumber: 'RT-EARLY-SHIPPED' }, 'html');
    assert.equal(again.data.kind, 'held-return');
    if (again.data.kind !== 'held-return') return;
    assert.deepEqual(again.data.driveIds, [...EARLY_DRIVES]);
    assert.equal(again.data.jobName, EARLY_JOB);
    assert.equal(again.data.carrierName, 'FedEx');
    assert.equal(again.data.carrierAccountNumber, 'FX-1');
    assert.equal(again.data.date, early.returnPackage.shipDate);
    refused({ ...orphanLabel, returnTrackingNumber: 'RT-EARLY-SHIPPED' }, 'BAD_INPUT', /already used/);
  });
});
