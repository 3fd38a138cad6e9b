// `npm start` runs the desktop app wherever Electron's binary can be had, installing it when missing within
// a time limit; browser mode only when the app cannot run, saying why in one line. And browser mode's
// window is opened with no secret on the browser's command line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  browserArgs,
  hasDisplay,
  installElectron,
  installFailureReason,
  launchPage,
  nextStep,
  writeLaunchPage,
} from '../../electron/scripts/launch-plan.ts';
import { tempDir } from './helpers.ts';

const on = { binary: true, display: true, browserAsked: false };

test('the binary is there: the desktop app runs, nothing is installed', () => {
  assert.deepEqual(nextStep(on), { step: 'electron' });
});

test('the binary is missing: it is installed first', () => {
  assert.deepEqual(nextStep({ ...on, binary: false }), { step: 'install' });
});

test('the install succeeded: the desktop app runs', () => {
  assert.deepEqual(nextStep({ ...on, binary: true, install: { result: 'installed' } }), { step: 'electron' });
});

test('the install failed: browser mode, and the one line says why', () => {
  const step = nextStep({ ...on, binary: false, install: { result: 'failed', reason: 'TypeError: fetch failed' } });
  assert.equal(step.step, 'browser');
  assert.ok(step.step === 'browser' && !step.why.includes('\n'));
  assert.match(step.step === 'browser' ? step.why : '', /could not be installed \(TypeError: fetch failed\).*browser mode/);
});

test('the install ran out of time: browser mode, saying after how long', () => {
  const step = nextStep({ ...on, binary: false, install: { result: 'timed-out', afterMs: 120_000 } });
  assert.deepEqual(step, { step: 'browser', why: "Electron's binary did not install within 120 s, so the station runs in browser mode." });
});

test('no display: browser mode at once, nothing downloaded for an app that could not show', () => {
  const step = nextStep({ ...on, binary: false, display: false });
  assert.equal(step.step, 'browser');
  assert.match(step.step === 'browser' ? step.why : '', /No display/);
  assert.equal(hasDisplay({}, 'linux'), false);
  assert.equal(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux'), true);
  assert.equal(hasDisplay({}, 'win32'), true);
});

test('--browser asks for browser mode even where the app could run', () => {
  assert.equal(nextStep({ ...on, browserAsked: true }).step, 'browser');
});

test('a failed install is told in one line: the error, not its stack', () => {
  const stack =
    'TypeError: fetch failed\n    at node:internal/deps/undici/undici:13510:13\n' +
    '    at async downloadArtifact (/x/node_modules/@electron/get/dist/index.js:1:1)\n';
  assert.equal(installFailureReason(stack, 1), 'TypeError: fetch failed');
  assert.equal(installFailureReason('', 7), 'the installer exited with code 7');
  assert.ok(installFailureReason('x'.repeat(500), 1).length <= 160);
});

/** A package root whose node_modules/electron/install.js is the given script. */
function fakeRoot(script: string): { root: string; remove: () => void } {
  const t = tempDir();
  mkdirSync(join(t.dir, 'node_modules', 'electron'), { recursive: true });
  writeFileSync(join(t.dir, 'node_modules', 'electron', 'install.js'), script);
  return { root: t.dir, remove: t.remove };
}

test("Electron's own installer is run, and its outcome read: success, failure with its reason, a hang cut off", async () => {
  const ok = fakeRoot('process.exit(0)');
  const bad = fakeRoot('console.error(new Error("getaddrinfo ENOTFOUND github.com").stack); process.exit(1)');
  const hang = fakeRoot('setInterval(() => {}, 1000)');
  try {
    assert.deepEqual(await installElectron(ok.root, 30_000), { result: 'installed' });
    assert.deepEqual(await installElectron(bad.root, 30_000), { result: 'failed', reason: 'Error: getaddrinfo ENOTFOUND github.com' });
    const started = Date.now();
    assert.deepEqual(await installElectron(hang.root, 300), { result: 'timed-out', afterMs: 300 });
    assert.ok(Date.now() - started < 20_000, 'the hanging installer was stopped');
  } finally {
    ok.remove();
    bad.remove();
    hang.remove();
  }
});

test("the browser's command line names only a private launch page; the ticket is in the page, 0600", () => {
  const t = tempDir();
  try {
    const ticketUrl = 'http://127.0.0.1:41711/#ticket=vQ_X-BMugYhTcSxZ8R3xG7LPqQkAVg5QqOToMmbYtrc';
    const file = writeLaunchPage(t.dir, ticketUrl);
    const args = browserArgs({ launchFile: file, profileDir: join(t.dir, 'browser-profile'), root: false });
    assert.ok(
      args.every((a) => !a.includes('ticket') && !a.includes('token') && !a.includes('vQ_X')),
      args.join(' '),
    );
    assert.equal(
      args.find((a) => a.startsWith('--app=')),
      `--app=${pathToFileURL(file).href}`,
    );
    assert.ok(!args.includes('--no-sandbox'));
    assert.ok(browserArgs({ launchFile: file, profileDir: t.dir, root: true }).includes('--no-sandbox'));
    assert.ok(readFileSync(file, 'utf8').includes(ticketUrl));
    if (process.platform !== 'win32') assert.equal(statSync(file).mode & 0o777, 0o600);
  } finally {
    t.remove();
  }
});

test('the launch page cannot be broken out of by what its address holds', () => {
  const page = launchPage('http://127.0.0.1:1/#ticket="><script>alert(1)</script>&x');
  assert.ok(!page.includes('<script>'));
  assert.ok(page.includes('&quot;&gt;&lt;script&gt;') && page.includes('&amp;x'));
});
