// `npm run dist`: the installers. Builds the app, stages it (packaging.ts), and has electron-builder make
// an AppImage and a .deb for Linux and an NSIS installer for Windows in release/, with the fuses flipped
// (and read back) in its afterPack hook and app.asar's integrity embedded.
//   npm run dist              Linux and Windows (Windows only, on Windows)
//   npm run dist -- --linux   or --win: one of them
// Electron itself is downloaded for each target first; where that cannot be done, one line says so and
// the command fails, before anything is built.
import { spawnSync } from 'node:child_process';
import { downloadArtifact } from '@electron/get';
import { APP_DIR, OUTPUT_DIR, ROOT, builderConfig, electronVersion, stageApp } from './packaging.ts';

const args = process.argv.slice(2);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** A download that has not finished in this time is not going to. */
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;

function fail(line: string): never {
  console.error(`npm run dist: ${line}`);
  process.exit(1);
}

const oneLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split(/\r?\n/)[0]!.slice(0, 200);

async function main(): Promise<void> {
  const wantLinux = args.includes('--linux') || (!args.includes('--win') && process.platform !== 'win32');
  const wantWin = args.includes('--win') || !args.includes('--linux');
  const platforms = [...(wantLinux ? ['linux' as const] : []), ...(wantWin ? ['win32' as const] : [])];
  const version = electronVersion();

  for (const platform of platforms) {
    try {
      await Promise.race([
        downloadArtifact({ version, artifactName: 'electron', platform, arch: 'x64' }),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error(`no answer in ${DOWNLOAD_TIMEOUT_MS / 60_000} min`)), DOWNLOAD_TIMEOUT_MS).unref(),
        ),
      ]);
    } catch (e) {
      fail(
        `Electron ${version} for ${platform}-x64 could not be downloaded (${oneLine(e)}), so no installer was built; ` +
          'run it where GitHub is reachable, or set ELECTRON_MIRROR.',
      );
    }
  }

  const built = spawnSync(npm, ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (built.status !== 0) fail('the build (npm run build) failed; see above.');
  stageApp();
  console.log(`Staged the app in ${APP_DIR}; building ${platforms.join(' and ')} installers in ${OUTPUT_DIR}/ ...`);

  const { build } = await import('electron-builder');
  try {
    const files = await build({
      config: builderConfig(),
      publish: 'never',
      ...(wantLinux ? { linux: ['AppImage', 'deb'] } : {}),
      ...(wantWin ? { win: ['nsis'] } : {}),
    });
    for (const f of files) console.log(`  ${f}`);
  } catch (e) {
    fail(`electron-builder failed: ${oneLine(e)}`);
  }
}

main().catch((e: unknown) => fail(oneLine(e)));
