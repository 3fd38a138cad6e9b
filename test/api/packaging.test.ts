// The installers, as far as this machine can check them without Electron's download: the configuration,
// the one fuse list (and that the afterPack hook really flips a binary's fuses to it), and what a real
// electron-builder run packs into app.asar from a real build: the app, and nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { listPackage } from '@electron/asar';
import {
  FUSES,
  LINUX_EXECUTABLE,
  NEVER_PACKED,
  ROOT,
  afterPack,
  applyFuses,
  builderConfig,
  electronVersion,
  fuseConfig,
  fuseTarget,
  stageApp,
} from '../../electron/scripts/packaging.ts';
import { buildElectron } from '../../electron/scripts/build-electron.ts';
import { tempDir } from './helpers.ts';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** A file laid out as Electron's executables carry their fuses: the sentinel, version 1, length, wire. */
function fakeElectron(path: string, wire: number[]): void {
  writeFileSync(
    path,
    Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n'), Buffer.from(SENTINEL), Buffer.from([1, wire.length, ...wire]), Buffer.alloc(32)]),
  );
  chmodSync(path, 0o755);
}

test('every fuse is decided: no run-as-node, no NODE_OPTIONS or --inspect, asar integrity on, the app only from asar', () => {
  const fuseCount = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k))).length;
  assert.equal(Object.keys(FUSES).length, fuseCount, 'each fuse @electron/fuses knows');
  assert.equal(FUSES[FuseV1Options.RunAsNode], false);
  assert.equal(FUSES[FuseV1Options.EnableNodeOptionsEnvironmentVariable], false);
  assert.equal(FUSES[FuseV1Options.EnableNodeCliInspectArguments], false);
  assert.equal(FUSES[FuseV1Options.EnableEmbeddedAsarIntegrityValidation], true);
  assert.equal(FUSES[FuseV1Options.OnlyLoadAppFromAsar], true);
  assert.equal(FUSES[FuseV1Options.EnableCookieEncryption], true);
  assert.equal(FUSES[FuseV1Options.GrantFileProtocolExtraPrivileges], false);
  assert.equal(fuseConfig().strictlyRequireAllFuses, true, 'a fuse a newer Electron adds must be decided before it ships');
});

test('the fuse list lives in one place: package.json has no build block, electron-builder gets the hook', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(pkg.build, undefined, 'no second configuration for a bare `electron-builder` to pick up');
  const config = builderConfig();
  assert.equal(config.electronFuses, undefined, 'fuses are flipped by our hook only, not twice');
  assert.equal(config.afterPack, afterPack);
  assert.equal(config.asar, true);
  assert.equal(config.disableAsarIntegrity, undefined);
  assert.deepEqual(config.linux?.target, ['AppImage', 'deb']);
  assert.deepEqual(config.win?.target, ['nsis']);
  assert.equal(config.electronVersion, electronVersion());
  assert.match(config.electronVersion ?? '', /^\d+\.\d+\.\d+$/);
});

test("the afterPack hook flips a binary's fuses to the list and reads them back", async () => {
  const t = tempDir();
  try {
    // every fuse the other way round from the list, so each one has to move
    const wire = Object.values(FUSES).map((on) => (on ? FuseState.DISABLE : FuseState.ENABLE));
    fakeElectron(join(t.dir, LINUX_EXECUTABLE), wire);
    await afterPack({ electronPlatformName: 'linux', appOutDir: t.dir });
    const now = await getCurrentFuseWire(join(t.dir, LINUX_EXECUTABLE));
    for (const [i, on] of Object.entries(FUSES)) {
      assert.equal(now[Number(i) as FuseV1Options], on ? FuseState.ENABLE : FuseState.DISABLE, FuseV1Options[Number(i)]);
    }
  } finally {
    t.remove();
  }
});

test('a binary with a fuse the list does not decide fails the build', async () => {
  const t = tempDir();
  try {
    fakeElectron(join(t.dir, 'electron'), [...Object.values(FUSES).map(() => FuseState.ENABLE), FuseState.ENABLE]);
    await assert.rejects(applyFuses(join(t.dir, 'electron')), /strictlyRequireAllFuses/);
  } finally {
    t.remove();
  }
});

