// One station: the store, the intake operations, the settings and the dispatcher, opened on a data directory.
// The Electron app, the station server and the tests all open a station the same way.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { homedir } from 'node:os';
import type { Clock } from './core/clock.ts';
import { Intake } from './core/intake.ts';
import { Store } from './core/store/index.ts';
import { seedDemo } from './core/demo.ts';
import { createDispatcher, type Dispatcher } from './api/dispatcher.ts';
import type { StationInfo } from './api/contract.ts';
import type { SettingsStore } from './api/settings-schema.ts';
import type { LabelOutputs } from './core/labels/outputs.ts';
import { openSettings } from './settings.ts';
import { dailyBackup } from './backups.ts';

export const STORE_FILE = 'intake.sqlite';
/** Written while a station has the store open (its process id): a restore refuses to replace a store in use. */
export const LOCK_FILE = 'station.lock';
/** How many demo jobs a brand-new store starts with, so a first run shows a working dock. */
export const DEMO_JOBS = 24;

export interface StationOptions {
  dataDir: string;
  clock?: Clock;
  transport: StationInfo['transport'];
  /** A brand-new store is filled with demo jobs unless this is false. */
  demo?: { jobs: number; seed?: number } | false;
  /** The app passes electron-store here; plain Node uses conf. */
  openSettings?: (dir: string) => SettingsStore;
  version?: string;
  /** How labels leave the station: the app passes Electron's printing; plain Node loads its own on first use. */
  labels?: LabelOutputs;
  /**
   * How often the deadline sweep runs (it also runs when the station opens): Creating jobs deleted after
   * 2 weeks, overdue drives NeverReceived, unanswered jobs Closed, ended jobs purged. False: never (tests
   * that move the clock themselves).
   */
  sweepEveryMs?: number | false;
  /** How often the station checks for its daily backup (first check a few minutes after opening). False: never. */
  dailyBackupEveryMs?: number | false;
  /** Whether this opening is the station (the app, the server) and marks the store as in use; tools pass false. */
  lock?: boolean;
}

export const DAILY_BACKUP_CHECK_MS = 60 * 60_000;
const FIRST_BACKUP_CHECK_MS = 5 * 60_000;

/** The process id of a station that has this data directory's store open now, or null. */
export function stationRunning(dataDir: string): number | null {
  const lock = join(resolve(dataDir), LOCK_FILE);
  if (!existsSync(lock)) return null;
  const pid = Number(readFileSync(lock, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else, so it is running
    return (e as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}

/** Ten minutes: deadlines are counted in days, so a sweep this often is never late by more than that. */
export const SWEEP_EVERY_MS = 10 * 60_000;
export const SWEEP_OPERATOR = 'deadline sweep';

export interface Station {
  readonly dataDir: string;
  readonly store: Store;
  readonly intake: Intake;
  readonly settings: SettingsStore;
  readonly dispatcher: Dispatcher;
  /** True when this run created the store (and seeded it, unless demo was false). */
  readonly created: boolean;
  close(): void;
}

export function openStation(opts: StationOptions): Station {
  const dataDir = resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const storePath = join(dataDir, STORE_FILE);
  const created = !existsSync(storePath);
  const store = new Store(storePath);
  let closed = false;
  try {
    const settings = (opts.openSettings ?? openSettings)(dataDir);
    const intake = opts.clock ? new Intake({ store, clock: opts.clock }) : new Intake({ store });
    const demo = opts.demo ?? { jobs: DEMO_JOBS };
    if (created && demo) seedDemo(intake, demo);
    const sweep = () => {
      try {
        intake.sweep({ operator: SWEEP_OPERATOR, station: settings.get().stationId });
      } catch (e) {
        // a sweep that fails is retried at the next turn; the station keeps serving scans
        console.error('[intake] deadline sweep failed:', e instanceof Error ? e.message : e);
      }
    };
    const every = opts.sweepEveryMs ?? SWEEP_EVERY_MS;
    let timer: ReturnType<typeof setInterval> | null = null;
    if (every !== false) {
      sweep();
      timer = setInterval(sweep, every);
      timer.unref();
    }
    const backupEvery = opts.dailyBackupEveryMs ?? DAILY_BACKUP_CHECK_MS;
    let backupTimer: ReturnType<typeof setTimeout> | null = null;
    if (backupEvery !== false) {
      const check = () => {
        backupTimer = setTimeout(check, backupEvery);
        backupTimer.unref();
        dailyBackup(intake, settings, new Date()).catch((e: unknown) => {
          // a backup that fails is tried again at the next check; the station keeps serving scans
          if (!closed) console.error('[intake] daily backup failed:', e instanceof Error ? e.message : e);
        });
      };
      backupTimer = setTimeout(check, Math.min(FIRST_BACKUP_CHECK_MS, backupEvery));
      backupTimer.unref();
    }
    const lock = opts.lock ?? true;
    if (lock) writeFileSync(join(dataDir, LOCK_FILE), `${process.pid}\n`);
    const dispatcher = createDispatcher({
      intake, settings, transport: opts.transport,
      ...(opts.version ? { version: opts.version } : {}),
      ...(opts.labels ? { labels: opts.labels } : {}),
    });
    return {
      dataDir, store, intake, settings, dispatcher, created,
      close() {
        if (closed) return;
        closed = true;
        if (timer) clearInterval(timer);
        if (backupTimer) clearTimeout(backupTimer);
        store.close();
        if (lock) try {
          if (readFileSync(join(dataDir, LOCK_FILE), 'utf8').trim() === String(process.pid)) rmSync(join(dataDir, LOCK_FILE), { force: true });
        } catch { /* gone already */ }
      },
    };
  } catch (e) {
    store.close();
    throw e;
  }
}

/**
 * The data directory for browser mode and tools: `--data-dir=` first, then DOCK_INTAKE_DATA_DIR, then
 * ~/.dock-intake. (The app's default is Electron's userData instead; see main.ts.)
 */
export function dataDirFrom(argv: readonly string[], env: NodeJS.ProcessEnv, fallback = join(homedir(), '.dock-intake')): string {
  const flag = argValue(argv, 'data-dir');
  if (flag) return resolve(flag);
  const fromEnv = env.DOCK_INTAKE_DATA_DIR?.trim();
  if (fromEnv) return resolve(fromEnv);
  return fallback;
}

/** `--name=value` or `--name value`. */
export function argValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
    if (a === `--${name}` && i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) return argv[i + 1];
  }
  return undefined;
}
