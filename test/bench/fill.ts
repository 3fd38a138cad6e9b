// Stores of a chosen size for the benchmarks, cached on disk so reruns are fast.
//
// Small stores are made by the demo generator itself (real operations, real custody). Large ones replicate
// such a demo store: every job, drive, package and custody record is copied with new job names, serials,
// tracking numbers, BitLocker keys, drive row ids and custody sequence numbers, in large transactions of
// plain SQL inserts. The result is what the real operations would have written, a thousand times over.
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SQLInputValue } from 'node:sqlite';
import { ManualClock } from '../../electron/core/clock.ts';
import { Dice, seedDemo } from '../../electron/core/demo.ts';
import { Intake } from '../../electron/core/intake.ts';
import { Store } from '../../electron/core/store/index.ts';
import { sqliteReader, writeStore } from '../store-file.ts';

/** Bump when the filler writes different rows; the schema version is part of the key too. */
const FILLER_VERSION = 1;
/** The moment the demo stores are made at: fixed, so the cached stores do not depend on the day. */
export const FILL_NOW = '2026-11-02T09:00:00.000Z';
const DRIVES_PER_DEMO_JOB = 2.9;
/** Demo jobs in the template that large stores replicate (about a thousand drives). */
const TEMPLATE_JOBS = 345;

function schemaVersion(): number {
  const s = new Store(':memory:');
  try {
    return s.version;
  } finally {
    s.close();
  }
}

