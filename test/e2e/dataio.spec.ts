// Jobs in, results out, backup and the daily dock report on the screens: an import is previewed job by job
// (refusals with their reason) and nothing is written until confirmed; files dropped on the Jobs screen are
// previewed the same way; a results file imported into a fresh station reproduces every job and drive; a
// backup taken while drives are scanned 20 a second is whole and holds every scan acknowledged before it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Page } from '@playwright/test';
import { test, expect, putJob, signIn, shot, dumpStore, OPERATOR, ADDRESS } from './dock.ts';
import { test as harness } from './harness.ts';
import { startStationServer } from '../../electron/server.ts';
import { createHttpClient } from '../../renderer/src/api/http-client.ts';
import { readStore } from '../store-file.ts';
import type { StationFixture } from './harness.ts';
import type { JobView } from '../../electron/core/model.ts';
import { DEMO_SUPERVISOR_PIN } from '../../electron/api/settings-schema.ts';

const SUPERVISOR = 'Dana Wu';
const KEY_A = '618343-042130-218526-381303-427631-071676-325369-613250';
const KEY_B = '094831-512201-660715-179278-505560-347644-100650-292248';

/** Three jobs as the service's list answer gives them: two the dock takes in, one already past the dock. */
function serviceList(): string {
  const job = (name: string, state: string, drives: { driveId: string; bitLockerKey?: string }[], tracking: string) => ({
    name,
    type: 'Microsoft.ImportExport/jobs',
    properties: {
      jobType: 'Import',
      state,
      deliveryPackage: { carrierName: 'DHL', trackingNumber: tracking },
      returnAddress: ADDRESS,
      returnShipping: { carrierName: 'DHL', carrierAccountNumber: '960112233' },
      driveList: drives,
    },
  });
  return JSON.stringify({
    value: [
      job(
        'northwind-501',
        'Shipping',
        [
          { driveId: 'NW501-A', bitLockerKey: KEY_A },
          { driveId: 'NW501-B', bitLockerKey: KEY_B },
        ],
        'DHL501',
      ),
      job('northwind-502', 'Creating', [{ driveId: 'NW502-A' }], 'DHL502'),
      job('northwind-503', 'Transferring', [{ driveId: 'NW503-A', bitLockerKey: KEY_A }], 'DHL503'),
    ],
  });
}

async function openJobs(page: Page, station: StationFixture): Promise<void> {
  await signIn(page, station);
  await page.keyboard.press('Alt+3');
  await expect(page.getByTestId('jobs-screen')).toBeVisible();
}

test.use({ viewport: { width: 1366, height: 768 } });

test('an import chosen by file is previewed with its refused job and writes nothing until confirmed', async ({ page, station }) => {
  await openJobs(page, station);
  await shot(page, 'dataio-jobs-actions-en');
  const before = dumpStore(station);
  await page.getByTestId('open-import').click();
  await page
    .getByTestId('import-files')
    .setInputFiles({ name: 'service-jobs.json', mimeType: 'application/json', buffer: Buffer.from(serviceList()) });
  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  await expect(page.getByTestId('import-summary')).toHaveText('2 new · 0 updated · 0 unchanged · 0 restored · 1 refused');
  await expect(preview.locator('tr[data-job="northwind-501"]')).toHaveAttribute('data-outcome', 'new');
  await expect(preview.locator('tr[data-job="northwind-501"] td').nth(4)).toHaveText('2 / 2');
  const refused = preview.locator('tr[data-job="northwind-503"]');
  await expect(refused).toHaveAttribute('data-outcome', 'refused');
  await expect(refused.locator('td[data-code="IMPORT_JOB_TOO_LATE"]')).toContainText('Transferring at the service');
  expect(await page.content()).not.toContain(KEY_A.slice(0, 20));
  await shot(page, 'dataio-import-preview-en');
  expect(dumpStore(station), 'a preview writes nothing').toEqual(before);

  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-done')).toHaveText('Imported: 2 new, 0 updated, 0 restored.');
  const after = dumpStore(station);
  expect(after).not.toEqual(before);
  const db = readStore(station.station.store.path);
  expect(
    (db.prepare('SELECT name, state FROM jobs ORDER BY name').all() as { name: string; state: string }[]).map(
      (r) => `${r.name}:${r.state}`,
    ),
  ).toEqual(['northwind-501:Shipping', 'northwind-502:Creating']);
  expect(db.prepare("SELECT count(*) AS n FROM drives WHERE job_name = 'northwind-501' AND bitlocker_key IS NOT NULL").get()).toEqual({
    n: 2,
  });
  expect(db.prepare("SELECT count(*) AS n FROM custody WHERE action = 'job.imported' AND operator = ?").get(OPERATOR)).toEqual({ n: 2 });
  expect(await page.content()).not.toContain(KEY_A.slice(0, 20));

  // the same file again, in Chinese: the two jobs are unchanged now, the third still refused
  await page.getByTestId('import-close').click();
  await page.keyboard.press('Alt+L');
  await page.getByTestId('open-import').click();
  await page
    .getByTestId('import-files')
    .setInputFiles({ name: 'service-jobs.json', mimeType: 'application/json', buffer: Buffer.from(serviceList()) });
  await expect(page.getByTestId('import-summary')).toHaveText('新增 0 · 更新 0 · 不變 2 · 還原 0 · 拒絕 1');
  await expect(page.locator('td[data-code="IMPORT_JOB_TOO_LATE"]')).toContainText('此工作在服務端為「傳輸中」');
  await expect(page.getByTestId('import-confirm')).toBeDisabled();
  await shot(page, 'dataio-import-preview-zh');
  expect(dumpStore(station)).toEqual(after);
  await page.getByTestId('import-close').click();
  await page.getByRole('checkbox', { name: '選取工作 northwind-501' }).check();
  await shot(page, 'dataio-jobs-actions-zh');
  await page.getByTestId('open-export').click();
  await expect(page.getByTestId('export-chosen')).toBeChecked();
  await shot(page, 'dataio-export-zh');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'northwind-501' }).click();
  await expect(page.getByTestId('job-state')).toHaveText('運送中');
  await expect(page.getByTestId('export-results')).toBeEnabled();
  await shot(page, 'dataio-job-page-zh');
  await page.keyboard.press('Alt+L');
  await expect(page.getByTestId('job-state')).toHaveText('Shipping');
  await shot(page, 'dataio-job-page-en');
});

