// Codes that are not drives, scanned where a drive is expected: an operator's badge hands the station over, a
// job's label is refused out loud, and neither is ever recorded. And the reasons the station writes into
// custody read in the screen's language.
import { test, expect, putJob, signIn, scan, scanAndWait, shot, banner, dumpStore, OPERATOR } from './dock.ts';
import type { Page } from '@playwright/test';

async function zh(page: Page): Promise<void> {
  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
}

test('a badge scanned while a box is open hands the station over, keeps the box open, and is no drive', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-601', tracking: 'TRK-601', drives: ['WD-601A', 'WD-601B'] });
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-601');
  await scanAndWait(page, 'WD-601A');
  const before = dumpStore(station);
  await scanAndWait(page, 'OP-0002');
  await expect(banner(page)).toHaveAttribute('data-tone', 'warning');
  await expect(banner(page)).toContainText('Ben Chen is signed in now. Package TRK-601 stays open (opened by Amy Lin)');
  await expect(page.getByTestId('operator')).toContainText('Ben Chen');
  await expect(page.getByTestId('prompt')).toContainText('Scan the drives of package TRK-601');
  expect(dumpStore(station), 'the badge was recorded as nothing at all').toEqual(before);
  await shot(page, 'en-receive-badge-mid-box');
  await zh(page);
  await expect(banner(page)).toContainText('現在由 Ben Chen 登入。包裹 TRK-601 仍開啟中（由 Amy Lin 開啟）');
  await shot(page, 'zh-TW-receive-badge-mid-box');
  // the next drive is scanned by the new operator, into the same box
  await scanAndWait(page, 'WD-601B');
  await expect(banner(page)).toContainText('硬碟 WD-601B 已收到');
  const custody = await station.api.call('custody.list', { driveId: 'WD-601B' });
  expect(custody.find((r) => r.action === 'drive.scanned')).toMatchObject({ operator: 'Ben Chen', trackingNumber: 'TRK-601' });
  expect(await station.api.call('custody.list', { driveId: 'OP-0002' })).toEqual([]);
});

test("a job's label scanned while a box is open is refused out loud, and nothing changes", async ({ page, station }) => {
  await putJob(station, { name: 'contoso-701', tracking: 'TRK-701', drives: ['WD-701'] });
  await putJob(station, { name: 'fabrikam-702', state: 'Creating', tracking: 'TRK-702', drives: ['WD-702'] });
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-701');
  const before = dumpStore(station);
  await scanAndWait(page, 'fabrikam-702');
  await expect(banner(page)).toHaveAttribute('data-tone', 'rejected');
  await expect(banner(page)).toHaveAttribute('data-sound', 'rejected');
  await expect(banner(page)).toContainText('is the label of job fabrikam-702, not a drive');
  await expect(banner(page)).toContainText('package TRK-701 stays open');
  // the box's own job's label too
  await scanAndWait(page, 'contoso-701');
  await expect(banner(page)).toHaveAttribute('data-tone', 'rejected');
  await expect(banner(page)).toContainText('job contoso-701, not a drive');
  expect(dumpStore(station), 'neither label was recorded as a drive').toEqual(before);
  await expect(page.getByTestId('package')).not.toContainText('FABRIKAM-702');
  await shot(page, 'en-receive-job-label-mid-box');
  await zh(page);
  await expect(banner(page)).toContainText('是工作 contoso-701 的標籤，不是硬碟');
  await shot(page, 'zh-TW-receive-job-label-mid-box');
});

test("a job's label scanned with no box open is refused as a package, and opens nothing", async ({ page, station }) => {
  await putJob(station, { name: 'contoso-801', tracking: 'TRK-801', drives: ['WD-801'] });
  await signIn(page, station);
  const before = dumpStore(station);
  await scanAndWait(page, 'contoso-801');
  await expect(banner(page)).toHaveAttribute('data-tone', 'rejected');
  await expect(banner(page)).toContainText('is the label of job contoso-801 (Shipping), not a package');
  await expect(page.getByTestId('receive-held')).toHaveCount(0);
  expect(dumpStore(station)).toEqual(before);
});

/** Visible Latin words in the station's reasons on the job page, with names and codes taken out. */
async function englishReasons(page: Page, ids: RegExp): Promise<string[]> {
  const cells = '[data-testid="custody"] [data-testid="custody-reason"], [data-testid="custody"] td:nth-child(4)';
  const texts = await page.locator(cells).allInnerTexts();
  return texts.map((t) => t.replace(ids, '')).filter((t) => /[A-Za-z]{2,}/.test(t));
}

