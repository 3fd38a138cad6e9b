// English and Traditional Chinese, switchable at any time: the same scan's answer re-reads in the other
// language, errors from the station translate by their code, and the choice survives a reload.
import { test, expect, putJob, signIn, scanAndWait, shot, banner, OPERATOR } from './dock.ts';
import type { Page } from '@playwright/test';

/** Visible English words left in a region, with codes and names taken out. */
async function englishIn(page: Page, selector: string, allowed: RegExp): Promise<string[]> {
  // the core's English reason may stay as a secondary line marked lang="en"; everything else must be Chinese
  const texts = await page.locator(selector).evaluateAll((els) =>
    els.map((el) => {
      const c = el.cloneNode(true) as HTMLElement;
      c.querySelectorAll('[lang="en"]').forEach((x) => x.remove());
      return c.textContent ?? '';
    }),
  );
  return texts.map((t) => t.replace(allowed, '')).filter((t) => /[A-Za-z]{3,}/.test(t));
}

test("the language switches at any time, and the last scan's answer reads in the new language", async ({ page, station }) => {
  await putJob(station, { name: 'contoso-501', tracking: 'TRK-501', drives: ['WD-501A', 'WD-501B', 'WD-501C'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-501');
  await scanAndWait(page, 'WD-501A');
  await scanAndWait(page, 'SN-EXTRA-501');
  await page.keyboard.press('F6'); // a serial on no list is confirmed before it is an extra drive
  await expect(banner(page)).toContainText('EXTRA DRIVE');
  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
  await expect(banner(page)).toContainText('額外硬碟');
  await expect(banner(page)).toContainText('不在工作 contoso-501 的清單上');
  await expect(page.getByTestId('count-contoso-501')).toHaveText('已收 1 / 3');
  await expect(page.getByTestId('nav-receive')).toHaveText('收件');
  await shot(page, 'zh-TW-receive-extra');
  // scanning goes on in Chinese
  await scanAndWait(page, 'WD-501B');
  await expect(banner(page)).toContainText('已收到');
  await shot(page, 'zh-TW-receive-received');
  // and back, with the same keys
  await page.keyboard.press('Alt+L');
  await expect(banner(page)).toContainText('RECEIVED');
});

test('a refusal from the station reads in Chinese by its code', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-502', tracking: 'TRK-502', drives: ['WD-502'] });
  await signIn(page, station);
  await page.getByTestId('lang-toggle').click();
  await page.keyboard.press('F8'); // close, with no box open
  await expect(banner(page)).toHaveAttribute('data-tone', 'rejected');
  await expect(banner(page)).toContainText('目前沒有開啟的包裹：請先掃描包裹追蹤號碼。');
  await shot(page, 'zh-TW-rejected');
  // a listed drive before its box: the offer to open that box reads in Chinese too
  await scanAndWait(page, 'WD-502');
  await expect(banner(page)).toContainText('WD-502 是工作 contoso-502 的硬碟，應在包裹 TRK-502 中');
  await expect(page.getByTestId('offer-openBox')).toContainText('開啟包裹 TRK-502 並將 WD-502 記入');
  await scanAndWait(page, 'TRK-502');
  await scanAndWait(page, 'WD#502');
  await expect(banner(page)).toContainText('「WD#502」含有序號或追蹤號碼不會有的字元');
});

test('the chosen language survives a reload, and no English is left on the Chinese Receive screen', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-503', tracking: 'TRK-503', drives: ['WD-503'] });
  await signIn(page, station);
  await page.getByTestId('lang-toggle').click();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
  await expect(page.getByTestId('nav-receive')).toHaveText('收件');
  await scanAndWait(page, 'TRK-503');
  // every button, label and heading: no English words (codes, names and key names aside)
  const texts = await page.locator('button, label, h1, h2, h3, h4, [data-testid="prompt"], .banner-title').allInnerTexts();
  const english = texts
    .map((t) => t.replace(/F\d+|TRK-503|WD-503|contoso-503|Amy Lin|English|DHL|dock-1|Datacenter Receiving Dock/g, ''))
    .filter((t) => /[A-Za-z]{3,}/.test(t));
  expect(english).toEqual([]);
  await shot(page, 'zh-TW-receive-package');
  for (const [key, name] of [
    ['2', 'exceptions'],
    ['3', 'jobs'],
    ['4', 'copy'],
    ['6', 'commands'],
  ] as const) {
    await page.keyboard.press(`Alt+${key}`);
    await page.waitForTimeout(300);
    await shot(page, `zh-TW-${name}`);
  }
});

test('in Chinese the job page reads without English: what can happen next, box states, no-change updates', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-504', tracking: 'TRK-504', drives: ['WD-504'] });
  await station.api.call('packages.receive', { operator: OPERATOR, trackingNumber: 'TRK-504' });
  await station.api.call('drives.scan', { operator: OPERATOR, serial: 'WD-504' });
  await station.api.call('packages.close', { operator: OPERATOR });
  await station.api.call('copy.start', { operator: OPERATOR, jobName: 'contoso-504' });
  await station.api.call('copy.record', { operator: OPERATOR, driveId: 'WD-504', percentComplete: 30 });
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, station);
  await page.getByTestId('lang-toggle').click();
  await page.keyboard.press('Alt+3');
  await page.getByRole('button', { name: 'contoso-504' }).click();
  const possible = page.getByTestId('possibilities');
  const next = possible.locator('li[data-trigger="allDrivesProcessed"]');
  await expect(next).toContainText('「包裝中」 — 所有硬碟處理完成');
  // why not yet: the rule's reason worded in Chinese from its code and the serial it names, no English line at all
  await expect(next).toHaveAttribute('data-rule', 'DRIVES_NOT_PROCESSED');
  await expect(next).toContainText('還有 1 顆硬碟尚未處理：WD-504。');
  const lines = await possible.locator('li').allTextContents();
  expect(lines.map((t) => t.replace(/WD-504/g, '')).filter((t) => /[A-Za-z]{3,}/.test(t))).toEqual([]);
  const custody = page.getByTestId('custody');
  await expect(custody.locator('tr[data-action="package.closed"]')).toContainText('開啟 → 已關閉');
  await expect(custody.locator('tr[data-action="drive.copyProgress"]')).toContainText('狀態未變');
  await expect(custody).not.toContainText('∅');
  expect(
    await englishIn(
      page,
      '[data-testid="custody"] td:nth-child(4), [data-testid="custody"] td:nth-child(6), h1, h2, button',
      /contoso-504|CSV|Amy Lin|English|TRK-504/g,
    ),
  ).toEqual([]);
  await shot(page, 'zh-TW-job-page-1366');
  await page.getByTestId('custody').scrollIntoViewIfNeeded();
  await shot(page, 'zh-TW-job-page-custody-1366');
});

