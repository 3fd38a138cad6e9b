// The Copy screen at bay speed, driven by the scanner and the keyboard: several drives marked Completed in one
// go, a recorded drive kept on screen and corrected (a new record), and a 2,048-character log address typed,
// pasted and scanned into its field without the form refusing it.
import { test, expect, putJob, signIn, scan, shot, dumpStore, OPERATOR } from './dock.ts';
import type { Page } from '@playwright/test';
import type { StationFixture } from './harness.ts';

// a station shared with other test runs on 2 cores: these walk several screens each
test.describe.configure({ timeout: 120_000 });

const DRIVES = ['WCC4BAY0001', 'WCC4BAY0002', 'WCC4BAY0003'];
const LONG_URI = `https://bay3.example.com/logs/${'a'.repeat(2048 - 'https://bay3.example.com/logs/'.length)}`;

async function copying(station: StationFixture): Promise<void> {
  await putJob(station, { name: 'BAY-JOB', tracking: 'TRK-BAY-1', drives: DRIVES });
  await station.api.call('packages.receive', { operator: OPERATOR, trackingNumber: 'TRK-BAY-1' });
  for (const s of DRIVES) await station.api.call('drives.scan', { operator: OPERATOR, serial: s });
  await station.api.call('packages.close', { operator: OPERATOR });
  await station.api.call('copy.start', { operator: OPERATOR, jobName: 'BAY-JOB' });
}

async function openCopy(page: Page, station: StationFixture): Promise<void> {
  await signIn(page, station);
  await page.keyboard.press('Alt+4');
  await expect(page.getByTestId('copy-screen')).toBeVisible();
  await expect(page.locator('form.record-form')).toHaveCount(DRIVES.length);
}

const stateOf = async (station: StationFixture, serial: string) =>
  (await station.api.call('jobs.get', { name: 'BAY-JOB' })).properties.driveList.find((d) => d.driveId === serial)?.state;

test('several drives are marked Completed at once with the keyboard alone', async ({ page, station }) => {
  await copying(station);
  await openCopy(page, station);
  await page.getByTestId(`tick-${DRIVES[0]}`).focus();
  await page.keyboard.press('Space');
  await page.getByTestId(`tick-${DRIVES[2]}`).focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('mark-completed')).toContainText('2');
  await page.getByTestId('mark-completed').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('copy-done')).toContainText(`${DRIVES[0]}, ${DRIVES[2]}`);
  expect([await stateOf(station, DRIVES[0]!), await stateOf(station, DRIVES[1]!), await stateOf(station, DRIVES[2]!)]).toEqual([
    'Completed',
    'Transferring',
    'Completed',
  ]);
  // the recorded drives stay on the screen, under their own heading
  await expect(page.locator(`.recorded[data-serial="${DRIVES[0]}"]`)).toBeVisible();
  await shot(page, 'copy-bulk-en-1366');
});

test('marking with nothing ticked says what to do and changes nothing', async ({ page, station }) => {
  await copying(station);
  await openCopy(page, station);
  const before = dumpStore(station);
  await page.getByTestId('mark-completed').click();
  await expect(page.getByRole('alert')).toContainText('Tick the drives');
  expect(dumpStore(station)).toEqual(before);
});

test('a recorded drive is corrected as a new record and stays listed once its job moved on', async ({ page, station }) => {
  await copying(station);
  await openCopy(page, station);
  await page.getByTestId('select-all').check();
  await page.getByTestId('mark-completed').click();
  await expect(page.locator('.recorded')).toHaveCount(3);
  expect((await station.api.call('jobs.get', { name: 'BAY-JOB' })).properties.state).toBe('Packaging');
  // a scan of the serial brings the drive's row forward
  await scan(page, DRIVES[1]!);
  await expect(page.getByTestId('copy-done')).toContainText(DRIVES[1]!);
  await page.getByTestId(`correct-${DRIVES[1]}`).click();
  const form = page.getByTestId(`correct-form-${DRIVES[1]}`);
  await form.locator('select').selectOption('CompletedWithErrors');
  await form.getByLabel('What was wrong').fill('bay 3 read the wrong report');
  await form.getByLabel('Error log URI').focus();
  await scan(page, LONG_URI, { msPerChar: 1 });
  await expect(form.getByLabel('Error log URI')).toHaveValue(LONG_URI);
  await form.getByLabel('What was wrong').press('Enter');
  await expect(page.getByTestId('copy-done')).toContainText('Correction recorded');
  await expect(form).toHaveCount(0);
  await expect(page.locator(`.recorded[data-serial="${DRIVES[1]}"]`)).toHaveAttribute('data-state', 'CompletedMoreInfo');
  const custody = await station.api.call('custody.list', { driveId: DRIVES[1]! });
  expect(custody.map((c) => c.action)).toEqual(expect.arrayContaining(['drive.copyCompleted', 'drive.copyCorrected']));
  const v = (await station.api.call('jobs.get', { name: 'BAY-JOB' })).properties.driveList.find((d) => d.driveId === DRIVES[1]);
  expect(v?.errorLogUri).toBe(LONG_URI);
  await shot(page, 'copy-corrected-en-1366');
});

test('a 2,048-character log address is scanned, typed and pasted into the result form', async ({ page, station }) => {
  await copying(station);
  await openCopy(page, station);
  const form = page.locator(`form.record-form[data-serial="${DRIVES[0]}"]`);
  await form.getByLabel('Error log URI').focus();
  await scan(page, LONG_URI, { msPerChar: 1 });
  await expect(form.getByLabel('Error log URI')).toHaveValue(LONG_URI);
  await form.getByLabel('Verbose log URI').focus();
  await page.keyboard.insertText(LONG_URI.replace('logs', 'vlog'));
  await form.locator('select').selectOption('CompletedWithWarnings');
  await form.getByLabel('Verbose log URI').press('Enter');
  await expect(page.getByTestId('copy-done')).toContainText(DRIVES[0]!);
  const v = (await station.api.call('jobs.get', { name: 'BAY-JOB' })).properties.driveList.find((d) => d.driveId === DRIVES[0]);
  expect([v?.errorLogUri, v?.verboseLogUri]).toEqual([LONG_URI, LONG_URI.replace('logs', 'vlog')]);
});

test('a log address scanned with no field chosen says where to put it, and changes nothing', async ({ page, station }) => {
  await copying(station);
  await openCopy(page, station);
  await page.locator('#main').focus();
  const before = dumpStore(station);
  await scan(page, LONG_URI, { msPerChar: 1 });
  await expect(page.getByRole('alert')).toContainText('log address');
  await expect(page.getByRole('alert')).not.toContainText('Too big');
  expect(dumpStore(station)).toEqual(before);
});

for (const lang of ['en', 'zh-TW'] as const) {
  for (const [w, h] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    test(`the Copy screen with drives being copied and recorded, ${lang} at ${w}x${h}`, async ({ page, station }) => {
      await page.setViewportSize({ width: w, height: h });
      await copying(station);
      await station.api.call('copy.record', {
        operator: OPERATOR,
        driveId: DRIVES[2]!,
        copyStatus: 'CompletedWithErrors',
        errorLogUri: LONG_URI,
      });
      await signIn(page, station);
      await page.keyboard.press('Alt+4');
      await expect(page.locator('form.record-form')).toHaveCount(2);
      if (lang === 'zh-TW') await page.keyboard.press('Alt+L');
      await page.getByTestId(`tick-${DRIVES[0]}`).check();
      await expect(page.locator('.recorded')).toHaveCount(1);
      await shot(page, `copy-${lang}-${w}`);
    });
  }
}
