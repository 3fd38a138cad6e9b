// Browser mode, in Debian's Chromium against the real station server: the page opens from the printed
// address under the strict CSP, talks to the station through the contract with the run's token, and a page
// of any other origin gets nothing, even when it knows the token.
import { createServer, type Server } from 'node:http';
import { test, expect } from './harness.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HTTP } from '../../electron/api/contract.ts';
import { dumpTables, readStore } from '../store-file.ts';
import { startStationServer } from '../../electron/server.ts';
import { writeLaunchPage } from '../../electron/scripts/launch-plan.ts';
import { renderLabel } from '../../electron/core/labels/index.ts';
import { LABEL_CONTENT_SECURITY_POLICY } from '../../electron/security-policy.ts';

const storeDump = (station: { station: { store: { path: string } } }) => dumpTables(station.station.store.path);

test('the station opens from the printed address, under the strict CSP, and the token leaves the address bar', async ({
  page,
  station,
}, testInfo) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  const response = await page.goto(station.url);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  // the operators come from the station's settings, through the contract over HTTP
  await expect(page.getByText('Amy Lin').first()).toBeVisible();
  expect(page.url()).not.toContain('token=');
  expect(await page.evaluate(() => sessionStorage.getItem('dock-intake.token'))).toBe(station.token);
  await page.screenshot({ path: testInfo.outputPath('station-browser-mode.png') });
  // a reload keeps working: the token is kept for the tab
  await page.reload();
  await expect(page.getByText('Amy Lin').first()).toBeVisible();
  expect(problems).toEqual([]);
});

test('a page of another origin cannot call the station, even knowing the token, and nothing changes', async ({
  page,
  browser,
  station,
}) => {
  await page.goto(station.url);
  await expect(page.getByText('Amy Lin').first()).toBeVisible();
  // the station's own page may call it
  const own = await page.evaluate(
    async ({ path, header, token }) => {
      const r = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', [header]: token }, body: '{}' });
      return r.status;
    },
    { path: HTTP.callPath('station.info'), header: HTTP.tokenHeader, token: station.token },
  );
  expect(own).toBe(200);

  // a foreign page on another port of the same machine
  const foreign: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>elsewhere</title>');
  });
  await new Promise<void>((r) => foreign.listen(0, '127.0.0.1', r));
  const port = (foreign.address() as { port: number }).port;
  const before = storeDump(station);
  const other = await browser.newPage();
  try {
    await other.goto(`http://127.0.0.1:${port}/`);
    const tries = await other.evaluate(
      async ({ origin, path, header, token }) => {
        const body = JSON.stringify({ operator: 'Amy Lin', trackingNumber: '1Z999AA10123456784' });
        const out: string[] = [];
        try {
          const r = await fetch(origin + path, { method: 'POST', headers: { 'content-type': 'application/json', [header]: token }, body });
          out.push(`read ${r.status}`);
        } catch {
          out.push('blocked');
        }
        // a "simple" request needs no preflight: it reaches the server, which must refuse it
        try {
          await fetch(origin + path, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body });
          out.push('sent');
        } catch {
          out.push('blocked');
        }
        return out;
      },
      { origin: station.origin, path: HTTP.callPath('packages.receive'), header: HTTP.tokenHeader, token: station.token },
    );
    expect(tries[0]).toBe('blocked');
  } finally {
    await other.close();
    foreign.close();
  }
  expect(storeDump(station)).toEqual(before);
});

test("browser mode's window: the launch page hands a one-time ticket on, traded once for the token", async ({ browser }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dock-intake-e2e-ticket-'));
  const server = await startStationServer({ dataDir });
  const launchFile = writeLaunchPage(dataDir, server.ticketUrl());
  const first = await browser.newPage();
  const second = await browser.newPage();
  try {
    await first.goto(pathToFileURL(launchFile).href);
    await expect(first.getByText('Amy Lin').first()).toBeVisible();
    expect(first.url()).toBe(`${server.origin}/`);
    expect(await first.evaluate(() => sessionStorage.getItem('dock-intake.token'))).toBe(server.token);
    // reloading keeps the session (the token is kept for the tab, the spent ticket is not asked again)
    await first.reload();
    await expect(first.getByText('Amy Lin').first()).toBeVisible();

    // the same launch page a second time: its ticket is spent, so that page gets no token
    await second.goto(pathToFileURL(launchFile).href);
    await second.waitForURL(`${server.origin}/`);
    const refused = await second.evaluate(
      async ({ path, header }) => {
        const kept = sessionStorage.getItem('dock-intake.token');
        const r = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', [header]: kept ?? '' }, body: '{}' });
        return { status: r.status, kept };
      },
      { path: HTTP.callPath('station.info'), header: HTTP.tokenHeader },
    );
    expect(refused.kept).toBeNull();
    expect(refused.status).toBe(401);
  } finally {
    await first.close();
    await second.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("a label page prints whole under the app's label policy: no script, fonts and barcodes inline", async ({ page, station }) => {
  const serial = (
    readStore(station.station.store.path).prepare('SELECT drive_id AS id FROM drives ORDER BY drive_id LIMIT 1').get() as { id: string }
  ).id;
  const doc = renderLabel(station.station.intake, station.station.settings.get(), { kind: 'drive-tag', driveId: serial }, 'html');
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused/i.test(m.text())) violations.push(m.text());
  });
  // served as print.ts serves it in the app: from memory, with the label policy as its header
  await page.route('http://label.invalid/page', (route) =>
    route.fulfill({
      status: 200,
      body: doc.html!,
      headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': LABEL_CONTENT_SECURITY_POLICY },
    }),
  );
  await page.goto('http://label.invalid/page');
  await expect(page.getByText(serial).first()).toBeVisible();
  const drawn = await page.evaluate(async () => {
    await document.fonts.ready;
    const fonts = [...document.fonts].filter((f) => f.status === 'loaded').length;
    return { barcodes: document.querySelectorAll('svg, img').length, fonts };
  });
  expect(drawn.barcodes).toBeGreaterThan(0);
  expect(drawn.fonts).toBeGreaterThan(0);
  expect(violations).toEqual([]);
});
