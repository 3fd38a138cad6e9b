// Setting a station up: a real station starts blank and sets itself up from the first-run screen (the dock's
// own address, the first supervisor), takes its first job from the service's file and receives its box, whose
// return label carries that address;
// Settings are a supervisor's, behind a PIN the station checks; the badge sheet's barcodes are the badges.
// Driven from the keyboard: Tab between fields, text as typed, Enter to submit, badges by scanner.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test as harness, expect, type StationFixture } from './harness.ts';
import { ManualClock } from '../../electron/core/clock.ts';
import { settingsPath } from '../../electron/settings.ts';
import { DEMO_SUPERVISOR_PIN } from '../../electron/api/settings-schema.ts';
import { decodeBarcodes } from '../decode-barcodes.ts';
import { ADDRESS, dumpStore, driveRow, scan, scanAndWait, shot } from './dock.ts';

const test = harness.extend<{ clock: ManualClock }>({
  clock: async ({}, use) => use(new ManualClock('2026-11-02T09:00:00Z')),
});

/** Text typed into the focused field (as a keyboard's input, not a scanner's burst), then Tab to the next. */
async function typeAndTab(page: Page, text: string): Promise<void> {
  if (text) await page.keyboard.insertText(text);
  await page.keyboard.press('Tab');
}

/** What a refusal must leave as it was: the settings file, and the store with its custody records. */
function snapshot(station: StationFixture) {
  return { settings: readFileSync(settingsPath(station.dataDir), 'utf8'), store: dumpStore(station) };
}

function withTempDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'setup-spec-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test.describe('a real station', () => {
  test.use({ stationOptions: async ({ clock }, use) => use({ blank: true, clock }) });

  test("starts blank, is set up from the first-run screen, and its first box goes back with the dock's own address", async ({
    page,
    station,
  }) => {
    await page.goto(station.url);
    await expect(page.getByTestId('first-run')).toBeVisible();
    await expect(page.locator('#fr-dockName')).toBeFocused();
    // the dock, its address (the name on labels left empty: the dock's name is used), the station id
    await typeAndTab(page, 'Keelung Harbour Dock');
    await typeAndTab(page, '');
    await typeAndTab(page, '88 Gangdong Road');
    await typeAndTab(page, 'Gate 3');
    await typeAndTab(page, 'Keelung');
    await typeAndTab(page, '');
    await typeAndTab(page, '202');
    await typeAndTab(page, 'TW');
    await typeAndTab(page, '+886 2 2420 0000');
    await expect(page.locator('#fr-stationId')).toBeFocused();
    await page.keyboard.press('Control+A');
    await typeAndTab(page, 'keelung-1');
    await typeAndTab(page, 'Lee Wang');
    // the supervisor's badge is scanned into its field, as it would be at the dock
    await expect(page.locator('#fr-badge')).toBeFocused();
    await scan(page, 'SV-0100');
    await expect(page.locator('#fr-badge')).toHaveValue('SV-0100');
    await page.keyboard.press('Tab');
    await typeAndTab(page, '4321');
    await typeAndTab(page, '4312');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('first-run-error')).toContainText('two PINs are not the same');
    expect(station.station.settings.get().operators, 'nothing is saved while the PINs differ').toEqual([]);
    await page.locator('#fr-pin2').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('4321');
    await page.keyboard.press('Enter');

    // set up: the supervisor is signed in, on the Receive screen of station keelung-1
    await expect(page.getByTestId('receive-screen')).toBeVisible();
    await expect(page.getByTestId('operator')).toContainText('Lee Wang');
    await expect(page.locator('.brand-dock')).toContainText('keelung-1');
    const setUp = station.station.intake.stationCustody();
    expect(setUp.map((c) => [c.action, c.operator, c.station])).toEqual([['station.setUp', 'Lee Wang', 'keelung-1']]);

    // the first job the dock expects, brought in from the service's file on the Jobs screen
    const serviceFile = {
      value: [
        {
          name: 'harbour-first',
          type: 'Microsoft.ImportExport/jobs',
          properties: {
            jobType: 'Import',
            state: 'Shipping',
            deliveryPackage: { carrierName: 'DHL', trackingNumber: 'TRK-KL-0001' },
            returnAddress: ADDRESS,
            returnShipping: { carrierName: 'DHL', carrierAccountNumber: '960112233' },
            driveList: [
              { driveId: 'WD-KL-001', bitLockerKey: '238810-662376-448998-450120-652806-203390-606320-483076' },
              { driveId: 'WD-KL-002', bitLockerKey: '583310-117266-004431-598862-316207-469924-157740-021956' },
            ],
          },
        },
      ],
    };
    await page.keyboard.press('Alt+3');
    await page.getByTestId('open-import').click();
    await page
      .getByTestId('import-files')
      .setInputFiles({ name: 'harbour-first.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(serviceFile)) });
    await expect(page.getByTestId('import-summary')).toHaveText('1 new · 0 updated · 0 unchanged · 0 restored · 0 refused');
    await page.getByTestId('import-confirm').click();
    await expect(page.getByTestId('import-done')).toHaveText('Imported: 1 new, 0 updated, 0 restored.');
    await page.getByTestId('import-close').click();
    expect(station.station.intake.custodyOf({ jobName: 'harbour-first' }).map((c) => [c.action, c.operator])).toContainEqual([
      'job.imported',
      'Lee Wang',
    ]);
    // its box received by scanning
    await page.keyboard.press('Alt+1');
    await expect(page.getByTestId('receive-screen')).toBeVisible();
    await scanAndWait(page, 'TRK-KL-0001');
    await scanAndWait(page, 'WD-KL-001');
    await scanAndWait(page, 'WD-KL-002');
    await expect(driveRow(page, 'WD-KL-002')).toHaveAttribute('data-state', 'Received');
    await shot(page, 'setup-first-box-received');

    // its return label: the dock's own address as the sender, barcodes that decode
    const label = await station.api.call('labels.render', {
      kind: 'return',
      jobName: 'harbour-first',
      returnTrackingNumber: '1Z999AA10123456784',
    });
    withTempDir((dir) => {
      const file = join(dir, label.filename);
      writeFileSync(file, Buffer.from(label.base64, 'base64'));
      const codes = decodeBarcodes(file);
      expect(codes).toContain('CODE-128:1Z999AA10123456784');
      expect(codes).toContain('CODE-128:harbour-first');
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      for (const s of ['Keelung Harbour Dock', '88 Gangdong Road, Gate 3', 'Keelung 202, TW', 'keelung-1']) expect(text).toContain(s);
      expect(text).not.toContain('Datacenter Way');
    });
  });

  test('a newcomer loads the demo dock with one button, and its supervisor opens Settings', async ({ page, station }) => {
    await page.goto(station.url);
    await page.getByTestId('first-run-demo').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('signin-screen')).toBeVisible();
    expect(station.station.store.counts().jobs).toBeGreaterThan(0);
    await scan(page, 'OP-0009');
    await expect(page.getByTestId('pin-screen')).toBeVisible();
    await page.keyboard.insertText(DEMO_SUPERVISOR_PIN);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('operator')).toContainText('Dana Wu');
  });
});

