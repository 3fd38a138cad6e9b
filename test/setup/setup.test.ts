// What `npm test` does on a machine that lacks something: which way it gets a browser next, and the command it
// names for the label tools, on Debian, macOS and Windows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { LABEL_TOOLS, nextBrowserStep, onPath, toolInstallCommand, type Machine } from '../setup.ts';
import type { BrowserDecision } from '../../electron/find-browser.ts';

const none: BrowserDecision = { browser: null, line: 'Browser: no Chromium, Chrome or Edge found' };
const found: BrowserDecision = { browser: { path: '/fixture/chromium', name: 'Chromium', source: 'installed' }, line: 'Browser: Chromium' };
const debianRoot: Machine = { platform: 'linux', debian: true, root: true };
const debianUser: Machine = { platform: 'linux', debian: true, root: false };
const mac: Machine = { platform: 'darwin', debian: false, root: false };
const fresh = { playwright: false, apt: false };

test('a browser already there is used: nothing is downloaded or installed', () => {
  assert.equal(nextBrowserStep(found, {}, debianRoot, fresh), 'use');
});

test("without a browser, Playwright's Chromium is downloaded first, then Debian's package as root, then it gives up", () => {
  assert.equal(nextBrowserStep(none, {}, debianRoot, fresh), 'playwright-install');
  assert.equal(nextBrowserStep(none, {}, debianRoot, { playwright: true, apt: false }), 'apt-get');
  assert.equal(nextBrowserStep(none, {}, debianRoot, { playwright: true, apt: true }), 'give-up');
});

test('apt-get is never tried without root or off Debian: the line names the command instead', () => {
  assert.equal(nextBrowserStep(none, {}, debianUser, { playwright: true, apt: false }), 'give-up');
  assert.equal(nextBrowserStep(none, {}, mac, { playwright: true, apt: false }), 'give-up');
});

test('a CHROMIUM_PATH that names nothing is never papered over by installing another browser', () => {
  assert.equal(nextBrowserStep(none, { CHROMIUM_PATH: '/opt/nothing' }, debianRoot, fresh), 'give-up');
});

test('missing label tools are named with the command for this kind of machine', () => {
  const zbar = LABEL_TOOLS.filter((t) => t.command === 'zbarimg');
  assert.equal(toolInstallCommand(LABEL_TOOLS, debianUser), 'sudo apt-get install poppler-utils zbar-tools');
  assert.equal(toolInstallCommand(zbar, debianRoot), 'apt-get install zbar-tools');
  assert.equal(toolInstallCommand(LABEL_TOOLS, mac), 'brew install poppler zbar');
  assert.match(
    toolInstallCommand(LABEL_TOOLS, { platform: 'win32', debian: false, root: false }),
    /^pacman -S mingw-w64-x86_64-poppler mingw-w64-x86_64-zbar .*WSL/,
  );
});

test('a tool is found on PATH as a shell finds it, with PATHEXT on Windows', () => {
  const files = new Set(['/opt/poppler/bin/pdftoppm', 'C:\\tools\\zbar\\zbarimg.exe']);
  const probe = (p: string) => files.has(p);
  assert.equal(onPath('pdftoppm', { PATH: '/usr/bin:/opt/poppler/bin' }, 'linux', probe), '/opt/poppler/bin/pdftoppm');
  assert.equal(onPath('zbarimg', { PATH: '/usr/bin' }, 'linux', probe), null);
  assert.equal(
    onPath('zbarimg', { Path: 'C:\\Windows;C:\\tools\\zbar', PATHEXT: '.COM;.EXE' }, 'win32', probe),
    'C:\\tools\\zbar\\zbarimg.exe',
  );
});

test('on a machine missing the label tools the setup stops the suite and names what to install', () => {
  // PATH without poppler and zbar, as on a fresh machine; --check, so nothing is installed
  const setup = fileURLToPath(new URL('../setup.ts', import.meta.url));
  const r = spawnSync(process.execPath, [setup, '--check'], { encoding: 'utf8', env: { ...process.env, PATH: '/nonexistent' } });
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /Label tools: pdftoppm, pdfinfo, pdftotext, pdffonts, zbarimg not found; install with: /);
  assert.match(r.stderr, /the suite was not started/);
});
