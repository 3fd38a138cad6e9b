// A station on PostgreSQL waits for the database once per round trip: a scan's writes travel with the statement
// after them, and a read the transaction already made is answered again from memory while nothing could have
// changed it. None of that may change what is recorded or what an operation sees.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { ManualClock } from '../../electron/core/clock.ts';
import { IntakeError } from '../../electron/core/errors.ts';
import { Intake } from '../../electron/core/intake.ts';
import { PgBridge, PgError } from '../../electron/core/store/pg-bridge.ts';
import { effectOf, TransactionReads } from '../../electron/core/store/pg-reads.ts';
import { PostgresStore } from '../../electron/core/store/postgres.ts';
import { newDatabase, PG_MISSING, pgBin, testCluster } from '../pg-cluster.ts';
import { amy, dumpStore, shippingJob, type Dock } from '../core/helpers.ts';

const missing = pgBin() ? false : PG_MISSING;
if (!missing) await testCluster();

function station(url?: string): Dock & { url: string } {
  const db = url ? { url, drop: () => {} } : newDatabase();
  const store = new PostgresStore(db.url);
  const clock = new ManualClock('2026-11-02T09:00:00Z');
  after(() => {
    store.close();
    db.drop();
  });
  return { store, intake: new Intake({ store, clock }), clock, file: store.path, dir: '', url: db.url };
}

/** How many requests `fn` sends to the database (each one round trip), counted at the bridge every store uses. */
function roundTrips(fn: () => void): number {
  const proto = PgBridge.prototype;
  const send = Object.getOwnPropertyDescriptor(proto, 'send')!.value as PgBridge['send'];
  let n = 0;
  proto.send = function (this: PgBridge, steps) {
    n++;
    return send.call(this, steps);
  };
  try {
    fn();
  } finally {
    proto.send = send;
  }
  return n;
}

describe('what a statement may change', () => {
  test('a SELECT of the dock tables may be answered again; one that takes a lock or notifies may not', () => {
    assert.equal(effectOf('SELECT * FROM jobs WHERE name = $1').keepable, true);
    assert.equal(effectOf('SELECT pg_notify($1, $2)').keepable, false);
    assert.equal(effectOf('SELECT pg_try_advisory_xact_lock(1, 2) AS ok').keepable, false);
    assert.equal(effectOf('SELECT * FROM drives WHERE id = $1 FOR UPDATE').keepable, false);
  });

  test('a write names the tables it may change, and a read of another table outlives it', () => {
    const reads = new TransactionReads();
    const job = effectOf('SELECT * FROM jobs WHERE name = $1');
    const drive = effectOf('SELECT * FROM drives WHERE id = $1');
    reads.keep('SELECT * FROM jobs WHERE name = $1', ['J1'], job, [{ name: 'J1' }], 1);
    reads.keep('SELECT * FROM drives WHERE id = $1', [1], drive, [{ id: 1 }], 1);
    reads.written(effectOf('UPDATE drives SET state = $1 WHERE id = $2').tables);
    assert.deepEqual(reads.get('SELECT * FROM jobs WHERE name = $1', ['J1'])?.rows, [{ name: 'J1' }]);
    assert.equal(reads.get('SELECT * FROM drives WHERE id = $1', [1]), undefined);
  });

  test('a write that names no table of the dock forgets every read', () => {
    const reads = new TransactionReads();
    reads.keep('SELECT * FROM jobs WHERE name = $1', ['J1'], effectOf('SELECT * FROM jobs WHERE name = $1'), [{ name: 'J1' }], 1);
    reads.written(effectOf('TRUNCATE something_else').tables);
    assert.equal(reads.get('SELECT * FROM jobs WHERE name = $1', ['J1']), undefined);
  });

  test('an answer given again is a copy: changing it changes nothing kept', () => {
    const reads = new TransactionReads();
    reads.keep('SELECT * FROM jobs WHERE name = $1', ['J1'], effectOf('SELECT * FROM jobs WHERE name = $1'), [{ name: 'J1' }], 1);
    reads.get('SELECT * FROM jobs WHERE name = $1', ['J1'])!.rows[0]!.name = 'changed';
    assert.deepEqual(reads.get('SELECT * FROM jobs WHERE name = $1', ['J1'])?.rows, [{ name: 'J1' }]);
  });
});

