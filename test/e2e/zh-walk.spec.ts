// zh-TW complete: a walk through Exceptions, Jobs (list and job page) and Packaging (a job's box and the return
// box of held drives) in Traditional Chinese collects every visible text and fails on an English word that is not
// a code, a serial, a tracking number or a name the dock itself gave.
import { test, expect, putJob, signIn, scan, shot, OPERATOR, ADDRESS } from './dock.ts';
import type { Page } from '@playwright/test';
import type { StationFixture } from './harness.ts';
import type { ManualClock } from '../../electron/core/clock.ts';

async function receiveThroughApi(station: StationFixture, tracking: string, serials: string[]): Promise<void> {
  await station.api.call('packages.receive', { operator: OPERATOR, trackingNumber: tracking });
  for (const s of serials) await station.api.call('drives.scan', { operator: OPERATOR, serial: s });
  await station.api.call('packages.close', { operator: OPERATOR });
}

/** What the dock gave names to: its jobs, serials, boxes, people, carriers and the customer's address. */
const NAMES = [
  'walk-held-501',
  'walk-late-502',
  'walk-addr-503',
  'walk-pack-504',
  'walk-fault-505',
  'WD-501A',
  'WD-501B',
  'WD-502',
  'WD-503',
  'WD-504A',
  'WD-504B',
  'WD-505',
  'SN-EXTRA-504',
  'SN-STRAY-506',
  'TRK-501',
  'TRK-502',
  'TRK-503',
  'TRK-504',
  'TRK-505',
  'TRK-NOJOB-506',
  OPERATOR,
  'DHL',
  'dock-1', // the station's id
  'Datacenter Receiving Dock', // the dock's name, as its settings give it
  'English', // the language switch names the language it switches to, in that language
  ...Object.values(ADDRESS),
];
/** Codes and units every language writes the same way. */
const CODES = ['PDF', 'ZPL', 'CSV', 'JSON', 'ID', 'YYYY', 'MM', 'DD', 'UTC', 'GMT', 'TW', 'Alt'];
const ALLOWED = new Set(
  [...NAMES, ...CODES]
    .flatMap((n) => n.split(/[^A-Za-z]+/))
    .filter((w) => w.length > 1)
    .map((w) => w.toLowerCase()),
);

