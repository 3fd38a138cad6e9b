// The desktop app end to end, through Playwright's _electron: the real main process, preload and page.
// Where no Electron binary is installed (this build machine cannot download one) every test here skips,
// saying so.
import { test, expect, _electron as electron, type ElectronApplication } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronBinary } from '../../electron/scripts/electron-binary.ts';
import { buildElectron } from '../../electron/scripts/build-electron.ts';
import { Store } from '../../electron/core/store/index.ts';
import { STORE_FILE } from '../../electron/station.ts';
import { shippingJob } from '../api/helpers.ts';

const root = join(import.meta.dirname, '..', '..');
const binary = electronBinary();

test.skip(!binary, 'Electron binary not installed: node_modules/electron/dist has no executable (npm start fetches it where reachable)');
test.describe.configure({ mode: 'serial' });

let dataDir = '';
test.beforeAll(async () => {
  if (!binary) return;
  await buildElectron();
});
test.beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'dock-intake-electron-'));
});
test.afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const launch = (dir = dataDir): Promise<ElectronApplication> =>
  electron.launch({ executablePath: binary!, args: [root, `--data-dir=${dir}`], env: { ...process.env, DOCK_INTAKE_DATA_DIR: '' } });

test('the app opens one window of the station, isolated, sandboxed and without Node', async () => {
  const app = await launch();
  try {
    const page = await app.firstWindow();
    await expect(page.getByText('Amy Lin').first()).toBeVisible();
    expect(page.url()).toMatch(/^app:\/\/station\//);
    // the preferences the window was really made with (getLastWebPreferences is not in every .d.ts)
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const wins = BrowserWindow.getAllWindows();
      const contents = wins[0]!.webContents as unknown as { getLastWebPreferences?: () => Record<string, unknown> | null };
      return { count: wins.length, prefs: contents.getLastWebPreferences?.() ?? null };
    });
    expect(prefs.count).toBe(1);
    expect(prefs.prefs, 'webContents.getLastWebPreferences() answers').not.toBeNull();
    expect(prefs.prefs?.contextIsolation).toBe(true);
    expect(prefs.prefs?.sandbox).toBe(true);
    expect(prefs.prefs?.nodeIntegration).toBe(false);
    expect(prefs.prefs?.webSecurity).not.toBe(false);
    expect(prefs.prefs?.webviewTag).toBe(false);
    // the page sees the contract and nothing else of main
    const world = await page.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      ipcRenderer: typeof (window as unknown as { ipcRenderer?: unknown }).ipcRenderer,
      intake: Object.keys(window.intake ?? {}).sort(),
    }));
    expect(world).toEqual({ require: 'undefined', process: 'undefined', ipcRenderer: 'undefined', intake: ['call', 'onChange'] });
    // the page is served with the strict CSP
    const csp = await page.evaluate(async () => (await fetch('/index.html')).headers.get('content-security-policy'));
    expect(csp).toContain("script-src 'self'");
    // it cannot navigate away or open windows
    await page
      .evaluate(() => {
        window.open('https://example.com/', '_blank');
        location.href = 'https://example.com/';
      })
      .catch(() => undefined);
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^app:\/\/station\//);
    expect(app.windows().length).toBe(1);
  } finally {
    await app.close();
  }
});

test('one scan through IPC: a box received, a drive scanned and recorded; a second scan refused with its code', async () => {
  const app = await launch();
  try {
    const page = await app.firstWindow();
    await expect(page.getByText('Amy Lin').first()).toBeVisible();
    const job = shippingJob('electron-imp-1', '1Z999AA10000000001', ['WD-ELECTRON-0001', 'WD-ELECTRON-0002']);
    const outcome = await page.evaluate(async (j) => {
      const api = window.intake!;
      await api.call('jobs.put', { operator: 'Amy Lin', job: j });
      await api.call('packages.receive', { operator: 'Amy Lin', trackingNumber: '1Z999AA10000000001' });
      const first = await api.call('drives.scan', { operator: 'Amy Lin', serial: 'WD-ELECTRON-0001' });
      let again: unknown = null;
      try {
        await api.call('drives.scan', { operator: 'Amy Lin', serial: 'WD-ELECTRON-0001' });
      } catch (e) {
        again = e;
      }
      return { first: first.outcome, again };
    }, job);
    expect(outcome.first).toBe('received');
    expect(outcome.again).toMatchObject({ code: 'DRIVE_ALREADY_SCANNED' });
  } finally {
    await app.close();
  }
  const store = new Store(join(dataDir, STORE_FILE));
  try {
    const rows = store.custodyBy('drive_id', 'WD-ELECTRON-0001', Number.MAX_SAFE_INTEGER, 1000);
    expect(rows.some((r) => r.action === 'drive.scanned' && r.operator === 'Amy Lin')).toBe(true);
  } finally {
    store.close();
  }
});

test('a second start on the same data directory hands over to the first: the store is never opened twice', async () => {
  const app = await launch();
  try {
    await app.firstWindow();
    const second = spawn(binary!, [root, `--data-dir=${dataDir}`], { stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => {
      const t = setTimeout(() => {
        second.kill();
        resolve(-1);
      }, 15_000);
      second.on('exit', (c) => {
        clearTimeout(t);
        resolve(c);
      });
    });
    expect(code).toBe(0);
    expect(app.windows().length).toBe(1);
  } finally {
    await app.close();
  }
});

test('the window opens where it was left', async () => {
  let app = await launch();
  const wanted = { x: 60, y: 70, width: 1100, height: 760 };
  try {
    await app.firstWindow();
    await app.evaluate(({ BrowserWindow }, b) => BrowserWindow.getAllWindows()[0]!.setBounds(b), wanted);
  } finally {
    await app.close();
  }
  app = await launch();
  try {
    await app.firstWindow();
    const bounds = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.getBounds());
    expect(bounds.width).toBe(wanted.width);
    expect(bounds.height).toBe(wanted.height);
  } finally {
    await app.close();
  }
});
