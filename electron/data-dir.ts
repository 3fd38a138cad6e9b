// The station's data directory is private to the account that runs the station: the store holds every
// BitLocker key the dock has been given, so no other local account may read it. The directory is 0700 and
// every file in it 0600, made so when created and put right when found looser (an older version, a copy,
// a restore from backup). On Windows modes mean little: the data lives under the user's own profile,
// whose ACL already keeps other accounts out.
import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const posix = process.platform !== 'win32';

/** Creates the data directory 0700 (its parents as the system makes them) and tightens what is already in it. */
export function preparePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  tightenPrivateDir(dir);
}

/**
 * The directory to 0700, each file directly in it to 0600 and each subdirectory (the browser profile)
 * to 0700. Only the owner's bits are kept, so nothing is ever loosened. Symlinks are left alone: chmod
 * would follow them out of the directory.
 */
export function tightenPrivateDir(dir: string): void {
  if (!posix) return;
  tighten(dir, PRIVATE_DIR_MODE);
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    let st;
    try {
      st = lstatSync(path);
    } catch {
      continue; // gone meanwhile
    }
    if (st.isDirectory()) tighten(path, PRIVATE_DIR_MODE);
    else if (st.isFile()) tighten(path, PRIVATE_FILE_MODE);
  }
}

function tighten(path: string, mode: number): void {
  const current = lstatSync(path).mode & 0o777;
  if ((current & ~mode) !== 0) chmodSync(path, current & mode);
}

/**
 * Creates `path` empty and 0600 unless it exists. SQLite gives the -wal and -shm files the mode of the
 * store file, so a store created this way keeps all three private.
 */
export function createPrivateFile(path: string): void {
  try {
    closeSync(openSync(path, 'wx', PRIVATE_FILE_MODE));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
}