/** English words on screen that are none of the dock's names or codes. */
async function english(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const parts = [document.body.innerText];
    // what a button or field says to a screen reader counts too
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
      for (const a of ['aria-label', 'placeholder', 'title']) {
        const v = el.getAttribute(a);
        if (v && (el as HTMLElement).offsetParent !== null) parts.push(v);
      }
    }
    return parts.join('\n');
  });
  const words = text.match(/[A-Za-z][A-Za-z'’]+/g) ?? [];
  return [...new Set(words.filter((w) => !ALLOWED.has(w.replace(/['’].*$/, '').toLowerCase())))];
}

async function zhScreen(page: Page, key: string, testId: string, name: string, found: Map<string, string[]>, lang: string): Promise<void> {
  await page.keyboard.press(key);
  await expect(page.getByTestId(testId)).toBeVisible();
  await page.waitForTimeout(150); // the list answers within a frame or two; what arrives later is looked at next
  found.set(name, await english(page));
  await shot(page, `${lang}-walk-${name}`);
}

/** The walk: a dock with a row of each kind, then every screen at 1366 and 1920, what each shows collected. */
async function walk(page: Page, station: StationFixture, clock: ManualClock, lang: 'en' | 'zh-TW'): Promise<Map<string, string[]>> {
  await putJob(station, { name: 'walk-held-501', state: 'Creating', tracking: 'TRK-501', drives: ['WD-501A', 'WD-501B'] });
  await receiveThroughApi(station, 'TRK-501', ['WD-501A', 'WD-501B']);
  await putJob(station, { name: 'walk-late-502', tracking: 'TRK-502', drives: ['WD-502'] });
  await station.api.call('packages.receive', { operator: OPERATOR, trackingNumber: 'TRK-NOJOB-506' });
  await station.api.call('drives.scan', { operator: OPERATOR, serial: 'SN-STRAY-506' });
  await station.api.call('packages.close', { operator: OPERATOR });
  clock.advanceDays(15);
  await putJob(station, { name: 'walk-addr-503', tracking: 'TRK-503', drives: ['WD-503'] });
  await receiveThroughApi(station, 'TRK-503', ['WD-503']);
  await station.api.call('copy.start', { operator: OPERATOR, jobName: 'walk-addr-503' });
  await station.api.call('jobs.update', { operator: OPERATOR, name: 'walk-addr-503', patch: { returnAddress: { phone: '' } } });
  await putJob(station, { name: 'walk-pack-504', tracking: 'TRK-504', drives: ['WD-504A', 'WD-504B'] });
  await receiveThroughApi(station, 'TRK-504', ['WD-504A', 'WD-504B', 'SN-EXTRA-504']);
  await station.api.call('copy.start', { operator: OPERATOR, jobName: 'walk-pack-504' });
  for (const d of ['WD-504A', 'WD-504B'])
    await station.api.call('copy.record', { operator: OPERATOR, driveId: d, copyStatus: 'Completed' });
  await putJob(station, { name: 'walk-fault-505', tracking: 'TRK-505', drives: ['WD-505'] });
  await receiveThroughApi(station, 'TRK-505', ['WD-505']);
  await station.api.call('drives.fault', { operator: OPERATOR, driveId: 'WD-505', reason: '讀取器無法掛載磁碟' });

  await signIn(page, station);
  if (lang === 'zh-TW') await page.keyboard.press('Alt+L');
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  const found = new Map<string, string[]>();
  for (const [w, h] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await zhScreen(page, 'Alt+2', 'exceptions-screen', `exceptions-${w}`, found, lang);
    await expect(page.locator('tr[data-kind]').first()).toBeVisible();
    found.set(`exceptions-rows-${w}`, await english(page));
    await page.getByTestId('filter-overdue').click();
    found.set(`exceptions-overdue-${w}`, await english(page));
    await page.getByTestId('filter-all').click();
    await zhScreen(page, 'Alt+3', 'jobs-screen', `jobs-${w}`, found, lang);
    await expect(page.locator('tr[data-job]').first()).toBeVisible();
    found.set(`jobs-list-${w}`, await english(page));
    await scan(page, 'WD-504A'); // the job page of a drive
    await expect(page.getByTestId('job-page')).toHaveAttribute('data-job', 'walk-pack-504');
    found.set(`job-page-${w}`, await english(page));
    await shot(page, `${lang}-walk-job-page-${w}`);
    await zhScreen(page, 'Alt+5', 'packaging-screen', `packaging-${w}`, found, lang);
    await scan(page, 'WD-504A'); // its return box opens with the drive in it
    await expect(page.locator('.pk-detail')).toHaveAttribute('data-job', 'walk-pack-504');
    found.set(`packaging-box-${w}`, await english(page));
    await shot(page, `${lang}-walk-packaging-box-${w}`);
    await page.keyboard.press('Alt+3'); // away and back: Packaging starts with no box open
    await page.keyboard.press('Alt+5');
    await expect(page.getByTestId('packaging-screen')).toBeVisible();
    await scan(page, 'SN-STRAY-506'); // a held drive due for return: the return box of held drives
    await expect(page.getByTestId('held-return')).toBeVisible();
    found.set(`held-return-${w}`, await english(page));
    await shot(page, `${lang}-walk-held-return-${w}`);
  }
  return found;
}

test('every screen of Exceptions, Jobs and Packaging in zh-TW shows no English but codes, serials and names', async ({
  page,
  station,
  clock,
}) => {
  test.setTimeout(60_000);
  const found = await walk(page, station, clock, 'zh-TW');
  expect(found.size).toBe(18); // nine looks at each of two sizes
  const bad = [...found].filter(([, words]) => words.length);
  expect(Object.fromEntries(bad)).toEqual({});
});

test('the same walk in English shows the same screens (looked at as screenshots)', async ({ page, station, clock }) => {
  test.setTimeout(60_000);
  const found = await walk(page, station, clock, 'en');
  expect(found.get('exceptions-1366')).toContain('Exceptions'); // the walk does see English when it is the language
});