test('in Chinese the Copy screen names the copy statuses, and Start copy is offered for a received job', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-505', tracking: 'TRK-505', drives: ['WD-505'] });
  await putJob(station, { name: 'contoso-506', tracking: 'TRK-506', drives: ['WD-506'] });
  for (const [trk, sn] of [
    ['TRK-505', 'WD-505'],
    ['TRK-506', 'WD-506'],
  ]) {
    await station.api.call('packages.receive', { operator: OPERATOR, trackingNumber: trk! });
    await station.api.call('drives.scan', { operator: OPERATOR, serial: sn! });
    await station.api.call('packages.close', { operator: OPERATOR });
  }
  await station.api.call('copy.start', { operator: OPERATOR, jobName: 'contoso-505' });
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, station);
  await page.getByTestId('lang-toggle').click();
  await page.keyboard.press('Alt+4');
  await page.locator('button[data-job="contoso-505"]').click();
  const select = page.locator('form.record-form[data-serial="WD-505"] select');
  await expect(select.locator('option[value="CompletedWithErrors"]')).toHaveText('完成（有錯誤）');
  await expect(select.locator('option[value="BitLockerKeyInvalid"]')).toHaveText('BitLocker 金鑰無效');
  await shot(page, 'zh-TW-copy-1366');
  await page.locator('button[data-job="contoso-506"]').click();
  await expect(page.getByTestId('start-copy')).toBeEnabled();
});

test('in Chinese the Exceptions rows for faulted jobs and drives read in Chinese, and fit 1366 px', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-507', tracking: 'TRK-507', drives: ['WD-507'] });
  await station.api.call('jobs.fault', { operator: OPERATOR, name: 'contoso-507', reason: 'manifest lost' });
  await putJob(station, { name: 'contoso-508', tracking: 'TRK-508', drives: ['WD-508'] });
  await station.api.call('packages.receive', { operator: OPERATOR, trackingNumber: 'TRK-508' });
  await station.api.call('drives.scan', { operator: OPERATOR, serial: 'WD-508' });
  await station.api.call('packages.close', { operator: OPERATOR });
  await station.api.call('drives.fault', { operator: OPERATOR, driveId: 'WD-508', reason: 'bent' });
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, station);
  await page.getByTestId('lang-toggle').click();
  await page.keyboard.press('Alt+2');
  await expect(page.locator('tr[data-kind="faultedJob"]')).toContainText('故障（manifest lost）：聯絡客戶，然後恢復為「運送中」。');
  await expect(page.locator('tr[data-kind="faultedDrive"]')).toContainText('故障（bent）：修復後恢復為「已收到」。');
  await expect(page.locator('tr[data-kind="faultedJob"]').getByRole('button', { name: '解除工作故障 contoso-507' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
  expect(
    await englishIn(page, '.exc-next, .exc-table .chip, .exc-actions button, thead th, .exc-group-step', /manifest lost|bent/g),
  ).toEqual([]);
  await shot(page, 'zh-TW-exceptions-1366');
});
