// Where Electron's binary is, if it is installed. Asked without `require('electron')`, which would try to
// download it when it is missing (this machine cannot).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const electronDir = fileURLToPath(new URL('../../node_modules/electron/', import.meta.url));

export function electronBinary(): string | null {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = join(electronDir, 'path.txt');
  const name = existsSync(pathFile)
    ? readFileSync(pathFile, 'utf8').trim()
    : process.platform === 'win32'
      ? 'electron.exe'
      : process.platform === 'darwin'
        ? 'Electron.app/Contents/MacOS/Electron'
        : 'electron';
  const full = override ? join(override, name) : join(electronDir, 'dist', name);
  return existsSync(full) ? full : null;
}
