// The store: SQLite through node:sqlite, WAL with synchronous=FULL, numbered migrations, append-only custody,
// one transaction per operation, and an index for every lookup a scan makes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Change } from '../../electron/core/intake.ts';
import { DatabaseSync } from 'node:sqlite';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS, Store } from '../../electron/core/store/index.ts';
import { sqliteReader as readStore, writeStore } from '../store-file.ts';
import { IntakeError } from '../../electron/core/errors.ts';
import { amy, dock, dumpStore, receiveBox, refusedUnchanged, shippingJob, sqliteOnly } from './helpers.ts';

describe('the store', () => {
  test('the store is a WAL database that syncs every commit to disk (synchronous=FULL)', { skip: sqliteOnly('WAL and PRAGMAs') }, () => {
    const d = dock();
    assert.deepEqual((d.store as Store).settings(), { journalMode: 'wal', synchronous: 2 });
    assert.equal(
      (readStore(d.file).prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode,
      'wal',
      'the file itself is WAL',
    );
  });

  test('migrations are numbered: the store records how many it applied in user_version', { skip: sqliteOnly('user_version') }, () => {
    const d = dock();
    assert.equal(d.store.version, MIGRATIONS.length);
    assert.equal(d.store.version, (readStore(d.file).prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
  });

  test(
    'a store written by any earlier release is migrated to the same schema as a new store, its records kept',
    { skip: sqliteOnly('older SQLite files') },
    () => {
      const fresh = dock();
      const schema = (db: DatabaseSync) =>
        db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();
      const want = schema(readStore(fresh.file));
      for (let applied = 1; applied < MIGRATIONS.length; applied++) {
        const file = join(fresh.dir, `v${applied}.sqlite`);
        const old = new DatabaseSync(file);
        for (const m of MIGRATIONS.slice(0, applied)) old.exec(m);
        old.exec(`PRAGMA user_version = ${applied}`);
        old.exec(
          "INSERT INTO jobs (name, job_type, state, created_at, updated_at) VALUES ('OLD-1', 'Import', 'Creating', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
        );
        old.close();
        const store = new Store(file);
        try {
          assert.equal(store.version, MIGRATIONS.length);
          assert.deepEqual(schema(readStore(file)), want, `from version ${applied}`);
          assert.equal(store.job('OLD-1')?.state, 'Creating');
        } finally {
          store.close();
        }
      }
    },
  );

  test(
    'a store written by a newer release refuses to open, names both versions, and is left untouched',
    { skip: sqliteOnly('a file (the PostgreSQL case is in test/pg/store.test.ts)') },
    () => {
      const d = dock();
      const file = join(d.dir, 'newer.sqlite');
      new Store(file).close();
      const db = writeStore(file);
      db.exec(`PRAGMA user_version = ${MIGRATIONS.length + 1}`);
      db.close();
      const before = readFileSync(file);
      let caught: unknown;
      try {
        new Store(file).close();
      } catch (e) {
        caught = e;
      }
      assert.ok(caught instanceof IntakeError, `expected STORE_TOO_NEW, got ${String(caught)}`);
      assert.equal(caught.code, 'STORE_TOO_NEW');
      assert.match(caught.message, new RegExp(`version ${MIGRATIONS.length + 1}.*up to ${MIGRATIONS.length}`));
      assert.deepEqual(readFileSync(file), before, 'the file is exactly as it was');
      assert.equal((readStore(file).prepare('PRAGMA user_version').get() as { user_version: number }).user_version, MIGRATIONS.length + 1);
    },
  );

  test(
    'custody records are append-only: an UPDATE is refused by the database',
    { skip: sqliteOnly('a second writer on the file (the PostgreSQL case is in test/pg/store.test.ts)') },
    () => {
      const d = dock();
      shippingJob(d, 'JOB-1', ['WD-A1']);
      const db = writeStore(d.file);
      try {
        assert.throws(() => db.exec("UPDATE custody SET operator = 'someone else'"), /append-only/);
      } finally {
        db.close();
      }
    },
  );

  test(
    'custody records are append-only: a DELETE is refused by the database',
    { skip: sqliteOnly('a second writer on the file (the PostgreSQL case is in test/pg/store.test.ts)') },
    () => {
      const d = dock();
      shippingJob(d, 'JOB-1', ['WD-A1']);
      const db = writeStore(d.file);
      try {
        assert.throws(() => db.exec('DELETE FROM custody'), /append-only/);
      } finally {
        db.close();
      }
    },
  );

  test('an operation that fails halfway leaves nothing behind, and nobody is told of a change', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1', 'WD-A2', 'WD-A3'], 'TRK1');
    d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
    const told: Change[] = [];
    d.intake.onChange((c) => told.push(c));
    // closing writes several records; the second one fails as a full disk would
    const append = d.store.appendCustody.bind(d.store);
    let calls = 0;
    d.store.appendCustody = (c) => {
      if (++calls === 2) throw new Error('disk I/O error');
      return append(c);
    };
    const before = dumpStore(d.store);
    assert.throws(() => d.intake.closePackage(amy), /disk I\/O error/);
    assert.deepEqual(dumpStore(d.store), before);
    assert.equal(told.length, 0, 'nobody is told');
    d.store.appendCustody = append;
    d.intake.closePackage(amy);
    assert.equal(told.length, 1, 'a committed operation is told once');
    assert.deepEqual(told[0]!.jobs, ['JOB-1']);
  });

  test('a refused operation tells nobody of a change', () => {
    const d = dock();
    const told: Change[] = [];
    d.intake.onChange((c) => told.push(c));
    refusedUnchanged(d.store, () => d.intake.scanDrive(amy, { serial: 'WD-A1' }), 'NO_OPEN_PACKAGE');
    assert.deepEqual(told, []);
  });

  test('every lookup a scan makes uses an index, never a scan of a whole table', { skip: sqliteOnly("SQLite's query plans") }, () => {
    const d = dock();
    const statements = new Set<string>();
    (d.store as Store).onStatement = (text) => statements.add(text);
    shippingJob(d, 'JOB-1', ['WD-A1', 'WD-A2'], 'SF1-1');
    shippingJob(d, 'JOB-2', ['WD-B1'], 'SF1-2');
    shippingJob(d, 'JOB-3', ['WD-C1'], 'TRK3');
    statements.clear();
    // every kind of scan: expected, extra, another job's drive, no job, again, undo, then close
    d.intake.receivePackage(amy, { trackingNumber: 'SF1' });
    d.intake.scanDrive(amy, { serial: 'WD-A1' });
    d.intake.scanDrive(amy, { serial: 'WD-X1', jobName: 'JOB-1' });
    d.intake.scanDrive(amy, { serial: 'WD-C1' });
    d.intake.undoLastScan(amy);
    try {
      d.intake.scanDrive(amy, { serial: 'WD-A1' });
    } catch {
      /* a notice */
    }
    d.intake.closePackage(amy);
    receiveBox(d, 'NOJOB-1', ['ZA1B2C3D']);
    assert.ok(statements.size > 10);
    const fullScans: string[] = [];
    for (const text of statements) {
      const params = (text.match(/\?/g) ?? []).map(() => 'X');
      const plan = (
        readStore(d.file)
          .prepare(`EXPLAIN QUERY PLAN ${text}`)
          .all(...params) as { detail: string }[]
      ).map((r) => r.detail);
      for (const step of plan) {
        if (/^SCAN (jobs|drives|packages|package_jobs|custody)\b/.test(step) && !/USING (COVERING )?INDEX/.test(step))
          fullScans.push(`${step}  <=  ${text.replace(/\s+/g, ' ').slice(0, 120)}`);
      }
    }
    assert.deepEqual(fullScans, []);
  });
});
