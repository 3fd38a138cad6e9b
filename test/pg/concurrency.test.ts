// Stations are separate processes on one PostgreSQL: two of them scanning the same drives, closing the same box,
// or recording copy results for the same job at the same moment. Exactly one receipt, no lost update, and
// custody in one order that replays to the store.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { Intake } from '../../electron/core/intake.ts';
import { PostgresStore } from '../../electron/core/store/postgres.ts';
import { newDatabase, PG_MISSING, pgBin, testCluster } from '../pg-cluster.ts';
import { amy, bay, checkCustody, dumpStore, importJob } from '../core/helpers.ts';
import { readStore } from '../store-file.ts';

const missing = pgBin() ? false : PG_MISSING;
if (!missing) await testCluster();

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'station.ts');
const MID_TRANSACTION = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'mid-transaction.ts');

/** A station process stopped inside an open transaction: resolves once it is there. */
function stationInTransaction(url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [MID_TRANSACTION, url], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      if (c.includes('IN-TRANSACTION')) resolve(child);
    });
    child.on('close', (code) => reject(new Error(`the station ended (${code}) before its transaction: ${err}`)));
  });
}

type Step = { op: 'scan'; serial: string; tracking: string } | { op: 'close'; tracking: string } | { op: 'copy'; driveId: string };
interface Outcome {
  i: number;
  ok: boolean;
  code?: string;
}

/** The dock: a database of its own, and the station that sets the scene (on the real clock, as the others are). */
function dockDb(): { url: string; store: PostgresStore; intake: Intake } {
  const db = newDatabase();
  const store = new PostgresStore(db.url);
  after(() => {
    store.close();
    db.drop();
  });
  return { url: db.url, store, intake: new Intake({ store }) };
}

/** Starts every station, waits until each is READY, then says GO to all at once; returns each station's outcomes. */
async function stations(url: string, plans: { station: string; steps: Step[] }[]): Promise<Outcome[][]> {
  const children = plans.map((p) => {
    const child = spawn(process.execPath, [CHILD, JSON.stringify({ url, ...p })], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (c: string) => {
        out += c;
        if (out.includes('READY\n')) resolve();
      });
      child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
      child.on('close', (code) => reject(new Error(`station ${p.station} ended (${code}) before READY: ${err}`)));
    });
    const done = new Promise<Outcome[]>((resolve, reject) => {
      child.on('close', (code) => {
        if (code !== 0) reject(new Error(`station ${p.station} ended with ${code}: ${err}`));
        else
          resolve(
            out
              .split('\n')
              .filter((l) => l.startsWith('{'))
              .map((l) => JSON.parse(l) as Outcome),
          );
      });
    });
    return { child, ready, done };
  });
  await Promise.all(children.map((c) => c.ready));
  for (const c of children) c.child.stdin.end('GO\n');
  return Promise.all(children.map((c) => c.done));
}

const count = (url: string, sql: string, ...params: string[]) =>
  Number(
    readStore(url)
      .prepare(sql)
      .get(...params)!.n,
  );

