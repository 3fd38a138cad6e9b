// The dock's store on PostgreSQL: the same schema as SQLite's, its version, custody append-only (a trigger for
// every role, grants for the stations'), a database that goes away and comes back, readers, one sweep per dock,
// and changes that reach every other station.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DatabaseSync } from 'node:sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Change } from '../../electron/core/operations/context.ts';
import { IntakeError } from '../../electron/core/errors.ts';
import { Intake } from '../../electron/core/intake.ts';
import { ManualClock } from '../../electron/core/clock.ts';
import { MIGRATIONS, Store } from '../../electron/core/store/index.ts';
import { LOCK_CLASS, PostgresStore } from '../../electron/core/store/postgres.ts';
import { PgBridge, PgError } from '../../electron/core/store/pg-bridge.ts';
import { setupDatabase } from '../../electron/core/store/pg-setup.ts';
import { makeDatabase, newDatabase, PG_MISSING, pgBin, startCluster, testCluster, type Cluster } from '../pg-cluster.ts';
import { amy, ben, checkCustody, DAYS, dumpStore, importJob, receiveBox, shippingJob, type Dock } from '../core/helpers.ts';
import { readStore } from '../store-file.ts';

const missing = pgBin() ? false : PG_MISSING;
const adminUrl = missing ? '' : await testCluster();

/** A station on a new database of its own (or on `url`, a database another station already uses). */
function station(url?: string, start = '2026-11-02T09:00:00Z'): Dock & { url: string } {
  const db = url ? { url, drop: () => {} } : newDatabase();
  const store = new PostgresStore(db.url);
  const clock = new ManualClock(start);
  after(() => {
    store.close();
    db.drop();
  });
  return { store, intake: new Intake({ store, clock }), clock, file: store.path, dir: '', url: db.url };
}

