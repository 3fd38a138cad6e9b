// `npm test` runs this first, so the suite sets itself up on a fresh machine: a browser (see
// electron/find-browser.ts; Playwright's own Chromium is downloaded when none is installed and downloads work,
// and on Debian as root the `chromium` package is installed), and the tools that read labels back the way a
// carrier's scanner would (poppler-utils, zbar-tools, and the decode-barcodes script beside the checkout).
// One line says what it used; anything it could not get is named with the command that installs it, and the
// suite stops before it starts rather than failing test by test. `--check` looks and reports, installing nothing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, posix, win32 } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBrowser, isExecutableFile, type BrowserDecision } from '../electron/find-browser.ts';
import { decodeBarcodesCandidates, decodeBarcodesTool } from './decode-barcodes.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The programs the label tests run, and the package that brings each on every platform. */
export const LABEL_TOOLS = [
  { command: 'pdftoppm', debian: 'poppler-utils', brew: 'poppler', msys2: 'mingw-w64-x86_64-poppler' },
  { command: 'pdfinfo', debian: 'poppler-utils', brew: 'poppler', msys2: 'mingw-w64-x86_64-poppler' },
  { command: 'pdftotext', debian: 'poppler-utils', brew: 'poppler', msys2: 'mingw-w64-x86_64-poppler' },
  { command: 'pdffonts', debian: 'poppler-utils', brew: 'poppler', msys2: 'mingw-w64-x86_64-poppler' },
  { command: 'zbarimg', debian: 'zbar-tools', brew: 'zbar', msys2: 'mingw-w64-x86_64-zbar' },
] as const;
export type LabelTool = (typeof LABEL_TOOLS)[number];

export interface Machine {
  platform: NodeJS.Platform;
  /** /etc/debian_version exists and apt-get is there */
  debian: boolean;
  root: boolean;
}

export type BrowserStep = 'use' | 'playwright-install' | 'apt-get' | 'give-up';

/**
 * What to do next about the browser. Playwright's Chromium is tried before Debian's package because it needs
 * no root; a browser named in CHROMIUM_PATH is never replaced by one the setup installs.
 */
export function nextBrowserStep(
  d: BrowserDecision,
  env: Readonly<Record<string, string | undefined>>,
  m: Machine,
  tried: { playwright: boolean; apt: boolean },
): BrowserStep {
  if (d.browser) return 'use';
  if (env.CHROMIUM_PATH || env.CHROME_PATH) return 'give-up';
  if (!tried.playwright) return 'playwright-install';
  if (!tried.apt && m.debian && m.root) return 'apt-get';
  return 'give-up';
}

/** The command that installs `tools` on this kind of machine. */
export function toolInstallCommand(tools: readonly LabelTool[], m: Machine): string {
  const pkgs = (k: 'debian' | 'brew' | 'msys2') => [...new Set(tools.map((t) => t[k]))].join(' ');
  if (m.platform === 'darwin') return `brew install ${pkgs('brew')}`;
  if (m.platform === 'win32') return `pacman -S ${pkgs('msys2')} (MSYS2, with its bash on PATH), or run npm test in WSL`;
  return `${m.root ? '' : 'sudo '}apt-get install ${pkgs('debian')}`;
}

/** Finds `command` on PATH the way a shell would (PATHEXT on Windows). */
export function onPath(
  command: string,
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
  isExecutable: (p: string) => boolean,
): string | null {
  const win = platform === 'win32';
  const pathKey = Object.keys(env).find((k) => (win ? k.toLowerCase() === 'path' : k === 'PATH'));
  const dirs = (pathKey ? (env[pathKey] ?? '') : '').split(win ? ';' : ':').filter(Boolean);
  const exts = win ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean) : [''];
  for (const d of dirs) {
    for (const e of exts) {
      const p = (win ? win32 : posix).join(d, command + e.toLowerCase());
      if (isExecutable(p)) return p;
    }
  }
  return null;
}

function thisMachine(): Machine {
  const platform = process.platform;
  const debian =
    platform === 'linux' && existsSync('/etc/debian_version') && onPath('apt-get', process.env, platform, isExecutableFile) !== null;
  return { platform, debian, root: process.getuid?.() === 0 };
}

/** Runs a command that may download, within `limitMs`; false when it failed or ran out of time. */
function attempt(what: string, cmd: string, args: string[], limitMs: number): boolean {
  console.log(`Test setup: ${what} (${cmd} ${args.join(' ')}, at most ${Math.round(limitMs / 1000)} s)`);
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: limitMs,
    killSignal: 'SIGKILL',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (r.error || r.status !== 0) {
    console.log(`Test setup: ${what} did not succeed (${r.error ? r.error.message : `exit ${r.status ?? r.signal}`})`);
    return false;
  }
  return true;
}

function aptInstall(packages: string[]): boolean {
  return (
    attempt('apt-get update', 'apt-get', ['update', '-q'], 180_000) &&
    attempt(`installing ${packages.join(' ')}`, 'apt-get', ['install', '-y', '-q', '--no-install-recommends', ...packages], 600_000)
  );
}

function setUpBrowser(m: Machine, install: boolean): BrowserDecision {
  const tried = { playwright: !install, apt: !install };
  for (;;) {
    const d = findBrowser();
    switch (nextBrowserStep(d, process.env, m, tried)) {
      case 'use':
      case 'give-up':
        return d;
      case 'playwright-install':
        tried.playwright = true;
        // where the download is blocked this fails within the limit, and Debian's package is tried next
        attempt(
          "downloading Playwright's Chromium",
          process.execPath,
          [join(root, 'node_modules', 'playwright-core', 'cli.js'), 'install', 'chromium'],
          300_000,
        );
        break;
      case 'apt-get':
        tried.apt = true;
        aptInstall(['chromium']);
        break;
    }
  }
}

function missingTools(): LabelTool[] {
  return LABEL_TOOLS.filter((t) => onPath(t.command, process.env, process.platform, isExecutableFile) === null);
}

function main(): void {
  const install = !process.argv.includes('--check');
  const m = thisMachine();
  const problems: string[] = [];

  const browser = setUpBrowser(m, install);
  if (!browser.browser) problems.push(browser.line);

  let missing = missingTools();
  if (install && missing.length > 0 && m.debian && m.root) {
    aptInstall([...new Set(missing.map((t) => t.debian))]);
    missing = missingTools();
  }
  if (missing.length > 0) {
    problems.push(`Label tools: ${missing.map((t) => t.command).join(', ')} not found; install with: ${toolInstallCommand(missing, m)}`);
  }
  const decoder = existsSync(decodeBarcodesTool) ? decodeBarcodesTool : null;
  if (!decoder) {
    problems.push(
      `Label tools: decode-barcodes not found (looked in ${decodeBarcodesCandidates.join(', ')}); ` +
        'put it at ../shared/tools/decode-barcodes beside the checkout or name it in DECODE_BARCODES',
    );
  }

  if (problems.length > 0) {
    for (const p of problems) console.error(`Test setup: ${p}`);
    console.error('Test setup: the suite was not started.');
    process.exit(1);
  }
  const tools = onPath('pdftoppm', process.env, process.platform, isExecutableFile)!;
  console.log(
    `Test setup: ${browser.line.replace(/^Browser: /, 'browser ')}; label tools in ${posix.dirname(tools.replaceAll('\\', '/'))}, ` +
      `decode-barcodes at ${decoder}`,
  );
}

if (import.meta.main) main();