describe('two stations at the same moment', { skip: missing }, () => {
  test('scanning the same drives into the same box: each drive is received exactly once, the other scan told so', async () => {
    const d = dockDb();
    const serials = Array.from({ length: 30 }, (_, i) => `WD-C${String(i).padStart(2, '0')}`);
    // one shared box of three jobs (a job lists at most 10 drives)
    for (let j = 0; j < 3; j++) {
      d.intake.putJob(
        amy,
        importJob(`JOB-${j + 1}`, serials.slice(j * 10, j * 10 + 10), { state: 'Shipping', tracking: `TRK1-${j + 1}`, keys: false }),
      );
    }
    d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
    const steps: Step[] = serials.map((serial) => ({ op: 'scan', serial, tracking: 'TRK1' }));
    const [one, two] = await stations(d.url, [
      { station: 'dock-1', steps },
      { station: 'dock-2', steps },
    ]);
    for (let i = 0; i < serials.length; i++) {
      const s = serials[i]!;
      assert.equal(count(d.url, 'SELECT count(*) AS n FROM drives WHERE drive_id = ?', s), 1, `${s}: one drive record`);
      assert.equal(d.store.activeDrive(s)?.state, 'Received', s);
      assert.equal(
        count(d.url, "SELECT count(*) AS n FROM custody WHERE drive_id = ? AND action = 'drive.scanned'", s),
        1,
        `${s}: exactly one receipt in custody`,
      );
      // each station got an answer for every scan: the one that came second was told, not silently dropped
      assert.ok(one![i] && two![i], `${s}: both stations answered`);
    }
    checkCustody(d.store);
  });

  test('closing the same box: it closes once, its missing drives are NeverReceived once, the other station is refused', async () => {
    const d = dockDb();
    d.intake.putJob(amy, importJob('JOB-1', ['WD-A1', 'WD-A2', 'WD-A3'], { state: 'Shipping', tracking: 'TRK1', keys: false }));
    d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
    d.intake.scanDrive(amy, { serial: 'WD-A1' });
    const [one, two] = await stations(d.url, [
      { station: 'dock-1', steps: [{ op: 'close', tracking: 'TRK1' }] },
      { station: 'dock-2', steps: [{ op: 'close', tracking: 'TRK1' }] },
    ]);
    const outcomes = [one![0]!, two![0]!];
    assert.equal(outcomes.filter((o) => o.ok).length, 1, JSON.stringify(outcomes));
    assert.deepEqual(
      outcomes.filter((o) => !o.ok).map((o) => o.code),
      ['PACKAGE_NOT_OPEN'],
    );
    assert.equal(count(d.url, "SELECT count(*) AS n FROM custody WHERE action = 'package.closed'"), 1);
    assert.equal(
      count(d.url, "SELECT count(*) AS n FROM custody WHERE drive_id IN ('WD-A2', 'WD-A3') AND state_after = 'NeverReceived'"),
      2,
    );
    assert.equal(d.store.job('JOB-1')?.state, 'Received');
    checkCustody(d.store);
  });

  test("recording copy results for the same job: no drive's result is lost and the job moves on exactly once", async () => {
    const d = dockDb();
    const serials = Array.from({ length: 10 }, (_, i) => `WD-B${String(i).padStart(2, '0')}`);
    d.intake.putJob(amy, importJob('JOB-1', serials, { state: 'Shipping', tracking: 'TRK1', keys: false }));
    d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
    for (const s of serials) d.intake.scanDrive(amy, { serial: s });
    d.intake.closePackage(amy);
    d.intake.startCopy(bay, { jobName: 'JOB-1' });
    // the two stations take the drives in turns, so their transactions overlap on the same job throughout
    const [one, two] = await stations(d.url, [
      { station: 'copy-bay-1', steps: serials.filter((_, i) => i % 2 === 0).map((driveId) => ({ op: 'copy', driveId })) },
      { station: 'copy-bay-2', steps: serials.filter((_, i) => i % 2 === 1).map((driveId) => ({ op: 'copy', driveId })) },
    ]);
    assert.deepEqual(
      [...one!, ...two!].filter((o) => !o.ok),
      [],
    );
    for (const s of serials) assert.equal(d.store.activeDrive(s)?.state, 'Completed', s);
    assert.equal(d.store.job('JOB-1')?.state, 'Packaging');
    assert.equal(
      count(d.url, "SELECT count(*) AS n FROM custody WHERE subject = 'job' AND job_name = 'JOB-1' AND state_after = 'Packaging'"),
      1,
    );
    checkCustody(d.store);
  });

  test('custody numbers follow the order transactions committed: no station ever reads a later record before an earlier one', async () => {
    const d = dockDb();
    const serials = Array.from({ length: 20 }, (_, i) => `WD-D${String(i).padStart(2, '0')}`);
    d.intake.putJob(amy, importJob('JOB-1', serials.slice(0, 10), { state: 'Shipping', tracking: 'TRK1', keys: false }));
    d.intake.putJob(amy, importJob('JOB-2', serials.slice(10), { state: 'Shipping', tracking: 'TRK2', keys: false }));
    d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
    d.intake.receivePackage({ ...amy, station: 'dock-9' }, { trackingNumber: 'TRK2' });
    await stations(d.url, [
      { station: 'dock-1', steps: serials.slice(0, 10).map((serial) => ({ op: 'scan', serial, tracking: 'TRK1' })) },
      { station: 'dock-2', steps: serials.slice(10).map((serial) => ({ op: 'scan', serial, tracking: 'TRK2' })) },
    ]);
    // every transaction held the dock's write lock from before it read to after it committed: the records'
    // times never run backwards in sequence order
    const rows = readStore(d.url).prepare('SELECT seq, at FROM custody ORDER BY seq').all() as { seq: number; at: string }[];
    assert.ok(rows.length > 20);
    for (let i = 1; i < rows.length; i++) {
      assert.ok(Date.parse(rows[i]!.at) >= Date.parse(rows[i - 1]!.at), `record ${rows[i]!.seq} is not older than the one before`);
    }
    checkCustody(d.store);
  });

  test('a station killed with SIGKILL in the middle of a transaction leaves no partial record, and the dock goes on at once', async () => {
    const d = dockDb();
    d.intake.putJob(amy, importJob('JOB-1', ['WD-A1'], { state: 'Shipping', tracking: 'TRK1', keys: false }));
    const before = dumpStore(d.store);
    const child = await stationInTransaction(d.url);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));
    assert.deepEqual(dumpStore(d.store), before, 'nothing of the dead station is in the store');
    const t0 = Date.now();
    d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
    assert.ok(Date.now() - t0 < 5_000, 'the dead station held the dock no longer than its connection lived');
    assert.equal(d.store.job('JOB-1')?.state, 'Shipping');
    assert.equal(count(d.url, "SELECT count(*) AS n FROM custody WHERE station = 'dock-9'"), 0, 'no custody record of it');
    checkCustody(d.store);
  });

  test('a station suspended in the middle of a transaction holds the dock at most about 10 s, and leaves nothing', async () => {
    const d = dockDb();
    d.intake.putJob(amy, importJob('JOB-1', ['WD-A1'], { state: 'Shipping', tracking: 'TRK1', keys: false }));
    const child = await stationInTransaction(d.url);
    child.kill('SIGSTOP');
    try {
      const t0 = Date.now();
      // this station waits for the dock's write lock until the server ends the suspended station's session
      d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
      const waited = Date.now() - t0;
      assert.ok(waited >= 5_000 && waited < 15_000, `waited ${waited} ms`);
      assert.equal(count(d.url, "SELECT count(*) AS n FROM custody WHERE station = 'dock-9'"), 0);
      assert.equal(d.store.job('JOB-1')?.state, 'Shipping');
      checkCustody(d.store);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