test('files dropped on the Jobs screen are previewed, and a preview the station has moved past is shown again', async ({
  page,
  station,
}) => {
  await openJobs(page, station);
  const text = serviceList();
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.items.add(new File([t], 'dropped.json', { type: 'application/json' }));
    const screen = document.querySelector('[data-testid="jobs-screen"]')!;
    for (const type of ['dragenter', 'dragover', 'drop'])
      screen.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
  }, text);
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await expect(page.getByTestId('import-preview').locator('tr[data-job="northwind-501"]')).toHaveAttribute('data-outcome', 'new');
  // someone else writes a job meanwhile: confirming this preview would not be what it showed
  await putJob(station, { name: 'northwind-502', state: 'Shipping', tracking: 'DHL502', drives: ['NW502-A'] });
  const before = dumpStore(station);
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-stale')).toBeVisible();
  expect(dumpStore(station), 'a stale confirmation writes nothing').toEqual(before);
  await expect(page.getByTestId('import-preview').locator('tr[data-job="northwind-502"]')).toHaveAttribute('data-outcome', 'unchanged');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-done')).toHaveText('Imported: 1 new, 0 updated, 0 restored.');
  const got = await station.api.call('jobs.get', { name: 'northwind-501' });
  expect(got.properties.state).toBe('Shipping');
});

/** The states a station keeps of a job: the job's, and every drive's with its copy results. */
function statesOf(v: JobView): unknown {
  const drive = (d: JobView['properties']['driveList'][number]) => [
    d.driveId,
    d.state,
    d.copyStatus ?? null,
    d.percentComplete,
    d.bytesSucceeded,
    d.errorLogUri ?? null,
    d.verboseLogUri ?? null,
    d.held,
    d.role,
  ];
  return {
    name: v.name,
    state: v.properties.state,
    cancelRequested: v.properties.cancelRequested,
    percent: v.properties.percentComplete,
    returnPackage: v.properties.returnPackage ?? null,
    drives: v.properties.driveList.map(drive),
    extras: v.dock.extraDrives.map(drive),
    faultReason: v.dock.faultReason,
  };
}

