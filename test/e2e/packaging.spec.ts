// The Packaging screen in Chromium against the real station server: a return shipment built by scanning at
// scanner speed, a drive of another job refused, the label printed and checked, then "Shipped"; and a job
// whose return address is incomplete, stopped before any label.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, type StationFixture } from './harness.ts';
import { scan } from './dock.ts';
import { decodeBarcodes } from '../decode-barcodes.ts';

test.use({ stationOptions: { demo: false } });

const A = 'PACK-A-0001';
const B = 'PACK-B-0002';
const C = 'PACK-C-0003';
const A_DRIVES = ['WCC4N0PACKA1', 'WCC4N0PACKA2'];
const A_EXTRA = 'EXTRA-PACKA9';
const B_DRIVES = ['ZDHPACKB1'];
const C_DRIVES = ['S4PACKC1'];
const RETURN_TRACKING = '1Z999AA10123456784';
const op = 'Amy Lin';

async function toPackaging(
  api: StationFixture['api'],
  name: string,
  drives: string[],
  inbound: string,
  extra?: string,
  address?: Record<string, string>,
) {
  await api.call('jobs.put', {
    operator: op,
    job: {
      name,
      properties: {
        jobType: 'Import',
        state: 'Shipping',
        deliveryPackage: { carrierName: 'DHL', trackingNumber: inbound },
        returnAddress: address ?? {
          recipientName: '王小明',
          streetAddress1: '中正路 100 號 5 樓',
          city: '臺北市',
          stateOrProvince: '中正區',
          postalCode: '100',
          countryOrRegion: 'TW',
          phone: '+886 2 2345 6789',
          email: 'wang@example.com.tw',
        },
        returnShipping: { carrierName: 'DHL', carrierAccountNumber: '960112233' },
        driveList: drives.map((driveId) => ({ driveId, bitLockerKey: '111111-222222-333333-444444-555555-666666-777777-888888' })),
      },
    },
  });
  await api.call('packages.receive', { operator: op, trackingNumber: inbound });
  for (const s of drives) await api.call('drives.scan', { operator: op, serial: s });
  if (extra) await api.call('drives.scan', { operator: op, serial: extra });
  await api.call('packages.close', { operator: op });
  await api.call('copy.start', { operator: op, jobName: name });
  for (const s of drives) await api.call('copy.record', { operator: op, driveId: s, copyStatus: 'Completed' });
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

test('a return shipment: every drive scanned into the box, a drive of another job refused, the label printed, then shipped', async ({
  page,
  station,
}, testInfo) => {
  await toPackaging(station.api, A, A_DRIVES, 'IN-PACK-A', A_EXTRA);
  await toPackaging(station.api, B, B_DRIVES, 'IN-PACK-B');
  await openPackaging(page, station);
  await page.locator(`button[data-job="${A}"]`).click();
  await expect(page.getByTestId('box-count')).toHaveText('0 of 3 drives in the box');
  await expect(page.getByTestId('return-address')).toContainText('中正路 100 號 5 樓');

  await scan(page, A_DRIVES[0]!.toLowerCase());
  await expect(page.getByTestId('box-count')).toHaveText('1 of 3 drives in the box');
  await expect(page.getByTestId('box-missing')).toContainText(A_DRIVES[1]!);
  await expect(page.getByTestId('box-missing')).toContainText(A_EXTRA);

  // a drive of another job does not go in this box
  await scan(page, B_DRIVES[0]!);
  await expect(page.getByTestId('pack-note')).toHaveAttribute('data-tone', 'rejected');
  await expect(page.getByTestId('pack-note')).toContainText(`belongs to job ${B}`);
  await expect(page.getByTestId('box-count')).toHaveText('1 of 3 drives in the box');

  // the same drive twice counts once
  await scan(page, A_DRIVES[0]!);
  await expect(page.getByTestId('pack-note')).toContainText('already in the box');
  await scan(page, A_DRIVES[1]!);
  await scan(page, A_EXTRA);
  await expect(page.getByTestId('box-count')).toHaveText('All 3 drives are in the box.');
  // no label, no shipping, without a return tracking number; the tracking field takes the next scan
  await expect(page.getByTestId('ship')).toBeDisabled();
  await expect(page.locator('#pk-tracking')).toBeFocused();
  await scan(page, RETURN_TRACKING);
  await expect(page.locator('#pk-tracking')).toHaveValue(RETURN_TRACKING);
  await expect(page.locator('#pk-carrier')).toHaveValue('DHL');
  await expect(page.locator('#pk-account')).toHaveValue('960112233');
  await expect(page.getByTestId('ship')).toBeDisabled();

  await page.getByTestId('label-pdf').click();
  await expect(page.getByTestId('label-state')).toContainText('Label is out');
  await expect(page.frameLocator('[data-testid="label-preview"]').getByText('Return tracking')).toBeVisible();
  // the screen says how the label went out, offers it again, and shows it above "Shipped"
  await expect(page.getByTestId('label-how')).toContainText('saved as PDF');
  await expect(page.getByTestId('label-again')).toBeVisible();
  const previewBox = (await page.getByTestId('label-preview').boundingBox())!;
  expect(previewBox.y).toBeLessThan((await page.getByTestId('ship').boundingBox())!.y);
  await page.screenshot({ path: testInfo.outputPath('packaging-label-out.png'), fullPage: true });
  await page.getByTestId('label-preview').screenshot({ path: testInfo.outputPath('packaging-label-preview.png') });
  // the element screenshot leaves the page scrolled to the preview; Debian's Chromium then takes the next
  // click at the point from before its own scroll into view, so scroll back as a person would
  await page.evaluate(() => window.scrollTo(0, 0));

  // the label the screen produced, as the station renders it for this box: what a carrier scans
  await expect(page.getByTestId('label-download')).toHaveAttribute('download', `return-label-${A}-${RETURN_TRACKING}.pdf`);
  const label = await station.api.call('labels.render', {
    kind: 'return',
    jobName: A,
    returnTrackingNumber: RETURN_TRACKING,
    carrierName: 'DHL',
    carrierAccountNumber: '960112233',
    driveIds: [...A_DRIVES, A_EXTRA],
  });
  const dir = mkdtempSync(join(tmpdir(), 'pack-label-'));
  const file = join(dir, label.filename);
  writeFileSync(file, Buffer.from(label.base64, 'base64'));
  await testInfo.attach('return-label.pdf', { path: file, contentType: 'application/pdf' });
  const codes = decodeBarcodes(file);
  expect(codes).toContain(`CODE-128:${RETURN_TRACKING}`);
  expect(codes).toContain(`CODE-128:${A}`);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  for (const s of [...A_DRIVES, A_EXTRA, '3 drives', '王小明']) expect(text).toContain(s);
  rmSync(dir, { recursive: true, force: true });

  // a box that no longer matches its label cannot be shipped; put back as labelled, it can
  await page.locator(`li[data-serial="${A_EXTRA}"] button:not([data-testid^="tag-"])`).click();
  await expect(page.getByTestId('label-state')).toContainText('Print the label first');
  await expect(page.getByTestId('ship')).toBeDisabled();
  await page.locator('#pk-serial').focus();
  await scan(page, A_EXTRA);
  await expect(page.getByTestId('label-state')).toContainText('Label is out');

  await page.getByTestId('ship').click();
  await expect(page.getByTestId('pack-note')).toContainText(`Job ${A} shipped back with 3 drive(s): Completed`);
  await expect(page.getByTestId('pack-note')).toBeInViewport();
  const after = await station.api.call('jobs.get', { name: A });
  expect(after.properties.state).toBe('Completed');
  expect(after.properties.returnPackage).toMatchObject({ carrierName: 'DHL', trackingNumber: RETURN_TRACKING, driveCount: 3 });
  expect([...after.properties.driveList, ...after.dock.extraDrives].map((d) => d.state)).toEqual([
    'ShippedBack',
    'ShippedBack',
    'ShippedBack',
  ]);
  await expect(page.locator(`button[data-job="${A}"]`)).toHaveCount(0);
  await expect(page.locator(`button[data-job="${B}"]`)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('packaging-shipped.png'), fullPage: true });
});

test('a job whose return address is missing a field gets no label: the field is named and nothing changes', async ({
  page,
  station,
}, testInfo) => {
  await toPackaging(station.api, C, C_DRIVES, 'IN-PACK-C');
  await station.api.call('jobs.update', { operator: op, name: C, patch: { returnAddress: { postalCode: '' } } });
  const before = await station.api.call('custody.list', { jobName: C, limit: 1000 });
  await openPackaging(page, station);
  await page.locator(`button[data-job="${C}"]`).click();
  await expect(page.getByTestId('address-missing')).toContainText('postal code');
  await scan(page, C_DRIVES[0]!);
  await expect(page.getByTestId('box-count')).toHaveText('All 1 drives are in the box.');
  await page.locator('#pk-tracking').fill('1Z999AA10000000001');
  await expect(page.getByTestId('label-pdf')).toBeDisabled();
  await expect(page.getByTestId('ship')).toBeDisabled();
  await page.screenshot({ path: testInfo.outputPath('packaging-address-missing.png'), fullPage: true });
  const job = await station.api.call('jobs.get', { name: C });
  expect(job.properties.state).toBe('Packaging');
  expect(await station.api.call('custody.list', { jobName: C, limit: 1000 })).toEqual(before);
});
