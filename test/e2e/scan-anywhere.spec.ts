// A scan means something on every screen, and the Exceptions list is one a supervisor works: a job's rows
// together under its contact, filters, and no action offered that the station would then refuse.
import { test, expect, putJob, signIn, scan, shot, dumpStore, OPERATOR, ADDRESS } from './dock.ts';
import type { Page } from '@playwright/test';
import type { StationFixture } from './harness.ts';

const sound = (page: Page) => page.locator('html');

async function receiveThroughApi(station: StationFixture, tracking: string, serials: string[]): Promise<void> {
  await station.api.call('packages.receive', { operator: OPERATOR, trackingNumber: tracking });
  for (const s of serials) await station.api.call('drives.scan', { operator: OPERATOR, serial: s });
  await station.api.call('packages.close', { operator: OPERATOR });
}

async function openScreen(page: Page, n: number, testId: string): Promise<void> {
  await page.keyboard.press(`Alt+${n}`);
  await expect(page.getByTestId(testId)).toBeVisible();
}

test('a tracking number scanned on Exceptions, Jobs or Packaging opens that box on Receive', async ({ page, station }) => {
  await putJob(station, { name: 'box-401', tracking: 'TRK-401', drives: ['WD-401'] });
  await putJob(station, { name: 'box-402', tracking: 'TRK-402', drives: ['WD-402'] });
  await putJob(station, { name: 'box-403', tracking: 'TRK-403', drives: ['WD-403'] });
  await signIn(page, station);
  for (const [n, screen, tracking] of [
    [2, 'exceptions-screen', 'TRK-401'],
    [3, 'jobs-screen', 'TRK-402'],
    [5, 'packaging-screen', 'TRK-403'],
  ] as const) {
    await openScreen(page, n, screen);
    await scan(page, tracking);
    await expect(page.getByTestId('receive-screen')).toBeVisible();
    await expect(page.getByTestId('package')).toHaveAttribute('data-tracking', tracking);
    await station.api.call('packages.close', { operator: OPERATOR });
  }
});

test('a drive scanned on Exceptions shows its row, marked, with a sound; a drive not listed there opens its job', async ({
  page,
  station,
  clock,
}) => {
  await putJob(station, { name: 'held-404', state: 'Creating', tracking: 'TRK-404', drives: ['WD-404A', 'WD-404B'] });
  await receiveThroughApi(station, 'TRK-404', ['WD-404A', 'WD-404B']);
  await putJob(station, { name: 'copy-405', tracking: 'TRK-405', drives: ['WD-405'] });
  await receiveThroughApi(station, 'TRK-405', ['WD-405']);
  clock.advanceDays(1);
  await signIn(page, station);
  await openScreen(page, 2, 'exceptions-screen');
  const count = Number((await sound(page).getAttribute('data-sound-count')) ?? '0');
  await scan(page, 'WD-404B');
  const found = page.locator('tr.exc-found');
  await expect(found).toHaveAttribute('data-serial', 'WD-404B');
  await expect(found).toBeInViewport();
  await expect(sound(page)).toHaveAttribute('data-sound', 'notice');
  expect(Number(await sound(page).getAttribute('data-sound-count'))).toBeGreaterThan(count);
  await expect(page.getByTestId('exc-scan-note')).toHaveText('WD-404B: its row is shown.');
  // a drive with nothing to do is not on the list: its job opens
  await scan(page, 'WD-405');
  await expect(page.getByTestId('job-page')).toHaveAttribute('data-job', 'copy-405');
});

test('on Jobs a drive serial opens its job page, with its sound', async ({ page, station }) => {
  await putJob(station, { name: 'find-406', tracking: 'TRK-406', drives: ['WD-406'] });
  await signIn(page, station);
  await openScreen(page, 3, 'jobs-screen');
  await scan(page, 'WD-406');
  await expect(page.getByTestId('job-page')).toHaveAttribute('data-job', 'find-406');
  await expect(sound(page)).toHaveAttribute('data-sound', 'notice');
});

