// `npm start`: the station. Builds the screens, then runs the Electron app when Electron's binary is
// installed; otherwise says so in one line and runs browser mode: the station server on 127.0.0.1, shown in
// an installed Chromium/Chrome/Edge app window when there is one and a display to put it on, else the
// address to open is printed.
//   npm start -- --data-dir=<dir>   a station's data (or DOCK_INTAKE_DATA_DIR)
//   npm start -- --no-open          browser mode without opening a window
//   npm start -- --demo | --no-demo a new data directory as the demo dock or blank (default: demo in a checkout)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(cmd: string, cmdArgs: string[]): void {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error(`"${[cmd, ...cmdArgs].join(' ')}" failed; the station was not started.`);
    process.exit(r.status ?? 1);
  }
}

function executable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** An installed Chromium-family browser that can open an app window (`--app=`), if any. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string | null {
  const fromEnv = env.CHROMIUM_PATH ?? env.CHROME_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  const candidates: string[] = [];
  if (process.platform === 'darwin') {
    for (const app of ['Google Chrome', 'Chromium', 'Microsoft Edge', 'Brave Browser']) {
      candidates.push(`/Applications/${app}.app/Contents/MacOS/${app}`);
    }
  } else if (process.platform === 'win32') {
    for (const base of [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env.LOCALAPPDATA]) {
      if (!base) continue;
      candidates.push(join(base, 'Google', 'Chrome', 'Application', 'chrome.exe'));
      candidates.push(join(base, 'Microsoft', 'Edge', 'Application', 'msedge.exe'));
      candidates.push(join(base, 'Chromium', 'Application', 'chrome.exe'));
    }
  } else {
    const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
    for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'brave-browser']) {
      for (const d of [...dirs, '/usr/bin', '/snap/bin']) candidates.push(join(d, name));
    }
  }
  return candidates.find((c) => existsSync(c) && (process.platform === 'win32' || executable(c))) ?? null;
}

function hasDisplay(env: NodeJS.ProcessEnv): boolean {
  if (process.platform !== 'linux') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

async function browserMode(): Promise<void> {
  const { serve, closeOnSignals, newStationNote } = await import('../server-cli.ts');
  const server = await serve(args, process.env);
  console.log(`Station data: ${server.station.dataDir}${newStationNote(server)}`);
  console.log(`Open the station at: ${server.url}`);

  let browser: ChildProcess | null = null;
  closeOnSignals(server, () => {
    if (browser && browser.exitCode === null) browser.kill();
  });
  if (args.includes('--no-open')) return;
  const exe = findBrowser();
  if (!exe) {
    console.log('No Chromium or Chrome found to open it in: open the address above in a browser. Ctrl+C stops the station.');
    return;
  }
  if (!hasDisplay(process.env)) {
    console.log('No display to open a window on: open the address above in a browser. Ctrl+C stops the station.');
    return;
  }
  const browserArgs = [
    `--app=${server.url}`,
    `--user-data-dir=${join(server.station.dataDir, 'browser-profile')}`,
    '--no-first-run', '--no-default-browser-check', '--window-size=1280,860',
  ];
  // Chromium refuses to run as root with its sandbox on (containers, kiosks); nothing else is loosened
  if (process.getuid?.() === 0) browserArgs.push('--no-sandbox');
  const started = Date.now();
  browser = spawn(exe, browserArgs, { stdio: 'ignore' });
  console.log(`Opened in ${exe}. Closing that window stops the station; so does Ctrl+C.`);
  browser.on('error', (e) => console.log(`Could not open ${exe} (${e.message}): open the address above in a browser.`));
  browser.on('exit', (code) => {
    if (Date.now() - started < 3_000) {
      // gone at once: it failed, or handed the window to a browser already running; the station stays up
      console.log(`The browser exited at once (code ${code}); the station keeps running at the address above. Ctrl+C stops it.`);
      return;
    }
    console.log('The station window was closed: stopping the station.');
    void server.close().finally(() => process.exit(0));
  });
}

async function main(): Promise<void> {
  run(npm, ['run', '--silent', 'build:renderer']);
  const electron = electronBinary();
  if (electron) {
    run(process.execPath, [join(root, 'electron', 'scripts', 'build-electron.ts')]);
    const app = spawn(electron, [root, ...args], { cwd: root, stdio: 'inherit' });
    app.on('exit', (code) => process.exit(code ?? 0));
    for (const s of ['SIGINT', 'SIGTERM'] as const) process.on(s, () => app.kill(s));
    return;
  }
  console.log('Electron\'s binary is not installed here, so the station runs in browser mode.');
  await browserMode();
}

if (import.meta.main) {
  main().catch((e: unknown) => {
    console.error(`The station could not start: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
