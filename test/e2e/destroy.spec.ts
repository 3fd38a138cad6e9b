// Secure destruction at the Packaging screen, by scanner alone: the held drives scanned into the list, the
// witness's badge scanned, the operator's own badge refused as witness, and the certificate offered (PDF,
// print) the moment the station records it.
import { readFileSync } from 'node:fs';
import { test, expect, signIn, scan, shot, dumpStore, OPERATOR } from './dock.ts';
import type { Page } from '@playwright/test';
import type { StationFixture } from './harness.ts';

test.describe.configure({ timeout: 120_000 });

const ORPHANS = ['ZL2ORPHAN01', 'ZL2ORPHAN02'];

/** A box of no job received weeks ago: its drives are held here. */
async function heldBox(station: StationFixture): Promise<void> {
  await station.api.call('packages.receive', { operator: OPERATOR, trackingNumber: '1Z-NO-JOB-0001' });
  for (const s of ORPHANS) await station.api.call('drives.scan', { operator: OPERATOR, serial: s });
  await station.api.call('packages.close', { operator: OPERATOR });
}

async function openDestroy(page: Page, station: StationFixture, lang: 'en' | 'zh-TW' = 'en'): Promise<void> {
  await signIn(page, station);
  if (lang === 'zh-TW') await page.keyboard.press('Alt+L');
  await page.keyboard.press('Alt+5');
  await expect(page.getByTestId('packaging-screen')).toBeVisible();
  await page.getByTestId('destroy-open').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('destroy-dialog')).toBeVisible();
  await expect(page.getByTestId('destroy-scan')).toBeFocused();
}

test('held drives and the witness badge are scanned, and the certificate is offered the moment it is recorded', async ({
  page,
  station,
}) => {
  await heldBox(station);
  await openDestroy(page, station);
  for (const s of ORPHANS) {
    await scan(page, s);
    await expect(page.locator(`[data-testid="destroy-drives"] li[data-serial="${s}"]`)).toBeVisible();
  }
  await scan(page, 'OP-0002');
  await expect(page.getByTestId('destroy-witness')).toContainText('Ben Chen');
  await shot(page, 'destroy-ready-en-1280');
  await page.getByTestId('destroy-record').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('destroy-said')).toContainText('witnessed by Ben Chen');
  // the certificate is offered at once, with the keyboard on "save as PDF"
  await expect(page.getByTestId('destroy-pdf')).toBeFocused();
  await expect(page.getByTestId('destroy-print')).toBeVisible();
  await expect(page.getByTestId('destroy-preview')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const file = await (await download).path();
  const pdf = readFileSync(file);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const custody = await station.api.call('custody.list', { driveId: ORPHANS[0]! });
  const destroyed = custody.find((c) => c.action === 'drive.destroyed');
  expect(destroyed?.operator).toBe(OPERATOR);
  expect((destroyed?.detail as { witness?: string }).witness).toBe('Ben Chen');
  await shot(page, 'destroy-certificate-en-1280');
});

test("the operator's own badge is not a witness, and nothing is recorded", async ({ page, station }) => {
  await heldBox(station);
  await openDestroy(page, station);
  await scan(page, ORPHANS[0]!);
  await expect(page.getByTestId('destroy-drives')).toContainText(ORPHANS[0]!);
  const before = dumpStore(station);
  await scan(page, 'OP-0001');
  await expect(page.getByTestId('destroy-said')).toContainText('someone other than you');
  await expect(page.getByTestId('destroy-witness')).toContainText('Waiting for the witness');
  await page.getByTestId('destroy-record').click();
  await expect(page.getByTestId('destroy-said')).toContainText('The witness scans their badge first');
  expect(dumpStore(station)).toEqual(before);
});

test('an unknown badge and a drive that is not held are refused, and nothing is recorded', async ({ page, station }) => {
  await heldBox(station);
  await openDestroy(page, station);
  const before = dumpStore(station);
  await scan(page, 'OP-9999');
  await expect(page.getByTestId('destroy-said')).toContainText('not an operator of this station');
  await scan(page, 'WCC4NOTHELD1');
  await expect(page.getByTestId('destroy-said')).toContainText('not held here');
  await expect(page.getByTestId('destroy-drives')).toHaveCount(0);
  expect(dumpStore(station)).toEqual(before);
});

for (const lang of ['en', 'zh-TW'] as const) {
  for (const [w, h] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    test(`the destruction dialog, ${lang} at ${w}x${h}`, async ({ page, station }) => {
      await page.setViewportSize({ width: w, height: h });
      await heldBox(station);
      await openDestroy(page, station, lang);
      await scan(page, ORPHANS[0]!);
      await scan(page, 'OP-0002');
      await expect(page.getByTestId('destroy-witness')).toContainText('Ben Chen');
      await shot(page, `destroy-${lang}-${w}`);
      await page.getByTestId('destroy-record').click();
      await expect(page.getByTestId('destroy-pdf')).toBeFocused();
      await shot(page, `destroy-done-${lang}-${w}`);
    });
  }
}