test.describe("the demo dock's people", () => {
  test.use({ stationOptions: async ({ clock }, use) => use({ demo: false, clock }) });

  /** Signs in the demo supervisor: badge, then PIN (a wrong one first, refused). */
  async function signInSupervisor(page: Page, station: StationFixture): Promise<void> {
    await page.goto(station.url);
    await expect(page.getByTestId('signin-screen')).toBeVisible();
    await scan(page, 'OP-0009');
    await expect(page.locator('#signin-pin')).toBeFocused();
    await page.keyboard.insertText('1111');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('pin-error')).toContainText('PIN is not right');
    await expect(page.getByTestId('operator')).toHaveCount(0);
    await page.keyboard.insertText(DEMO_SUPERVISOR_PIN);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('operator')).toContainText('Dana Wu');
  }

  test("Settings open only with a supervisor's PIN: a wrong one is refused and changes nothing; a change is recorded under the supervisor", async ({
    page,
    station,
  }) => {
    await signInSupervisor(page, station);
    await page.keyboard.press('Alt+7');
    await expect(page.getByTestId('settings-locked')).toBeVisible();
    await expect(page.locator('#st-pin')).toBeFocused();

    const before = snapshot(station);
    await page.keyboard.insertText('9999');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('settings-error')).toContainText('PIN is not right');
    await expect(page.getByTestId('settings-form')).toHaveCount(0);
    // the station itself refuses a change signed with a wrong PIN, whatever a page sends
    const sent = await page.evaluate(
      async ({ origin, token }) => {
        const res = await fetch(`${origin}/api/call/settings.update`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-intake-token': token },
          body: JSON.stringify({ operator: 'Dana Wu', pin: '9999', patch: { dockName: 'Hijacked Dock' } }),
        });
        return { status: res.status, body: (await res.json()) as { code?: string } };
      },
      { origin: station.origin, token: station.token },
    );
    expect(sent.status).toBe(403);
    expect(sent.body.code).toBe('PIN_WRONG');
    expect(snapshot(station), 'a wrong PIN changed nothing: settings and custody as they were').toEqual(before);

    await page.keyboard.insertText(DEMO_SUPERVISOR_PIN);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('settings-form')).toBeVisible();
    await expect(page.locator('#st-dockName')).toBeFocused();
    await expect(page.getByTestId('settings-no-printers')).toContainText('no list of system printers');
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('North Gate Dock');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('settings-note')).toContainText('Saved. 1 changes recorded under Dana Wu.');
    await expect(page.getByTestId('settings-history')).toContainText('Datacenter Receiving Dock → North Gate Dock');
    const [rec] = station.station.intake.stationCustody();
    expect(rec).toMatchObject({
      subject: 'station',
      action: 'settings.dockName',
      operator: 'Dana Wu',
      detail: { before: 'Datacenter Receiving Dock', after: 'North Gate Dock' },
    });
    expect(station.station.settings.get().dockName).toBe('North Gate Dock');
    expect(readFileSync(settingsPath(station.dataDir), 'utf8')).not.toContain(DEMO_SUPERVISOR_PIN);
  });

  test('in browser mode Settings say there is no list of system printers, and the test label comes out as a PDF of the size chosen', async ({
    page,
    station,
  }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await signInSupervisor(page, station);
    await page.keyboard.press('Alt+7');
    await page.keyboard.insertText(DEMO_SUPERVISOR_PIN);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('settings-form')).toBeVisible();
    await expect(page.getByTestId('settings-no-printers')).toHaveText(
      'This station runs in a browser: there is no list of system printers here. Labels are printed from their PDF, or sent to the ZPL printer. The desktop app lists the printers.',
    );
    await expect(page.getByTestId('settings-test-print'), 'no system print where there is no system printer').toHaveCount(0);
    // a size chosen but not saved: the test label is what the station would print at that size; nothing changes
    const before = snapshot(station);
    await page.locator('#st-labelSize').selectOption('4x4');
    const downloading = page.waitForEvent('download');
    await page.getByTestId('settings-test-pdf').click();
    const saved = await downloading;
    expect(saved.suggestedFilename()).toBe('test-label-dock-1-4x4.pdf');
    await expect(page.getByTestId('settings-note')).toContainText('Saved test-label-dock-1-4x4.pdf');
    await page.getByTestId('settings-test-pdf').scrollIntoViewIfNeeded();
    await shot(page, 'setup-settings-printers-pdf-en');
    const file = await saved.path();
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+288(\.\d+)? x 288(\.\d+)? pts/);
    expect(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })).toContain('Datacenter Receiving Dock');
    expect(snapshot(station), 'a test label changes no setting and records nothing').toEqual(before);

    // the same in Chinese
    await page.keyboard.press('Alt+L');
    await expect(page.getByTestId('settings-no-printers')).toContainText('無法取得系統印表機清單');
    await expect(page.getByTestId('settings-test-pdf')).toHaveText('以 PDF 產生測試標籤');
    await shot(page, 'setup-settings-printers-pdf-zh');
  });

  test("the daily backup's days and folder are set in Settings, recorded under the supervisor, and the Reports dialog says so", async ({
    page,
    station,
  }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await signInSupervisor(page, station);
    await page.keyboard.press('Alt+7');
    await page.keyboard.insertText(DEMO_SUPERVISOR_PIN);
    await page.keyboard.press('Enter');
    await expect(page.locator('#st-keepDays')).toHaveValue('14');
    // a number the schema refuses changes nothing
    const before = snapshot(station);
    await page.locator('#st-keepDays').fill('400');
    await page.locator('#st-keepDays').press('Enter');
    await expect(page.locator('#st-keepDays:invalid')).toHaveCount(1);
    expect(snapshot(station)).toEqual(before);
    const folder = join(station.dataDir, 'usb-backups');
    await page.locator('#st-keepDays').fill('7');
    await page.locator('#st-backupDir').fill(folder);
    await page.locator('#st-backupDir').scrollIntoViewIfNeeded();
    await shot(page, 'setup-settings-backup-en');
    await page.locator('#st-backupDir').press('Enter');
    await expect(page.getByTestId('settings-note')).toContainText('Saved. 1 changes recorded under Dana Wu.');
    await expect(page.getByTestId('settings-history')).toContainText(`14 → 7, ${folder}`);
    expect(station.station.settings.get().backup).toEqual({ keepDays: 7, dir: folder });
    const [rec] = station.station.intake.stationCustody(1);
    expect(rec).toMatchObject({ action: 'settings.backup', operator: 'Dana Wu' });
    await page.keyboard.press('Alt+L');
    await page.locator('#st-backupDir').scrollIntoViewIfNeeded();
    await shot(page, 'setup-settings-backup-zh');
    await page.keyboard.press('Alt+L');
    await page.keyboard.press('Alt+3');
    await page.getByTestId('open-reports').click();
    await expect(page.getByTestId('reports-dialog')).toContainText('A backup is also taken every day and kept 7 days.');
  });

  test('an operator who is not a supervisor cannot open Settings', async ({ page, station }) => {
    await page.goto(station.url);
    await scan(page, 'OP-0001');
    await expect(page.getByTestId('operator')).toContainText('Amy Lin');
    await page.keyboard.press('Alt+7');
    // only supervisors are offered; Amy's own PIN-less sign-in opens nothing
    await expect(page.locator('#st-who option')).toHaveText(['Dana Wu']);
    const before = snapshot(station);
    await page.keyboard.insertText('0000');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('settings-error')).toBeVisible();
    expect(snapshot(station)).toEqual(before);
  });

  test("the badge sheet's barcodes decode to the operators' badges", async ({ page, station }) => {
    await signInSupervisor(page, station);
    await page.keyboard.press('Alt+7');
    await page.keyboard.insertText(DEMO_SUPERVISOR_PIN);
    await page.keyboard.press('Enter');
    await page.getByTestId('settings-badges').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('settings-note')).toContainText('Badge sheet ready: 3 badges.', { timeout: 30_000 }); // Chromium starts to draw the PDF
    const download = page.waitForEvent('download');
    await page.getByTestId('settings-badges-link').focus();
    await page.keyboard.press('Enter');
    const saved = await download;
    expect(saved.suggestedFilename()).toBe('badges-dock-1.pdf');
    const dir = mkdtempSync(join(tmpdir(), 'setup-spec-'));
    try {
      const file = join(dir, saved.suggestedFilename());
      await saved.saveAs(file);
      const codes = decodeBarcodes(file);
      expect(codes.sort()).toEqual(['CODE-128:OP-0001', 'CODE-128:OP-0002', 'CODE-128:OP-0009']);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      for (const s of ['Amy Lin', 'Ben Chen', 'Dana Wu', 'SUPERVISOR']) expect(text).toContain(s);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---- screenshots of every screen added or changed, in both languages, at both station screen sizes

for (const size of [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
]) {
  for (const lang of ['en', 'zh-TW'] as const) {
    const tag = `${size.width}-${lang}`;
    test.describe(`screens at ${size.width} px in ${lang}`, () => {
      test.use({ viewport: size });

      test.describe('first run', () => {
        test.use({ stationOptions: async ({ clock }, use) => use({ blank: true, clock }) });
        test(`first-run screen (${tag})`, async ({ page, station }) => {
          await page.addInitScript((l) => localStorage.setItem('dock.lang', l), lang);
          await page.goto(station.url);
          await expect(page.getByTestId('first-run')).toBeVisible();
          await shot(page, `setup-first-run-${tag}`);
        });
      });

      test.describe('settings', () => {
        test.use({ stationOptions: async ({ clock }, use) => use({ demo: false, clock }) });
        test(`PIN sign-in, locked and open Settings (${tag})`, async ({ page, station }) => {
          await page.addInitScript((l) => localStorage.setItem('dock.lang', l), lang);
          await page.goto(station.url);
          await scan(page, 'OP-0009');
          await expect(page.getByTestId('pin-screen')).toBeVisible();
          await shot(page, `setup-pin-${tag}`);
          await page.keyboard.insertText(DEMO_SUPERVISOR_PIN);
          await page.keyboard.press('Enter');
          await expect(page.getByTestId('operator')).toContainText('Dana Wu');
          await page.keyboard.press('Alt+7');
          await expect(page.getByTestId('settings-locked')).toBeVisible();
          await shot(page, `setup-settings-locked-${tag}`);
          await page.keyboard.insertText(DEMO_SUPERVISOR_PIN);
          await page.keyboard.press('Enter');
          await expect(page.getByTestId('settings-form')).toBeVisible();
          await shot(page, `setup-settings-${tag}`);
          await page.screenshot({
            path: join(import.meta.dirname, '..', '..', 'test-results', 'screens', `setup-settings-full-${tag}.png`),
            fullPage: true,
          });
        });
      });
    });
  }
}
