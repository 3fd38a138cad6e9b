// One station process per data directory. Two processes on one store would each keep their own settings
// in memory and overwrite each other's changes, and each would run the deadline sweep; so the second is
// refused, told which process holds the directory (pid, since when, in which mode). A lock left behind by
// a process that is gone (a crash, a power cut) is taken over.
//
// The lock is a small JSON file created exclusively (O_EXCL), which works the same on every platform and
// on the network drives some docks keep their data on. It names the host too: a pid means nothing on
// another machine, so a lock of another host is never judged stale.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { PRIVATE_FILE_MODE } from './data-dir.ts';

export const LOCK_FILE = 'station.lock';

export interface LockHolder {
  pid: number;
  /** ISO time the process took the lock. */
  startedAt: string;
  /** How that station runs: desktop app, browser mode, station server, tests. */
  mode: string;
  host: string;
}

export class StationLockedError extends Error {
  readonly code = 'STATION_ALREADY_OPEN';
  readonly dataDir: string;
  readonly holder: LockHolder;
  constructor(dataDir: string, holder: LockHolder) {
    const where = holder.host !== hostname() ? ` on ${holder.host}` : '';
    super(
      `Another station process is already open on ${dataDir}: pid ${holder.pid}${where}, ${holder.mode}, ` +
        `started ${holder.startedAt}. Close that one first (or give this one its own --data-dir).`,
    );
    this.dataDir = dataDir;
    this.holder = holder;
  }
}

export interface StationLock {
  readonly path: string;
  release(): void;
}

/** Whether a process of this machine is alive: signal 0 checks without sending anything. */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, it is just someone else's
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): LockHolder | null {
  try {
    const v = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    if (typeof v.pid !== 'number' || typeof v.startedAt !== 'string' || typeof v.mode !== 'string' || typeof v.host !== 'string')
      return null;
    return { pid: v.pid, startedAt: v.startedAt, mode: v.mode, host: v.host };
  } catch {
    return null;
  }
}

/** Whether a lock found on disk is a leftover: its process is gone, or the file is not a lock at all. */
export function isStale(holder: LockHolder | null, alive: (pid: number) => boolean = processAlive, host = hostname()): boolean {
  if (!holder) return true;
  if (holder.host !== host) return false;
  return !alive(holder.pid);
}

export function acquireStationLock(dataDir: string, mode: string, now: () => Date = () => new Date()): StationLock {
  const path = join(dataDir, LOCK_FILE);
  const mine: LockHolder = { pid: process.pid, startedAt: now().toISOString(), mode, host: hostname() };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', PRIVATE_FILE_MODE);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readHolder(path);
      // a file being written this very moment reads as nothing: give its writer a moment before judging
      if (!holder && attempt === 0) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
        continue;
      }
      if (!isStale(holder, processAlive)) throw new StationLockedError(dataDir, holder!);
      try {
        unlinkSync(path);
      } catch {
        /* another process took it over first: the next attempt sees whose it is now */
      }
      continue;
    }
    try {
      writeSync(fd, JSON.stringify(mine));
    } finally {
      closeSync(fd);
    }
    let released = false;
    return {
      path,
      release() {
        if (released) return;
        released = true;
        // only our own lock: never one a later process took over
        const now = readHolder(path);
        if (now && now.pid === mine.pid && now.startedAt === mine.startedAt && now.host === mine.host) {
          try {
            unlinkSync(path);
          } catch {
            /* already gone */
          }
        }
      },
    };
  }
  const holder = readHolder(path);
  throw new StationLockedError(dataDir, holder ?? { pid: 0, startedAt: 'unknown', mode: 'unknown', host: hostname() });
}