describe('round trips to the dock database', { skip: missing }, () => {
  test("a scan into the box of the station's last scan reaches the database in 3 round trips, its COMMIT included", () => {
    const d = station();
    shippingJob(d, 'RT-1', ['WD-RT-0001', 'WD-RT-0002', 'WD-RT-0003']);
    d.intake.receivePackage(amy, { trackingNumber: 'TRK-RT-1' });
    d.intake.scanDrive(amy, { serial: 'WD-RT-0001' });
    const n = roundTrips(() => assert.equal(d.intake.scanDrive(amy, { serial: 'WD-RT-0002' }).outcome, 'received'));
    assert.ok(n <= 3, `a scan took ${n} round trips`);
  });

  test('the first scan into the next box, whose box the station could not guess, is received in 4 round trips', () => {
    const d = station();
    shippingJob(d, 'RT-9', ['WD-RT-0801']);
    shippingJob(d, 'RT-10', ['WD-RT-0901']);
    d.intake.receivePackage(amy, { trackingNumber: 'TRK-RT-9' });
    d.intake.scanDrive(amy, { serial: 'WD-RT-0801' });
    d.intake.closePackage(amy, { trackingNumber: 'TRK-RT-9' });
    d.intake.receivePackage(amy, { trackingNumber: 'TRK-RT-10' });
    let r: ReturnType<typeof d.intake.scanDrive> | undefined;
    const n = roundTrips(() => (r = d.intake.scanDrive(amy, { serial: 'WD-RT-0901' })));
    assert.equal(r?.outcome, 'received');
    assert.equal(r?.package.trackingNumber, 'TRK-RT-10');
    assert.ok(n <= 4, `a scan took ${n} round trips`);
  });

  test('receiving a box reaches the database in at most 5 round trips, and closing it with a drive missing in at most 10', () => {
    const d = station();
    shippingJob(d, 'RT-11', ['WD-RT-1101', 'WD-RT-1102', 'WD-RT-1103']);
    const receiving = roundTrips(() => d.intake.receivePackage(amy, { trackingNumber: 'TRK-RT-11' }));
    d.intake.scanDrive(amy, { serial: 'WD-RT-1101' });
    d.intake.scanDrive(amy, { serial: 'WD-RT-1102' });
    let never: string[] = [];
    const closing = roundTrips(() => (never = d.intake.closePackage(amy, { trackingNumber: 'TRK-RT-11' }).neverReceived));
    assert.deepEqual(never, ['WD-RT-1103']);
    assert.ok(receiving <= 5, `receiving took ${receiving} round trips`);
    assert.ok(closing <= 10, `closing took ${closing} round trips`);
  });

  test('a write that fails is found with the statement after it, and the whole operation is not recorded', () => {
    const d = station();
    shippingJob(d, 'RT-2', ['WD-RT-0101']);
    const before = dumpStore(d.store);
    const job = d.store.job('RT-2')!;
    assert.throws(
      () =>
        d.store.transaction((tx) => {
          tx.setJob('RT-2', { wait_until: '2026-12-01T00:00:00.000Z' });
          tx.insertJob({
            name: 'RT-2',
            jobType: job.jobType,
            cancelRequested: false,
            deliveryPackage: null,
            deliveryTracking: null,
            deliveryTrackingBase: null,
            returnAddress: null,
            returnShipping: null,
            returnPackage: null,
            diagnosticsPath: null,
            logLevel: 'Error',
            incompleteBlobListUri: null,
            now: '2026-11-02T09:00:00Z',
          });
          // the duplicate job is refused here, not a "transaction aborted" of the read it travelled with
          tx.job('RT-2');
        }),
      (e) => e instanceof PgError && e.code === '23505',
    );
    assert.deepEqual(dumpStore(d.store), before);
  });

  test("a read after the transaction's own write sees the write", () => {
    const d = station();
    shippingJob(d, 'RT-3', ['WD-RT-0201']);
    d.store.transaction((tx) => {
      assert.equal(tx.job('RT-3')!.waitUntil, null);
      tx.setJob('RT-3', { wait_until: '2026-12-01T00:00:00.000Z' });
      assert.equal(tx.job('RT-3')!.waitUntil, '2026-12-01T00:00:00.000Z');
    });
    assert.equal(d.store.job('RT-3')!.waitUntil, '2026-12-01T00:00:00.000Z');
  });

  test('what another station committed between two operations is seen by the next one', () => {
    const a = station();
    const b = station(a.url);
    shippingJob(a, 'RT-4', ['WD-RT-0301']);
    a.store.transaction((tx) => assert.equal(tx.job('RT-4')!.waitUntil, null));
    b.store.transaction((tx) => tx.setJob('RT-4', { wait_until: '2026-12-02T00:00:00.000Z' }));
    a.store.transaction((tx) => assert.equal(tx.job('RT-4')!.waitUntil, '2026-12-02T00:00:00.000Z'));
  });

  test("reads fetched ahead see the transaction's writes before them, and are read again after a later write", () => {
    const d = station();
    shippingJob(d, 'RT-6', ['WD-RT-0501']);
    d.store.transaction((tx) => {
      tx.setJob('RT-6', { wait_until: '2026-12-04T00:00:00.000Z' });
      d.store.prefetch!((r) => r.job('RT-6'));
      const sent = roundTrips(() => assert.equal(tx.job('RT-6')!.waitUntil, '2026-12-04T00:00:00.000Z'));
      assert.equal(sent, 0, 'the read was fetched ahead');
      tx.setJob('RT-6', { wait_until: '2026-12-05T00:00:00.000Z' });
      assert.equal(tx.job('RT-6')!.waitUntil, '2026-12-05T00:00:00.000Z');
    });
  });

  test('reads fetched ahead follow what the earlier answers lead to, in one round trip each step', () => {
    const d = station();
    shippingJob(d, 'RT-7', ['WD-RT-0601']);
    d.intake.receivePackage(amy, { trackingNumber: 'TRK-RT-7' });
    d.store.transaction(() => {
      // the open box's number, then the box and its jobs, then the jobs' records
      const fetching = roundTrips(() =>
        d.store.prefetch!((r) => {
          for (const n of r.openPackageOf(amy.station)?.jobNames ?? []) r.job(n);
        }),
      );
      assert.equal(fetching, 3);
      const reading = roundTrips(() => assert.equal(d.store.job(d.store.openPackageOf(amy.station)!.jobNames[0]!)!.name, 'RT-7'));
      assert.equal(reading, 0);
    });
  });

  test("a custody record's number, asked for later, is the one the database gave it", () => {
    const d = station();
    shippingJob(d, 'RT-8', ['WD-RT-0701']);
    const record = d.store.transaction((tx) =>
      tx.appendCustody({ ...d.store.custodyOfJob('RT-8')[0]!, action: 'test.numbered', at: '2026-11-02T09:00:01Z' }),
    );
    assert.equal(record.seq, d.store.lastSeq());
    assert.equal(d.store.custodyOfJob('RT-8').find((c) => c.action === 'test.numbered')?.seq, record.seq);
  });

  test('a savepoint given up undoes only what was written inside it', () => {
    const d = station();
    shippingJob(d, 'RT-5', ['WD-RT-0401']);
    d.store.transaction((tx) => {
      tx.setJob('RT-5', { wait_until: '2026-12-03T00:00:00.000Z' });
      assert.throws(
        () =>
          d.store.savepoint(() => {
            tx.setJob('RT-5', { notified_at: '2026-11-02T09:00:00.000Z' });
            assert.equal(tx.job('RT-5')!.notifiedAt, '2026-11-02T09:00:00.000Z');
            throw new IntakeError('BAD_INPUT', 'given up');
          }),
        IntakeError,
      );
      assert.equal(tx.job('RT-5')!.notifiedAt, null);
    });
    const job = d.store.job('RT-5')!;
    assert.equal(job.waitUntil, '2026-12-03T00:00:00.000Z');
    assert.equal(job.notifiedAt, null);
  });
});