export function cacheDir(): string {
  const dir = join(process.env.DOCK_BENCH_CACHE ?? join(tmpdir(), 'dock-intake-bench'), `schema${schemaVersion()}-filler${FILLER_VERSION}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

function demoStore(file: string, jobs: number, seed: number): void {
  const store = new Store(file);
  try {
    seedDemo(new Intake({ store, clock: new ManualClock(FILL_NOW) }), { jobs, seed });
  } finally {
    store.close();
  }
}

type Row = Record<string, SQLInputValue>;

/** New identifiers of the same shape: letters stay letters, digits stay digits, the first two characters stay. */
function reshape(d: Dice, s: string): string {
  let out = s.slice(0, 2);
  for (let i = 2; i < s.length; i++) {
    const c = s[i]!;
    out += c >= '0' && c <= '9' ? String(d.int(0, 9)) : c >= 'A' && c <= 'Z' ? String.fromCharCode(65 + d.int(0, 25)) : c;
  }
  return out;
}

function replicate(template: string, file: string, drivesWanted: number, seed: number): void {
  const src = sqliteReader(template);
  const t = {
    jobs: src.prepare('SELECT * FROM jobs ORDER BY name').all() as Row[],
    drives: src.prepare('SELECT * FROM drives ORDER BY id').all() as Row[],
    packages: src.prepare('SELECT * FROM packages ORDER BY tracking_number').all() as Row[],
    package_jobs: src.prepare('SELECT * FROM package_jobs').all() as Row[],
    custody: src.prepare('SELECT * FROM custody ORDER BY seq').all() as Row[],
  };
  src.close();
  const serials = new Set<string>(t.drives.map((r) => r.drive_id as string));
  for (const c of t.custody) if (c.drive_id) serials.add(c.drive_id as string);
  const trackings = new Set<string>();
  for (const p of t.packages) trackings.add(p.tracking_number as string);
  for (const c of t.custody) if (c.tracking_number) trackings.add(c.tracking_number as string);
  for (const j of t.jobs) {
    if (j.delivery_tracking) trackings.add(j.delivery_tracking as string);
    if (j.return_package) trackings.add(String((JSON.parse(j.return_package as string) as { trackingNumber: string }).trackingNumber));
  }
  const names = new Set<string>(t.jobs.map((j) => j.name as string));
  for (const c of t.custody) if (c.job_name) names.add(c.job_name as string);
  // suffixed trackings of a shared box follow their box: X-1 becomes Y-1 when X becomes Y
  const boxes = new Set<string>([...trackings].filter((x) => !/-\d{1,3}$/.test(x)));
  const suffixed = [...trackings].filter((x) => /-\d{1,3}$/.test(x));

  const perReplica = t.drives.length;
  const replicas = Math.max(1, Math.round(drivesWanted / perReplica));
  const maxRow = Math.max(0, ...t.drives.map((r) => Number(r.id)));
  const maxSeq = Math.max(0, ...t.custody.map((r) => Number(r.seq)));
  const d = new Dice(seed);
  const used = new Set<string>();
  const fresh = (s: string) => {
    for (;;) {
      const v = reshape(d, s);
      if (!used.has(v)) {
        used.add(v);
        return v;
      }
    }
  };
  let jobNo = 0;

  // the store creates the file and its schema; the rows are copied in through the bench's own connection
  new Store(file).close();
  const db = writeStore(file);
  db.exec('PRAGMA synchronous = OFF'); // only while filling; the bench opens it again with the store's own settings
  const insert = (table: string, cols: string[]) =>
    db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
  const cols = (rows: Row[]) => Object.keys(rows[0] ?? {});
  const tables = (['jobs', 'drives', 'packages', 'package_jobs', 'custody'] as const).filter((k) => t[k].length);
  const stmts = Object.fromEntries(tables.map((k) => [k, { cols: cols(t[k]), st: insert(k, cols(t[k])) }]));

  for (let k = 0; k < replicas; k++) {
    const map = new Map<string, string>();
    for (const s of serials) map.set(s, fresh(s));
    for (const b of boxes) map.set(b, fresh(b));
    for (const s of suffixed) {
      const base = s.replace(/-\d{1,3}$/, '');
      if (!map.has(base)) map.set(base, fresh(base));
      map.set(s, `${map.get(base)}${s.slice(base.length)}`);
    }
    for (const n of names) map.set(n, n.replace(/\d+$/, String(++jobNo).padStart(7, '0')));
    const rowOff = k * maxRow;
    const seqOff = k * maxSeq;
    const walk = (v: unknown, key?: string): unknown => {
      if (typeof v === 'string') return map.get(v) ?? v;
      if (typeof v === 'number') return key === 'row' ? v + rowOff : key === 'undoes' ? v + seqOff : v;
      if (Array.isArray(v)) return v.map((x) => walk(x));
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([kk, x]) => [kk, walk(x, kk)]));
      return v;
    };
    const value = (col: string, v: SQLInputValue): SQLInputValue => {
      if (v === null) return null;
      if (col === 'id') return Number(v) + rowOff;
      if (col === 'seq') return Number(v) + seqOff;
      if (col === 'bitlocker_key') return Array.from({ length: 8 }, () => String(d.int(0, 999999)).padStart(6, '0')).join('-');
      if (typeof v !== 'string') return v;
      const m = map.get(v);
      if (m !== undefined) return m;
      if (v.charCodeAt(0) === 123 /* { */ || v.charCodeAt(0) === 91 /* [ */) return JSON.stringify(walk(JSON.parse(v)));
      return v;
    };
    db.exec('BEGIN');
    for (const table of tables) {
      const { cols: cs, st } = stmts[table]!;
      for (const r of t[table]) st.run(...cs.map((c) => value(c, r[c]!)));
    }
    db.exec('COMMIT');
  }
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
}

/**
 * A store with about `drives` drives, from the cache when it is there. Returns the cached file: copy it
 * before writing to it.
 */
export function cachedStore(drives: number, log: (s: string) => void = () => {}): string {
  const dir = cacheDir();
  const file = join(dir, `drives-${drives}.sqlite`);
  if (existsSync(file)) return file;
  const started = performance.now();
  const tmp = `${file}.${process.pid}.tmp`;
  rmSync(tmp, { force: true });
  const older = olderCached(drives);
  if (older) {
    // a store cached by an earlier schema is upgraded the way a station's own store is: by opening it
    copyFileSync(older, tmp);
    new Store(tmp).close();
    log(`upgraded ${older} to schema ${schemaVersion()} in ${Math.round(performance.now() - started)} ms`);
  } else if (drives <= 20_000) {
    demoStore(tmp, Math.max(1, Math.round(drives / DRIVES_PER_DEMO_JOB)), 1);
  } else {
    const template = join(dir, 'template.sqlite');
    if (!existsSync(template)) {
      const tt = `${template}.${process.pid}.tmp`;
      rmSync(tt, { force: true });
      demoStore(tt, TEMPLATE_JOBS, 1);
      renameSync(tt, template);
    }
    replicate(template, tmp, drives, 2);
  }
  for (const ext of ['-wal', '-shm']) rmSync(tmp + ext, { force: true });
  renameSync(tmp, file);
  log(`filled ${file} in ${Math.round(performance.now() - started)} ms`);
  return file;
}

/** The same filler's store of this size cached under an earlier schema, the newest first, if any. */
function olderCached(drives: number): string | null {
  const root = process.env.DOCK_BENCH_CACHE ?? join(tmpdir(), 'dock-intake-bench');
  const now = schemaVersion();
  for (let v = now - 1; v >= 1; v--) {
    const f = join(root, `schema${v}-filler${FILLER_VERSION}`, `drives-${drives}.sqlite`);
    if (existsSync(f)) return f;
  }
  return null;
}

/** A private copy of a cached store that a bench may write to. */
export function workingCopy(cached: string, to: string): string {
  for (const ext of ['', '-wal', '-shm']) rmSync(to + ext, { force: true });
  copyFileSync(cached, to);
  // the copy's dirty pages are flushed now, so their writeback does not compete with the scans' fsyncs
  const fd = openSync(to, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return to;
}
