// The benchmarks' PostgreSQL: a cluster kept under the bench cache (so a 1,000,000-drive dock database is
// loaded once, not every run), durable as a dock's must be (fsync, full_page_writes and synchronous_commit on:
// a COMMIT returns when its WAL is on disk), and dock databases of a chosen size copied in bulk from the same
// cached SQLite stores the SQLite rows measure, so both stores hold the same records.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PgBridge } from '../../electron/core/store/pg-bridge.ts';
import { PostgresStore } from '../../electron/core/store/postgres.ts';
import { pgBin, runAs } from '../pg-cluster.ts';
import { sqliteReader } from '../store-file.ts';
import { cacheDir } from './fill.ts';

export interface BenchCluster {
  url(db?: string): string;
  admin: PgBridge;
  stop(): void;
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

/** Starts the cached cluster (made on first use); `stop` stops it and keeps its files. */
export async function benchCluster(log: (s: string) => void): Promise<BenchCluster> {
  const bin = pgBin();
  if (!bin) throw new Error('no PostgreSQL');
  const owner = runAs();
  const dir = join(cacheDir(), `pg${bin.split('/').at(-2)}`);
  const data = join(dir, 'data');
  const opts = { stdio: 'pipe' as const, cwd: dir, env: { ...process.env, LC_ALL: 'C' } };
  const as = (cmd: string, args: string[]) =>
    owner
      ? execFileSync('setpriv', [`--reuid=${owner.uid}`, `--regid=${owner.gid}`, '--clear-groups', '--', cmd, ...args], opts)
      : execFileSync(cmd, args, opts);
  if (!existsSync(join(data, 'PG_VERSION'))) {
    mkdirSync(dir, { recursive: true });
    if (owner) chownSync(dir, owner.uid, owner.gid);
    as(join(bin, 'initdb'), ['-D', data, '-U', 'dock_admin', '--auth=trust', '--locale=C', '--encoding=UTF8']);
    // durable (the defaults: fsync, full_page_writes, synchronous_commit on); room for a bulk load between checkpoints
    writeFileSync(
      join(data, 'postgresql.auto.conf'),
      ["listen_addresses = '127.0.0.1'", 'max_connections = 50', 'max_wal_size = 4GB', 'shared_buffers = 256MB'].join('\n') + '\n',
    );
    if (owner) chownSync(join(data, 'postgresql.auto.conf'), owner.uid, owner.gid);
    log(`made the bench cluster in ${dir}`);
  }
  try {
    // left running by a bench that was killed: stopped, so it starts on this run's port
    as(join(bin, 'pg_ctl'), ['-D', data, 'status']);
    as(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', '-t', '300', 'stop']);
  } catch {
    // not running (pg_ctl status exits 3)
  }
  const port = await freePort();
  as(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '300', '-o', `-p ${port} -k ${dir}`, 'start']);
  const url = (db = 'postgres') => `postgres://dock_admin@127.0.0.1:${port}/${db}`;
  const admin = new PgBridge({
    url: url(),
    timeoutMs: 1_800_000,
    connectTimeoutMs: 10_000,
    readOnly: false,
    listen: false,
    applicationName: 'bench',
  });
  const settings = admin.call(
    null,
    "SELECT string_agg(name || '=' || setting, ' ' ORDER BY name) AS s FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')",
    [],
  );
  log(`bench cluster on port ${port}: ${String((settings.rows[0] as { s: string }).s)}`);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    admin.close();
    as(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', '-t', '300', 'stop']);
  };
  process.on('exit', stop);
  return { url, admin, stop };
}

const TABLES = ['jobs', 'packages', 'package_jobs', 'drives', 'custody', 'station_clock'];

function pipeTable(sqlite: string, url: string, table: string, cols: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const from = spawn('sqlite3', ['-readonly', '-csv', sqlite, `SELECT ${cols.join(', ')} FROM ${table}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const to = spawn(
      join(pgBin()!, 'psql'),
      [url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', `\\copy ${table} (${cols.join(', ')}) FROM STDIN WITH (FORMAT csv)`],
      {
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let err = '';
    from.stderr.on('data', (c: Buffer) => (err += c.toString()));
    to.stderr.on('data', (c: Buffer) => (err += c.toString()));
    from.stdout.pipe(to.stdin);
    to.on('close', (code) => (code === 0 && !err.trim() ? resolve() : reject(new Error(`copying ${table}: ${code} ${err}`))));
  });
}

/**
 * A dock database holding the records of the cached SQLite store `sqlite` (its `drives-N.sqlite`), made once:
 * the schema by the store's own migrations, then every table copied in bulk (sqlite3's CSV into COPY), the
 * identity sequences moved past the copied keys, and the planner's statistics gathered. Returns its name.
 */
export async function templateDatabase(c: BenchCluster, name: string, sqlite: string, log: (s: string) => void): Promise<string> {
  const exists = (db: string) => c.admin.call(null, 'SELECT 1 FROM pg_database WHERE datname = $1', [db]).rows.length > 0;
  if (exists(name)) return name;
  const started = performance.now();
  const building = `${name}_building`;
  c.admin.call(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`, null);
  c.admin.call(`CREATE DATABASE ${building}`, null);
  new PostgresStore(c.url(building)).close();
  const src = sqliteReader(sqlite);
  for (const table of TABLES) {
    const cols = (src.prepare(`SELECT name FROM pragma_table_info('${table}') ORDER BY cid`).all() as { name: string }[]).map(
      (r) => r.name,
    );
    const t = performance.now();
    await pipeTable(sqlite, c.url(building), table, cols);
    log(`${name}: ${table} copied in ${Math.round(performance.now() - t)} ms`);
  }
  src.close();
  const db = new PgBridge({
    url: c.url(building),
    timeoutMs: 1_800_000,
    connectTimeoutMs: 10_000,
    readOnly: false,
    listen: false,
    applicationName: 'bench',
  });
  try {
    db.call(
      "SELECT setval(pg_get_serial_sequence('drives', 'id'), GREATEST(1, (SELECT max(id) FROM drives))); SELECT setval(pg_get_serial_sequence('custody', 'seq'), GREATEST(1, (SELECT max(seq) FROM custody)))",
      null,
    );
    // the visibility of every copied row settled now, and the planner's statistics gathered: as a dock database that has run a while
    db.call('VACUUM (ANALYZE)', null);
  } finally {
    db.close();
  }
  c.admin.call(`ALTER DATABASE ${building} RENAME TO ${name}`, null);
  log(`${name}: loaded from ${sqlite} in ${Math.round((performance.now() - started) / 1000)} s`);
  return name;
}

/** A fresh copy of a template database for one run (the bench writes to it), by copying its files. */
export function workingDatabase(c: BenchCluster, template: string, name: string): string {
  c.admin.call(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, null);
  c.admin.call(`CREATE DATABASE ${name} TEMPLATE ${template} STRATEGY FILE_COPY`, null);
  return c.url(name);
}