function refusedWith(fn: () => unknown, code: string): IntakeError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof IntakeError, `expected ${code}, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    return e;
  }
  assert.fail(`expected ${code}, nothing was refused`);
}

describe('the schema on PostgreSQL', { skip: missing }, () => {
  test('has the same tables and columns as a SQLite store, at the same schema version', () => {
    const d = station();
    assert.equal(d.store.version, MIGRATIONS.length);
    const dir = mkdtempSync(join(tmpdir(), 'dock-pg-schema-'));
    try {
      const file = join(dir, 's.sqlite');
      new Store(file).close();
      const lite = new DatabaseSync(file, { readOnly: true });
      const want: Record<string, string[]> = {};
      for (const { name } of lite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
        name: string;
      }[])
        want[name] = (lite.prepare(`SELECT name FROM pragma_table_info('${name}')`).all() as { name: string }[]).map((c) => c.name).sort();
      lite.close();
      const got: Record<string, string[]> = {};
      for (const { t, c } of readStore(d.url)
        .prepare(
          `SELECT table_name AS t, column_name AS c FROM information_schema.columns
           WHERE table_schema = current_schema() AND table_name <> 'schema_version'`,
        )
        .all() as { t: string; c: string }[])
        (got[t] ??= []).push(c);
      for (const k of Object.keys(got)) got[k]!.sort();
      assert.deepEqual(got, want);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a database written by a newer release refuses to open, names both versions, and is left untouched', () => {
    const db = newDatabase();
    after(() => db.drop());
    const admin = new PostgresStore(db.url);
    admin.sql(`UPDATE schema_version SET version = ${MIGRATIONS.length + 1}`);
    const before = admin.dumpTables();
    admin.close();
    const e = refusedWith(() => new PostgresStore(db.url).close(), 'STORE_TOO_NEW');
    assert.match(e.message, new RegExp(`version ${MIGRATIONS.length + 1}.*up to ${MIGRATIONS.length}`));
    assert.deepEqual(readStore(db.url).prepare('SELECT version FROM schema_version').all(), [{ version: MIGRATIONS.length + 1 }]);
    const reader = new PgBridge({
      url: db.url,
      timeoutMs: 30_000,
      connectTimeoutMs: 5_000,
      readOnly: true,
      listen: false,
      applicationName: 't',
    });
    try {
      assert.equal(reader.call(null, 'SELECT count(*) AS n FROM custody').rows[0]!.n, before.custody!.length);
    } finally {
      reader.close();
    }
  });

  test('custody records are append-only for every role: UPDATE, DELETE and TRUNCATE are refused by the trigger', () => {
    const d = station();
    shippingJob(d, 'JOB-1', ['WD-A1']);
    const pg = d.store as PostgresStore;
    const before = dumpStore(d.store);
    for (const sql of ["UPDATE custody SET operator = 'someone else'", 'DELETE FROM custody', 'TRUNCATE custody']) {
      assert.throws(() => pg.sql(sql), /append-only/, sql);
    }
    assert.deepEqual(dumpStore(d.store), before);
  });
});

describe('the setup command', { skip: missing }, () => {
  test("creates the database, the stations' role and the schema; the role records operations but may not change or delete custody", () => {
    const name = `dock_setup_${process.pid}`;
    const role = `dock_station_${process.pid}`;
    const r = setupDatabase({ adminUrl, database: name, role, password: 'not-printed-pw' });
    after(() => {
      const a = new PgBridge({
        url: adminUrl,
        timeoutMs: 30_000,
        connectTimeoutMs: 5_000,
        readOnly: false,
        listen: false,
        applicationName: 't',
      });
      a.call(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, null);
      a.call(`DROP ROLE IF EXISTS ${role}`, null);
      a.close();
    });
    assert.deepEqual([r.createdDatabase, r.createdRole, r.version], [true, true, MIGRATIONS.length]);
    assert.doesNotMatch(r.stationUrl, /not-printed-pw/);
    // run again (after an update): nothing is created twice, the grants are renewed
    assert.deepEqual(setupDatabase({ adminUrl, database: name, role }).createdDatabase, false);
    const url = new URL(adminUrl);
    url.username = role;
    url.pathname = `/${name}`;
    const d = station(url.toString());
    shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
    receiveBox(d, 'TRK1', ['WD-A1']);
    const pg = d.store as PostgresStore;
    const before = dumpStore(d.store);
    for (const sql of ["UPDATE custody SET operator = 'someone else'", 'DELETE FROM custody', 'TRUNCATE custody']) {
      assert.throws(
        () => pg.sql(sql),
        (e: unknown) => e instanceof PgError && e.code === '42501' && /permission denied/.test(e.message),
        sql,
      );
    }
    assert.throws(
      () => pg.sql('CREATE TABLE mine (x int)'),
      (e: unknown) => e instanceof PgError && e.code === '42501',
    );
    assert.deepEqual(dumpStore(d.store), before);
  });
});

describe('a database that cannot be reached', { skip: missing }, () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await startCluster();
  });
  after(() => cluster.stop());

  test('a station whose database is not there says STORE_UNREACHABLE, naming it without its password', () => {
    const port = new URL(cluster.url()).port;
    const url = `postgres://dock_station:sekret-pw@127.0.0.1:${Number(port) + 1}/dock`;
    const e = refusedWith(() => new PostgresStore(url, { connectTimeoutMs: 2_000 }), 'STORE_UNREACHABLE');
    assert.match(e.message, /dock database .*127\.0\.0\.1.* cannot be reached/);
    assert.doesNotMatch(e.message, /sekret/);
  });

  test('while the database is away every operation and read says STORE_UNREACHABLE; it recovers by itself, nothing acknowledged lost', () => {
    const admin = new PgBridge({
      url: cluster.url(),
      timeoutMs: 60_000,
      connectTimeoutMs: 5_000,
      readOnly: false,
      listen: false,
      applicationName: 't',
    });
    const db = makeDatabase(admin, cluster.url());
    admin.close();
    const d = station(db.url);
    const serials = Array.from({ length: 6 }, (_, i) => `WD-A${i}`);
    shippingJob(d, 'JOB-1', serials, 'TRK1');
    d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
    const acknowledged: string[] = [];
    for (const s of serials.slice(0, 3)) {
      d.intake.scanDrive(amy, { serial: s });
      acknowledged.push(s);
    }
    cluster.pause();
    refusedWith(() => d.intake.scanDrive(amy, { serial: serials[3] }), 'STORE_UNREACHABLE');
    refusedWith(() => d.intake.scanDrive(amy, { serial: serials[3] }), 'STORE_UNREACHABLE');
    refusedWith(() => d.store.counts(), 'STORE_UNREACHABLE');
    refusedWith(() => d.intake.closePackage(amy), 'STORE_UNREACHABLE');
    cluster.resume();
    // the same store, not reopened: the next operation connects again by itself
    for (const s of serials.slice(3)) {
      d.intake.scanDrive(amy, { serial: s });
      acknowledged.push(s);
    }
    d.intake.closePackage(amy);
    for (const s of acknowledged) assert.equal(d.store.activeDrive(s)?.state, 'Received', s);
    assert.equal(d.store.job('JOB-1')?.state, 'Received');
    checkCustody(d.store);
  });
});