test('in Chinese the custody timeline has no English station reasons, and in English they read as sentences', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-901', tracking: 'TRK-901', drives: ['WD-901A', 'WD-901B'] });
  await putJob(station, { name: 'contoso-902', state: 'Creating', tracking: 'TRK-902', drives: ['WD-902'] });
  const op = { operator: OPERATOR };
  await station.api.call('packages.receive', { ...op, trackingNumber: 'TRK-901' });
  await station.api.call('drives.scan', { ...op, serial: 'WD-901A' });
  await station.api.call('drives.scan', { ...op, serial: 'SN-EXTRA-901' });
  await station.api.call('scans.undo', op);
  await station.api.call('packages.close', op);
  await station.api.call('jobs.cancel', { ...op, name: 'contoso-901' });
  await station.api.call('packages.receive', { ...op, trackingNumber: 'TRK-902' });
  await station.api.call('drives.scan', { ...op, serial: 'WD-902' });
  await station.api.call('packages.close', op);

  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, station);
  await page.keyboard.press('Alt+3');
  await page.getByRole('button', { name: 'contoso-901' }).click();
  const custody = page.getByTestId('custody');
  const why = (action: string) => custody.locator(`tr[data-action="${action}"] [data-testid="custody-reason"]`);
  await expect(why('drive.missingAtClose')).toHaveText('Not in package TRK-901');
  await expect(custody.locator('[data-reason-code="undo"]')).toHaveCount(1);
  await custody.scrollIntoViewIfNeeded();
  await shot(page, 'en-job-custody-reasons');
  await zh(page);
  await expect(why('drive.missingAtClose')).toHaveText('不在包裹 TRK-901 中');
  await expect(why('job.copySkipped')).toHaveText('要求取消');
  expect(await englishReasons(page, /contoso-90\d|TRK-90\d|WD-90\dA?B?|SN-EXTRA-901/g)).toEqual([]);
  await shot(page, 'zh-TW-job-custody-reasons');

  await page.getByTestId('job-page').getByRole('button').first().click();
  await page.getByRole('button', { name: 'contoso-902' }).click();
  await expect(page.getByTestId('job-page')).toHaveAttribute('data-job', 'contoso-902');
  await expect(why('package.receivedHeld')).toHaveText('工作仍在「建立中」：進入「運送中」之前不做任何處理');
  await expect(why('drive.held')).toHaveText('工作仍在「建立中」');
  expect(await englishReasons(page, /contoso-90\d|TRK-90\d|WD-90\d/g)).toEqual([]);
  await custody.scrollIntoViewIfNeeded();
  await shot(page, 'zh-TW-job-custody-held');
});

test('scanning a burst of codes that are not drives into a box records none of them, at scanner speed', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-951', tracking: 'TRK-951', drives: ['WD-951'] });
  await putJob(station, { name: 'contoso-952', tracking: 'TRK-952', drives: ['WD-952'] });
  // a box received before: its tracking number scanned again is no drive and no next box
  await station.api.call('packages.receive', { operator: OPERATOR, trackingNumber: 'TRK-952' });
  await station.api.call('drives.scan', { operator: OPERATOR, serial: 'WD-952' });
  await station.api.call('packages.close', { operator: OPERATOR, trackingNumber: 'TRK-952' });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-951');
  const before = dumpStore(station);
  for (const code of ['contoso-952', 'TRK-952', 'contoso-951']) await scan(page, code);
  await expect(page.getByTestId('pending')).toHaveAttribute('data-pending', '0');
  await expect(page.getByTestId('recent').locator('[data-tone="rejected"]')).toHaveCount(3);
  expect(dumpStore(station)).toEqual(before);
  await scanAndWait(page, 'WD-951');
  await expect(banner(page)).toHaveAttribute('data-tone', 'accepted');
});

test("on a screen that takes no scans, a serial opens its job's page, a box opens on Receive; a code nothing knows, the search", async ({
  page,
  station,
}) => {
  await putJob(station, { name: 'contoso-961', tracking: 'TRK-961', drives: ['WD-961'] });
  await signIn(page, station);
  await page.keyboard.press('Alt+6');
  await scan(page, 'WD-961');
  await expect(page.getByTestId('job-page')).toHaveAttribute('data-job', 'contoso-961');
  await page.keyboard.press('Alt+6');
  await scan(page, 'TRK-961');
  await expect(page.getByTestId('receive-screen')).toBeVisible();
  await expect(page.getByTestId('package')).toHaveAttribute('data-tracking', 'TRK-961');
  await page.keyboard.press('Alt+6');
  await scan(page, 'NOTHING-961');
  await expect(page.getByTestId('job-page')).toHaveCount(0);
  await expect(page.getByRole('searchbox').or(page.locator('input[type="search"]')).first()).toHaveValue('NOTHING-961');
});
