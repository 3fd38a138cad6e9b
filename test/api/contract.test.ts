// One contract, two transports: every case runs through the in-process dispatcher and through the
// station server's HTTP (with the renderer's own HTTP client), on fresh stores with the same clock; the
// two transcripts must be identical, results and refusals alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStation } from '../../electron/station.ts';
import { startStationServer } from '../../electron/server.ts';
import { ApiError, type Change, type IntakeApi, type OpName } from '../../electron/api/contract.ts';
import { createHttpClient } from '../../renderer/src/api/http-client.ts';
import {
  clockAt,
  DEMO_SUPERVISOR_PIN,
  dumpStore,
  inProcessApi,
  OPERATOR,
  shippingJob,
  storeOption,
  SUPERVISOR,
  tempDir,
} from './helpers.ts';
import type { DockStore } from '../../electron/core/store/index.ts';
import { operations } from '../../electron/api/operations.ts';

interface Side {
  api: IntakeApi;
  store: DockStore;
  close(): Promise<void>;
}

const transports: Record<string, () => Promise<Side>> = {
  'in-process': () => {
    const t = tempDir();
    const s = openStation({ ...storeOption(), dataDir: t.dir, transport: 'http', clock: clockAt(), demo: false });
    const close = () => {
      s.close();
      t.remove();
      return Promise.resolve();
    };
    return Promise.resolve({ api: inProcessApi(s.dispatcher), store: s.store, close });
  },
  http: async () => {
    const t = tempDir();
    const srv = await startStationServer({ ...storeOption(), dataDir: t.dir, clock: clockAt(), demo: false });
    const api = createHttpClient({ baseUrl: srv.origin, token: srv.token, reconnect: { minMs: 20, maxMs: 100 } });
    return {
      api,
      store: srv.station.store,
      close: async () => {
        api.close();
        await srv.close();
        t.remove();
      },
    };
  },
};

/** What a call gave: its result, or the code and message it was refused with. */
async function attempt(p: Promise<unknown>): Promise<unknown> {
  try {
    return { result: await p };
  } catch (e) {
    assert.ok(e instanceof ApiError, `a refusal is an ApiError, not ${String(e)}`);
    return { code: e.code, message: e.message };
  }
}

/** Runs a case on both transports and insists they tell the same story. */
async function sameOnBoth(run: (side: Side) => Promise<unknown[]>): Promise<unknown[]> {
  const transcripts: unknown[][] = [];
  for (const open of Object.values(transports)) {
    const side = await open();
    try {
      transcripts.push(await run(side));
    } finally {
      await side.close();
    }
  }
  assert.deepEqual(transcripts[1], transcripts[0]);
  return transcripts[0]!;
}

const TRACKING = '1234567890';
const D1 = 'WD-WCC4E0000001';
const D2 = 'WD-WCC4E0000002';
const D3 = 'WD-WCC4E0000003';
const putJob = (api: IntakeApi) => api.call('jobs.put', { operator: OPERATOR, job: shippingJob('contoso-imp-1', TRACKING, [D1, D2, D3]) });

test('a box is received, two of its three drives scanned and closed: the third is NeverReceived, the job Received', async () => {
  const t = await sameOnBoth(async ({ api }) => [
    await attempt(putJob(api)),
    await attempt(api.call('packages.receive', { operator: OPERATOR, trackingNumber: TRACKING })),
    await attempt(api.call('drives.scan', { operator: OPERATOR, serial: D1 })),
    await attempt(api.call('drives.scan', { operator: OPERATOR, serial: ` ${D2.toLowerCase()} ` })),
    await attempt(api.call('packages.previewClose', {})),
    await attempt(api.call('packages.close', { operator: OPERATOR })),
    await attempt(api.call('jobs.get', { name: 'contoso-imp-1' })),
    await attempt(api.call('custody.list', { jobName: 'contoso-imp-1' })),
  ]);
  type Seen = { state: string; outcome: string; serial: string; neverReceived: unknown; properties: { state: string } };
  const [, received, scan1, scan2, preview, closed, job] = t as { result: Seen }[];
  assert.equal(received!.result.state, 'open');
  assert.equal(scan1!.result.outcome, 'received');
  assert.equal(scan2!.result.serial, D2);
  assert.deepEqual(preview!.result.neverReceived, [{ jobName: 'contoso-imp-1', driveId: D3 }]);
  assert.deepEqual(closed!.result.neverReceived, [D3]);
  assert.equal(job!.result.properties.state, 'Received');
  assert.ok(!JSON.stringify(t).includes('111111-222222'), 'no BitLocker key crosses the contract');
});

