// The printed daily dock report, asked for through the contract as the Reports dialog asks for it and printed
// by the station's own PDF printer (Chromium), then read back as a supervisor would: an A4 page, the bundled
// font embedded, each operator's counts in the table, and the chart's bars carrying the day's drives per hour.
// A day is the station's local day: a drive scanned just before midnight belongs to the day before.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStation, type Station } from '../../electron/station.ts';
import { ManualClock } from '../../electron/core/clock.ts';
import { closeSharedPdfRenderer } from '../../electron/labels/pdf.ts';
import { REPORT_LANGUAGES, type ReportLanguage } from '../../electron/core/labels/dock-report.ts';
import { bitLockerKeyFor, importJob } from '../core/helpers.ts';
import { pdffonts, pdfinfo, pdftotext } from './fixtures.ts';

const DAY = '2026-11-02';
const amy = { operator: 'Amy Lin', station: 'dock-1' };
const ben = { operator: 'Ben Chen', station: 'dock-1' };
const HOUR = 3_600_000;

let dir: string;
let station: Station;
const keys: string[] = [];

/** A job the service says is on its way, each drive with its BitLocker key. */
function expect(name: string, serials: string[]): void {
  const body = importJob(name, serials, { state: 'Shipping', tracking: `TRK-${name}` });
  body.properties.driveList = serials.map((driveId) => {
    // a key of this test's own, so finding it anywhere cannot be a coincidence of another test's data
    const bitLockerKey = `${String(424240 + keys.length)}-${bitLockerKeyFor(keys.length).slice(7)}`;
    keys.push(bitLockerKey);
    return { driveId, bitLockerKey };
  });
  station.intake.putJob(amy, body);
}

// The dock's day, in the station's time (Asia/Taipei):
//   Nov 1 23:50  Ben scans one drive: the day before, never counted on Nov 2
//   Nov 2 08:30  Amy receives box A, scans 3 drives             hour 08: 3
//         10:15  Ben receives box B, scans 1 drive and 1 extra  hour 10: 2; closing leaves one never received
//         13:40  Amy receives box C, scans 4 drives             hour 13: 4
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'dock-report-'));
  const clock = new ManualClock('2026-11-01T15:50:00Z');
  station = openStation({ dataDir: dir, transport: 'http', demo: false, clock, sweepEveryMs: false, dailyBackupEveryMs: false });
  expect('late-0', ['L0-A']);
  expect('report-a', ['RA-1', 'RA-2', 'RA-3']);
  expect('report-b', ['RB-1', 'RB-2']);
  expect('report-c', ['RC-1', 'RC-2', 'RC-3', 'RC-4']);
  const box = (who: typeof amy, tracking: string, serials: string[], jobName?: string) => {
    station.intake.receivePackage(who, { trackingNumber: tracking });
    for (const serial of serials) station.intake.scanDrive(who, { serial, ...(jobName ? { jobName } : {}) });
    station.intake.closePackage(who);
  };
  box(ben, 'TRK-LATE-0', ['L0-A']);
  clock.advance(8 * HOUR + 40 * 60_000); // Nov 2, 08:30
  box(amy, 'TRK-REPORT-A', ['RA-1', 'RA-2', 'RA-3']);
  clock.advance(HOUR + 45 * 60_000); // 10:15
  box(ben, 'TRK-REPORT-B', ['RB-1', 'RB-EXTRA'], 'report-b');
  clock.advance(3 * HOUR + 25 * 60_000); // 13:40
  box(amy, 'TRK-REPORT-C', ['RC-1', 'RC-2', 'RC-3', 'RC-4']);
});
after(async () => {
  station.close();
  await closeSharedPdfRenderer();
  rmSync(dir, { recursive: true, force: true });
});

/** The report of one day as the Reports dialog downloads it, written to a file. */
async function printed(lang: ReportLanguage): Promise<string> {
  const r = await station.dispatcher.dispatch('reports.pdf', { from: DAY, to: DAY, lang });
  assert.ok(r.ok, JSON.stringify(r));
  const out = r.result as { filename: string; mimeType: string; base64: string };
  assert.equal(out.filename, `dock-report-${DAY}.pdf`);
  assert.equal(out.mimeType, 'application/pdf');
  const file = join(dir, `${lang}-${out.filename}`);
  writeFileSync(file, Buffer.from(out.base64, 'base64'));
  return file;
}

interface Word {
  text: string;
  x: number;
  y: number;
}

/** Every word of the page with the centre of its box (pdftotext -bbox). */
function words(file: string): Word[] {
  const xml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  return [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    text: m[5]!,
    x: (Number(m[1]) + Number(m[3])) / 2,
    y: (Number(m[2]) + Number(m[4])) / 2,
  }));
}

/**
 * The chart as printed: the hour labels 00–23 along its foot, and above each the number written over its bar
 * (an hour with no bar has none). Numbers left of 00 are the scale, not bars.
 */
function chartBars(file: string): number[] {
  const all = words(file);
  const foot = all.find((w) => w.text === '00')!;
  assert.ok(foot, 'the chart has its hour labels');
  const hours = Array.from({ length: 24 }, (_, h) => {
    const label = all.find((w) => w.text === String(h).padStart(2, '0') && Math.abs(w.y - foot.y) < 1);
    assert.ok(label, `hour ${h} is labelled`);
    return label;
  });
  // the chart starts below its title, the last line above the hour labels that names it
  const title = all.filter((w) => (w.text === 'Drives' || w.text.startsWith('每小時收到的硬碟')) && w.y < foot.y).at(-1);
  assert.ok(title, 'the chart has its title');
  const chartTop = title.y + 1;
  return hours.map((label) => {
    const above = all.filter((w) => /^\d+$/.test(w.text) && w.y < foot.y - 1 && w.y > chartTop && Math.abs(w.x - label.x) < 2);
    assert.ok(above.length <= 1, `one number over hour ${label.text}`);
    return above.length ? Number(above[0]!.text) : 0;
  });
}

