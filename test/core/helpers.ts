// What every core test needs: a real store file in a temp dir, a clock the test moves, the dock's people,
// job bodies as the service writes them, and a way to prove a refusal changed nothing.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { ManualClock } from '../../electron/core/clock.ts';
import { IntakeError } from '../../electron/core/errors.ts';
import { Intake } from '../../electron/core/intake.ts';
import type { Actor, DriveState, JobState, ReturnAddress } from '../../electron/core/model.ts';
import { isDriveEdge, isJobEdge } from '../../electron/core/rules.ts';
import { Store, type DockStore, type StoreTx } from '../../electron/core/store/index.ts';
import { onPostgres, pooledStore, testCluster } from '../pg-cluster.ts';
import { dumpTables, readStore } from '../store-file.ts';

// DOCK_TEST_STORE=postgres: every dock of this run is a PostgreSQL database of its own
if (onPostgres) await testCluster();

export const amy: Actor = { operator: 'Amy Lin', station: 'dock-1' };
export const ben: Actor = { operator: 'Ben Chen', station: 'dock-2' };
export const bay: Actor = { operator: 'copy-bay-3', station: 'copy-bay-3' };

export const ADDRESS: ReturnAddress = {
  recipientName: 'Chen Yi-Ting, Formosa Genomics',
  streetAddress1: 'No. 7, Sec. 5, Xinyi Rd.',
  streetAddress2: '12F',
  city: 'Taipei',
  stateOrProvince: 'Xinyi District',
  postalCode: '110',
  countryOrRegion: 'TW',
  phone: '+886 2 2720 1234',
  email: 'it-ops@formosagenomics.com.tw',
};

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The store a test dock runs on: SQLite's, or PostgreSQL's when the run is on PostgreSQL. */
export type TestStore = DockStore & StoreTx;

export interface Dock {
  store: TestStore;
  intake: Intake;
  clock: ManualClock;
  /** Where the store is: the SQLite file, or the PostgreSQL database's URL (what readStore takes). */
  file: string;
  dir: string;
}

/**
 * A new station on a real store, its clock at 2026-11-02 09:00 UTC: a SQLite file, or with
 * DOCK_TEST_STORE=postgres a new PostgreSQL database of its own.
 */
export function dock(start = '2026-11-02T09:00:00Z'): Dock {
  const dir = mkdtempSync(join(tmpdir(), 'dock-core-'));
  dirs.push(dir);
  const clock = new ManualClock(start);
  if (onPostgres) {
    const { store, release } = pooledStore();
    after(release);
    return { store, intake: new Intake({ store, clock }), clock, file: store.path, dir };
  }
  const file = join(dir, 'dock.sqlite');
  const store = new Store(file);
  after(() => store.close());
  return { store, intake: new Intake({ store, clock }), clock, file, dir };
}

/**
 * A store of a test's own at `file` (a SQLite file), or a new PostgreSQL database on a PostgreSQL run; `remove`
 * closes it and deletes its file or database.
 */
export function openTestStore(file: string): { store: TestStore; remove: () => void } {
  if (onPostgres) {
    const { store, release } = pooledStore();
    return { store, remove: release };
  }
  const store = new Store(file);
  return {
    store,
    remove: () => {
      store.close();
      for (const ext of ['', '-wal', '-shm']) rmSync(file + ext, { force: true });
    },
  };
}

/** How many random dock lives a property test tries: fewer on PostgreSQL, where each one is a database of its own. */
export const propertyRuns = (onSqlite: number): number => (onPostgres ? Math.max(5, Math.round(onSqlite / 5)) : onSqlite);

/** Why a test runs on SQLite only, when the run is on PostgreSQL (for `{ skip }`); false on SQLite. */
export const sqliteOnly = (why: string): string | false => (onPostgres ? `SQLite only: ${why}` : false);

export interface JobBody {
  name: string;
  properties: Record<string, unknown>;
}

/** A Put body: an import job with its drives, delivery package and a complete return address. */
export function importJob(
  name: string,
  drives: string[],
  opts: {
    state?: 'Creating' | 'Shipping';
    tracking?: string;
    carrier?: string;
    keys?: boolean;
    extra?: Record<string, unknown>;
  } = {},
): JobBody {
  return {
    name,
    properties: {
      jobType: 'Import',
      ...(opts.state ? { state: opts.state } : {}),
      deliveryPackage: { carrierName: opts.carrier ?? 'DHL', trackingNumber: opts.tracking ?? `TRK-${name}`.toUpperCase() },
      returnAddress: ADDRESS,
      returnShipping: { carrierName: 'FedEx', carrierAccountNumber: '123456789' },
      driveList: drives.map((driveId, i) => ({
        driveId,
        ...(opts.keys === false ? {} : { bitLockerKey: bitLockerKeyFor(i) }),
        manifestFile: '\\DriveManifest.xml',
        manifestHash: 'A1B2C3D4E5F60718293A4B5C6D7E8F90',
      })),
      ...(opts.extra ?? {}),
    },
  };
}

export const bitLockerKeyFor = (i: number) => `${String(111111 + i).padStart(6, '0')}-222222-333333-444444-555555-666666-777777-888888`;