describe('the connection lost in the middle of an operation', { skip: missing }, () => {
  test('nothing of the operation is recorded: not what was sent before, not what would be sent after', () => {
    const d = station();
    const admin = new PostgresStore(d.url);
    after(() => admin.close());
    shippingJob(d, 'RT-20', ['WD-RT-2001']);
    const before = dumpStore(d.store);
    const pg = d.store as PostgresStore;
    assert.throws(
      () =>
        pg.transaction((tx) => {
          tx.setJob('RT-20', { wait_until: '2026-12-01T00:00:00.000Z' });
          const pid = Number(pg.sql('SELECT pg_backend_pid() AS pid')[0]!.pid);
          admin.sql('SELECT pg_terminate_backend(?)', pid);
          tx.setJob('RT-20', { notified_at: '2026-11-02T09:00:00.000Z' });
          tx.job('RT-20');
        }),
      (e) => e instanceof IntakeError && e.code === 'STORE_UNREACHABLE',
    );
    assert.deepEqual(dumpStore(d.store), before);
  });
});

describe('statements outside the queue', { skip: missing }, () => {
  test('a custody record appended outside a transaction has the number the database gave it', () => {
    const d = station();
    shippingJob(d, 'RT-21', ['WD-RT-2101']);
    const record = d.store.appendCustody({ ...d.store.custodyOfJob('RT-21')[0]!, action: 'test.outside', at: '2026-11-02T09:00:01Z' });
    assert.equal(record.seq, d.store.lastSeq());
  });

  test("a statement of the caller's own inside a transaction is seen by the transaction's next read", () => {
    const d = station();
    shippingJob(d, 'RT-22', ['WD-RT-2201']);
    const pg = d.store as PostgresStore;
    pg.transaction((tx) => {
      assert.equal(tx.job('RT-22')!.waitUntil, null);
      pg.exec("UPDATE jobs SET wait_until = '2026-12-09T00:00:00.000Z' WHERE name = 'RT-22'");
      assert.equal(tx.job('RT-22')!.waitUntil, '2026-12-09T00:00:00.000Z');
    });
  });
});
