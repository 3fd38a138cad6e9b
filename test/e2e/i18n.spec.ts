// English and Traditional Chinese, switchable at any time: the same scan's answer re-reads in the other
// language, errors from the station translate by their code, and the choice survives a reload.
import { test, expect, putJob, signIn, scanAndWait, shot, banner } from './dock.ts';

test('the language switches at any time, and the last scan\'s answer reads in the new language', async ({ page, station }) => {
  await putJob(station, { name: 'contoso-501', tracking: 'TRK-501', drives: ['WD-501A', 'WD-501B', 'WD-501C'] });
  await signIn(page, station);
  await scanAndWait(page, 'TRK-501');
  await scanAndWait(page, 'WD-501A');
  await scanAndWait(page, 'SN-EXTRA-501');
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
  await scanAndWait(page, 'WD-502');
  await expect(banner(page)).toHaveAttribute('data-tone', 'rejected');
  await expect(banner(page)).toContainText('目前沒有開啟的包裹：請先掃描包裹追蹤號碼。');
  await shot(page, 'zh-TW-rejected');
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
  const english = texts.map((t) => t.replace(/F\d+|TRK-503|WD-503|contoso-503|Amy Lin|English|DHL|dock-1|Datacenter Receiving Dock/g, '')).filter((t) => /[A-Za-z]{3,}/.test(t));
  expect(english).toEqual([]);
  await shot(page, 'zh-TW-receive-package');
  for (const [key, name] of [['2', 'exceptions'], ['3', 'jobs'], ['4', 'copy'], ['6', 'commands']] as const) {
    await page.keyboard.press(`Alt+${key}`);
    await page.waitForTimeout(300);
    await shot(page, `zh-TW-${name}`);
  }
});