/** A job `Shipping` whose package is `tracking`. */
export function shippingJob(d: Dock, name: string, drives: string[], tracking = `TRK-${name}`.toUpperCase()): void {
  d.intake.putJob(amy, importJob(name, drives, { state: 'Shipping', tracking }));
}

/** The job's box received, all `scanned` scanned and the box closed: the job is Received. */
export function receiveBox(d: Dock, tracking: string, scanned: string[], who: Actor = amy): void {
  d.intake.receivePackage(who, { trackingNumber: tracking });
  for (const s of scanned) d.intake.scanDrive(who, { serial: s });
  d.intake.closePackage(who, { trackingNumber: tracking });
}

/** Every table of the store, every row, in a stable order: two dumps are equal when the stores are. */
export function dumpStore(store: TestStore): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = dumpTables(store.path);
  out.user_version = [store.version];
  return out;
}

/** Runs `fn`, expects an IntakeError with `code`, and proves the store did not change at all. */
export function refusedUnchanged(store: TestStore, fn: () => unknown, code: string, message?: RegExp): IntakeError {
  const before = dumpStore(store);
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(
    caught instanceof IntakeError,
    `expected an IntakeError ${code}, got ${caught === undefined ? 'no error' : caught instanceof Error ? `${caught.name}: ${caught.message}` : JSON.stringify(caught)}`,
  );
  assert.equal(caught.code, code, `expected ${code}, got ${caught.code}: ${caught.message}`);
  assert.ok(caught.message.length > 10, 'the message says what was wrong');
  if (message) assert.match(caught.message, message);
  assert.deepEqual(dumpStore(store), before, 'the store is exactly as it was');
  return caught;
}

/** The state of a drive at the dock now (its active record, or the last record of that serial). */
export function driveState(store: TestStore, serial: string): string | undefined {
  const r = readStore(store.path)
    .prepare('SELECT state FROM drives WHERE drive_id = ? ORDER BY active DESC, id DESC LIMIT 1')
    .get(serial) as { state: string } | undefined;
  return r?.state;
}

export function jobState(store: TestStore, name: string): string | undefined {
  const r = readStore(store.path).prepare('SELECT state FROM jobs WHERE name = ?').get(name) as { state: string } | undefined;
  return r?.state;
}

export function custodyActions(store: TestStore, where: { jobName?: string; driveId?: string }): string[] {
  const [col, v] = where.jobName ? ['job_name', where.jobName] : ['drive_id', where.driveId!];
  return (readStore(store.path).prepare(`SELECT action FROM custody WHERE ${col} = ? ORDER BY seq`).all(v) as { action: string }[]).map(
    (r) => r.action,
  );
}

export const DAYS = (n: number) => n * 86_400_000;

/** Every custody record of a change of state is an edge of the tables; replaying them gives the store. */
export function checkCustody(store: TestStore): void {
  const records = readStore(store.path).prepare('SELECT * FROM custody ORDER BY seq').all() as Record<string, string | number | null>[];
  const lastJob = new Map<string, string | null>();
  const lastDrive = new Map<number, string | null>();
  for (const r of records) {
    const before = r.state_before as string | null;
    const after = r.state_after as string | null;
    if (r.subject === 'job' && before && after && before !== after) {
      assert.ok(
        isJobEdge(before as JobState, after as JobState),
        `job ${r.job_name}: ${before} -> ${after} (${r.action}) is not in the table`,
      );
    }
    if (r.subject === 'drive' && before && after && before !== after) {
      assert.ok(
        isDriveEdge(before as DriveState, after as DriveState),
        `drive ${r.drive_id}: ${before} -> ${after} (${r.action}) is not in the table`,
      );
    }
    // the chain holds: each record starts from the state the previous record of that job or drive left
    if (r.subject === 'job' && r.job_name) {
      const name = String(r.job_name);
      if (before !== null && lastJob.has(name))
        assert.equal(
          before,
          lastJob.get(name),
          `job ${name}: record ${r.seq} (${r.action}) starts from ${before}, the last record left ${lastJob.get(name)}`,
        );
      lastJob.set(name, after);
    }
    if (r.subject === 'drive' && r.detail) {
      const row = (JSON.parse(String(r.detail)) as { row?: number }).row;
      if (typeof row === 'number') {
        if (before !== null && lastDrive.has(row))
          assert.equal(
            before,
            lastDrive.get(row),
            `drive ${r.drive_id} (row ${row}): record ${r.seq} (${r.action}) starts from ${before}, the last record left ${lastDrive.get(row)}`,
          );
        lastDrive.set(row, after);
      }
    }
  }
  for (const j of readStore(store.path).prepare('SELECT name, state FROM jobs').all() as { name: string; state: string }[]) {
    assert.equal(lastJob.get(j.name), j.state, `replayed custody of job ${j.name}`);
  }
  for (const [name, state] of lastJob) {
    if (state === null) assert.equal(store.job(name), null, `job ${name} was purged`);
  }
  for (const d of readStore(store.path).prepare('SELECT id, drive_id, state FROM drives').all() as {
    id: number;
    drive_id: string;
    state: string;
  }[]) {
    assert.equal(lastDrive.get(d.id), d.state, `replayed custody of drive ${d.drive_id} (row ${d.id})`);
  }
  for (const [row, state] of lastDrive) {
    if (state === null) assert.equal(store.driveById(row), null, `drive row ${row} was removed by an undo`);
  }
}
