// Reads are answered by a reader thread with its own read-only connection, while the station's own thread
// commits scans: the answers are the ones the station's thread would give, a scan acknowledged is in the next
// read, and a reader held busy never holds up a scan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStation, DEMO_JOBS, type Station } from '../../electron/station.ts';
import { startStationServer } from '../../electron/server.ts';
import { createDispatcher, type Dispatcher } from '../../electron/api/dispatcher.ts';
import { operations } from '../../electron/api/operations.ts';
import { ReaderPool } from '../../electron/api/readers.ts';
import type { OpName } from '../../electron/api/contract.ts';
import { localDate, type ManualClock } from '../../electron/core/clock.ts';
import { createHttpClient } from '../../renderer/src/api/http-client.ts';
import { clockAt, dumpStore, inProcessApi, OPERATOR, shippingJob, tempDir } from './helpers.ts';

const READS: OpName[] = [
  'codes.identify',
  'custody.csv',
  'custody.list',
  'deadlines.upcoming',
  'drives.possibilities',
  'exceptions.list',
  'jobs.get',
  'jobs.possibilities',
  'jobs.search',
  'packages.current',
  'packages.get',
  'packages.previewClose',
  'reports.csv',
  'reports.daily',
];

/** Atomics.waitAsync (Node has it; this TypeScript's library does not name it yet). */
const waitWhile = (a: Int32Array, index: number, value: number, ms: number): Promise<string> => {
  const atomics = Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number, t: number): { value: string | Promise<string> } };
  return Promise.resolve(atomics.waitAsync(a, index, value, ms).value);
};

const TRACKING = '1Z999AA10123456784';
const serials = (n: number) => Array.from({ length: n }, (_, i) => `WD-READER${String(i + 1).padStart(5, '0')}`);

/** The demo dock, a box open with one drive of three scanned, and a second dispatcher that reads on the station's own thread. */
function demoStation(clock: ManualClock): { station: Station; here: Dispatcher; remove: () => void } {
  const t = tempDir('dock-intake-readers-');
  const station = openStation({ dataDir: t.dir, transport: 'http', clock, sweepEveryMs: false, dailyBackupEveryMs: false });
  const here = createDispatcher({ intake: station.intake, settings: station.settings, transport: 'http', demoJobs: DEMO_JOBS });
  return {
    station,
    here,
    remove: () => {
      station.close();
      t.remove();
    },
  };
}

async function ok<K extends OpName>(d: Dispatcher, op: K, input: unknown) {
  const r = await d.dispatch(op, input);
  if (!r.ok) assert.fail(`${op} was refused: ${r.error.code} ${r.error.message}`);
  return r.result as never;
}

test('the operations that only read are the ones a reader thread answers', () => {
  const marked = Object.entries(operations)
    .filter(([, o]) => o.access === 'read')
    .map(([k]) => k)
    .sort();
  assert.deepEqual(marked, READS);
});

