// `npm start`: the station. Builds the screens, then runs the Electron app, installing Electron's binary
// first when it is missing (within a time limit). Only when the app cannot run here (no display, or no
// binary to be had) does it say why in one line and run browser mode: the station server on 127.0.0.1,
// shown in an installed Chromium/Chrome/Edge app window when there is one, else the address is printed.
// What to do is decided by nextStep (launch-plan.ts), which is tested on its own.
//   npm start -- --data-dir=<dir>   a station's data (or DOCK_INTAKE_DATA_DIR)
//   npm start -- --browser          browser mode even where the app could run
//   npm start -- --no-open          browser mode without opening a window
//   npm start -- --demo | --no-demo a new data directory as the demo dock or blank (default: demo in a checkout)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.ts';
import {
  browserArgs,
  hasDisplay,
  installElectron,
  INSTALL_TIMEOUT_MS,
  nextStep,
  writeLaunchPage,
  type InstallOutcome,
} from './launch-plan.ts';
import { TICKET_TTL_MS } from '../server.ts';
import { findBrowser } from '../find-browser.ts';

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

async function browserMode(): Promise<void> {
  const { serve, closeOnSignals, newStationNote } = await import('../server-cli.ts');
  const server = await serve(args, process.env, 'browser mode');
  console.log(`Station data: ${server.station.dataDir}${newStationNote(server)}`);
  console.log(`Open the station at: ${server.url}`);

  let browser: ChildProcess | null = null;
  closeOnSignals(server, () => {
    if (browser && browser.exitCode === null) browser.kill();
  });
  if (args.includes('--no-open')) return;
  const found = findBrowser();
  if (!found.browser) {
    console.log(`${found.line}. Open the address above in a browser; Ctrl+C stops the station.`);
    return;
  }
  const exe = found.browser.path;
  if (!hasDisplay(process.env)) {
    console.log('No display to open a window on: open the address above in a browser. Ctrl+C stops the station.');
    return;
  }
  // the window opens a page in the private data directory that carries a one-time ticket on to the
  // station: the browser's command line, which every local account can list, holds no secret at all
  const launchFile = writeLaunchPage(server.station.dataDir, server.ticketUrl());
  const forget = () => rmSync(launchFile, { force: true });
  setTimeout(forget, TICKET_TTL_MS).unref();
  process.on('exit', forget);
  const launch = browserArgs({ launchFile, profileDir: join(server.station.dataDir, 'browser-profile'), root: process.getuid?.() === 0 });
  const started = Date.now();
  browser = spawn(exe, launch, { stdio: 'ignore' });
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
  const facts = { binary: electronBinary() !== null, display: hasDisplay(process.env), browserAsked: args.includes('--browser') };
  let step = nextStep(facts);
  if (step.step === 'install') {
    console.log(`Electron's binary is not installed: installing it (up to ${INSTALL_TIMEOUT_MS / 1000} s)…`);
    const install: InstallOutcome = await installElectron(root);
    step = nextStep({ ...facts, binary: electronBinary() !== null, install });
  }
  const electron = electronBinary();
  if (step.step === 'electron' && electron) {
    run(process.execPath, [join(root, 'electron', 'scripts', 'build-electron.ts')]);
    const app = spawn(electron, [root, ...args], { cwd: root, stdio: 'inherit' });
    app.on('exit', (code) => process.exit(code ?? 0));
    for (const s of ['SIGINT', 'SIGTERM'] as const) process.on(s, () => app.kill(s));
    return;
  }
  console.log(step.step === 'browser' ? step.why : "Electron's binary cannot be found, so the station runs in browser mode.");
  await browserMode();
}

if (import.meta.main) {
  main().catch((e: unknown) => {
    console.error(`The station could not start: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
