// A station on the dock's PostgreSQL answers its reads from a reader thread with a connection of its own, as a
// station on its SQLite file does: the same answers as its own thread gives, and a scan acknowledged is in the
// very next read.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createDispatcher, type Dispatcher } from '../../electron/api/dispatcher.ts';
import type { OpName } from '../../electron/api/contract.ts';
import { DEMO_JOBS, openStation } from '../../electron/station.ts';
import { clockAt, OPERATOR, shippingJob, tempDir } from '../api/helpers.ts';
import { newDatabase, PG_MISSING, pgBin, testCluster } from '../pg-cluster.ts';

const missing = pgBin() ? false : PG_MISSING;
if (!missing) await testCluster();

const TRACKING = '1Z999AA10999000111';
const serials = Array.from({ length: 4 }, (_, i) => `WD-PGREAD${String(i + 1).padStart(4, '0')}`);

async function ok(d: Dispatcher, op: OpName, input: unknown): Promise<unknown> {
  const r = await d.dispatch(op, input);
  if (!r.ok) assert.fail(`${op} was refused: ${r.error.code} ${r.error.message}`);
  return r.result;
}

test(
  'a station on PostgreSQL reads through its reader thread, and a scan acknowledged is in the next read',
  { skip: missing },
  async () => {
    const db = newDatabase();
    const t = tempDir('dock-intake-pg-readers-');
    const clock = clockAt('2031-03-02T01:00:00Z');
    const station = openStation({
      dataDir: t.dir,
      database: db.url,
      transport: 'http',
      clock,
      demo: false,
      sweepEveryMs: false,
      dailyBackupEveryMs: false,
    });
    after(() => {
      station.close();
      t.remove();
      db.drop();
    });
    const here = createDispatcher({ intake: station.intake, settings: station.settings, transport: 'http', demoJobs: DEMO_JOBS });
    assert.equal(await station.readers?.whenReady(), true, 'the station has a reader thread on the dock database');

    await ok(station.dispatcher, 'jobs.put', { operator: OPERATOR, job: shippingJob('pg-reader-1', TRACKING, serials) });
    await ok(station.dispatcher, 'packages.receive', { operator: OPERATOR, trackingNumber: TRACKING });
    for (const serial of serials.slice(0, 3)) {
      await ok(station.dispatcher, 'drives.scan', { operator: OPERATOR, serial });
      const open = (await ok(station.dispatcher, 'packages.current', {})) as { scanned: { driveId: string; state: string }[] } | null;
      assert.equal(open?.scanned.find((d) => d.driveId === serial)?.state, 'Received', `${serial} is read back as received`);
    }
    for (const [op, input] of [
      ['packages.current', {}],
      ['jobs.get', { name: 'pg-reader-1' }],
      ['exceptions.list', {}],
      ['codes.identify', { code: serials[3] }],
    ] as [OpName, unknown][]) {
      assert.deepEqual(await station.dispatcher.dispatch(op, input), await here.dispatch(op, input), `${op} answers the same`);
    }
  },
);
