// One station: the store, the intake operations, the settings and the dispatcher, opened on a data directory.
// The Electron app, the station server and the tests all open a station the same way.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { homedir } from 'node:os';
import type { Clock } from './core/clock.ts';
import { Intake } from './core/intake.ts';
import { openStore, type DockStore, type StoreOptions, type StoreTx } from './core/store/index.ts';
import { PostgresStore } from './core/store/postgres.ts';
import { redactUrl } from './core/store/pg-bridge.ts';
import { seedDemo } from './core/demo.ts';
import { createDispatcher, type Dispatcher } from './api/dispatcher.ts';
import type { StationInfo } from './api/contract.ts';
import { DEFAULT_SETTINGS, DEMO_SETTINGS, type Settings, type SettingsStore } from './api/settings-schema.ts';
import type { LabelOutputs } from './core/labels/outputs.ts';
import { openSettings, readSettings } from './settings.ts';
import { createPrivateFile, preparePrivateDir } from './data-dir.ts';
import { acquireStationLock } from './station-lock.ts';
import { dailyBackup } from './backups.ts';
import { ReaderPool, type ReaderOptions } from './api/readers.ts';

export const STORE_FILE = 'intake.sqlite';
/** How many demo jobs a brand-new store starts with, so a first run shows a working dock. */
export const DEMO_JOBS = 24;

export interface StationOptions {
  dataDir: string;
  clock?: Clock;
  transport: StationInfo['transport'];
  /** A brand-new store is filled with demo jobs unless this is false (or the station starts blank). */
  demo?: { jobs: number; seed?: number } | false;
  /**
   * A real station: a brand-new data directory starts with no jobs and no settings but the defaults, and the
   * screens open the first-run setup. Otherwise a new directory starts as the demo dock (its people and address).
   */
  blank?: boolean;
  /** The app passes electron-store here; plain Node uses conf. `initial` is what a new settings file starts as. */
  openSettings?: (dir: string, now?: () => Date, initial?: Settings) => SettingsStore;
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
  /**
   * How this station runs, named to a second process that finds the data directory taken
   * ("desktop app", "browser mode", ...). Default: from the transport.
   */
  mode?: string;
  /**
   * Only to look (`npm run label`): the store opened read-only, settings read but never written, no
   * sweep, no demo jobs, and no lock, so it can run beside the station that has the directory open.
   */
  readOnly?: boolean;
  /**
   * The reader threads that answer the operations marked `read` off the thread that commits scans (default:
   * `defaultThreads()`; `{ threads: 0 }` answers them on that thread). The desktop app names the reader's bundle.
   */
  readers?: ReaderOptions;
  /**
   * The dock's shared PostgreSQL database (`postgres://…`) instead of the SQLite file in the data directory:
   * several stations, one dock. The data directory still holds this station's settings and lock.
   */
  database?: string;
}

export const DAILY_BACKUP_CHECK_MS = 60 * 60_000;
const FIRST_BACKUP_CHECK_MS = 5 * 60_000;

/** Ten minutes: deadlines are counted in days, so a sweep this often is never late by more than that. */
export const SWEEP_EVERY_MS = 10 * 60_000;
export const SWEEP_OPERATOR = 'deadline sweep';

export interface Station {
  readonly dataDir: string;
  readonly store: DockStore & StoreTx;
  readonly intake: Intake;
  readonly settings: SettingsStore;
  readonly dispatcher: Dispatcher;
  /** The reader threads, or null where every read is answered on the station's own thread. */
  readonly readers: ReaderPool | null;
  /** True when this run created the store (and seeded it, unless demo was false). */
  readonly created: boolean;
  close(): void;
}

/**
 * A write past a file size limit (ulimit -f) is refused by the kernel and answered STORE_DISK_ERROR by the store;
 * the SIGXFSZ that comes with it must not end the station. Node ignores it, but the settings file's atomic
 * writer hooks every signal to re-raise it after its cleanup: a listener of the station's own keeps it ignored.
 */
function keepRunningPastFileSizeLimit(): void {
  if (process.platform === 'win32' || process.listeners('SIGXFSZ').includes(ignoreSignal)) return;
  process.on('SIGXFSZ', ignoreSignal);
}
function ignoreSignal(): void {}

