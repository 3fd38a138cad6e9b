// Which browser the station, the label printer and the tests use, decided from the environment and what is on
// disk: the same order on Linux, macOS and Windows, and a line that says what was chosen or what to install.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { posix } from 'node:path';
import { browserCandidates, chooseBrowser, findBrowser, type BrowserSearch } from '../../electron/find-browser.ts';

/** A machine where exactly `files` exist and may be run; Playwright's cache at `own` (installed only if listed). */
function machine(platform: NodeJS.Platform, files: string[], env: Record<string, string> = {}, own: string | null = null): BrowserSearch {
  const present = new Set(files);
  return {
    env,
    platform,
    home: platform === 'win32' ? 'C:\\Users\\amy' : '/home/amy',
    isExecutable: (p) => present.has(p),
    playwrightChromium: () => own,
  };
}

const PW_LINUX = '/home/amy/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome';
/** A directory on the fake machine's PATH, and Debian's chromium where the finder looks without PATH. */
const ON_PATH = '/fixture/bin';
const DEBIAN_CHROMIUM = posix.join('/usr/bin', 'chromium');

test('CHROMIUM_PATH wins over every installed browser, and the line names it', () => {
  const d = chooseBrowser(machine('linux', ['/opt/cr/chrome', `${ON_PATH}/chromium`], { CHROMIUM_PATH: '/opt/cr/chrome', PATH: ON_PATH }));
  assert.deepEqual(d.browser, { path: '/opt/cr/chrome', name: 'CHROMIUM_PATH', source: 'CHROMIUM_PATH' });
  assert.equal(d.line, 'Browser: /opt/cr/chrome (from CHROMIUM_PATH)');
});

test('a CHROMIUM_PATH that names nothing runnable is refused, not replaced by another browser', () => {
  const d = chooseBrowser(machine('linux', [`${ON_PATH}/chromium`], { CHROMIUM_PATH: '/opt/nothing/chrome', PATH: ON_PATH }));
  assert.equal(d.browser, null);
  assert.match(d.line, /CHROMIUM_PATH names \/opt\/nothing\/chrome, which is not a program that can run here/);
});

test('CHROME_PATH is read when CHROMIUM_PATH is not set', () => {
  const d = chooseBrowser(machine('linux', ['/opt/google/chrome/chrome'], { CHROME_PATH: '/opt/google/chrome/chrome' }));
  assert.equal(d.browser?.path, '/opt/google/chrome/chrome');
  assert.equal(d.line, 'Browser: /opt/google/chrome/chrome (from CHROME_PATH)');
});

test("on Linux Debian's chromium is found in /usr/bin even when PATH does not list it", () => {
  const d = chooseBrowser(machine('linux', [DEBIAN_CHROMIUM], { PATH: '/home/amy/bin' }));
  assert.deepEqual(d.browser, { path: DEBIAN_CHROMIUM, name: 'Chromium', source: 'installed' });
  assert.equal(d.line, `Browser: Chromium at ${DEBIAN_CHROMIUM}`);
});

test("on Linux a Chrome on PATH is found, and an installed browser comes before Playwright's own", () => {
  const d = chooseBrowser(machine('linux', ['/home/amy/bin/google-chrome-stable', PW_LINUX], { PATH: '/home/amy/bin:/usr/bin' }, PW_LINUX));
  assert.deepEqual(d.browser, { path: '/home/amy/bin/google-chrome-stable', name: 'Google Chrome', source: 'installed' });
});

test('Chromium is preferred to Chrome, and Chrome to Edge, when several are installed', () => {
  const files = [`${ON_PATH}/microsoft-edge`, `${ON_PATH}/google-chrome`, `${ON_PATH}/chromium-browser`];
  assert.equal(chooseBrowser(machine('linux', files, { PATH: ON_PATH })).browser?.path, `${ON_PATH}/chromium-browser`);
  assert.equal(chooseBrowser(machine('linux', files.slice(0, 2), { PATH: ON_PATH })).browser?.path, `${ON_PATH}/google-chrome`);
});

test("with no browser installed, Playwright's Chromium is used once it is in its cache, and the line says why", () => {
  const d = chooseBrowser(machine('linux', [PW_LINUX], { PATH: '/usr/bin' }, PW_LINUX));
  assert.deepEqual(d.browser, { path: PW_LINUX, name: "Playwright's Chromium", source: 'playwright' });
  assert.equal(d.line, `Browser: Playwright's Chromium at ${PW_LINUX} (no Chromium, Chrome or Edge installed)`);
});

test('with nothing at all, no browser is chosen and the line names the commands that install one', () => {
  const linux = chooseBrowser(machine('linux', [], { PATH: '/usr/bin' }, PW_LINUX));
  assert.equal(linux.browser, null);
  assert.equal(
    linux.line,
    'Browser: no Chromium, Chrome or Edge found; install one (npx playwright install chromium, ' +
      'or on Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH',
  );
  const mac = chooseBrowser(machine('darwin', [], {}, null));
  assert.match(mac.line, /npx playwright install chromium, or install Google Chrome\)/);
});

test("on macOS Chrome is found in /Applications and in the person's own Applications folder", () => {
  const system = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
  assert.deepEqual(chooseBrowser(machine('darwin', [system])).browser, { path: system, name: 'Google Chrome', source: 'installed' });
  const own = '/home/amy/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge';
  assert.equal(chooseBrowser(machine('darwin', [own])).browser?.name, 'Microsoft Edge');
});

test("on Windows Chrome and Edge are found under Program Files and the person's LocalAppData, whatever the variables' case", () => {
  const env = {
    ProgramFiles: 'C:\\Program Files',
    'ProgramFiles(x86)': 'C:\\Program Files (x86)',
    LOCALAPPDATA: 'C:\\Users\\amy\\AppData\\Local',
  };
  const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
  assert.deepEqual(chooseBrowser(machine('win32', [edge], env)).browser, { path: edge, name: 'Microsoft Edge', source: 'installed' });
  const chrome = 'C:\\Users\\amy\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe';
  assert.equal(chooseBrowser(machine('win32', [edge, chrome], env)).browser?.path, chrome);
  assert.equal(
    chooseBrowser(machine('win32', [], { Chromium_Path: 'D:\\cr\\chrome.exe' })).line,
    'Browser: CHROMIUM_PATH names D:\\cr\\chrome.exe, which is not a program that can run here: correct it or unset it',
  );
});

test('no place searched is tied to one machine: every Linux candidate is under PATH or a standard directory', () => {
  for (const c of browserCandidates({ env: { PATH: '/x/bin' }, platform: 'linux', home: '/home/amy' })) {
    assert.match(c.path, /^(\/x\/bin|\/usr\/bin|\/usr\/local\/bin|\/snap\/bin)\/[a-z-]+$/);
  }
});

test('on this machine the finder chooses a browser that exists, or says what to install', () => {
  const d = findBrowser();
  assert.ok(d.line.startsWith('Browser: '));
  if (d.browser) assert.ok(d.line.includes(d.browser.path));
  else assert.match(d.line, /install|CHROMIUM_PATH/);
});