test('a drive scanned twice is refused with DRIVE_ALREADY_SCANNED and the second scan changes nothing', async () => {
  await sameOnBoth(async ({ api, store }) => {
    await putJob(api);
    await api.call('packages.receive', { operator: OPERATOR, trackingNumber: TRACKING });
    await api.call('drives.scan', { operator: OPERATOR, serial: D1 });
    const before = dumpStore(store);
    const again = await attempt(api.call('drives.scan', { operator: OPERATOR, serial: D1 }));
    assert.equal((again as { code: string }).code, 'DRIVE_ALREADY_SCANNED');
    assert.deepEqual(dumpStore(store), before);
    return [again];
  });
});

test('every refusal has the same code and message on both transports', async () => {
  const t = await sameOnBoth(async ({ api }) => [
    await attempt(api.call('nope.nothing' as OpName, {})),
    await attempt(api.call('drives.scan', { operator: OPERATOR, serial: 42 } as never)),
    await attempt(api.call('drives.scan', { serial: D1 } as never)),
    await attempt(api.call('jobs.search', { limit: 5000 })),
    await attempt(api.call('station.info', { extra: true } as never)),
    await attempt(api.call('drives.scan', { operator: 'Mallory', serial: D1 })),
    await attempt(api.call('drives.scan', { operator: OPERATOR, serial: D1 })),
    await attempt(api.call('drives.scan', { operator: OPERATOR, serial: '' })),
    await attempt(api.call('jobs.get', { name: 'no-such-job' })),
    await attempt(api.call('packages.close', { operator: OPERATOR })),
    await attempt(api.call('scans.undo', { operator: OPERATOR })),
    await attempt(putJob(api)),
    await attempt(putJob(api)),
    await attempt(api.call('packages.receive', { operator: OPERATOR, trackingNumber: TRACKING })),
    await attempt(api.call('packages.receive', { operator: OPERATOR, trackingNumber: '999999999' })),
    await attempt(api.call('jobs.import', { operator: OPERATOR, json: '{ not json' })),
  ]);
  const codes = t.map((x) => (x as { code?: string }).code ?? 'ok');
  assert.deepEqual(codes, [
    'UNKNOWN_OPERATION',
    'BAD_INPUT',
    'BAD_INPUT',
    'BAD_INPUT',
    'BAD_INPUT',
    'BAD_INPUT',
    'NO_OPEN_PACKAGE',
    'SCAN_EMPTY',
    'JOB_UNKNOWN',
    'NO_OPEN_PACKAGE',
    'NOTHING_TO_UNDO',
    'ok',
    'JOB_EXISTS',
    'ok',
    'ANOTHER_PACKAGE_OPEN',
    'IMPORT_INVALID',
  ]);
});

// Each operation is written once, input schema beside its handler, so neither can exist without the other;
// this proves both transports answer every one of them (none is "unknown" on either side).
test('every operation of the contract has a handler, and both transports answer each one', async () => {
  const ops = Object.keys(operations) as OpName[];
  assert.ok(ops.length >= 40);
  for (const op of ops) {
    assert.equal(typeof operations[op].run, 'function', `${op}: a handler`);
    assert.equal(typeof operations[op].input.safeParse, 'function', `${op}: an input schema`);
  }
  const t = await sameOnBoth(async ({ api }) => {
    const outcomes: string[] = [];
    for (const op of ops) {
      const r = (await attempt(api.call(op, {}))) as { result?: unknown; code?: string };
      outcomes.push(`${op}: ${r.code ?? 'answered'}`);
    }
    return outcomes;
  });
  assert.equal(t.length, ops.length);
  for (const line of t as string[]) assert.doesNotMatch(line, /UNKNOWN_OPERATION/);
  assert.ok((t as string[]).includes('station.info: answered'));
  assert.ok((t as string[]).includes('drives.scan: BAD_INPUT'), 'an operation without its operator is refused by its schema');
});

test('the last scan is undone by a compensating record, and undoing twice is refused', async () => {
  const t = await sameOnBoth(async ({ api }) => {
    await putJob(api);
    await api.call('packages.receive', { operator: OPERATOR, trackingNumber: TRACKING });
    await api.call('drives.scan', { operator: OPERATOR, serial: D1 });
    return [
      await attempt(api.call('scans.undo', { operator: OPERATOR })),
      await attempt(api.call('drives.possibilities', { driveId: D1 })),
      await attempt(api.call('custody.list', { driveId: D1 })),
      await attempt(api.call('scans.undo', { operator: OPERATOR })),
    ];
  });
  assert.equal((t[0] as { result: { driveId: string } }).result.driveId, D1);
  assert.equal((t[3] as { code: string }).code, 'NOTHING_TO_UNDO');
});

