// Which Chromium-family browser this machine has, for everything that needs one outside Electron: label PDFs,
// browser mode's window, the screen tests. One order everywhere: CHROMIUM_PATH (or CHROME_PATH) when set,
// else an installed Chromium, Chrome or Edge in the usual places and on PATH, else Playwright's own Chromium
// when `playwright install chromium` has put it in its cache. The decision is a pure function of the
// environment and a file probe, so it is the same on every machine that looks the same, and testable.
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

export type BrowserSource = 'CHROMIUM_PATH' | 'installed' | 'playwright';

export interface FoundBrowser {
  path: string;
  /** Chromium, Google Chrome, Microsoft Edge, Playwright's Chromium, or the variable that named it */
  name: string;
  source: BrowserSource;
}

export interface BrowserSearch {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  home: string;
  /** True when `path` is a file this process may run. */
  isExecutable(path: string): boolean;
  /** Where Playwright keeps its own Chromium (installed there or not); null when playwright-core is absent. */
  playwrightChromium(): string | null;
}

export interface BrowserDecision {
  browser: FoundBrowser | null;
  /** One line for people: what was chosen and why, or what to install. */
  line: string;
}

export const BROWSER_INSTALL_HINT: Readonly<Partial<Record<NodeJS.Platform, string>>> = {
  linux: 'npx playwright install chromium, or on Debian/Ubuntu: sudo apt-get install chromium',
  darwin: 'npx playwright install chromium, or install Google Chrome',
  win32: 'npx playwright install chromium, or install Google Chrome (Edge comes with Windows)',
};

function installHint(platform: NodeJS.Platform): string {
  return BROWSER_INSTALL_HINT[platform] ?? 'npx playwright install chromium';
}

/** Environment lookup that ignores case on Windows, where `ProgramFiles` and `PROGRAMFILES` are one variable. */
function envOf(env: BrowserSearch['env'], platform: NodeJS.Platform, key: string): string | undefined {
  if (platform !== 'win32') return env[key];
  const found = Object.keys(env).find((k) => k.toLowerCase() === key.toLowerCase());
  return found === undefined ? undefined : env[found];
}

/** Every place an installed browser may be, most likely first. */
export function browserCandidates(s: Pick<BrowserSearch, 'env' | 'platform' | 'home'>): { path: string; name: string }[] {
  const out: { path: string; name: string }[] = [];
  if (s.platform === 'win32') {
    const bases = ['PROGRAMFILES', 'PROGRAMFILES(X86)', 'LOCALAPPDATA']
      .map((k) => envOf(s.env, s.platform, k))
      .filter((b): b is string => Boolean(b));
    const apps = [
      { rel: ['Google', 'Chrome', 'Application', 'chrome.exe'], name: 'Google Chrome' },
      { rel: ['Chromium', 'Application', 'chrome.exe'], name: 'Chromium' },
      { rel: ['Microsoft', 'Edge', 'Application', 'msedge.exe'], name: 'Microsoft Edge' },
    ];
    for (const app of apps) for (const base of bases) out.push({ path: win32.join(base, ...app.rel), name: app.name });
    const dirs = (envOf(s.env, s.platform, 'PATH') ?? '').split(';').filter(Boolean);
    for (const [exe, name] of [
      ['chrome.exe', 'Google Chrome'],
      ['msedge.exe', 'Microsoft Edge'],
    ] as const) {
      for (const d of dirs) out.push({ path: win32.join(d, exe), name });
    }
    return out;
  }
  if (s.platform === 'darwin') {
    for (const app of ['Google Chrome', 'Chromium', 'Microsoft Edge']) {
      for (const dir of ['/Applications', posix.join(s.home, 'Applications')]) {
        out.push({ path: posix.join(dir, `${app}.app`, 'Contents', 'MacOS', app), name: app });
      }
    }
  }
  const dirs = [...(s.env.PATH ?? '').split(':').filter(Boolean), '/usr/bin', '/usr/local/bin', '/snap/bin'];
  const names: [string, string][] = [
    ['chromium', 'Chromium'],
    ['chromium-browser', 'Chromium'],
    ['google-chrome', 'Google Chrome'],
    ['google-chrome-stable', 'Google Chrome'],
    ['microsoft-edge', 'Microsoft Edge'],
    ['microsoft-edge-stable', 'Microsoft Edge'],
  ];
  for (const [file, name] of names) for (const d of [...new Set(dirs)]) out.push({ path: posix.join(d, file), name });
  return out;
}

/** The browser to use, and the line that says so. Pure: everything it knows comes in `s`. */
export function chooseBrowser(s: BrowserSearch): BrowserDecision {
  for (const key of ['CHROMIUM_PATH', 'CHROME_PATH']) {
    const named = envOf(s.env, s.platform, key);
    if (!named) continue;
    // a browser named on purpose is used or refused, never silently replaced by another one
    if (s.isExecutable(named))
      return { browser: { path: named, name: key, source: 'CHROMIUM_PATH' }, line: `Browser: ${named} (from ${key})` };
    return { browser: null, line: `Browser: ${key} names ${named}, which is not a program that can run here: correct it or unset it` };
  }
  const installed = browserCandidates(s).find((c) => s.isExecutable(c.path));
  if (installed) return { browser: { ...installed, source: 'installed' }, line: `Browser: ${installed.name} at ${installed.path}` };
  const own = s.playwrightChromium();
  if (own && s.isExecutable(own)) {
    return {
      browser: { path: own, name: "Playwright's Chromium", source: 'playwright' },
      line: `Browser: Playwright's Chromium at ${own} (no Chromium, Chrome or Edge installed)`,
    };
  }
  return {
    browser: null,
    line: `Browser: no Chromium, Chrome or Edge found; install one (${installHint(s.platform)}) or set CHROMIUM_PATH`,
  };
}

export function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    if (process.platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where Playwright's own Chromium lives, from the playwright-core this checkout has (null without it). */
export function playwrightChromiumPath(): string | null {
  try {
    const core = createRequire(import.meta.url)('playwright-core') as { chromium: { executablePath(): string } };
    return core.chromium.executablePath() || null;
  } catch {
    return null;
  }
}

/** The decision on this machine now. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): BrowserDecision {
  return chooseBrowser({
    env,
    platform: process.platform,
    home: homedir(),
    isExecutable: isExecutableFile,
    playwrightChromium: playwrightChromiumPath,
  });
}

/** The browser's path, or an error whose message is the line saying what to install. */
export function browserPath(env: NodeJS.ProcessEnv = process.env): string {
  const d = findBrowser(env);
  if (!d.browser) throw new Error(d.line);
  return d.browser.path;
}