test("on Packaging a drive scanned with no job open opens its job's return box, the drive already in it", async ({ page, station }) => {
  await putJob(station, { name: 'pack-407', tracking: 'TRK-407', drives: ['WD-407A', 'WD-407B'] });
  await receiveThroughApi(station, 'TRK-407', ['WD-407A', 'WD-407B']);
  await station.api.call('copy.start', { operator: OPERATOR, jobName: 'pack-407' });
  for (const d of ['WD-407A', 'WD-407B'])
    await station.api.call('copy.record', { operator: OPERATOR, driveId: d, copyStatus: 'Completed' });
  await signIn(page, station);
  await openScreen(page, 5, 'packaging-screen');
  await scan(page, 'WD-407B');
  await expect(page.locator('.pk-detail')).toHaveAttribute('data-job', 'pack-407');
  await expect(page.locator('[data-testid="box-drives"] li[data-serial="WD-407B"]')).toHaveAttribute('data-boxed', 'yes');
  await expect(page.getByTestId('box-count')).toContainText('1');
});

test('Exceptions by job: one contact the customer for a job of three held drives, its contact on the head line, filters by date and kind', async ({
  page,
  station,
  clock,
}) => {
  await putJob(station, { name: 'late-409', tracking: 'TRK-409', drives: ['WD-409'] });
  await putJob(station, { name: 'due-411', state: 'Creating', tracking: 'TRK-411', drives: ['WD-411'] });
  await receiveThroughApi(station, 'TRK-411', ['WD-411']);
  clock.advanceDays(15);
  await putJob(station, { name: 'early-408', state: 'Creating', tracking: 'TRK-408', drives: ['WD-408A', 'WD-408B', 'WD-408C'] });
  await receiveThroughApi(station, 'TRK-408', ['WD-408A', 'WD-408B', 'WD-408C']);
  await signIn(page, station);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openScreen(page, 2, 'exceptions-screen');
  const early = page.locator('tbody[data-job="early-408"]');
  await expect(early.locator('tr[data-kind]')).toHaveCount(3);
  await expect(early.getByTestId('exc-group-step')).toHaveText('Contact the customer once about its 3 held drive(s).');
  await expect(early.getByTestId('exc-contact')).toContainText(ADDRESS.recipientName);
  await expect(early.getByTestId('exc-contact')).toContainText(ADDRESS.phone);
  await expect(early.getByTestId('exc-contact')).toContainText(ADDRESS.email);
  await expect(page.locator('tr[data-kind]').filter({ hasText: /Contact the customer\./ })).toHaveCount(0);
  // held today: not yet due to go back, so Return is not offered (Packaging would refuse it)
  await expect(early.getByRole('button', { name: /Return/ })).toHaveCount(0);
  // held 15 days: the return is due, so Return is offered and Packaging takes it
  const due = page.locator('tbody[data-job="due-411"]');
  await expect(due.getByRole('button', { name: 'Return (Packaging) WD-411' })).toBeVisible();
  await shot(page, 'exceptions-by-job-1366');

  await page.getByTestId('filter-overdue').click();
  await expect(page.locator('tbody[data-job="early-408"]')).toHaveCount(0);
  await expect(page.locator('tbody[data-job="late-409"]')).toHaveCount(1);
  await expect(page.locator('tbody[data-job="due-411"]')).toHaveCount(1);
  for (const overdue of await page.locator('tr[data-kind] .exc-due').all()) await expect(overdue).toContainText('OVERDUE');
  await page.getByTestId('filter-week').click();
  await expect(page.locator('tbody[data-job="early-408"]')).toHaveCount(0);
  await page.getByTestId('filter-all').click();
  await page.getByTestId('filter-kind').selectOption('packageOverdue');
  await expect(page.locator('tr[data-kind]')).toHaveCount(1);
  await expect(page.locator('tr[data-kind="packageOverdue"]')).toHaveAttribute('data-job', 'late-409');
  await page.getByTestId('filter-kind').selectOption('');

  await due.getByRole('button', { name: 'Return (Packaging) WD-411' }).click();
  await expect(page.getByTestId('packaging-screen')).toBeVisible();
  await expect(page.getByTestId('pack-note')).toHaveAttribute('data-tone', 'accepted');
  await expect(page.getByTestId('pack-note')).toContainText('WD-411');
});