/** The numbers on the table line that starts with this operator's name (or the day's total). */
function tableLine(file: string, first: string): number[] {
  const line = pdftotext(file)
    .split('\n')
    .find((l) => l.trim().startsWith(first));
  assert.ok(line, `a line for ${first}`);
  return line.trim().slice(first.length).trim().split(/\s+/).map(Number);
}

describe('the printed daily dock report', () => {
  test('is one A4 page', async () => {
    const info = pdfinfo(await printed('en'));
    assert.equal(info.Pages, '1');
    const [w, h] = info['Page size']!.split(' x ').map((v) => parseFloat(v));
    assert.ok(Math.abs(w! - 595.3) < 1.5 && Math.abs(h! - 841.9) < 1.5, `A4 is 595 x 842 pt, got ${info['Page size']}`);
  });

  test('carries the bundled label font, embedded, so it prints the same on any printer, Chinese included', async () => {
    for (const lang of REPORT_LANGUAGES) {
      const fonts = pdffonts(await printed(lang))
        .split('\n')
        .slice(2)
        .filter((l) => l.trim());
      assert.ok(fonts.length > 0);
      for (const f of fonts) {
        assert.match(f, /NotoSansTC/, `only the bundled font: ${f}`);
        assert.match(f, /\byes\s+yes\s+yes\b/, `embedded, subset, with a Unicode map: ${f}`);
      }
    }
  });

  test("its chart's bars are the day's drives received per hour, in the station's local time", async () => {
    const expected = new Array<number>(24).fill(0);
    expected[8] = 3;
    expected[10] = 2;
    expected[13] = 4;
    for (const lang of REPORT_LANGUAGES) assert.deepEqual(chartBars(await printed(lang)), expected, lang);
    const en = pdftotext(await printed('en'));
    assert.match(en, /Drives received per hour \(9\)/);
  });

  test('its table gives each operator their own counts and the day its total', async () => {
    // boxes, received, extra, held, never received, copied, faulted, shipped back, destroyed, undone,
    // exceptions opened, exceptions closed, shipments out
    const file = await printed('en');
    assert.deepEqual(tableLine(file, 'Amy Lin'), [2, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(tableLine(file, 'Ben Chen'), [1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 2, 0, 0]);
    assert.deepEqual(tableLine(file, 'All operators'), [3, 8, 1, 0, 1, 0, 0, 0, 0, 0, 2, 0, 0]);
    const text = pdftotext(file);
    assert.match(text, new RegExp(`Daily dock report · ${DAY}`));
    assert.match(text, /Datacenter Receiving Dock · station dock-1/);
    assert.match(text, /Printed 2026-11-02 13:40 \(\+08:00\)\./, "printed at the station's time, as a reader reads it");
    assert.ok(!text.includes('2026-11-01'), 'the day before is not in this day’s report');
  });

  test("prints in Traditional Chinese when asked, with the same numbers, and in the station's language by default", async () => {
    const file = await printed('zh-TW');
    const text = pdftotext(file);
    for (const words of ['每日碼頭報表', '操作員', '收到包裹', '收到硬碟', '未收到', '新增例外', '每小時收到的硬碟（共 9）']) {
      assert.ok(text.includes(words), `"${words}" in the Chinese report`);
    }
    assert.deepEqual(tableLine(file, '全部操作員'), [3, 8, 1, 0, 1, 0, 0, 0, 0, 0, 2, 0, 0]);
    assert.deepEqual(tableLine(file, 'Amy Lin'), [2, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

    station.settings.update({ language: 'zh-TW' });
    try {
      const r = await station.dispatcher.dispatch('reports.pdf', { from: DAY, to: DAY });
      assert.ok(r.ok);
      const plain = join(dir, 'station-language.pdf');
      writeFileSync(plain, Buffer.from((r.result as { base64: string }).base64, 'base64'));
      assert.ok(pdftotext(plain).includes('每日碼頭報表'));
    } finally {
      station.settings.update({ language: 'en' });
    }
  });

  test('never carries a BitLocker key, in its text or anywhere in the file', async () => {
    assert.equal(keys.length, 10);
    for (const lang of REPORT_LANGUAGES) {
      const file = await printed(lang);
      const text = pdftotext(file);
      const bytes = readFileSync(file).toString('latin1');
      for (const k of keys) {
        assert.ok(!text.includes(k.slice(0, 20)), 'no key in the text');
        assert.ok(!bytes.includes(k.slice(0, 20)), 'no key in the file');
      }
    }
  });

  test('a report of days in the wrong order is refused with a code, and nothing is printed', async () => {
    const r = await station.dispatcher.dispatch('reports.pdf', { from: '2026-11-05', to: DAY });
    assert.equal(r.ok, false);
    assert.equal((r as { error: { code: string } }).error.code, 'BAD_INPUT');
    const odd = await station.dispatcher.dispatch('reports.pdf', { from: DAY, to: DAY, lang: 'fr' });
    assert.equal(odd.ok, false);
  });
});