test('settings saved through the contract are read back the same way', async () => {
  const t = await sameOnBoth(async ({ api }) => [
    await attempt(
      api.call('settings.update', { operator: SUPERVISOR, pin: DEMO_SUPERVISOR_PIN, patch: { dockName: 'North Dock', language: 'zh-TW' } }),
    ),
    await attempt(api.call('settings.get', {})),
    await attempt(api.call('settings.update', { operator: SUPERVISOR, pin: DEMO_SUPERVISOR_PIN, patch: { language: 'fr' } as never })),
  ]);
  assert.equal((t[1] as { result: { dockName: string } }).result.dockName, 'North Dock');
  assert.equal((t[2] as { code: string }).code, 'BAD_INPUT');
});

test('every change is pushed to subscribers with the jobs, packages and drives it touched', async () => {
  await sameOnBoth(async ({ api }) => {
    const seen: Change[] = [];
    const off = api.onChange((c) => seen.push(c));
    // the HTTP stream needs a moment to connect; a query in between proves it is up on the server side
    await new Promise((r) => setTimeout(r, 150));
    await putJob(api);
    await api.call('packages.receive', { operator: OPERATOR, trackingNumber: TRACKING });
    await api.call('drives.scan', { operator: OPERATOR, serial: D1 });
    await attempt(api.call('drives.scan', { operator: OPERATOR, serial: D1 })); // refused: no change
    const deadline = Date.now() + 3000;
    while (seen.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    off();
    assert.equal(seen.length, 3, 'three changes, and none for the refused scan');
    assert.ok(seen[2]!.drives.includes(D1));
    assert.ok(seen[2]!.packages.includes(TRACKING));
    return seen;
  });
});

test('the HTTP change stream reconnects after the connection drops and says to look again', async () => {
  const t = tempDir();
  const srv = await startStationServer({ ...storeOption(), dataDir: t.dir, clock: clockAt(), demo: false });
  // every connection the client opens can be cut by the test, as a flaky link would
  const links = new Set<AbortController>();
  const client = createHttpClient({
    baseUrl: srv.origin,
    token: srv.token,
    reconnect: { minMs: 20, maxMs: 50 },
    fetch: (input, init) => {
      const link = new AbortController();
      init?.signal?.addEventListener('abort', () => link.abort());
      links.add(link);
      return fetch(input, { ...init, signal: link.signal });
    },
  });
  const seen: Change[] = [];
  const waitFor = async (n: number) => {
    const until = Date.now() + 3000;
    while (seen.length < n && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  };
  try {
    const off = client.onChange((c) => seen.push(c));
    await new Promise((r) => setTimeout(r, 150));
    const api = inProcessApi(srv.dispatcher);
    await putJob(api);
    await waitFor(1);
    assert.equal(seen.length, 1);
    // the link drops; a change happens while the client is away
    for (const l of links) l.abort();
    await api.call('packages.receive', { operator: OPERATOR, trackingNumber: TRACKING });
    await waitFor(2);
    // and changes after the reconnection arrive as usual
    await new Promise((r) => setTimeout(r, 100));
    await api.call('drives.scan', { operator: OPERATOR, serial: D1 });
    await waitFor(3);
    off();
    assert.equal(seen.length, 3);
    assert.deepEqual(seen[1], { jobs: [], packages: [], drives: [], seq: seen[1]!.seq }, 'a change naming nothing: look again');
    assert.ok(seen[1].seq > seen[0]!.seq);
    assert.ok(seen[2]!.drives.includes(D1));
  } finally {
    client.close();
    await srv.close();
    t.remove();
  }
});

test('a station server that is gone is STATION_UNREACHABLE to the HTTP client, not a crash', async () => {
  const t = tempDir();
  const srv = await startStationServer({ ...storeOption(), dataDir: t.dir, demo: false });
  const client = createHttpClient({ baseUrl: srv.origin, token: srv.token });
  assert.equal((await client.call('station.info', {})).transport, 'http');
  await srv.close();
  t.remove();
  await assert.rejects(client.call('station.info', {}), (e: unknown) => e instanceof ApiError && e.code === 'STATION_UNREACHABLE');
  client.close();
});
