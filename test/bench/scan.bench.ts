// Scan commit latency (validate + transaction + custody record, i.e. intake.scanDrive) on real file stores
// of 1,000, 100,000 and 1,000,000 drives, and the time to open the 1,000,000-drive store.
// Prints one JSON line per measurement; progress goes to stderr. Each size runs ROUNDS rounds of 2,000 timed
// scans (200 boxes of 10 drives) and reports the round with the median p99, beside the p50 and p99 of a bare
// one-row commit measured just before it (the scan's p50 should stay within 1.5x of the bare commit's): on a
// shared machine that floor moves with everyone else's I/O.
// BENCH_SCAN_SIZES=1000,1000000 and BENCH_SCAN_ROUNDS=3 narrow a run; stores are cached (see fill.ts).
import { mkdirSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { dirname, join } from 'node:path';
import { ManualClock } from '../../electron/core/clock.ts';
import { CARRIERS, Dice, bitLockerKey, driveSerial, trackingFor } from '../../electron/core/demo.ts';
import { Intake } from '../../electron/core/intake.ts';
import { Store, type DockStore, type StoreTx } from '../../electron/core/store/index.ts';
import { PgBridge } from '../../electron/core/store/pg-bridge.ts';
import { PostgresStore } from '../../electron/core/store/postgres.ts';
import { PG_MISSING, pgBin } from '../pg-cluster.ts';
import { benchCluster, templateDatabase, workingDatabase, type BenchCluster } from './pg-store.ts';
import { FILL_NOW, cacheDir, cachedStore, workingCopy } from './fill.ts';
import { readStore } from '../store-file.ts';

const SIZES = (process.env.BENCH_SCAN_SIZES ?? '1000,100000,1000000').split(',').map(Number);
const JOBS = 200; // 10 drives each: 2,000 timed scans per round
/** Rounds per size: the median round is reported, so one noisy moment of a shared machine does not decide. */
const ROUNDS = Number(process.env.BENCH_SCAN_ROUNDS ?? 5);
/** BENCH_SCAN_STORES=sqlite leaves PostgreSQL's rows out. */
const PG_STORES = (process.env.BENCH_SCAN_STORES ?? 'sqlite,postgres').split(',').includes('postgres');
const log = (s: string) => process.stderr.write(`[scan.bench] ${s}\n`);

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The floor the disk sets: one-row transactions on a small SQLite file beside the store, WAL with
 * synchronous=FULL. A scan cannot commit faster than this; on a shared machine it moves with other I/O.
 */
function commitFloor(dir: string, n = 500): { p50: number; p99: number } {
  const file = join(dir, 'floor.sqlite');
  for (const ext of ['', '-wal', '-shm']) rmSync(file + ext, { force: true });
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE t (x INTEGER)');
  const ins = db.prepare('INSERT INTO t VALUES (?)');
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    db.exec('BEGIN IMMEDIATE');
    ins.run(i);
    db.exec('COMMIT');
    times.push(performance.now() - s);
  }
  db.close();
  for (const ext of ['', '-wal', '-shm']) rmSync(file + ext, { force: true });
  times.sort((a, b) => a - b);
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
}

/** Where a size is measured: the store opened on a fresh copy of the cached one, and the floor its disk sets. */
interface Backend {
  name: 'sqlite' | 'postgres';
  /** A fresh copy of the cached store of this size (not timed), and `open` opening it (timed). */
  copy(size: number): { path: string; open(): DockStore & StoreTx; done(): void };
  floor(path: string): { p50: number; p99: number };
}

const sqliteBackend: Backend = {
  name: 'sqlite',
  copy(size) {
    const cached = cachedStore(size, log);
    const work = workingCopy(cached, join(cacheDir(), 'work', `scan-${size}.sqlite`));
    let store: Store | null = null;
    return {
      path: work,
      open: () => (store = new Store(work)),
      done: () => {
        store?.close();
        for (const ext of ['', '-wal', '-shm']) rmSync(work + ext, { force: true });
      },
    };
  },
  floor: (path) => commitFloor(dirname(path)),
};

/**
 * PostgreSQL's floor: one-row transactions on a small table of the same database, each a COMMIT that waits for
 * its WAL to reach the disk (synchronous_commit on), through the same worker bridge the store uses.
 */
function pgCommitFloor(url: string, n = 500): { p50: number; p99: number } {
  const b = new PgBridge({
    url,
    timeoutMs: 60_000,
    connectTimeoutMs: 10_000,
    readOnly: false,
    listen: false,
    applicationName: 'bench floor',
  });
  try {
    b.call('CREATE TABLE IF NOT EXISTS bench_floor (x bigint)', null);
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      b.call(null, 'INSERT INTO bench_floor VALUES ($1)', [i]);
      times.push(performance.now() - s);
    }
    b.call('DROP TABLE bench_floor', null);
    times.sort((a, b2) => a - b2);
    return { p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
  } finally {
    b.close();
  }
}

