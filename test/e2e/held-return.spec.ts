// Held drives whose return is due leave the dock through the Packaging screen: scanned at scanner speed into a
// return box of their own, the sender's address typed when there is no job on record, the label printed and
// decoded, then "Shipped". And a typed address with a field missing: the field is named, nothing changes.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test as harness, expect, type StationFixture } from './harness.ts';
import { scan } from './dock.ts';
import { ManualClock } from '../../electron/core/clock.ts';
import { decodeBarcodes } from '../decode-barcodes.ts';
import { dumpTables, readStore } from '../store-file.ts';

const SCREENS = join(import.meta.dirname, '..', '..', 'test-results', 'screens');
const op = 'Amy Lin';
const STRAY = ['STRAY-HR-0001', 'STRAY-HR-0002'];
const EARLY_JOB = 'EARLY-HR-0001';
const EARLY_DRIVE = 'EARLY-HR-D1';
const RETURN_TRACKING = '1Z999AA10000004242';

/** Each test its own station, its clock set two weeks and a day before the test's "today". */
const test = harness.extend<{ clock: ManualClock }>({
  clock: async ({}, use) => use(new ManualClock('2026-11-02T09:00:00Z')),
  stationOptions: async ({ clock }, use) => use({ demo: false, clock }),
});

const address = {
  recipientName: 'Chen Ya-ting',
  streetAddress1: '88 Harbour Road',
  streetAddress2: 'Unit 12',
  city: 'Keelung',
  postalCode: '202',
  countryOrRegion: 'TW',
  phone: '+886 2 2422 0000',
  email: 'chen@example.tw',
};

/** A box that came with no job on record: its drives are held at the dock. */
async function heldBoxOfNoJob(api: StationFixture['api'], tracking: string, serials: string[]) {
  await api.call('packages.receive', { operator: op, trackingNumber: tracking });
  for (const s of serials) await api.call('drives.scan', { operator: op, serial: s });
  await api.call('packages.close', { operator: op, trackingNumber: tracking });
}

/** A job still Creating when its box came: its drive is held too, and the job has a return address. */
async function heldBoxOfCreatingJob(api: StationFixture['api']) {
  await api.call('jobs.put', {
    operator: op,
    job: {
      name: EARLY_JOB,
      properties: {
        jobType: 'Import',
        state: 'Creating',
        deliveryPackage: { carrierName: 'DHL', trackingNumber: 'IN-EARLY-HR' },
        returnAddress: { ...address, recipientName: 'Wang Da-wei' },
        returnShipping: { carrierName: 'DHL', carrierAccountNumber: '960112233' },
        driveList: [{ driveId: EARLY_DRIVE }],
      },
    },
  });
  await heldBoxOfNoJob(api, 'IN-EARLY-HR', [EARLY_DRIVE]);
}

/** Every table of the store, rows sorted: compared before and after to prove nothing changed. */
function dumpStore(station: StationFixture): Record<string, string[]> {
  return dumpTables(station.station.store.path);
}

/** The drive's last row in the store: its state, and whether it is still at the dock. */
function driveRow(station: StationFixture, serial: string): { state: string; active: number } {
  return readStore(station.station.store.path)
    .prepare('SELECT state, active FROM drives WHERE drive_id = ? ORDER BY id DESC LIMIT 1')
    .get(serial) as { state: string; active: number };
}

async function openPackaging(page: Page, station: StationFixture) {
  await page.goto(station.url);
  await page
    .getByRole('button', { name: new RegExp(op) })
    .first()
    .click();
  await page.getByTestId('nav-packaging').click();
  await expect(page.getByTestId('packaging-screen')).toBeVisible();
}

async function shot(page: Page, name: string) {
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: join(SCREENS, name), fullPage: true });
}

async function typeAddress(page: Page, a: Record<string, string>) {
  for (const [field, value] of Object.entries(a)) await page.locator(`#pk-addr-${field}`).fill(value);
}

