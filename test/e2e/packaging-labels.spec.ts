// Labels at Packaging on a 1366x768 dock screen: the screen says how the label went out (saved as a PDF, or
// sent to which printer), a label is printed again from the screen, the preview stands above "Shipped", and
// after "Shipped" the answer is in view. The ZPL printer is a real TCP listener on loopback that keeps what
// it is sent, so "sent to the printer" is proven by the bytes that arrived.
import { createServer, type Server } from 'node:net';
import type { Page } from '@playwright/test';
import { test as harness, expect, type StationFixture } from './harness.ts';
import { scan, shot } from './dock.ts';
import { ManualClock } from '../../electron/core/clock.ts';
import { DEMO_SUPERVISOR_PIN } from '../../electron/api/settings-schema.ts';

const op = 'Amy Lin';
const JOB = 'LBL-JOB-0001';
const DRIVES = ['WCC4N0LBL001', 'WCC4N0LBL002'];
const RETURN_TRACKING = '1Z999AA10123450001';
const STRAY = 'STRAY-LBL-0001';

const test = harness.extend<{ clock: ManualClock; printer: { port: number; labels: string[] } }>({
  clock: async ({}, use) => use(new ManualClock('2026-11-02T09:00:00Z')),
  stationOptions: async ({ clock }, use) => use({ demo: false, clock }),
  // a raw-port label printer: each connection is one label, kept as the text it received
  printer: async ({}, use) => {
    const labels: string[] = [];
    const server: Server = createServer((socket) => {
      const parts: Buffer[] = [];
      socket.on('data', (d) => parts.push(d));
      socket.on('end', () => {
        labels.push(Buffer.concat(parts).toString('utf8'));
        socket.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await use({ port, labels });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  },
});
test.use({ viewport: { width: 1366, height: 768 } });

async function jobInPackaging(api: StationFixture['api']) {
  await api.call('jobs.put', {
    operator: op,
    job: {
      name: JOB,
      properties: {
        jobType: 'Import',
        state: 'Shipping',
        deliveryPackage: { carrierName: 'DHL', trackingNumber: 'IN-LBL-1' },
        returnAddress: {
          recipientName: '王小明',
          streetAddress1: '中正路 100 號 5 樓',
          city: '臺北市',
          postalCode: '100',
          countryOrRegion: 'TW',
          phone: '+886 2 2345 6789',
          email: 'wang@example.com.tw',
        },
        returnShipping: { carrierName: 'DHL', carrierAccountNumber: '960112233' },
        driveList: DRIVES.map((driveId) => ({ driveId })),
      },
    },
  });
  await api.call('packages.receive', { operator: op, trackingNumber: 'IN-LBL-1' });
  for (const s of DRIVES) await api.call('drives.scan', { operator: op, serial: s });
  await api.call('packages.close', { operator: op });
  await api.call('copy.start', { operator: op, jobName: JOB });
  for (const s of DRIVES) await api.call('copy.record', { operator: op, driveId: s, copyStatus: 'Completed' });
}

async function setZplPrinter(api: StationFixture['api'], port: number) {
  await api.call('settings.update', {
    operator: 'Dana Wu',
    pin: DEMO_SUPERVISOR_PIN,
    patch: { zplPrinter: { host: '127.0.0.1', port } },
  });
}

async function openPackaging(page: Page, station: StationFixture, lang: 'en' | 'zh-TW' = 'en') {
  await page.goto(station.url);
  await page
    .getByRole('button', { name: new RegExp(op) })
    .first()
    .click();
  if (lang === 'zh-TW') {
    await page.keyboard.press('Alt+L');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
  }
  await page.getByTestId('nav-packaging').click();
  await expect(page.getByTestId('packaging-screen')).toBeVisible();
}

/** The job's drives scanned into the box and the return tracking number scanned into its field. */
async function boxReady(page: Page) {
  await page.locator(`button[data-job="${JOB}"]`).click();
  await expect(page.getByTestId('box-count')).toContainText(`0`);
  for (const [i, s] of DRIVES.entries()) {
    await scan(page, s);
    await expect(page.locator(`[data-testid="box-drives"] li[data-boxed="yes"]`)).toHaveCount(i + 1);
  }
  await expect(page.locator('#pk-tracking')).toBeFocused();
  await scan(page, RETURN_TRACKING);
  await expect(page.locator('#pk-tracking')).toHaveValue(RETURN_TRACKING);
}

test('a label sent to the ZPL printer names that printer on screen, and is printed again from the screen', async ({
  page,
  station,
  printer,
}) => {
  await jobInPackaging(station.api);
  await setZplPrinter(station.api, printer.port);
  await openPackaging(page, station);
  await boxReady(page);
  await page.getByTestId('label-zpl').click();
  await expect(page.getByTestId('label-state')).toHaveAttribute('data-how', 'zpl');
  await expect(page.getByTestId('label-how')).toContainText(`Label printed on 127.0.0.1:${printer.port}`);
  await expect.poll(() => printer.labels.length).toBe(1);
  expect(printer.labels[0]).toContain(RETURN_TRACKING);

  // the printer jammed: the same label again, from the screen, without building the box anew
  await page.getByTestId('label-again').click();
  await expect.poll(() => printer.labels.length).toBe(2);
  expect(printer.labels[1]).toBe(printer.labels[0]);
  await expect(page.getByTestId('pack-note')).toContainText(`Label sent to 127.0.0.1:${printer.port}`);
  await expect(page.getByTestId('ship')).toBeEnabled();
  await shot(page, 'packaging-label-zpl-1366');
});

test('a label saved as a PDF says so with its file, its preview stands above "Shipped", and the shipped answer is in view', async ({
  page,
  station,
}) => {
  await jobInPackaging(station.api);
  await openPackaging(page, station);
  await boxReady(page);
  await page.getByTestId('label-pdf').click();
  await expect(page.getByTestId('label-how')).toContainText(`Label saved as PDF at`);
  await expect(page.getByTestId('label-how')).toContainText(`return-label-${JOB}-${RETURN_TRACKING}.pdf`);
  await expect(page.frameLocator('[data-testid="label-preview"]').getByText('Return tracking')).toBeVisible();
  const preview = (await page.getByTestId('label-preview').boundingBox())!;
  const ship = (await page.getByTestId('ship').boundingBox())!;
  expect(preview.y + preview.height).toBeLessThanOrEqual(ship.y);
  await page.getByTestId('ship').scrollIntoViewIfNeeded();
  await shot(page, 'packaging-label-pdf-1366');

  await page.getByTestId('ship').click();
  await expect(page.getByTestId('pack-note')).toContainText(`Job ${JOB} shipped back with 2 drive(s)`);
  await expect(page.getByTestId('pack-note')).toBeInViewport({ ratio: 1 });
  // the job's name in the answer is one unbroken piece
  await expect(page.getByTestId('pack-note').locator('[data-code-nb]', { hasText: JOB })).toHaveCSS('white-space', 'nowrap');
  // the job shipped is gone from the screen, not left behind as an empty box
  await expect(page.locator(`section[data-job="${JOB}"]`)).toHaveCount(0);
  await shot(page, 'packaging-shipped-1366');
});

test('zh-TW: the screen says in Chinese where the label went, and the shipped answer is in view', async ({ page, station }) => {
  await jobInPackaging(station.api);
  await openPackaging(page, station, 'zh-TW');
  await boxReady(page);
  await page.getByTestId('label-pdf').click();
  await expect(page.getByTestId('label-how')).toContainText('存成 PDF');
  await expect(page.getByTestId('label-again')).toHaveText('重印標籤');
  await page.getByTestId('ship').scrollIntoViewIfNeeded();
  await shot(page, 'zh-TW-packaging-label-pdf-1366');
  await page.getByTestId('ship').click();
  await expect(page.getByTestId('pack-note')).toContainText(`工作 ${JOB} 已寄回 2 顆硬碟`);
  await expect(page.getByTestId('pack-note')).toBeInViewport({ ratio: 1 });
  await shot(page, 'zh-TW-packaging-shipped-1366');
});

test('a box of held drives: the label says where it went, is printed again, its preview stands above "Shipped", the answer in view', async ({
  page,
  station,
  clock,
  printer,
}) => {
  await station.api.call('packages.receive', { operator: op, trackingNumber: 'IN-STRAY-LBL' });
  await station.api.call('drives.scan', { operator: op, serial: STRAY });
  await station.api.call('packages.close', { operator: op, trackingNumber: 'IN-STRAY-LBL' });
  await setZplPrinter(station.api, printer.port);
  clock.advanceDays(15);
  await openPackaging(page, station);
  await page.getByTestId('held-due').locator(`li[data-serial="${STRAY}"]`).getByTestId('held-add').click();
  for (const [field, value] of Object.entries({
    recipientName: 'Chen Ya-ting',
    streetAddress1: '88 Harbour Road',
    city: 'Keelung',
    postalCode: '202',
    countryOrRegion: 'TW',
    phone: '+886 2 2422 0000',
    email: 'chen@example.tw',
  }))
    await page.locator(`#pk-addr-${field}`).fill(value);
  await page.locator('#pk-held-carrier').fill('UPS');
  await page.locator('#pk-held-tracking').click();
  await scan(page, RETURN_TRACKING);
  await expect(page.locator('#pk-held-tracking')).toHaveValue(RETURN_TRACKING);

  await page.getByTestId('held-label-zpl').click();
  await expect(page.getByTestId('label-how')).toContainText(`Label printed on 127.0.0.1:${printer.port}`);
  await expect.poll(() => printer.labels.length).toBe(1);
  await page.getByTestId('held-label-again').click();
  await expect.poll(() => printer.labels.length).toBe(2);
  expect(printer.labels[1]).toBe(printer.labels[0]);

  const preview = (await page.getByTestId('held-label-preview').boundingBox())!;
  const ship = (await page.getByTestId('held-ship').boundingBox())!;
  expect(preview.y + preview.height).toBeLessThanOrEqual(ship.y);
  await page.getByTestId('held-ship').scrollIntoViewIfNeeded();
  await shot(page, 'held-return-label-1366');

  await page.getByTestId('held-ship').click();
  await expect(page.getByTestId('pack-note')).toContainText(`1 held drive(s) shipped back to Chen Ya-ting, tracking ${RETURN_TRACKING}`);
  await expect(page.getByTestId('pack-note')).toBeInViewport({ ratio: 1 });
  await shot(page, 'held-return-shipped-1366');
});
