// A whole box on one screen: at 1366×768 (the dock's smallest PC) a 12-drive box fits without scrolling, the
// count "n of N" stays in view through a burst, missing drives lead each list, and no scroller sits inside
// another. Checked by the page's own scroll sizes, in both languages at 1366 and 1920, with screenshots.
import type { Page } from '@playwright/test';
import { test, expect, putJob, signIn, scan, scanAndWait, shot, driveRow } from './dock.ts';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/** Every element that scrolls now, and whether an element around it scrolls too. */
async function scrollers(page: Page): Promise<{ what: string; nested: boolean }[]> {
  return page.evaluate(() => {
    const scrolls = (el: Element): boolean => {
      const s = getComputedStyle(el);
      return /(auto|scroll)/.test(s.overflowY) && el.scrollHeight > el.clientHeight + 1;
    };
    const out: { what: string; nested: boolean }[] = [];
    for (const el of document.querySelectorAll('body *')) {
      if (!scrolls(el)) continue;
      let up = el.parentElement;
      let nested = false;
      while (up) {
        if (scrolls(up)) nested = true;
        up = up.parentElement;
      }
      out.push({ what: `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`, nested });
    }
    return out;
  });
}

/** A shared box of 12 drives: two jobs of 6 (an import job lists at most 10). */
async function twelveDriveBox(station: Parameters<typeof putJob>[0]): Promise<string[]> {
  const drives = Array.from({ length: 12 }, (_, i) => `WCC4N7KX${String(i + 1).padStart(2, '0')}`);
  await putJob(station, { name: 'fabrikam-12a', tracking: 'BOX12-1', drives: drives.slice(0, 6) });
  await putJob(station, { name: 'fabrikam-12b', tracking: 'BOX12-2', drives: drives.slice(6) });
  return drives;
}

for (const size of SIZES) {
  for (const lang of ['en', 'zh-TW'] as const) {
    const title = `at ${size.width}×${size.height} in ${lang} a 12-drive box fits without scrolling, "n of N" in view through a burst`;
    test(`${title}, missing drives first`, async ({ page, station }) => {
      await page.setViewportSize(size);
      const drives = await twelveDriveBox(station);
      await signIn(page, station);
      if (lang === 'zh-TW') {
        await page.keyboard.press('Alt+L');
        await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
      }
      await scanAndWait(page, 'BOX12');
      const count = page.getByTestId('count-total');
      // a burst, every other drive: the count never leaves the screen
      for (const s of drives.filter((_, i) => i % 2 === 0)) {
        await scan(page, s);
        await expect(count).toBeInViewport({ ratio: 1 });
      }
      await expect(page.getByTestId('pending')).toHaveAttribute('data-pending', '0');
      await expect(count).toHaveAttribute('data-testid', 'count-total');
      await expect(count).toHaveText(lang === 'en' ? '6 of 12 received' : '已收 6 / 12');
      await expect(driveRow(page, drives[10]!)).toHaveAttribute('data-state', 'Received');
      // missing drives lead each job's list
      for (const job of ['fabrikam-12a', 'fabrikam-12b']) {
        const states = await page
          .locator(`article[data-job="${job}"] li[data-serial]`)
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
        expect(states, job).toEqual(['Specified', 'Specified', 'Specified', 'Received', 'Received', 'Received']);
      }
      await shot(page, `receive-12-drives-${size.width}-${lang}`);
      // the whole box is on screen: the page does not scroll, the box's column does not need to, nothing nests
      const page_ = await page.evaluate(() => ({ scroll: document.documentElement.scrollHeight, view: window.innerHeight }));
      expect(page_.scroll, 'the page itself does not scroll').toBeLessThanOrEqual(page_.view + 1);
      const main = await page.locator('.receive-main').evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
      expect(main.scroll, 'the box fits its column').toBeLessThanOrEqual(main.client + 1);
      for (const d of drives) await expect(driveRow(page, d)).toBeInViewport({ ratio: 1 });
      expect((await scrollers(page)).filter((s) => s.nested)).toEqual([]);
    });
  }

  test(`at ${size.width}×${size.height} a 40-drive box keeps "n of N" in view as its list scrolls, one scroller per column`, async ({
    page,
    station,
  }) => {
    await page.setViewportSize(size);
    const drives = Array.from({ length: 40 }, (_, i) => `WD-WCC4N88${String(i).padStart(2, '0')}`);
    for (let k = 0; k < 4; k++)
      await putJob(station, { name: `contoso-40${k}`, tracking: `BOX40-${k + 1}`, drives: drives.slice(k * 10, k * 10 + 10) });
    await signIn(page, station);
    await scanAndWait(page, 'BOX40');
    for (const s of drives.slice(-8)) await scan(page, s);
    await expect(page.getByTestId('pending')).toHaveAttribute('data-pending', '0');
    await expect(driveRow(page, drives[39]!)).toBeInViewport();
    await expect(page.getByTestId('count-total')).toBeInViewport({ ratio: 1 });
    expect((await scrollers(page)).filter((s) => s.nested)).toEqual([]);
    await shot(page, `receive-40-drives-${size.width}`);
  });
}
