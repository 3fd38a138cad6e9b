// What the Receive-screen specs share: a station with no demo jobs and a clock the test can move, jobs put
// in place through the contract, a scanner that types at scanner speed, the store dumped to prove a
// refusal changed nothing, and screenshots kept under test-results/screens to be looked at.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Locator, Page } from '@playwright/test';
import { test as harness, expect, type StationFixture } from './harness.ts';
import { ManualClock } from '../../electron/core/clock.ts';
import { dumpTables } from '../store-file.ts';

export const SCREENS_DIR = join(import.meta.dirname, '..', '..', 'test-results', 'screens');
export const OPERATOR = 'Amy Lin';
export const BADGE = 'OP-0001';

export const test = harness.extend<{ clock: ManualClock }>({
  clock: async ({}, use) => use(new ManualClock('2026-11-02T09:00:00Z')),
  stationOptions: async ({ clock }, use) => use({ demo: false, clock }),
});
export { expect };

export const ADDRESS = {
  recipientName: 'Lin Mei-Hua',
  streetAddress1: 'No. 100, Zhongzheng Rd.',
  city: 'Taipei',
  postalCode: '100',
  countryOrRegion: 'TW',
  phone: '+886 2 2311 0000',
  email: 'mei@example.com.tw',
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
  return dumpTables(station.station.store.path);
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();
const cdpOf = (page: Page): Promise<CDPSession> => {
  let s = sessions.get(page);
  if (!s) {
    s = page.context().newCDPSession(page);
    sessions.set(page, s);
  }
  return s;
};

/**
 * A keyboard-wedge scanner: one character every 5 ms, then Enter. The key events carry the time the
 * scanner typed them, as the operating system stamps a real keyboard's events, so the test does not
 * depend on how fast a loaded test machine passes Playwright's keys along (measured: 150–250 ms between
 * keys at load 9 on 2 cores, which no scanner does). GS is sent as Ctrl+], as wedges send it.
 */
export async function scan(
  page: Page,
  code: string,
  opts: { msPerChar?: number; end?: 'Enter' | 'Tab'; gsAs?: 'ctrl]' | 'character' } = {},
): Promise<void> {
  const msPerChar = opts.msPerChar ?? 5;
  const cdp = await cdpOf(page);
  const base = Date.now() / 1000 - (code.length * msPerChar) / 1000; // typed over the last ms; Enter is now
  const sends: Promise<unknown>[] = [];
  const at = (i: number) => base + (i * msPerChar) / 1000;
  [...code].forEach((ch, i) => {
    if (ch === '\u001d' && opts.gsAs === 'character') {
      // some wedges type GS as a character with no key of its own
      sends.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text: ch, unmodifiedText: ch, timestamp: at(i) }));
      sends.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', timestamp: at(i) }));
      return;
    }
    if (ch === '\u001d') {
      sends.push(
        cdp.send('Input.dispatchKeyEvent', {
          type: 'rawKeyDown',
          key: ']',
          code: 'BracketRight',
          modifiers: 2,
          windowsVirtualKeyCode: 221,
          timestamp: at(i),
        }),
      );
      sends.push(
        cdp.send('Input.dispatchKeyEvent', {
          type: 'keyUp',
          key: ']',
          code: 'BracketRight',
          modifiers: 2,
          windowsVirtualKeyCode: 221,
          timestamp: at(i),
        }),
      );
      return;
    }
    const k = keyOf(ch);
    sends.push(
      cdp.send('Input.dispatchKeyEvent', {
        type: 'keyDown',
        key: ch,
        code: k.code,
        text: ch,
        unmodifiedText: ch,
        windowsVirtualKeyCode: k.vk,
        timestamp: at(i),
      }),
    );
    sends.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch, code: k.code, windowsVirtualKeyCode: k.vk, timestamp: at(i) }));
  });
  const end = at(code.length);
  if (opts.end === 'Tab') {
    sends.push(
      cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9, timestamp: end }),
    );
    sends.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9, timestamp: end }));
  } else {
    sends.push(
      cdp.send('Input.dispatchKeyEvent', {
        type: 'keyDown',
        key: 'Enter',
        code: 'Enter',
        text: '\r',
        unmodifiedText: '\r',
        windowsVirtualKeyCode: 13,
        timestamp: end,
      }),
    );
    sends.push(
      cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, timestamp: end }),
    );
  }
  await Promise.all(sends);
}

function keyOf(ch: string): { code: string; vk: number } {
  const up = ch.toUpperCase();
  if (/[A-Z]/.test(up)) return { code: `Key${up}`, vk: up.charCodeAt(0) };
  if (/[0-9]/.test(ch)) return { code: `Digit${ch}`, vk: ch.charCodeAt(0) };
  const named: Record<string, [string, number]> = {
    '-': ['Minus', 189],
    '.': ['Period', 190],
    '/': ['Slash', 191],
    ':': ['Semicolon', 186],
    _: ['Minus', 189],
  };
  const n = named[ch];
  return n ? { code: n[0], vk: n[1] } : { code: '', vk: 0 };
}

/** The scan's answer is on screen once nothing is waiting and the banner shows a newer answer. */
export async function scanAndWait(page: Page, code: string, opts: Parameters<typeof scan>[2] = {}): Promise<Locator> {
  const before = Number(await page.getByTestId('scan-feedback').getAttribute('data-feedback-id'));
  await scan(page, code, opts);
  try {
    await expect(page.getByTestId('scan-feedback')).not.toHaveAttribute('data-feedback-id', String(before));
  } catch (e) {
    // say what the scanner listener made of the keys, so a timing problem shows as one
    const trace = await page.evaluate(() =>
      JSON.stringify((window as unknown as { __dockWedge?: { trace: unknown[] } }).__dockWedge?.trace.slice(-3)),
    );
    throw new Error(`no answer to the scan of ${code}; the wedge saw: ${trace}\n${String(e)}`, { cause: e });
  }
  await expect(page.getByTestId('pending')).toHaveAttribute('data-pending', '0');
  return page.getByTestId('scan-feedback');
}

/** Opens the station and signs in by scanning the badge. */
export async function signIn(page: Page, station: StationFixture): Promise<void> {
  await page.goto(station.url);
  await expect(page.getByTestId('signin-screen')).toBeVisible();
  await scan(page, BADGE);
  try {
    await expect(page.getByTestId('receive-screen')).toBeVisible();
  } catch (e) {
    const trace = await page.evaluate(() =>
      JSON.stringify((window as unknown as { __dockWedge?: { trace: unknown[] } }).__dockWedge?.trace.slice(-3)),
    );
    throw new Error(`the badge scan did not sign in; the wedge saw: ${trace}\n${String(e)}`, { cause: e });
  }
  await expect(page.getByTestId('operator')).toContainText(OPERATOR);
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`) });
}

export const banner = (page: Page): Locator => page.getByTestId('scan-feedback');
export const driveRow = (page: Page, serial: string): Locator => page.locator(`[data-testid="package"] li[data-serial="${serial}"]`);