harness.describe('a station with the demo dock', () => {
  harness.use({ stationOptions: { demo: { jobs: 24 } }, viewport: { width: 1366, height: 768 } });
  harness("a results file imported into a fresh station reproduces every job's and drive's state", async ({ page, station }) => {
    await openJobs(page, station);
    await page.getByTestId('open-export').click();
    await page.getByTestId('export-since-last').check();
    await shot(page, 'dataio-export-en');
    const downloading = page.waitForEvent('download');
    await page.getByTestId('export-go').click();
    const file = await downloading;
    await expect(page.getByTestId('export-done')).toContainText('jobs');
    const text = readFileSync(await file.path(), 'utf8');
    expect(text).not.toMatch(/bitLockerKey"\s*:/);
    const names = (JSON.parse(text) as { value: { name: string }[] }).value.map((j) => j.name);
    expect(names.length).toBeGreaterThanOrEqual(20);

    const dir = mkdtempSync(join(tmpdir(), 'dock-intake-fresh-'));
    const fresh = await startStationServer({ dataDir: dir, demo: false });
    try {
      const other = await page.context().newPage();
      await signIn(other, { url: fresh.url } as StationFixture);
      await other.keyboard.press('Alt+3');
      await other.getByTestId('open-import').click();
      await other
        .getByTestId('import-files')
        .setInputFiles({ name: file.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(text) });
      await expect(other.getByTestId('import-summary')).toContainText(`${names.length} restored`);
      await shot(other, 'dataio-restore-preview-en');
      await other.getByTestId('import-confirm').click();
      await expect(other.getByTestId('import-done')).toContainText(`${names.length} restored`);
      for (const name of names) {
        const here = await station.api.call('jobs.get', { name });
        const there = (await fresh.dispatcher.dispatch('jobs.get', { name })) as { ok: true; result: JobView };
        expect(statesOf(there.result), name).toEqual(statesOf(here));
      }
      const restored = await fresh.dispatcher.dispatch('custody.list', { jobName: names[0] });
      expect(JSON.stringify(restored)).toContain('job.restored');
      await other.close();
    } finally {
      await fresh.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('a backup taken during a burst of 20 scans a second opens, passes its integrity check and holds every scan acknowledged before it', async ({
  page,
  station,
}) => {
  test.setTimeout(60_000);
  for (let j = 1; j <= 20; j++) {
    await putJob(station, {
      name: `burst-${j}`,
      tracking: `BURSTBOX-${j}`,
      drives: Array.from({ length: 10 }, (_, d) => `BURST${j}D${d}`),
    });
  }
  await openJobs(page, station);
  const http = createHttpClient({ baseUrl: station.origin, token: station.token });
  await http.call('packages.receive', { operator: OPERATOR, trackingNumber: 'BURSTBOX' });
  const serials = Array.from({ length: 200 }, (_, i) => `BURST${(i % 20) + 1}D${Math.floor(i / 20)}`);
  const acknowledged: string[] = [];
  const sends: Promise<void>[] = [];
  const started = Date.now();
  const burst = (async () => {
    for (let i = 0; i < serials.length; i++) {
      const due = started + i * 50; // 20 a second, as a scanner at the dock sends them
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      const s = serials[i]!;
      sends.push(
        http.call('drives.scan', { operator: OPERATOR, serial: s }).then(() => {
          acknowledged.push(s);
        }),
      );
    }
    await Promise.all(sends);
  })();

  const dir = mkdtempSync(join(tmpdir(), 'dock-intake-backup-'));
  try {
    const target = join(dir, 'during-burst.sqlite');
    await page.getByTestId('open-reports').click();
    await page.getByTestId('backup-path').fill(target);
    await expect(page.getByTestId('backup-who')).toHaveValue(SUPERVISOR);
    await page.getByTestId('backup-pin').fill(DEMO_SUPERVISOR_PIN);
    await expect.poll(() => acknowledged.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(60);
    const before = [...acknowledged];
    await page.getByTestId('backup-now').click();
    await expect(page.getByTestId('backup-done')).toBeVisible({ timeout: 20_000 });
    const during = acknowledged.length;
    await burst;
    expect(acknowledged.length).toBe(200);
    const copy = new DatabaseSync(target, { readOnly: true });
    try {
      expect(copy.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
      const received = new Set(
        (copy.prepare("SELECT drive_id FROM drives WHERE state = 'Received'").all() as { drive_id: string }[]).map((r) => r.drive_id),
      );
      expect(
        before.filter((s) => !received.has(s)),
        'scans acknowledged before the backup started',
      ).toEqual([]);
      expect(received.size).toBeLessThanOrEqual(200);
    } finally {
      copy.close();
    }
    expect(before.length).toBeLessThan(200);
    expect(during).toBeGreaterThanOrEqual(before.length);
    await shot(page, 'dataio-backup-done-en');
    // the day's report, as the supervisor reads it after the burst
    await page.keyboard.press('Escape');
    for (const lang of ['en', 'zh'] as const) {
      if (lang === 'zh') await page.keyboard.press('Alt+L');
      await page.getByTestId('open-reports').click();
      await page.getByTestId('report-to').fill('2026-11-02');
      await page.getByTestId('report-from').fill('2026-11-02');
      await expect(page.locator('[data-testid="report"] tr[data-operator=""] td').nth(2)).toHaveText('200');
      await shot(page, `dataio-reports-${lang}`);
      await page.keyboard.press('Escape');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A day at the dock through the contract: Amy receives a box of two drives, Ben one of one, every drive with its key. */
async function aDayAtTheDock(station: StationFixture): Promise<void> {
  const keyed = (name: string, tracking: string, drives: [string, string][]) =>
    station.api.call('jobs.put', {
      operator: OPERATOR,
      job: {
        name,
        properties: {
          jobType: 'Import',
          state: 'Shipping',
          deliveryPackage: { carrierName: 'DHL', trackingNumber: tracking },
          returnAddress: ADDRESS,
          returnShipping: { carrierName: 'DHL', carrierAccountNumber: '960112233' },
          driveList: drives.map(([driveId, bitLockerKey]) => ({ driveId, bitLockerKey })),
        },
      },
    });
  await keyed('tailwind-601', 'DHL601', [
    ['TW601-A', KEY_A],
    ['TW601-B', KEY_B],
  ]);
  await keyed('tailwind-602', 'DHL602', [['TW602-A', KEY_A]]);
  await station.api.call('packages.receive', { operator: OPERATOR, trackingNumber: 'DHL601' });
  for (const serial of ['TW601-A', 'TW601-B']) await station.api.call('drives.scan', { operator: OPERATOR, serial });
  await station.api.call('packages.close', { operator: OPERATOR });
  await station.api.call('packages.receive', { operator: 'Ben Chen', trackingNumber: 'DHL602' });
  await station.api.call('drives.scan', { operator: 'Ben Chen', serial: 'TW602-A' });
  await station.api.call('packages.close', { operator: 'Ben Chen' });
}

/** The station's own day of its clock (the dock's local day), as the report's date fields take it. */
const DOCK_DAY = '2026-11-02';

test("the results file downloaded from the screen is the service's list answer with the dock's states, and no key", async ({
  page,
  station,
}) => {
  await aDayAtTheDock(station);
  await openJobs(page, station);
  await page.getByTestId('open-export').click();
  await page.getByTestId('export-since-last').check();
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-go').click();
  const file = await downloading;
  expect(file.suggestedFilename()).toMatch(/\.json$/);
  const text = readFileSync(await file.path(), 'utf8');
  for (const k of [KEY_A, KEY_B]) expect(text).not.toContain(k.slice(0, 20));
  const doc = JSON.parse(text) as {
    value: { name: string; type: string; properties: { state: string; driveList: { driveId: string; state: string }[] } }[];
  };
  expect(doc.value.map((j) => [j.name, j.type, j.properties.state, j.properties.driveList.map((d) => `${d.driveId}:${d.state}`)])).toEqual([
    ['tailwind-601', 'Microsoft.ImportExport/jobs', 'Received', ['TW601-A:Received', 'TW601-B:Received']],
    ['tailwind-602', 'Microsoft.ImportExport/jobs', 'Received', ['TW602-A:Received']],
  ]);
});

test("the report's CSV and PDF downloaded from the screen are the day's counts, the PDF an A4 page in the screen's language", async ({
  page,
  station,
}) => {
  await aDayAtTheDock(station);
  await openJobs(page, station);
  await page.getByTestId('open-reports').click();
  await page.getByTestId('report-to').fill(DOCK_DAY);
  await page.getByTestId('report-from').fill(DOCK_DAY);
  await expect(page.locator('[data-testid="report"] tr[data-operator=""] td').nth(2)).toHaveText('3');

  const csvDownload = page.waitForEvent('download');
  await page.getByTestId('report-csv').click();
  const csvFile = await csvDownload;
  expect(csvFile.suggestedFilename()).toBe(`dock-report-${DOCK_DAY}.csv`);
  const lines = readFileSync(await csvFile.path(), 'utf8')
    .split(/\r?\n/)
    .filter(Boolean)
    .map((l) => l.split(','));
  const head = lines[0]!;
  const row = (who: string) => Object.fromEntries(head.map((h, i) => [h, lines.find((l) => l[1] === who)![i]]));
  expect(row('Amy Lin')).toMatchObject({ day: DOCK_DAY, 'boxes received': '1', 'drives received': '2' });
  expect(row('Ben Chen')).toMatchObject({ day: DOCK_DAY, 'boxes received': '1', 'drives received': '1' });
  expect(row('all')).toMatchObject({ day: DOCK_DAY, 'boxes received': '2', 'drives received': '3' });

  const dir = mkdtempSync(join(tmpdir(), 'dock-intake-report-'));
  try {
    for (const lang of ['en', 'zh'] as const) {
      if (lang === 'zh') {
        await page.keyboard.press('Escape');
        await page.keyboard.press('Alt+L');
        await page.getByTestId('open-reports').click();
        await page.getByTestId('report-to').fill(DOCK_DAY);
        await page.getByTestId('report-from').fill(DOCK_DAY);
        await expect(page.getByTestId('report-pdf')).toHaveText('下載 PDF');
      }
      const pdfDownload = page.waitForEvent('download');
      await page.getByTestId('report-pdf').click();
      const pdf = await pdfDownload;
      expect(pdf.suggestedFilename()).toBe(`dock-report-${DOCK_DAY}.pdf`);
      const saved = join(dir, `${lang}.pdf`);
      await pdf.saveAs(saved);
      const info = execFileSync('pdfinfo', [saved], { encoding: 'utf8' });
      expect(info).toMatch(/Pages:\s+1\n/);
      expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
      const text = execFileSync('pdftotext', ['-layout', saved, '-'], { encoding: 'utf8' });
      expect(text).toContain(lang === 'en' ? `Daily dock report · ${DOCK_DAY}` : `每日碼頭報表 · ${DOCK_DAY}`);
      expect(text).toMatch(lang === 'en' ? /All operators\s+2\s+3\s/ : /全部操作員\s+2\s+3\s/);
      for (const k of [KEY_A, KEY_B]) expect(text).not.toContain(k.slice(0, 20));
    }
    await shot(page, 'dataio-reports-downloaded-zh');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a backup is a supervisor's: a wrong PIN writes no file and changes nothing; with the PIN, the copy opens whole and is the station account's alone", async ({
  page,
  station,
}) => {
  await aDayAtTheDock(station);
  await openJobs(page, station);
  await page.getByTestId('open-reports').click();
  const folder = join(station.dataDir, 'backups');
  const backupsNow = () => (existsSync(folder) ? readdirSync(folder) : []);
  const before = dumpStore(station);
  await page.getByTestId('backup-pin').fill('1111');
  await page.getByTestId('backup-now').click();
  await expect(page.getByTestId('backup-error')).toContainText('PIN is not right');
  await expect(page.getByTestId('backup-pin')).toHaveValue('');
  expect(backupsNow(), 'a refused backup writes no file').toEqual([]);
  expect(dumpStore(station), 'and records nothing').toEqual(before);
  await shot(page, 'dataio-backup-refused-en');

  // an operator's name with any PIN is refused by the station itself, whatever a page sends
  const http = createHttpClient({ baseUrl: station.origin, token: station.token });
  await expect(http.call('station.backup', { operator: OPERATOR, pin: DEMO_SUPERVISOR_PIN })).rejects.toMatchObject({
    code: 'NOT_SUPERVISOR',
  });
  expect(backupsNow()).toEqual([]);
  expect(dumpStore(station)).toEqual(before);

  await page.getByTestId('backup-pin').fill(DEMO_SUPERVISOR_PIN);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('backup-done')).toBeVisible({ timeout: 20_000 });
  const [name] = backupsNow();
  expect(name).toMatch(/^intake-backup-\d{4}-\d{2}-\d{2}-\d{6}\.sqlite$/);
  const file = join(folder, name!);
  await expect(page.getByTestId('backup-done')).toContainText(file);
  expect(statSync(file).mode & 0o777, 'it holds every key: readable by the station account only').toBe(0o600);
  const copy = new DatabaseSync(file, { readOnly: true });
  try {
    expect(copy.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
    expect(copy.prepare('SELECT drive_id, state FROM drives ORDER BY drive_id').all()).toEqual([
      { drive_id: 'TW601-A', state: 'Received' },
      { drive_id: 'TW601-B', state: 'Received' },
      { drive_id: 'TW602-A', state: 'Received' },
    ]);
    expect(copy.prepare("SELECT count(*) AS n FROM custody WHERE action = 'station.backedUp'").get()).toEqual({ n: 0 });
  } finally {
    copy.close();
  }
  const [taken] = station.station.intake.stationCustody(1);
  expect(taken).toMatchObject({ action: 'station.backedUp', operator: SUPERVISOR, detail: { path: file } });
  await shot(page, 'dataio-backup-supervisor-en');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Alt+L');
  await page.getByTestId('open-reports').click();
  await expect(page.getByTestId('backup-now')).toHaveText('立即備份');
  await page.getByTestId('backup-pin').scrollIntoViewIfNeeded();
  await shot(page, 'dataio-backup-zh');
});
