// What the Receive-screen specs share: a station with no demo jobs and a clock the test can move, jobs put
// in place through the contract, a scanner that types at scanner speed, the store dumped to prove a
// refusal changed nothing, and screenshots kept under test-results/screens to be looked at.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Locator, Page } from '@playwright/test';
import { test as harness, expect, type StationFixture } from './harness.ts';
import { ManualClock } from '../../electron/core/clock.ts';

export const SCREENS_DIR = join(import.meta.dirname, '..', '..', 'test-results', 'screens');
export const OPERATOR = 'Amy Lin';
export const BADGE = 'OP-0001';

export const test = harness.extend<{ clock: ManualClock }>({
  clock: async ({}, use) => use(new ManualClock('2026-11-02T09:00:00Z')),
  stationOptions: async ({ clock }, use) => use({ demo: false, clock }),
});
export { expect };

export const ADDRESS = {
  recipientName: 'Lin Mei-Hua', streetAddress1: 'No. 100, Zhongzheng Rd.', city: 'Taipei', postalCode: '100',
  countryOrRegion: 'TW', phone: '+886 2 2311 0000', email: 'mei@example.com.tw',
};

export interface JobSpec {
  name: string;
  state?: 'Creating' | 'Shipping';
  tracking?: string;
  drives: string[];
  address?: Record<string, string> | null;
  jobType?: 'Import' | 'Export';
}

/** A job as the customer created it, through the contract. */
export async function putJob(station: StationFixture, j: JobSpec): Promise<void> {
  await station.api.call('jobs.put', {
    operator: OPERATOR,
    job: {
      name: j.name,
      properties: {
        jobType: j.jobType ?? 'Import',
        state: j.state ?? 'Shipping',
        ...(j.tracking ? { deliveryPackage: { carrierName: 'DHL', trackingNumber: j.tracking } } : {}),
        ...(j.address === null ? {} : { returnAddress: j.address ?? ADDRESS }),
        returnShipping: { carrierName: 'DHL', carrierAccountNumber: '960112233' },
        driveList: j.drives.map((driveId) => ({ driveId })),
      },
    },
  });
}

/** Every table of the store, rows sorted: compared before and after to prove nothing changed. */
export function dumpStore(station: StationFixture): Record<string, string[]> {
  const db = station.station.store.db;
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all().map((r) => JSON.stringify(r)).sort()]));
}

/** A keyboard-wedge scanner: about 5 ms per character, then Enter, as the issue describes. */
export async function scan(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
}

/** The scan's answer is on screen once nothing is waiting and the banner shows a newer answer. */
export async function scanAndWait(page: Page, code: string): Promise<Locator> {
  const before = Number(await page.getByTestId('scan-feedback').getAttribute('data-feedback-id'));
  await scan(page, code);
  try {
    await expect(page.getByTestId('scan-feedback')).not.toHaveAttribute('data-feedback-id', String(before));
  } catch (e) {
    // say what the scanner listener made of the keys, so a timing problem shows as one
    const trace = await page.evaluate(() => JSON.stringify((window as unknown as { __dockWedge?: { trace: unknown[] } }).__dockWedge?.trace.slice(-3)));
    throw new Error(`no answer to the scan of ${code}; the wedge saw: ${trace}\n${String(e)}`);
  }
  await expect(page.getByTestId('pending')).toHaveAttribute('data-pending', '0');
  return page.getByTestId('scan-feedback');
}

/**
 * A scanner's burst sent the way real hardware sends it: all key events at once, in order (Playwright's own
 * keyboard waits for every key's round trip, slower than a scanner).
 */
export function burst(cdp: CDPSession, code: string): Promise<unknown> {
  const sends: Promise<unknown>[] = [];
  for (const ch of code) {
    const up = ch.toUpperCase();
    const letter = /[A-Z]/.test(up);
    const digit = /[0-9]/.test(ch);
    const vk = letter || digit ? up.charCodeAt(0) : ch === '-' ? 189 : ch === '.' ? 190 : 0;
    const keyCode = letter ? `Key${up}` : digit ? `Digit${ch}` : ch === '-' ? 'Minus' : ch === '.' ? 'Period' : '';
    sends.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: ch, code: keyCode, text: ch, unmodifiedText: ch, windowsVirtualKeyCode: vk }));
    sends.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch, code: keyCode, windowsVirtualKeyCode: vk }));
  }
  sends.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Enter', code: 'Enter', text: '\r', unmodifiedText: '\r', windowsVirtualKeyCode: 13 }));
  sends.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 }));
  return Promise.all(sends);
}

/** Opens the station and signs in by scanning the badge. */
export async function signIn(page: Page, station: StationFixture): Promise<void> {
  await page.goto(station.url);
  await expect(page.getByTestId('signin-screen')).toBeVisible();
  await scan(page, BADGE);
  try {
    await expect(page.getByTestId('receive-screen')).toBeVisible();
  } catch (e) {
    const trace = await page.evaluate(() => JSON.stringify((window as unknown as { __dockWedge?: { trace: unknown[] } }).__dockWedge?.trace.slice(-3)));
    throw new Error(`the badge scan did not sign in; the wedge saw: ${trace}\n${String(e)}`);
  }
  await expect(page.getByTestId('operator')).toContainText(OPERATOR);
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`) });
}

export const banner = (page: Page): Locator => page.getByTestId('scan-feedback');
export const driveRow = (page: Page, serial: string): Locator => page.locator(`[data-testid="package"] li[data-serial="${serial}"]`);