test('every read answers the same through a reader thread as on the station thread, refusals included, by the station clock', async () => {
  // a clock far from any day the suite runs on: a reader that read its own clock would answer differently
  const clock = clockAt('2031-03-02T01:00:00Z');
  const { station, here, remove } = demoStation(clock);
  try {
    const pool = station.dispatcher;
    assert.equal(await station.readers?.whenReady(), true, 'the station has a reader thread');
    await ok(pool, 'jobs.put', { operator: OPERATOR, job: shippingJob('reader-imp-1', TRACKING, serials(3)) });
    await ok(pool, 'packages.receive', { operator: OPERATOR, trackingNumber: TRACKING });
    await ok(pool, 'drives.scan', { operator: OPERATOR, serial: serials(3)[0] });
    clock.advanceDays(20);
    const jobs = (await ok(here, 'jobs.search', { limit: 200 })) as { items: { name: string }[] };
    const other = jobs.items.find((j) => j.name !== 'reader-imp-1')!.name;
    const firstPage = (await ok(here, 'exceptions.list', { limit: 3 })) as { next: string | null };
    assert.ok(firstPage.next, 'the demo dock has more than three exceptions');
    const today = localDate(clock.now());

    const cases: [OpName, unknown][] = [
      ['codes.identify', { code: 'OP-0001' }],
      ['codes.identify', { code: TRACKING }],
      ['codes.identify', { code: serials(3)[1] }],
      ['codes.identify', { code: 'CMD:CLOSE' }],
      ['codes.identify', { code: 'two words' }],
      ['custody.csv', { jobName: 'reader-imp-1' }],
      ['custody.list', { jobName: other }],
      ['custody.list', { driveId: serials(3)[0] }],
      ['deadlines.upcoming', { limit: 100 }],
      ['drives.possibilities', { driveId: serials(3)[0] }],
      ['drives.possibilities', { driveId: 'WD-NOWHERE' }],
      ['exceptions.list', {}],
      ['exceptions.list', { limit: 3, after: firstPage.next }],
      ['exceptions.list', { after: 'not a cursor' }],
      ['jobs.get', { name: other }],
      ['jobs.get', { name: 'no-such-job' }],
      ['jobs.possibilities', { name: 'reader-imp-1' }],
      ['jobs.search', { query: serials(3)[2] }],
      ['jobs.search', { limit: 20, offset: 5 }],
      ['packages.current', {}],
      ['packages.get', { trackingNumber: TRACKING.toLowerCase() }],
      ['packages.get', { trackingNumber: 'NOT-RECEIVED-1' }],
      ['packages.previewClose', {}],
      ['reports.csv', { from: '2031-03-01', to: today }],
      ['reports.daily', { from: '2031-03-01', to: today }],
    ];
    assert.deepEqual(new Set(cases.map(([op]) => op)), new Set(READS), 'a case for every read');
    let refused = 0;
    const before = dumpStore(station.store);
    for (const [op, input] of cases) {
      const there = await pool.dispatch(op, input);
      const mine = await here.dispatch(op, input);
      assert.deepEqual(there, mine, `${op} ${JSON.stringify(input)}`);
      if (!there.ok) refused++;
    }
    assert.deepEqual(dumpStore(station.store), before, 'reads change nothing');
    // the cases are not all refusals, and the refusals come back as codes
    assert.ok(refused >= 3 && refused < cases.length / 2, `${refused} refused`);
    const page = (await ok(pool, 'exceptions.list', {})) as { clock: { now: string } };
    assert.equal(page.clock.now, clock.now().toISOString());
  } finally {
    remove();
  }
});

test('a reader is told when the station judges its clock jumped, and lists as the station would', async () => {
  const clock = clockAt();
  const { station, here, remove } = demoStation(clock);
  try {
    assert.equal(await station.readers?.whenReady(), true);
    clock.setClockTo('2026-11-09T09:00:00Z');
    const there = (await ok(station.dispatcher, 'exceptions.list', {})) as { clock: { state: string } };
    assert.equal(there.clock.state, 'jumped');
    assert.deepEqual(there, await ok(here, 'exceptions.list', {}));
  } finally {
    remove();
  }
});

test('a scan acknowledged is in the very next read, every time', async () => {
  const { station, remove } = demoStation(clockAt());
  try {
    const d = station.dispatcher;
    assert.equal(await station.readers?.whenReady(), true);
    const drives = serials(10); // the most an import job lists
    await ok(d, 'jobs.put', { operator: OPERATOR, job: shippingJob('reader-imp-2', TRACKING, drives) });
    await ok(d, 'packages.receive', { operator: OPERATOR, trackingNumber: TRACKING });
    for (const [n, serial] of drives.entries()) {
      await ok(d, 'drives.scan', { operator: OPERATOR, serial });
      const job = (await ok(d, 'jobs.get', { name: 'reader-imp-2' })) as {
        properties: { driveList: { driveId: string; state: string }[] };
      };
      const received = job.properties.driveList.filter((x) => x.state === 'Received').map((x) => x.driveId);
      assert.deepEqual(received.sort(), drives.slice(0, n + 1));
      const [last] = (await ok(d, 'custody.list', { driveId: serial, limit: 1 })) as { action: string }[];
      assert.equal(last!.action, 'drive.scanned');
    }
  } finally {
    remove();
  }
});

