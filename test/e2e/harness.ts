// The screen tests' harness: every test gets Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium)
// and its own station server on a fresh temporary data directory, with the built renderer:
//   test('...', async ({ page, station }) => { await page.goto(station.url); ... })
// `station.api` reaches the same station in-process (to set the scene or check the store); `stationOptions`
// sets a clock or the demo jobs: test.use({ stationOptions: { demo: false, clock: new ManualClock(...) } }).
import { test as base, expect, chromium, type Browser } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStationServer, type StationServerOptions } from '../../electron/server.ts';
import { ApiError, type IntakeApi } from '../../electron/api/contract.ts';
import type { Dispatcher } from '../../electron/api/dispatcher.ts';
import type { Station } from '../../electron/station.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export interface StationFixture {
  /** The page to open: the station's address with this run's token in the fragment. */
  url: string;
  /** http://127.0.0.1:<port> */
  origin: string;
  token: string;
  dispatcher: Dispatcher;
  /** The contract in-process, refusals thrown as ApiError: to set the scene and to check the store. */
  api: IntakeApi;
  station: Station;
  dataDir: string;
}

export type StationOptions = Pick<StationServerOptions, 'clock' | 'demo' | 'rendererDir' | 'blank'>;

export const test = base.extend<{ station: StationFixture; stationOptions: StationOptions }, { browser: Browser }>({
  browser: [async ({}, use) => {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    await use(browser);
    await browser.close();
  }, { scope: 'worker' }],
  stationOptions: [{}, { option: true }],
  station: async ({ stationOptions }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dock-intake-e2e-'));
    const server = await startStationServer({ dataDir, ...stationOptions });
    const { dispatcher } = server;
    const api: IntakeApi = {
      async call(op, input) {
        const reply = await dispatcher.dispatch(op, input);
        if (reply.ok) return reply.result as never;
        throw new ApiError(reply.error);
      },
      onChange: (l) => dispatcher.onChange(l),
    };
    try {
      await use({ url: server.url, origin: server.origin, token: server.token, dispatcher, api, station: server.station, dataDir });
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
});

export { expect };
