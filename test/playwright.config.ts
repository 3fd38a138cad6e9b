// Playwright: screen tests in Debian's Chromium against the real station server (test/e2e), and the
// Electron app through Playwright's _electron (test/electron; they skip where no Electron binary exists).
import { defineConfig } from '@playwright/test';
import { join } from 'node:path';

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
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
    viewport: { width: 1280, height: 860 },
    screenshot: 'only-on-failure',
    trace: 'off',
    video: 'off',
  },
});
