// The screen tests' harness: every test gets the browser electron/find-browser.ts finds (CHROMIUM_PATH first)
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
import { browserPath } from '../../electron/find-browser.ts';
import { closeSharedPdfRenderer, sharedPdfRenderer } from '../../electron/labels/pdf.ts';
import { newDatabase, onPostgres, testCluster } from '../pg-cluster.ts';

export const CHROMIUM_PATH = browserPath();
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

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

export const test = base.extend<
  { station: StationFixture; stationOptions: StationOptions },
  { browser: Browser; labelPrinter: void; pgCluster: string | null }
>({
  browser: [
    async ({}, use) => {
      const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  // every station of this worker prints labels with the process's one PDF renderer; it is started with the
  // worker, so a test waiting for "Label is out" waits for a label to print, not for Chromium to start (which
  // takes seconds on a busy machine, more than a screen's answer may take)
  labelPrinter: [
    async ({}, use) => {
      await sharedPdfRenderer().warm();
      await use();
      await closeSharedPdfRenderer();
    },
    { scope: 'worker', auto: true },
  ],
  // DOCK_TEST_STORE=postgres: one throwaway cluster per worker, and every test's station on a new database of
  // its own with no schema yet (the station migrates and seeds it, as it would a new SQLite file)
  pgCluster: [async ({}, use) => use(onPostgres ? await testCluster() : null), { scope: 'worker' }],
  stationOptions: [{}, { option: true }],
  station: async ({ stationOptions, pgCluster }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dock-intake-e2e-'));
    const db = pgCluster ? newDatabase({ blank: true }) : null;
    const server = await startStationServer({ dataDir, ...stationOptions, ...(db ? { database: db.url } : {}) });
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
      db?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
});

export { expect };
