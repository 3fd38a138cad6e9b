// What `npm start` does, decided from facts by pure functions (tested in plain Node), and the two effects
// it needs: installing Electron's binary within a time limit, and the page a browser window opens.
//
// The desktop app is the station; browser mode is the fallback, taken only when the app cannot run here:
// no display to show it on, or Electron's binary missing and not installable now (no network, a proxy,
// a download that does not finish in time). Each fallback says why in one line.
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PRIVATE_FILE_MODE } from '../data-dir.ts';

/** Electron's binary is about 100 MB: two minutes is a slow line, not a dead one. */
export const INSTALL_TIMEOUT_MS = 120_000;

export type InstallOutcome = { result: 'installed' } | { result: 'failed'; reason: string } | { result: 'timed-out'; afterMs: number };

export interface LaunchFacts {
  /** Electron's binary is on disk. */
  binary: boolean;
  /** There is a screen for a window (always, off Linux; DISPLAY or WAYLAND_DISPLAY on Linux). */
  display: boolean;
  /** `--browser`: browser mode asked for. */
  browserAsked: boolean;
  /** What installing the binary came to, once tried. */
  install?: InstallOutcome;
}

export type LaunchStep = { step: 'electron' } | { step: 'install' } | { step: 'browser'; why: string };

export function nextStep(f: LaunchFacts): LaunchStep {
  if (f.browserAsked) return { step: 'browser', why: 'Browser mode, as asked (--browser).' };
  if (!f.display)
    return {
      step: 'browser',
      why: 'No display for the desktop app here (DISPLAY and WAYLAND_DISPLAY are unset), so the station runs in browser mode.',
    };
  if (f.binary) return { step: 'electron' };
  if (!f.install) return { step: 'install' };
  switch (f.install.result) {
    case 'installed':
      // installed, yet not where Electron says it is: something else is wrong, and the app cannot start
      return { step: 'browser', why: "Electron's binary was installed but cannot be found, so the station runs in browser mode." };
    case 'failed':
      return {
        step: 'browser',
        why: `Electron's binary could not be installed (${f.install.reason}), so the station runs in browser mode.`,
      };
    case 'timed-out':
      return {
        step: 'browser',
        why: `Electron's binary did not install within ${Math.round(f.install.afterMs / 1000)} s, so the station runs in browser mode.`,
      };
  }
}

export function hasDisplay(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): boolean {
  if (platform !== 'linux') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** One line from what a failed install printed (a stack, often): its first line that says something. */
export function installFailureReason(stderr: string, code: number | null): string {
  const line = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith('at ') && !/^npm (ERR|WARN)/.test(l));
  const text = line ?? `the installer exited with code ${code}`;
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/**
 * Runs Electron's own installer (node_modules/electron/install.js: download, checksum, unpack), killed
 * after `timeoutMs`. Its progress goes nowhere; only its outcome is told.
 */
export function installElectron(root: string, timeoutMs = INSTALL_TIMEOUT_MS, node = process.execPath): Promise<InstallOutcome> {
  return new Promise((done) => {
    const child = spawn(node, [join(root, 'node_modules', 'electron', 'install.js')], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      if (stderr.length < 16_384) stderr += c.toString();
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill();
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      done({ result: 'failed', reason: e.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) done({ result: 'timed-out', afterMs: timeoutMs });
      else if (code === 0) done({ result: 'installed' });
      else done({ result: 'failed', reason: installFailureReason(stderr, code) });
    });
  });
}

// ---- browser mode's window ----------------------------------------------------------------------------

export const LAUNCH_PAGE = 'open-station.html';

/**
 * The page a browser window is opened on: it moves on at once to the station's address with its one-time
 * ticket. It lives in the private data directory, so the browser's command line (which every local
 * account can list) names only this file, and nobody else can read the ticket in it.
 */
export function launchPage(ticketUrl: string): string {
  const attr = ticketUrl.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return (
    `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer">` +
    `<meta http-equiv="refresh" content="0;url=${attr}"><title>Dock Intake</title><p>Opening the station…</p>`
  );
}

export function writeLaunchPage(dataDir: string, ticketUrl: string): string {
  const file = join(dataDir, LAUNCH_PAGE);
  // a fresh file, so the mode below is the one it gets
  rmSync(file, { force: true });
  writeFileSync(file, launchPage(ticketUrl), { mode: PRIVATE_FILE_MODE });
  return file;
}

/** The browser's command line: an app window on the launch page, with its own profile. No secret in it. */
export function browserArgs(o: { launchFile: string; profileDir: string; root: boolean }): string[] {
  const args = [
    `--app=${pathToFileURL(o.launchFile).href}`,
    `--user-data-dir=${o.profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--window-size=1280,860',
  ];
  // Chromium refuses to run as root with its sandbox on (containers, kiosks); nothing else is loosened
  if (o.root) args.push('--no-sandbox');
  return args;
}