test('no word breaks inside a serial, a tracking number, a job name or a badge at 1366 and 1920', async ({ page, station, clock }) => {
  await putJob(station, {
    name: 'hanriver-imp-00411-long',
    state: 'Creating',
    tracking: '1Z999AA10123456784',
    drives: ['S4EVNX0M912345AB'],
  });
  await receiveThroughApi(station, '1Z999AA10123456784', ['S4EVNX0M912345AB']);
  await station.api.call('packages.receive', { operator: OPERATOR, trackingNumber: '1Z999AA10123456799' });
  await station.api.call('drives.scan', { operator: OPERATOR, serial: 'WCC4N0ABC123-XZ' });
  await station.api.call('packages.close', { operator: OPERATOR });
  clock.advanceDays(2);
  await signIn(page, station);
  for (const lang of ['en', 'zh-TW'] as const) {
    for (const width of [1366, 1920]) {
      await page.setViewportSize({ width, height: width === 1366 ? 768 : 1080 });
      if ((await page.locator('html').getAttribute('lang')) !== lang) await page.keyboard.press('Alt+L');
      await openScreen(page, 2, 'exceptions-screen');
      await expect(page.locator('tr[data-kind]')).toHaveCount(2);
      // each code and each badge stands on one line: its height is one line's
      const broken = await page.locator('.exc-table .code, .exc-table .chip').evaluateAll((els) =>
        els
          .filter((el) => {
            const words = (el.textContent ?? '').split(/\s+/).filter(Boolean);
            const range = document.createRange();
            range.selectNodeContents(el);
            const rects = [...range.getClientRects()];
            // a word broken across lines shows as two boxes whose text has no space between them
            const lines = new Set(rects.map((r) => Math.round(r.top))).size;
            return el.classList.contains('code') ? lines > 1 : lines > words.length && !/[\u3400-\u9fff]/.test(el.textContent ?? '');
          })
          .map((el) => el.textContent),
      );
      expect(broken, `${lang} ${width}`).toEqual([]);
      // nor is one cut off by its column
      const clipped = await page
        .locator('.exc-table td .code')
        .evaluateAll((els) =>
          els
            .filter((el) => el.getBoundingClientRect().right > el.closest('td')!.getBoundingClientRect().right + 0.5)
            .map((el) => el.textContent),
        );
      expect(clipped, `${lang} ${width}`).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await shot(page, `exceptions-by-job-${lang}-${width}`);
    }
  }
});

test('with the clock jumped, Exceptions offers nothing that records and says why; Packaging does not offer Shipped', async ({
  page,
  station,
  clock,
}) => {
  await station.api.call('packages.receive', { operator: OPERATOR, trackingNumber: 'TRK-NOJOB-412' });
  await station.api.call('drives.scan', { operator: OPERATOR, serial: 'SN-412' });
  await station.api.call('packages.close', { operator: OPERATOR });
  clock.advanceDays(15);
  await signIn(page, station);
  clock.setClockTo(new Date(clock.now().getTime() + 30 * 86_400_000));
  const before = dumpStore(station);
  await openScreen(page, 2, 'exceptions-screen');
  await expect(page.getByTestId('clock-banner')).toHaveAttribute('data-clock', 'jumped');
  const r = page.locator('tr[data-serial="SN-412"]');
  await expect(r.getByTestId('exc-held-back')).toBeVisible();
  await expect(r.locator('.exc-actions button')).toHaveCount(0);
  await shot(page, 'exceptions-clock-jumped');
  await openScreen(page, 5, 'packaging-screen');
  await expect(page.getByTestId('pack-held-back')).toBeVisible();
  expect(dumpStore(station)).toEqual(before);
});
