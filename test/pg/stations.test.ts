// Four real station servers on one PostgreSQL, each its own process and data directory, each scanning 20
// drives a second over loopback HTTP, two stations on every drive at about the same moment; the database
// stopped and started again mid-run, and one station killed with SIGKILL and started again. The full minute
// runs in `npm run bench`; here a shorter run (DOCK_STATIONS_SECONDS, default 10) proves the same rules.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkCustody } from '../core/helpers.ts';
import { PG_MISSING, pgBin } from '../pg-cluster.ts';
import { readStore } from '../store-file.ts';
import { latencies, runDock, verdict, type DockRun } from './fixtures/dock-stations.ts';

const missing = pgBin() ? false : PG_MISSING;
const SECONDS = Number(process.env.DOCK_STATIONS_SECONDS ?? 10);

/** The answers a scan may get in this run: received, another station had it, or the database away. */
const EXPECTED_CODES = new Set([null, 'DRIVE_ALREADY_SCANNED', 'STORE_UNREACHABLE']);

describe('four stations on one dock database, the database restarted and a station killed mid-run', { skip: missing }, () => {
  let run: DockRun;
  before(async () => {
    run = await runDock({ seconds: SECONDS, log: (s) => console.error(`[stations] ${s}`) });
    for (const l of latencies(run)) console.error(`[stations] ${JSON.stringify(l)}`);
  });
  after(async () => {
    await run?.close();
  });

  test('every scan a station acknowledged is in the store, as exactly one receipt', () => {
    const v = verdict(run);
    assert.ok(v.receivedAcks.length > 0);
    assert.deepEqual(
      v.lost.map((a) => `${a.serial} (station ${a.station + 1})`),
      [],
    );
  });

  test('no drive is received twice: of two stations scanning it at the same moment one receives it, the other is told', () => {
    const v = verdict(run);
    assert.deepEqual(v.ackedTwice, []);
    assert.deepEqual(v.receivedTwice, []);
    const doubled = readStore(run.url).prepare('SELECT drive_id, count(*) AS n FROM drives GROUP BY drive_id HAVING count(*) > 1').all();
    assert.deepEqual(doubled, []);
    // the stations did meet on the same drives
    assert.ok(run.attempts.some((a) => a.code === 'DRIVE_ALREADY_SCANNED'));
  });

  test('every answer is a receipt, another station had it, or the dock database is unreachable', () => {
    const odd = run.attempts.filter((a) => a.status !== 0 && !EXPECTED_CODES.has(a.code) && a.status !== 401);
    assert.deepEqual(odd, []);
  });

  test("replaying custody gives the store's states, in the one order every station committed in", () => {
    checkCustody(run.store);
  });

  test('while the database was down scans were refused as STORE_UNREACHABLE, none acknowledged, and every station came back by itself', () => {
    const { stopping, down, starting, up } = run.db;
    assert.ok(stopping > 0 && down >= stopping && starting >= down && up >= starting, JSON.stringify(run.db));
    const unreachable = run.attempts.filter((a) => a.code === 'STORE_UNREACHABLE');
    assert.ok(unreachable.length > 0, 'no scan met the database down');
    for (const a of unreachable) assert.ok(a.end >= stopping && a.start <= up, `refused outside the outage: ${JSON.stringify(a)}`);
    // a scan sent and answered wholly while the database was surely down cannot have been acknowledged
    const whileDown = run.attempts.filter((a) => a.start > down && a.end < starting && a.status !== 0);
    assert.ok(whileDown.length > 0);
    assert.deepEqual(
      whileDown.filter((a) => a.code !== 'STORE_UNREACHABLE'),
      [],
    );
    for (const k of new Set(run.attempts.map((a) => a.station))) {
      assert.ok(
        run.attempts.some((a) => a.station === k && a.start > up && (a.status === 200 || a.code === 'DRIVE_ALREADY_SCANNED')),
        `station ${k + 1} was not answered again after the database came back`,
      );
    }
  });

  test('the station killed with SIGKILL mid-run left no partial record and scanned again once started on its data directory', () => {
    const { station, at, back } = run.kill;
    assert.ok(at > 0 && back > at);
    assert.ok(run.attempts.some((a) => a.station === station && a.start >= at && a.start < back && a.status === 0));
    // answered from the store again: a receipt, or told its neighbours received that drive while it was down
    assert.ok(
      run.attempts.some((a) => a.station === station && a.start > back && (a.status === 200 || a.code === 'DRIVE_ALREADY_SCANNED')),
    );
    // what it had begun and not committed is nowhere: every drive Received has its one receipt (and replay agrees)
    const v = verdict(run);
    const received = readStore(run.url).prepare("SELECT drive_id FROM drives WHERE state = 'Received'").all() as { drive_id: string }[];
    assert.deepEqual(
      received.filter((r) => v.receiptCount.get(r.drive_id) !== 1),
      [],
    );
  });
});
