// Playwright: screen tests in the browser electron/find-browser.ts finds, against the real station server
// (test/e2e), and the Electron app through Playwright's _electron (test/electron; they skip where no Electron
// binary exists). `npm test` runs test/setup.ts first, which gets that browser when the machine has none.
import { defineConfig } from '@playwright/test';
import { join } from 'node:path';
import { browserPath } from '../electron/find-browser.ts';
import { TEST_TIME_ZONE } from './zone.ts';

const root = join(import.meta.dirname, '..');

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export default defineConfig({
  testDir: import.meta.dirname,
  testMatch: ['e2e/**/*.spec.ts', 'electron/**/*.spec.ts'],
  outputDir: join(root, 'test-results'),
  workers: 2,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: browserPath(), args: CHROMIUM_ARGS },
    viewport: { width: 1280, height: 860 },
    timezoneId: TEST_TIME_ZONE,
    screenshot: 'only-on-failure',
    trace: 'off',
    video: 'off',
  },
});