test('while a reader is held busy in a read, a scan is acknowledged before that read answers', async () => {
  const t = tempDir('dock-intake-readers-');
  // slot 0: the reader goes on once it is not 0; slot 1: how many reads the reader has begun
  const hold = new Int32Array(new SharedArrayBuffer(8));
  const srv = await startStationServer({ dataDir: t.dir, clock: clockAt(), demo: false, readers: { threads: 1, hold } });
  const api = createHttpClient({ baseUrl: srv.origin, token: srv.token });
  try {
    assert.equal(await srv.station.readers?.whenReady(), true);
    await api.call('jobs.put', { operator: OPERATOR, job: shippingJob('reader-imp-3', TRACKING, serials(2)) });
    await api.call('packages.receive', { operator: OPERATOR, trackingNumber: TRACKING });
    const answered: string[] = [];
    const slow = api.call('exceptions.list', {}).then((page) => {
      answered.push('read');
      return page;
    });
    // the reader has begun the read and waits inside it (a read that never reached a reader fails here)
    assert.notEqual(await waitWhile(hold, 1, 0, 30_000), 'timed-out', 'the read reached the reader');
    const scan = await api.call('drives.scan', { operator: OPERATOR, serial: serials(2)[0]! });
    answered.push('scan');
    assert.equal(scan.outcome, 'received');
    assert.deepEqual(answered, ['scan'], 'the read is still held');
    Atomics.store(hold, 0, 1);
    Atomics.notify(hold, 0);
    await slow;
    assert.deepEqual(answered, ['scan', 'read']);
    const job = await api.call('jobs.get', { name: 'reader-imp-3' });
    assert.equal(job.properties.driveList.find((x) => x.driveId === serials(2)[0])!.state, 'Received');
  } finally {
    Atomics.store(hold, 0, 1);
    Atomics.notify(hold, 0);
    api.close();
    await srv.close();
    t.remove();
  }
});

test('reads sent before the reader thread has started are answered at once, on the station thread', async () => {
  const { station, here, remove } = demoStation(clockAt());
  try {
    // nothing has let the reader say it is ready yet: this read does not wait for it to load
    const early = await station.dispatcher.dispatch('jobs.search', { limit: 5 });
    assert.deepEqual(early, await here.dispatch('jobs.search', { limit: 5 }));
    assert.equal(await station.readers?.whenReady(), true);
  } finally {
    remove();
  }
});

test('a store in memory, or no reader thread asked for, has its reads answered on the station thread', () => {
  assert.equal(ReaderPool.start({ path: ':memory:' }), null);
  assert.equal(ReaderPool.start({ path: '/any/where.sqlite' }, { threads: 0 }), null);
  assert.equal(ReaderPool.start({ path: '/any/where.sqlite', readOnly: true }), null);
});

test('a reader that cannot start leaves the reads to the station thread, which answers them all', async () => {
  const t = tempDir('dock-intake-readers-');
  const station = openStation({
    dataDir: t.dir,
    transport: 'http',
    clock: clockAt(),
    sweepEveryMs: false,
    dailyBackupEveryMs: false,
    readers: { workerFile: `${t.dir}/no-such-reader.ts` },
  });
  const errors: unknown[] = [];
  const error = console.error;
  console.error = (...a: unknown[]) => errors.push(a);
  try {
    const api = inProcessApi(station.dispatcher);
    assert.equal(await station.readers?.whenReady(), false);
    const page = await api.call('exceptions.list', {});
    const again = await api.call('exceptions.list', {});
    assert.deepEqual(again, page);
    assert.equal(station.readers?.available, false);
    assert.equal(errors.length, 1, 'said once');
  } finally {
    console.error = error;
    station.close();
    t.remove();
  }
});
