// Every label kind rendered to a real PDF by Chromium, then read back the way a carrier's scanner and a
// customer would: barcodes decoded from the rasterised page, page size from pdfinfo, text from pdftotext.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderLabel, type LabelRequest } from '../../electron/core/labels/index.ts';
import { PdfRenderer } from '../../electron/labels/pdf.ts';
import {
  EXTRA,
  HELD_JOB,
  HELD_SERIALS,
  JOB,
  KEY,
  RETURN_TRACKING,
  SERIALS,
  actor,
  decodeBarcodes,
  openFixture,
  packagingJob,
  pdffonts,
  pdfinfo,
  pdftotext,
  settings,
  type Fixture,
} from './fixtures.ts';
import { readStore } from '../store-file.ts';

let f: Fixture;
const pdf = new PdfRenderer();

before(async () => {
  f = openFixture();
  await pdf.warm();
});
after(async () => {
  await pdf.close();
  f.close();
});

async function renderPdf(req: LabelRequest, name: string): Promise<{ file: string; html: string }> {
  const doc = renderLabel(f.intake, settings, req, 'pdf');
  const file = join(f.dir, `${name}.pdf`);
  writeFileSync(file, await pdf.render(doc.html!, doc.size));
  return { file, html: doc.html! };
}

const returnLabel: LabelRequest = { kind: 'return', jobName: JOB, returnTrackingNumber: RETURN_TRACKING };

describe('return label', () => {
  test('the return tracking number and the job name decode exactly from the printed return label', async () => {
    const { file } = await renderPdf(returnLabel, 'return');
    const codes = decodeBarcodes(file);
    assert.ok(codes.includes(`CODE-128:${RETURN_TRACKING}`), `decoded: ${codes.join(', ')}`);
    assert.ok(codes.includes(`CODE-128:${JOB}`), `decoded: ${codes.join(', ')}`);
    assert.equal(codes.length, 2, 'only the tracking number and the job name are barcodes');
  });

  test('the return label is exactly 4 x 6 inches, one page, no margins to scale it down', async () => {
    const { file } = await renderPdf(returnLabel, 'return-size');
    const info = pdfinfo(file);
    assert.equal(info.Pages, '1');
    assert.match(info['Page size']!, /^288 x 432 pts/);
  });

  test('the return label names sender, recipient, carrier and account, the drive count and every drive serial, and the date', async () => {
    const { file } = await renderPdf(returnLabel, 'return-text');
    const text = pdftotext(file);
    for (const s of [
      'Import/Export Receiving Dock',
      '1 Datacenter Way',
      '王小明',
      '中正路 100 號 5 樓',
      '臺北市',
      'DHL',
      '960112233',
      '4 drives',
      ...SERIALS,
      EXTRA,
      RETURN_TRACKING,
      JOB,
    ]) {
      assert.ok(text.includes(s), `"${s}" is on the label`);
    }
    assert.match(text, /\d{4}-\d{2}-\d{2}/);
  });

  test('a Chinese return address is drawn in the bundled font, embedded in the PDF', async () => {
    const { file } = await renderPdf(returnLabel, 'return-fonts');
    const fonts = pdffonts(file).split('\n').slice(2).filter(Boolean);
    assert.ok(fonts.length > 0);
    for (const line of fonts) {
      assert.match(line, /\+NotoSansTC/, `every font is the bundled Noto Sans TC: ${line}`);
      assert.match(line, /\byes\s+yes\s+yes\b/, `embedded, subset, with a Unicode map: ${line}`);
    }
    assert.ok(pdftotext(file).includes('臺北市 中正區 100'), 'the Chinese address text is real text in the PDF');
  });

  test('a return label whose job name is too long for Code 128 carries it as a QR code that decodes exactly', async () => {
    const long = 'J'.repeat(10) + '-very-long-job-name-for-a-lab-test-0123456789';
    packagingJob(f.intake, long, ['LONGNAME-D1'], 'LONG-IN-1');
    const { file } = await renderPdf({ kind: 'return', jobName: long, returnTrackingNumber: 'RT-LONG-1' }, 'return-long');
    const codes = decodeBarcodes(file);
    assert.ok(codes.includes(`QR-Code:${long}`), `decoded: ${codes.join(', ')}`);
    assert.ok(codes.includes('CODE-128:RT-LONG-1'));
  });
});

