// A throwaway PostgreSQL for the tests: initdb into a temporary directory, pg_ctl on a free local port (its
// socket in that directory too), one database per test made from a migrated template, all of it stopped and
// deleted at the end. `npm test` starts one cluster for the whole run and names it in DOCK_TEST_PG_URL; a
// test file run alone starts its own.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { PgBridge } from '../electron/core/store/pg-bridge.ts';
import { PostgresStore } from '../electron/core/store/postgres.ts';

/** What to do when the tests need PostgreSQL and it is not installed. */
export const PG_MISSING =
  'PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): on Debian or Ubuntu, apt-get install -y postgresql';

/** The newest PostgreSQL's programs on this machine, or null. */
export function pgBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0]!, 'bin') : null;
}

export interface Cluster {
  /** The superuser's URL of database `db`. */
  url(db?: string): string;
  /** The database server goes away (as a restart or a network cut would) and comes back on the same port. */
  pause(): void;
  resume(): void;
  stop(): void;
}

/** PostgreSQL refuses to run as root: as root, the cluster belongs to an unprivileged account. */
export function runAs(): { user: string; uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  for (const user of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
      if (uid > 0) return { user, uid, gid };
    } catch {
      // no such account: try the next
    }
  }
  throw new Error('Running as root with no unprivileged account (postgres or nobody) to run the test PostgreSQL as.');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts a new cluster in a temporary directory; `stop` stops it and deletes the directory. */
export async function startCluster(): Promise<Cluster> {
  const bin = pgBin();
  if (!bin) throw new Error(PG_MISSING);
  const owner = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'dock-pg-'));
  const data = join(dir, 'data');
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const as = (cmd: string, args: string[]) =>
    owner
      ? execFileSync('setpriv', [`--reuid=${owner.uid}`, `--regid=${owner.gid}`, '--clear-groups', '--', cmd, ...args], opts)
      : execFileSync(cmd, args, opts);
  const opts = { stdio: 'pipe' as const, cwd: dir, env: { ...process.env, LC_ALL: 'C' } };
  const superuser = 'dock_admin';
  as(join(bin, 'initdb'), ['-D', data, '-U', superuser, '--auth=trust', '--locale=C', '--encoding=UTF8', '--no-sync']);
  // a throwaway cluster: nothing in it must survive a power cut, so it never waits for the disk
  writeFileSync(
    join(data, 'postgresql.auto.conf'),
    ['fsync = off', 'synchronous_commit = off', 'full_page_writes = off', 'max_connections = 300', "listen_addresses = '127.0.0.1'"].join(
      '\n',
    ) + '\n',
  );
  if (owner) chownSync(join(data, 'postgresql.auto.conf'), owner.uid, owner.gid);
  let port = 0;
  const start = () =>
    as(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', `-p ${port} -k ${dir}`, 'start']);
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    try {
      start();
      break;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      as(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  process.on('exit', stop);
  return {
    url: (db = 'postgres') => `postgres://${superuser}@127.0.0.1:${port}/${db}`,
    pause: () => as(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']),
    resume: start,
    stop,
  };
}

// ---- one database per test --------------------------------------------------------------------------

const TEMPLATE = 'dock_template';
let admin: PgBridge | null = null;
let adminUrl: string | null = null;
let own: Cluster | null = null;
let made = 0;

/** The run's cluster (DOCK_TEST_PG_URL), else one of this process's own, started once. */
export async function testCluster(): Promise<string> {
  if (adminUrl) return adminUrl;
  const given = process.env.DOCK_TEST_PG_URL?.trim();
  if (given) adminUrl = given;
  else {
    own = await startCluster();
    adminUrl = own.url();
  }
  return adminUrl;
}

function adminBridge(): PgBridge {
  if (!adminUrl) throw new Error('testCluster() first (in a before hook, or by top-level await)');
  admin ??= new PgBridge({
    url: adminUrl,
    timeoutMs: 60_000,
    connectTimeoutMs: 10_000,
    readOnly: false,
    listen: false,
    applicationName: 'dock tests',
  });
  return admin;
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/**
 * A new, migrated, empty dock database; dropped by `drop`. `blank`: a database with no schema at all instead,
 * which the first station to open it migrates (and seeds, as it would a new SQLite file).
 */
export function newDatabase(opts: { blank?: boolean } = {}): { url: string; drop: () => void } {
  const a = adminBridge();
  return makeDatabase(a, adminUrl!, opts);
}

/** A new dock database on the cluster `admin` is connected to (the superuser's `url`). */
export function makeDatabase(a: PgBridge, url: string, opts: { blank?: boolean } = {}): { url: string; drop: () => void } {
  if (opts.blank) return createDatabase(a, url, 'template0');
  // the template is migrated once per cluster; tests in other processes wait for it rather than race
  a.call('SELECT pg_advisory_lock(1)', null);
  try {
    if (!a.call(null, 'SELECT 1 FROM pg_database WHERE datname = $1', [TEMPLATE]).rows.length) {
      a.call(`CREATE DATABASE ${TEMPLATE}`, null);
      new PostgresStore(withDatabase(url, TEMPLATE)).close();
      // a closed store's connection may still be leaving: the copy below needs none
      a.call(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${TEMPLATE}'`, null);
    }
  } finally {
    a.call('SELECT pg_advisory_unlock(1)', null);
  }
  return createDatabase(a, url, TEMPLATE);
}

function createDatabase(a: PgBridge, url: string, template: string): { url: string; drop: () => void } {
  const name = `dock_${process.pid}_${++made}_${Date.now().toString(36)}`;
  for (let attempt = 0; ; attempt++) {
    try {
      a.call(`CREATE DATABASE ${name} TEMPLATE ${template}`, null);
      break;
    } catch (e) {
      // another test process copying the template at the same moment holds it for an instant
      if (attempt >= 20 || !/being accessed by other users/.test(String(e))) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  return {
    url: withDatabase(url, name),
    drop: () => {
      try {
        a.call(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, null);
      } catch {
        // the cluster goes at the end of the run anyway
      }
    },
  };
}

const pool: PostgresStore[] = [];
const TABLES = 'jobs, drives, packages, package_jobs, custody, station_clock';

/**
 * A dock store for one test on a database of its own: a new one, or one an earlier test of this process used
 * and emptied. `release` empties it (its superuser may set aside the custody trigger to do so) and keeps it,
 * connection and all, for the next test: a new database and connection cost far more than emptying six tables.
 * A store a test closed itself, or left in a state that cannot be emptied, is dropped instead.
 */
export function pooledStore(): { store: PostgresStore; release: () => void } {
  const store = pool.pop() ?? new PostgresStore(newDatabase().url);
  return {
    store,
    release: () => {
      try {
        store.exec(`SET session_replication_role = replica; TRUNCATE ${TABLES} RESTART IDENTITY; SET session_replication_role = DEFAULT`);
        pool.push(store);
      } catch {
        store.close();
        try {
          adminBridge().call(`DROP DATABASE IF EXISTS ${new URL(store.path).pathname.slice(1)} WITH (FORCE)`, null);
        } catch {
          // the cluster goes at the end of the run anyway
        }
      }
    },
  };
}

/** Whether this run's core and contract tests use PostgreSQL (DOCK_TEST_STORE=postgres). */
export const onPostgres = process.env.DOCK_TEST_STORE === 'postgres';

/** Who runs the tests: the cluster's files belong to another account when that is root. */
export const testUser = userInfo().username;
