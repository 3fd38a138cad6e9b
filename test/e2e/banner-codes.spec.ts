// A serial or tracking number named inside the Receive banner's sentence stays on one line, in English and in
// Chinese, on a 1366x768 dock screen and in a 1024 px window: "record WD-" on one line and the rest of the serial
// on the next is read as two codes. Measured in the page: an inline element broken across lines has more than
// one box, and is taller than one line.
import type { Locator, Page } from '@playwright/test';
import { test, expect, putJob, signIn, scanAndWait, shot } from './dock.ts';

const JOB = 'job-long-codes-0001';
const TRACKING = 'TRK-1Z-999-AA1-0123-4567';
const SERIAL = 'WD-WX12-AB34-CD56-EF78';
const OTHER = 'WD-WX12-AB34-CD56-EF79';

/** Each of the codes, where the sentence names it, is one unbroken line inside the banner. */
async function expectWhole(page: Page, where: Locator, codes: string[]) {
  for (const code of codes) {
    const span = where.locator('[data-code-nb]', { hasText: code }).first();
    await expect(span).toHaveText(code);
    const m = await span.evaluate((el) => {
      const rects = el.getClientRects();
      const style = getComputedStyle(el);
      const line = style.lineHeight === 'normal' ? parseFloat(style.fontSize) * 1.25 : parseFloat(style.lineHeight);
      const outer = el.closest('[data-testid="scan-feedback"]')!.getBoundingClientRect();
      const box = el.getBoundingClientRect();
      return { boxes: rects.length, height: box.height, line, right: box.right, outerRight: outer.right };
    });
    expect(m.boxes, `${code} is drawn in one piece`).toBe(1);
    expect(m.height, `${code} is one line high`).toBeLessThan(m.line * 1.5);
    expect(m.right, `${code} stays inside the banner`).toBeLessThanOrEqual(m.outerRight);
  }
}

for (const lang of ['en', 'zh-TW'] as const) {
  test(`${lang}: a long serial and tracking number in the banner and its offer each stay on one line at 1366 and 1024 px`, async ({
    page,
    station,
  }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await putJob(station, { name: JOB, tracking: TRACKING, drives: [SERIAL, OTHER] });
    await signIn(page, station);
    if (lang === 'zh-TW') {
      await page.keyboard.press('Alt+L');
      await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
    }
    await scanAndWait(page, SERIAL);
    const text = page.getByTestId('feedback-text');
    const offer = page.getByTestId('offer-openBox');
    // the words read as before: the codes are kept whole, not changed
    if (lang === 'en') {
      await expect(text).toContainText(`${SERIAL} is a drive of job ${JOB}, expected in package ${TRACKING}`);
      await expect(offer).toContainText(`Open package ${TRACKING} and record ${SERIAL} in it`);
    }
    for (const width of [1366, 1024]) {
      await page.setViewportSize({ width, height: 768 });
      await expectWhole(page, text, [SERIAL, TRACKING, JOB]);
      await expectWhole(page, offer, [SERIAL, TRACKING]);
      await shot(page, `${lang === 'en' ? '' : 'zh-TW-'}receive-banner-codes-${width}`);
    }
  });
}