function postgresBackend(cluster: BenchCluster): Backend {
  return {
    name: 'postgres',
    copy(size) {
      const url = workingDatabase(cluster, `drives_${size}`, `scan_${size}`);
      let store: PostgresStore | null = null;
      return {
        path: url,
        open: () => (store = new PostgresStore(url)),
        done: () => {
          store?.close();
          cluster.admin.call(`DROP DATABASE IF EXISTS scan_${size} WITH (FORCE)`, null);
        },
      };
    },
    floor: (url) => pgCommitFloor(url),
  };
}

function measure(size: number, backend: Backend, sqliteP99?: number): { p50: number; p99: number } {
  const clock = new ManualClock(new Date(new Date(FILL_NOW).getTime() + 3_600_000));
  const opened = backend.copy(size);
  const t0 = performance.now();
  const store = opened.open();
  const intake = new Intake({ store, clock });
  intake.openPackage('dock-1');
  intake.searchJobs({ limit: 50 });
  const openMs = performance.now() - t0;
  const driveCount = Number((readStore(store.path).prepare('SELECT count(*) AS n FROM drives').get() as { n: number }).n);
  log(`${backend.name} ${size}: store holds ${driveCount} drives; opened in ${openMs.toFixed(1)} ms`);
  if (size === 1_000_000) console.log(JSON.stringify({ bench: 'open', store: backend.name, drives: size, ms: round3(openMs) }));

  const rounds: { p50: number; p99: number; max: number; n: number; floorP50: number; floorP99: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const d = new Dice(size * 10 + round);
    const actor = { operator: 'Amy Lin', station: 'dock-1' };
    const jobs = Array.from({ length: JOBS + 1 }, (_, i) => {
      const carrier = d.pick(CARRIERS);
      return {
        name: `bench-scan-${round}-${String(i).padStart(5, '0')}`,
        carrier,
        tracking: trackingFor(d, carrier),
        drives: Array.from({ length: 10 }, () => ({ driveId: driveSerial(d), bitLockerKey: bitLockerKey(d) })),
      };
    });
    for (const j of jobs) {
      intake.putJob(actor, {
        name: j.name,
        properties: {
          jobType: 'Import',
          state: 'Shipping',
          deliveryPackage: { carrierName: j.carrier, trackingNumber: j.tracking },
          returnAddress: {
            recipientName: 'Chen Yi-Ting',
            streetAddress1: 'No. 7, Sec. 5, Xinyi Rd.',
            city: 'Taipei',
            postalCode: '110',
            countryOrRegion: 'TW',
            phone: '+886 2 2720 1234',
            email: 'it-ops@example.com.tw',
          },
          driveList: j.drives,
        },
      });
    }
    const floor = backend.floor(opened.path);
    const times: number[] = [];
    jobs.forEach((j, i) => {
      intake.receivePackage(actor, { trackingNumber: j.tracking });
      for (const drive of j.drives) {
        clock.advance(2000);
        const s = performance.now();
        const r = intake.scanDrive(actor, { serial: drive.driveId });
        const e = performance.now() - s;
        if (r.outcome !== 'received') throw new Error(`bench scan was ${r.outcome}, not received`);
        if (i > 0) times.push(e); // the first box warms the statement cache
      }
      intake.closePackage(actor);
    });
    times.sort((a, b) => a - b);
    rounds.push({
      p50: quantile(times, 0.5),
      p99: quantile(times, 0.99),
      max: times[times.length - 1]!,
      n: times.length,
      floorP50: floor.p50,
      floorP99: floor.p99,
    });
    log(
      `${backend.name} ${size} round ${round + 1}: ${times.length} scans, p50 ${quantile(times, 0.5).toFixed(3)} ms, p99 ${quantile(times, 0.99).toFixed(3)} ms, max ${times[times.length - 1]!.toFixed(3)} ms; bare commit just before: p50 ${floor.p50.toFixed(3)} ms, p99 ${floor.p99.toFixed(3)} ms`,
    );
  }
  opened.done();
  rounds.sort((a, b) => a.p99 - b.p99);
  const mid = rounds[Math.floor(rounds.length / 2)]!;
  console.log(
    JSON.stringify({
      bench: 'scan',
      store: backend.name,
      drives: size,
      p50_ms: round3(mid.p50),
      p99_ms: round3(mid.p99),
      max_ms: round3(mid.max),
      scans: mid.n,
      rounds: rounds.length,
      bare_commit_p50_ms: round3(mid.floorP50),
      bare_commit_p99_ms: round3(mid.floorP99),
      p50_over_bare: round3(mid.p50 / mid.floorP50),
      ...(sqliteP99 ? { p99_over_sqlite: round3(mid.p99 / sqliteP99) } : {}),
    }),
  );
  return { p50: mid.p50, p99: mid.p99 };
}

mkdirSync(join(cacheDir(), 'work'), { recursive: true });
// PostgreSQL's rows beside SQLite's, size by size, on the same records (its databases are loaded from the same cached stores)
const pg = PG_STORES && pgBin() ? await benchCluster(log) : null;
if (PG_STORES && !pg) log(`PostgreSQL rows skipped: ${PG_MISSING}`);
try {
  for (const size of SIZES) {
    const sqlite = measure(size, sqliteBackend);
    if (!pg) continue;
    await templateDatabase(pg, `drives_${size}`, cachedStore(size, log), log);
    measure(size, postgresBackend(pg), sqlite.p99);
  }
} finally {
  pg?.stop();
}
