// The installers' one source of truth: what goes into the app, electron-builder's configuration, and the
// Electron fuses. `npm run dist` (dist.ts) builds with it; test/api/packaging.test.ts checks it. Nothing
// here downloads or builds anything, so the test runs on any machine.
//
// The app is staged in dist/app with a package.json of its own: the shell and the screens are bundled
// (dist/electron/*.cjs, dist/renderer/), so the app needs no node_modules, and electron-builder, seeing
// no dependencies, packs none. The label font rides along (labels are drawn in the main process).
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuseV1Options, FuseVersion, FuseState, flipFuses, getCurrentFuseWire, type FuseV1Config } from '@electron/fuses';
import type { AfterPackContext, Configuration } from 'electron-builder';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const PRODUCT_NAME = 'Dock Intake';
export const APP_ID = 'com.dockintake.station';
export const LINUX_EXECUTABLE = 'dock-intake';
/** Where the app is staged, relative to the project root. */
export const APP_DIR = join('dist', 'app');
export const OUTPUT_DIR = 'release';

/**
 * Every fuse of Electron's wire, decided. `strictlyRequireAllFuses` makes a build of a newer Electron with
 * a fuse not listed here fail until someone decides it.
 */
export const FUSES: Record<FuseV1Options, boolean> = {
  // the app never runs as plain Node (ELECTRON_RUN_AS_NODE would make it a Node with the app's rights)
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  // no NODE_OPTIONS, no --inspect: nobody attaches code to the station from outside
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar is checked against the hash built into the executable (macOS and Windows) ...
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // ... and the app is loaded from app.asar only, never from a loose folder put beside it
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // the station's page is served from app://, so file:// needs none of its old powers
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  // Electron's default: WebAssembly bounds checks by the trap handler
  [FuseV1Options.WasmTrapHandlers]: true,
};

export function fuseConfig(): FuseV1Config {
  return { version: FuseVersion.V1, strictlyRequireAllFuses: true, resetAdHocDarwinSignature: true, ...FUSES };
}

/** The file whose fuse wire is flipped, inside a packed app directory. */
export function fuseTarget(electronPlatformName: string, appOutDir: string): string {
  switch (electronPlatformName) {
    case 'win32':
      return join(appOutDir, `${PRODUCT_NAME}.exe`);
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${PRODUCT_NAME}.app`);
    default:
      return join(appOutDir, LINUX_EXECUTABLE);
  }
}

/** Flips the fuses of one Electron binary and reads them back: a fuse not as decided fails the build. */
export async function applyFuses(binary: string): Promise<void> {
  await flipFuses(binary, fuseConfig());
  const wire = await getCurrentFuseWire(binary);
  for (const [index, on] of Object.entries(FUSES)) {
    const state = wire[Number(index) as FuseV1Options];
    const want = on ? FuseState.ENABLE : FuseState.DISABLE;
    if (state !== want) throw new Error(`The fuse ${FuseV1Options[Number(index)]} of ${binary} is ${state}, not ${want}.`);
  }
}

/** electron-builder's afterPack hook: fuses are flipped here, after packing and before signing. */
export async function afterPack(context: Pick<AfterPackContext, 'electronPlatformName' | 'appOutDir'>): Promise<void> {
  await applyFuses(fuseTarget(context.electronPlatformName, context.appOutDir));
}

interface ProjectPackage {
  version: string;
  description: string;
  devDependencies: Record<string, string>;
}

export function projectPackage(root = ROOT): ProjectPackage {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as ProjectPackage;
}

/** The Electron version packed: the one installed for development, exactly. */
export function electronVersion(root = ROOT): string {
  return (JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * What of the staged app goes into app.asar: everything staged, less source maps (they carry the whole
 * source, for nobody at the dock). Applied by electron-builder to APP_DIR.
 */
export const FILES = ['**/*', '!**/*.map', '!**/node_modules{,/**}'];

export function builderConfig(root = ROOT): Configuration {
  const pkg = projectPackage(root);
  return {
    appId: APP_ID,
    productName: PRODUCT_NAME,
    copyright: 'Dock Intake',
    electronVersion: electronVersion(root),
    directories: { app: APP_DIR, output: OUTPUT_DIR },
    files: FILES,
    asar: true,
    // the app is bundled: nothing to rebuild, nothing native
    npmRebuild: false,
    nodeGypRebuild: false,
    afterPack,
    linux: {
      target: ['AppImage', 'deb'],
      executableName: LINUX_EXECUTABLE,
      category: 'Office',
      synopsis: pkg.description,
      maintainer: 'Dock Intake',
    },
    deb: { packageName: LINUX_EXECUTABLE },
    win: { target: ['nsis'] },
    nsis: {
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      // the station's data (userData) stays when the app is removed: it is the dock's custody record
      deleteAppDataOnUninstall: false,
    },
  };
}

/** The staged app's own package.json: what Electron reads to start it, and no dependencies. */
export function appPackageJson(root = ROOT): Record<string, unknown> {
  const pkg = projectPackage(root);
  return {
    name: LINUX_EXECUTABLE,
    productName: PRODUCT_NAME,
    version: pkg.version,
    description: pkg.description,
    author: { name: PRODUCT_NAME },
    main: 'electron/main.cjs',
    private: true,
  };
}

/**
 * Never staged, whatever a build directory holds: source maps (the whole source), environment files, a
 * station's data (a store, its WAL, settings, a lock) someone pointed --data-dir at by mistake.
 */
export const NEVER_PACKED = /(\.map|(^|[\\/])\.env[^\\/]*|\.sqlite(-wal|-shm|-journal)?|[\\/]settings\.json|[\\/]station\.lock)$/i;

/**
 * Stages the app from a build (`npm run build`): dist/electron/*.cjs, dist/renderer/, assets/fonts/ and
 * the app's package.json, nothing else. Throws, naming what is missing, when the build is not there.
 */
export function stageApp(root = ROOT, appDir = join(root, APP_DIR)): void {
  const need = [
    join(root, 'dist', 'electron', 'main.cjs'),
    join(root, 'dist', 'electron', 'preload.cjs'),
    join(root, 'dist', 'electron', 'read-worker.cjs'),
    join(root, 'dist', 'renderer', 'index.html'),
  ];
  for (const f of need) statSync(f);
  rmSync(appDir, { recursive: true, force: true });
  mkdirSync(join(appDir, 'electron'), { recursive: true });
  for (const name of readdirSync(join(root, 'dist', 'electron'))) {
    if (name.endsWith('.cjs')) cpSync(join(root, 'dist', 'electron', name), join(appDir, 'electron', name));
  }
  const filter = (src: string) => !NEVER_PACKED.test(src);
  cpSync(join(root, 'dist', 'renderer'), join(appDir, 'renderer'), { recursive: true, filter });
  cpSync(join(root, 'assets', 'fonts'), join(appDir, 'assets', 'fonts'), { recursive: true, filter });
  writeFileSync(join(appDir, 'package.json'), `${JSON.stringify(appPackageJson(root), null, 2)}\n`);
}

/** Every file under `dir`, as forward-slash paths relative to it. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}