test('held drives of no job go back to a typed address: scanned into the box, label printed and decoded, then shipped', async ({
  page,
  station,
  clock,
}, testInfo) => {
  await heldBoxOfNoJob(station.api, 'IN-NOJOB-HR', STRAY);
  await heldBoxOfCreatingJob(station.api);
  clock.advanceDays(15);
  await openPackaging(page, station);
  const due = page.getByTestId('held-due');
  for (const s of [...STRAY, EARLY_DRIVE]) await expect(due.locator(`li[data-serial="${s}"]`)).toBeVisible();
  await expect(due.locator(`li[data-serial="${STRAY[0]}"]`)).toContainText('no job on record');

  // scanned at scanner speed: the return box of held drives opens with the drive in it
  await scan(page, STRAY[0]!.toLowerCase());
  await expect(page.getByTestId('held-return')).toBeVisible();
  await expect(page.getByTestId('pack-note')).toHaveAttribute('data-tone', 'accepted');
  await expect(page.getByTestId('held-owner')).toHaveText('no job on record');
  await expect(page.getByTestId('held-count')).toHaveText('1 held drive(s)');
  // the same drive twice counts once; the other one is chosen in the list
  await scan(page, STRAY[0]!);
  await expect(page.getByTestId('pack-note')).toContainText('already in the return box');
  await due.locator(`li[data-serial="${STRAY[1]}"]`).getByTestId('held-add').click();
  await expect(page.getByTestId('held-count')).toHaveText('2 held drive(s)');
  // a held drive of a job goes to that job's sender, not in this box
  await scan(page, EARLY_DRIVE);
  await expect(page.getByTestId('pack-note')).toHaveAttribute('data-tone', 'rejected');
  await expect(page.getByTestId('pack-note')).toContainText(`Drive ${EARLY_DRIVE} is of ${EARLY_JOB}`);
  await expect(page.getByTestId('held-count')).toHaveText('2 held drive(s)');

  // no job on record: staff type the sender's address; carrier typed, tracking scanned into its field
  await expect(page.getByTestId('held-address-form')).toContainText('No job on record: type the return address');
  await typeAddress(page, address);
  await page.locator('#pk-held-carrier').fill('UPS');
  await page.locator('#pk-held-account').fill('UPS-ACC-77');
  await expect(page.getByTestId('held-ship')).toBeDisabled();
  await page.locator('#pk-held-tracking').click();
  await scan(page, RETURN_TRACKING.toLowerCase());
  await expect(page.locator('#pk-held-tracking')).toHaveValue(RETURN_TRACKING);
  await expect(page.getByTestId('held-count')).toHaveText('2 held drive(s)');
  await expect(page.getByTestId('held-ship')).toBeDisabled();
  await shot(page, 'held-return-ready.png');

  await page.getByTestId('held-label-pdf').click();
  await expect(page.getByTestId('held-label-state')).toContainText('Label is out');
  await expect(page.getByTestId('held-ship')).toBeEnabled();
  await expect(page.frameLocator('[data-testid="held-label-preview"]').getByText('Held drives — no job on record')).toBeVisible();
  await shot(page, 'held-return-label-out.png');
  await page.getByTestId('held-label-preview').screenshot({ path: join(SCREENS, 'held-return-label-preview.png') });
  // the element screenshot leaves the page scrolled to the preview; Debian's Chromium then takes the next
  // click at the point from before its own scroll into view, so scroll back as a person would
  await page.evaluate(() => window.scrollTo(0, 0));

  // the PDF the screen produced is the one a carrier scans: saved from the page and decoded
  const link = page.getByTestId('held-label-download');
  await expect(link).toHaveAttribute('download', `held-return-label-no-job-${RETURN_TRACKING}.pdf`);
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const file = testInfo.outputPath('held-return-label.pdf');
  await download.saveAs(file);
  expect(decodeBarcodes(file)).toEqual([`CODE-128:${RETURN_TRACKING}`]);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  for (const s of [
    'Held drives — no job on record',
    'Chen Ya-ting',
    '88 Harbour Road',
    'Keelung 202',
    'UPS-ACC-77',
    '2 held drives',
    ...STRAY,
  ])
    expect(text).toContain(s);

  // a box that no longer matches its label cannot be shipped; put back as labelled, it can
  await page.getByTestId('held-box-drives').locator(`li[data-serial="${STRAY[1]}"] button`).click();
  await expect(page.getByTestId('held-label-state')).toContainText('Print the label first');
  await expect(page.getByTestId('held-ship')).toBeDisabled();
  await page.locator('#pk-held-serial').focus();
  await scan(page, STRAY[1]!);
  await expect(page.getByTestId('held-label-state')).toContainText('Label is out');

  await page.getByTestId('held-ship').click();
  await expect(page.getByTestId('pack-note')).toContainText(`2 held drive(s) shipped back to Chen Ya-ting, tracking ${RETURN_TRACKING}`);
  for (const s of STRAY) {
    await expect(due.locator(`li[data-serial="${s}"]`)).toHaveCount(0);
    expect(driveRow(station, s)).toEqual({ state: 'ShippedBack', active: 0 });
  }
  await expect(due.locator(`li[data-serial="${EARLY_DRIVE}"]`)).toBeVisible();
  expect(driveRow(station, EARLY_DRIVE)).toEqual({ state: 'Specified', active: 1 });
  const custody = await station.api.call('custody.list', { driveId: STRAY[0]!, limit: 10 });
  expect(custody[0]).toMatchObject({
    action: 'drive.heldReturned',
    trackingNumber: RETURN_TRACKING,
    operator: op,
    stateAfter: 'ShippedBack',
  });
  // the next box starts afresh: nothing of this sender is left in the fields
  await expect(page.getByTestId('held-count')).toHaveText('Empty');
  await expect(page.locator('#pk-held-carrier')).toHaveValue('');
  await expect(page.locator('#pk-held-tracking')).toHaveValue('');
  await shot(page, 'held-return-shipped.png');
});