describe('drive tag', () => {
  test('the drive serial and the job name decode exactly from a drive tag', async () => {
    const { file } = await renderPdf({ kind: 'drive-tag', driveId: SERIALS[0] }, 'tag');
    const codes = decodeBarcodes(file);
    assert.ok(codes.includes(`CODE-128:${SERIALS[0]}`), `decoded: ${codes.join(', ')}`);
    assert.ok(codes.includes(`CODE-128:${JOB}`), `decoded: ${codes.join(', ')}`);
  });

  test('a drive tag is exactly 3 x 2 inches and says the state and the date', async () => {
    const { file } = await renderPdf({ kind: 'drive-tag', driveId: EXTRA }, 'tag-size');
    assert.match(pdfinfo(file)['Page size']!, /^216 x 144 pts/);
    const text = pdftotext(file);
    assert.ok(text.includes('Received'));
    assert.ok(text.includes('EXTRA'), 'an extra drive says so on its tag');
    assert.match(text, /\d{4}-\d{2}-\d{2}/);
  });

  test('a held drive of no job gets a tag with its serial barcode and "No job on record"', async () => {
    const { file } = await renderPdf({ kind: 'drive-tag', driveId: 'ORPHAN-001' }, 'tag-orphan');
    assert.deepEqual(decodeBarcodes(file), ['CODE-128:ORPHAN-001']);
    assert.ok(pdftotext(file).includes('No job on record'));
  });
});

describe('destruction certificate', () => {
  test('the job name and every destroyed drive serial decode exactly from the certificate', async () => {
    const { file } = await renderPdf({ kind: 'destruction', jobName: HELD_JOB }, 'cert');
    const codes = decodeBarcodes(file);
    assert.ok(codes.includes(`CODE-128:${HELD_JOB}`), `decoded: ${codes.join(', ')}`);
    for (const s of HELD_SERIALS) assert.ok(codes.includes(`CODE-128:${s}`), `decoded: ${codes.join(', ')}`);
  });

  test('the certificate is an A4 page naming the method, operator, witness and date of the destruction', async () => {
    const { file } = await renderPdf({ kind: 'destruction', jobName: HELD_JOB }, 'cert-text');
    assert.match(pdfinfo(file)['Page size']!, /^595\.9\d? x 841\.9\d? pts/);
    const text = pdftotext(file);
    for (const s of [
      'Certificate of Secure Destruction',
      'Shredded to 2 mm particles',
      actor.operator,
      'Ben Chen',
      '2027-02-23',
      ...HELD_SERIALS,
    ]) {
      assert.ok(text.includes(s), `"${s}" is on the certificate`);
    }
    assert.ok(!text.includes('ORPHAN-002'), 'a destruction recorded separately is not on this certificate');
  });
});

describe('BitLocker keys', () => {
  test('no label ever carries a BitLocker key: not in the HTML, not in the PDF text, not in the ZPL', async () => {
    const stored = readStore(f.store.path).prepare('SELECT count(*) AS n FROM drives WHERE bitlocker_key = ?').get(KEY) as
      { n: number } | undefined;
    assert.ok(Number(stored?.n) >= SERIALS.length, 'the drives on these labels do hold the known key in the store');
    const digits = KEY.replace(/-/g, '');
    const check = (what: string, text: string) => {
      assert.ok(!text.includes(KEY), `${what} holds the key`);
      assert.ok(!text.replace(/[^0-9]/g, '').includes(digits), `${what} holds the key's digits`);
      assert.ok(!/bitlocker/i.test(text), `${what} mentions BitLocker`);
    };
    const cases: [string, LabelRequest][] = [
      ['return', returnLabel],
      ['drive-tag', { kind: 'drive-tag', driveId: SERIALS[1] }],
      ['destruction', { kind: 'destruction', jobName: HELD_JOB }],
    ];
    for (const [name, req] of cases) {
      const { file, html } = await renderPdf(req, `key-${name}`);
      check(`${name} HTML`, html);
      check(`${name} PDF text`, pdftotext(file));
      check(`${name} PDF bytes`, readFileSync(file, 'latin1'));
      if (name !== 'destruction') check(`${name} ZPL`, renderLabel(f.intake, settings, req, 'zpl').zpl!);
    }
  });
});