test('the fuses are flipped in the executable each platform starts', () => {
  assert.equal(fuseTarget('linux', '/o'), join('/o', 'dock-intake'));
  assert.equal(fuseTarget('win32', '/o'), join('/o', 'Dock Intake.exe'));
  assert.equal(fuseTarget('darwin', '/o'), join('/o', 'Dock Intake.app'));
});

test("never packed: source maps, .env files, a station's data", () => {
  for (const p of [
    '/a/main.cjs.map',
    '/a/.env',
    '/a/.env.local',
    '/d/intake.sqlite',
    '/d/intake.sqlite-wal',
    '/d/settings.json',
    '/d/station.lock',
  ]) {
    assert.ok(NEVER_PACKED.test(p), p);
  }
  for (const p of ['/a/main.cjs', '/a/index.html', '/a/assets/index-abc.js', '/f/manifest.json', '/f/environment.woff2'])
    assert.ok(!NEVER_PACKED.test(p), p);
});

test('electron-builder packs the real build into app.asar: the app, fonts, and nothing else', { timeout: 240_000 }, async () => {
  if (!existsSync(join(ROOT, 'dist', 'renderer', 'index.html'))) {
    const r = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'],
      { cwd: ROOT, stdio: 'inherit' },
    );
    assert.equal(r.status, 0, 'the renderer builds');
  }
  await buildElectron();
  const t = tempDir();
  try {
    // a copy of the project's build output, with what must never ship planted in it
    const root = join(t.dir, 'project');
    for (const p of ['dist/electron', 'dist/renderer', 'assets/fonts', 'package.json'])
      cpSync(join(ROOT, p), join(root, p), { recursive: true });
    // the project's own dependencies, as electron-builder meets them in the project
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'junction');
    writeFileSync(join(root, 'dist', 'renderer', '.env'), 'SECRET=1');
    writeFileSync(join(root, 'dist', 'renderer', 'intake.sqlite'), 'a station store');
    writeFileSync(join(root, 'dist', 'renderer', 'settings.json'), '{}');
    mkdirSync(join(root, 'test'), { recursive: true });
    writeFileSync(join(root, 'test', 'x.test.ts'), '');
    stageApp(root);

    // Electron's own download is out of reach here: a stand-in with Electron's fuse wire takes its place
    const electronDist = join(t.dir, 'electron-dist');
    mkdirSync(join(electronDist, 'resources'), { recursive: true });
    fakeElectron(
      join(electronDist, 'electron'),
      Object.values(FUSES).map(() => FuseState.ENABLE),
    );
    writeFileSync(join(electronDist, 'version'), electronVersion());
    const { build } = await import('electron-builder');
    const config = builderConfig(root);
    await build({
      projectDir: root,
      config: { ...config, electronDist, directories: { ...config.directories, output: join(t.dir, 'release') } },
      publish: 'never',
      linux: ['dir'],
    });
    const out = join(t.dir, 'release', 'linux-unpacked');
    const packed = listPackage(join(out, 'resources', 'app.asar'), { isPack: false }).map((p) => p.replace(/\\/g, '/'));
    for (const f of [
      '/package.json',
      '/electron/main.cjs',
      '/electron/preload.cjs',
      '/electron/read-worker.cjs',
      '/electron/pg-worker.cjs',
      '/renderer/index.html',
      '/assets/fonts/noto-sans-tc/manifest.json',
    ]) {
      assert.ok(packed.includes(f), `${f} is packed`);
    }
    const bad = packed.filter((p) =>
      /node_modules|\.map$|\.env|\.sqlite|settings\.json|station\.lock|^\/(test|electron\/core|renderer\/src)\b|\.ts$/.test(p),
    );
    assert.deepEqual(bad, [], 'nothing but the app');
    const appPkg = JSON.parse(readFileSync(join(root, 'dist', 'app', 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(appPkg.main, 'electron/main.cjs');
    assert.equal(appPkg.dependencies, undefined);
    // and the hook ran on the packed executable
    const wire = await getCurrentFuseWire(join(out, LINUX_EXECUTABLE));
    assert.equal(wire[FuseV1Options.RunAsNode], FuseState.DISABLE);
    assert.equal(wire[FuseV1Options.OnlyLoadAppFromAsar], FuseState.ENABLE);
  } finally {
    t.remove();
  }
});