export function openStation(opts: StationOptions): Station {
  const dataDir = resolve(opts.dataDir);
  const storePath = join(dataDir, STORE_FILE);
  if (opts.readOnly) return openReadOnly(dataDir, storePath, opts);
  keepRunningPastFileSizeLimit();
  preparePrivateDir(dataDir);
  const lock = acquireStationLock(dataDir, opts.mode ?? (opts.transport === 'ipc' ? 'desktop app' : 'station server'));
  const storeOptions: StoreOptions = { path: storePath, ...(opts.database ? { database: opts.database } : {}) };
  let created = !opts.database && !existsSync(storePath);
  let store: DockStore & StoreTx;
  try {
    if (!opts.database) createPrivateFile(storePath);
    store = openStore(storeOptions);
    if (store instanceof PostgresStore) created = store.created;
  } catch (e) {
    lock.release();
    throw e;
  }
  let closed = false;
  let readers: ReaderPool | null = null;
  try {
    const settings = (opts.openSettings ?? openSettings)(dataDir, undefined, opts.blank ? DEFAULT_SETTINGS : DEMO_SETTINGS);
    const intake = opts.clock ? new Intake({ store, clock: opts.clock }) : new Intake({ store });
    const demo = opts.blank ? false : (opts.demo ?? { jobs: DEMO_JOBS });
    if (created && demo) seedDemo(intake, demo);
    let heldBack: string | null = null;
    const sweep = () => {
      try {
        const r = intake.sweep({ operator: SWEEP_OPERATOR, station: settings.get().stationId });
        // said once when the sweep starts waiting for the clock, not every ten minutes; the screens show it too
        const state = r.heldBack?.state ?? null;
        if (r.heldBack && state !== heldBack) console.error(`[intake] deadline sweep held back: the clock (${r.heldBack.now}) is ${state}`);
        heldBack = state;
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
    // the readers open their own connections from the same options, once the store is migrated and seeded
    readers = ReaderPool.start(storeOptions, opts.readers);
    const dispatcher = createDispatcher({
      intake,
      settings,
      transport: opts.transport,
      demoJobs: DEMO_JOBS,
      readers,
      ...(opts.version ? { version: opts.version } : {}),
      ...(opts.labels ? { labels: opts.labels } : {}),
    });
    const pool = readers;
    return {
      dataDir,
      store,
      intake,
      settings,
      dispatcher,
      readers: pool,
      created,
      close() {
        if (closed) return;
        closed = true;
        if (timer) clearInterval(timer);
        if (backupTimer) clearTimeout(backupTimer);
        pool?.close();
        store.close();
        lock.release();
      },
    };
  } catch (e) {
    readers?.close();
    store.close();
    lock.release();
    throw e;
  }
}

function openReadOnly(dataDir: string, storePath: string, opts: StationOptions): Station {
  if (!opts.database && !existsSync(storePath)) throw new Error(`There is no station store in ${dataDir} (expected ${STORE_FILE}).`);
  const store = openStore({ path: storePath, readOnly: true, ...(opts.database ? { database: opts.database } : {}) });
  const settings = readSettings(dataDir);
  const intake = opts.clock ? new Intake({ store, clock: opts.clock }) : new Intake({ store });
  const dispatcher = createDispatcher({
    intake,
    settings,
    transport: opts.transport,
    ...(opts.version ? { version: opts.version } : {}),
    ...(opts.labels ? { labels: opts.labels } : {}),
  });
  return { dataDir, store, intake, settings, dispatcher, readers: null, created: false, close: () => store.close() };
}

/**
 * The dock's PostgreSQL database, when the station uses one: `--database=postgres://…`, else
 * DOCK_INTAKE_DATABASE_URL; undefined for the SQLite file in the data directory. A password is refused on the
 * command line (every local account can list a process's arguments): it belongs in DOCK_INTAKE_DATABASE_URL,
 * PGPASSWORD or ~/.pgpass, which the driver reads.
 */
export function databaseFrom(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  const flag = argValue(argv, 'database')?.trim();
  const url = flag || env.DOCK_INTAKE_DATABASE_URL?.trim() || undefined;
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`The dock database must be a postgres:// URL, not ${flag ? '--database' : 'DOCK_INTAKE_DATABASE_URL'} as given.`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new Error(`The dock database must be a postgres:// URL, not ${redactUrl(url)}.`);
  }
  if (flag && (parsed.password || [...parsed.searchParams.keys()].some((k) => /pass/i.test(k)))) {
    throw new Error(
      `--database=${redactUrl(url)} carries a password, which every local account could read on the command line: ` +
        'give the URL in DOCK_INTAKE_DATABASE_URL instead, or keep the password in ~/.pgpass or PGPASSWORD.',
    );
  }
  return url;
}

/**
 * Whether a new station starts as the demo dock: `--demo` or `--no-demo` say so; otherwise only when it runs
 * from a development checkout (a `.git` beside the code), so a station installed for real starts blank.
 */
export function demoWanted(argv: readonly string[], root: string): boolean {
  if (argv.includes('--no-demo')) return false;
  if (argv.includes('--demo')) return true;
  return existsSync(join(root, '.git'));
}

/**
 * The data directory for browser mode and tools: `--data-dir=` first, then DOCK_INTAKE_DATA_DIR, then
 * ~/.dock-intake. (The app's default is Electron's userData instead; see main.ts.)
 */
export function dataDirFrom(argv: readonly string[], env: NodeJS.ProcessEnv, fallback = join(homedir(), '.dock-intake')): string {
  const flag = argValue(argv, 'data-dir');
  if (flag) return resolve(invokedFrom(env), flag);
  const fromEnv = env.DOCK_INTAKE_DATA_DIR?.trim();
  if (fromEnv) return resolve(invokedFrom(env), fromEnv);
  return fallback;
}

/**
 * Where the command was typed: npm runs scripts in the package's root but says where it was started in
 * INIT_CWD, and a relative path on the command line means relative to there.
 */
export function invokedFrom(env: NodeJS.ProcessEnv): string {
  return env.INIT_CWD?.trim() || process.cwd();
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