describe('a transaction the database aborts', { skip: missing }, () => {
  test('a serialization failure or deadlock runs the whole transaction again; only the attempt that committed is kept', () => {
    const d = station();
    shippingJob(d, 'JOB-1', ['WD-A1']);
    const pg = d.store as PostgresStore;
    for (const code of ['40001', '40P01']) {
      let attempts = 0;
      const before = d.store.counts().custody;
      d.store.transaction((tx) => {
        attempts++;
        tx.appendCustody({ ...d.store.custodyOfJob('JOB-1')[0]!, action: `test.attempt${attempts}`, at: new Date().toISOString() });
        // the database itself aborts the first attempt, as it would a conflicting transaction
        if (attempts === 1) pg.sql(`DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '${code}'; END $$`);
      });
      assert.equal(attempts, 2, code);
      assert.equal(d.store.counts().custody, before + 1, `${code}: one record, of the attempt that committed`);
      assert.equal(d.store.custodyOfJob('JOB-1').at(-1)!.action, 'test.attempt2');
    }
  });

  test('any other refusal is not run again: it is the operation that was refused', () => {
    const d = station();
    let attempts = 0;
    assert.throws(
      () =>
        d.store.transaction(() => {
          attempts++;
          (d.store as PostgresStore).sql("DO $$ BEGIN RAISE EXCEPTION 'no' USING ERRCODE = '23505'; END $$");
        }),
      (e: unknown) => e instanceof PgError && e.code === '23505',
    );
    assert.equal(attempts, 1);
  });
});

describe('a reader beside running stations', { skip: missing }, () => {
  test('reads what the stations committed and may write nothing', () => {
    const d = station();
    shippingJob(d, 'JOB-1', ['WD-A1']);
    const reader = (d.store as PostgresStore).openReader();
    after(() => reader.close());
    assert.equal(reader.job('JOB-1')?.state, 'Shipping');
    const before = dumpStore(d.store);
    assert.throws(
      () => reader.transaction((tx) => tx.setJob('JOB-1', { state: 'Closed' })),
      (e: unknown) => e instanceof PgError && e.code === '25006',
    );
    assert.deepEqual(dumpStore(d.store), before);
  });
});

describe('one deadline sweep for the whole dock', { skip: missing }, () => {
  test('a station finds the sweep taken by another station and leaves it; once that one is done it sweeps', () => {
    const d = station();
    d.intake.putJob(amy, importJob('JOB-OLD', ['WD-Z1']));
    d.clock.advance(DAYS(15));
    const other = new PgBridge({
      url: d.url,
      timeoutMs: 30_000,
      connectTimeoutMs: 5_000,
      readOnly: false,
      listen: false,
      applicationName: 't',
    });
    after(() => other.close());
    // another station in the middle of its sweep holds the dock's sweep lock until it commits
    other.call(`BEGIN; SELECT pg_advisory_xact_lock(${LOCK_CLASS}, 2)`, null);
    const before = dumpStore(d.store);
    assert.deepEqual(d.intake.sweep(ben), { deletedJobs: [], neverReceived: [], closedJobs: [], purgedJobs: [], heldBack: null });
    assert.deepEqual(dumpStore(d.store), before, 'nothing swept twice');
    other.call('COMMIT', null);
    assert.deepEqual(d.intake.sweep(ben).deletedJobs, ['JOB-OLD']);
  });
});

describe('every station shows the truth', { skip: missing }, () => {
  test("a change committed at one station reaches another station's change subscription within a second", async () => {
    const one = station();
    const two = station(one.url);
    const heard: Change[] = [];
    let told: (() => void) | null = null;
    two.intake.onChange((c) => {
      heard.push(c);
      told?.();
    });
    // the other station is listening before anything happens
    await new Promise((r) => setTimeout(r, 300));
    const t0 = Date.now();
    const arrived = new Promise<void>((resolve) => (told = resolve));
    shippingJob(one, 'JOB-1', ['WD-A1'], 'TRK1');
    await Promise.race([arrived, new Promise((r) => setTimeout(r, 5_000))]);
    const took = Date.now() - t0;
    assert.ok(heard.length >= 1, 'the other station heard of the change');
    assert.deepEqual(heard[0]!.jobs, ['JOB-1']);
    assert.equal(heard[0]!.seq, one.store.lastSeq());
    assert.ok(took < 1_000, `heard after ${took} ms`);
  });

  test('a station is not told its own changes twice, and a rolled-back operation tells nobody', async () => {
    const one = station();
    const two = station(one.url);
    const heardOne: Change[] = [];
    const heardTwo: Change[] = [];
    one.intake.onChange((c) => heardOne.push(c));
    two.intake.onChange((c) => heardTwo.push(c));
    await new Promise((r) => setTimeout(r, 300));
    shippingJob(one, 'JOB-1', ['WD-A1'], 'TRK1');
    refusedWith(() => one.intake.scanDrive(amy, { serial: 'WD-A1' }), 'NO_OPEN_PACKAGE');
    await new Promise((r) => setTimeout(r, 700));
    assert.equal(heardOne.length, 1, 'told once, when it committed');
    assert.equal(heardTwo.length, 1, 'the other station: the commit only');
  });
});