test('a typed return address with a field missing gets no label: the fields are named on screen and nothing changes', async ({
  page,
  station,
  clock,
}) => {
  await heldBoxOfNoJob(station.api, 'IN-NOJOB-HR2', [STRAY[0]!]);
  clock.advanceDays(15);
  await openPackaging(page, station);
  await scan(page, STRAY[0]!);
  await expect(page.getByTestId('held-count')).toHaveText('1 held drive(s)');
  await typeAddress(page, { ...address, postalCode: '', phone: ' ' });
  await page.locator('#pk-held-carrier').fill('UPS');
  await page.locator('#pk-held-tracking').click();
  await scan(page, RETURN_TRACKING);
  await expect(page.locator('#pk-held-tracking')).toHaveValue(RETURN_TRACKING);

  const before = dumpStore(station);
  await page.getByTestId('held-label-pdf').click();
  await expect(page.getByTestId('address-missing')).toHaveText(
    'The return address is missing: postal code, phone. No label until it is complete.',
  );
  await expect(page.getByTestId('pack-note')).toHaveAttribute('data-tone', 'rejected');
  await expect(page.locator('#pk-addr-postalCode')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#pk-addr-phone')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#pk-addr-city')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('held-label-state')).toContainText('Print the label first');
  await expect(page.getByTestId('held-ship')).toBeDisabled();
  await expect(page.getByTestId('held-label-download')).toHaveCount(0);
  await shot(page, 'held-return-address-missing.png');
  expect(dumpStore(station)).toEqual(before);
  expect(driveRow(station, STRAY[0]!)).toEqual({ state: 'Specified', active: 1 });

  // one field typed in: only the other is still named
  await page.locator('#pk-addr-postalCode').fill('202');
  await expect(page.getByTestId('address-missing')).toHaveText('The return address is missing: phone. No label until it is complete.');
  // the same screen in Traditional Chinese
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByTestId('address-missing')).toHaveText('回寄地址缺少：電話。地址完整前不能列印標籤。');
  await expect(page.getByTestId('pack-note')).toHaveText('回寄地址缺少：郵遞區號、電話。地址完整前不能列印標籤。');
  await expect(page.locator('label[for="pk-addr-phone"]')).toHaveText('電話');
  await shot(page, 'held-return-address-missing-zh.png');
  expect(dumpStore(station)).toEqual(before);
});

test('a held drive whose return is not due yet stays off the list, and scanning it says when it is due', async ({ page, station }) => {
  await heldBoxOfNoJob(station.api, 'IN-NOJOB-HR3', ['STRAY-HR-NEW1']);
  await openPackaging(page, station);
  await expect(page.getByTestId('held-due')).toHaveCount(0);
  await scan(page, 'STRAY-HR-NEW1');
  await expect(page.getByTestId('pack-note')).toHaveAttribute('data-tone', 'rejected');
  await expect(page.getByTestId('pack-note')).toContainText('its return is due on 2026-11-16');
  await expect(page.getByTestId('held-count')).toHaveText('Empty');
});

test("a held drive of a job still Creating goes back to the job's own address and carrier, with the job name on the label", async ({
  page,
  station,
  clock,
}, testInfo) => {
  await heldBoxOfCreatingJob(station.api);
  clock.advanceDays(15);
  await openPackaging(page, station);
  await page.getByTestId('held-due').locator(`li[data-serial="${EARLY_DRIVE}"]`).getByTestId('held-add').click();
  await expect(page.getByTestId('held-owner')).toHaveText(EARLY_JOB);
  await expect(page.getByTestId('return-address')).toContainText('Wang Da-wei');
  await expect(page.getByTestId('held-address-form')).toHaveCount(0);
  await expect(page.locator('#pk-held-carrier')).toHaveValue('DHL');
  await expect(page.locator('#pk-held-account')).toHaveValue('960112233');
  await page.locator('#pk-held-tracking').click();
  await scan(page, 'RT-EARLY-HR-1');
  await page.getByTestId('held-label-pdf').click();
  await expect(page.getByTestId('held-label-state')).toContainText('Label is out');
  await shot(page, 'held-return-job.png');
  await page.evaluate(() => window.scrollTo(0, 0));
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('held-label-download').click()]);
  const file = testInfo.outputPath('held-return-job.pdf');
  await download.saveAs(file);
  const codes = decodeBarcodes(file);
  expect(codes.sort()).toEqual([`CODE-128:${EARLY_JOB}`, 'CODE-128:RT-EARLY-HR-1']);
  // "Shipped" stands below the label's preview: scrolled to first, as a person would (Debian's Chromium takes a
  // click that needs its own scroll at the point from before the scroll)
  await page.getByTestId('held-ship').scrollIntoViewIfNeeded();
  await page.getByTestId('held-ship').click();
  await expect(page.getByTestId('pack-note')).toContainText('1 held drive(s) shipped back to Wang Da-wei');
  expect(driveRow(station, EARLY_DRIVE)).toEqual({ state: 'ShippedBack', active: 0 });
  await expect(page.getByTestId('held-due')).toHaveCount(0);
});
