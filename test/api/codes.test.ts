// The contract's side of "what is this code": badges live in the station's settings, so the dispatcher knows
// them; a badge scanned into an open box hands the station over on the screens and is never sent on as a drive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStation } from '../../electron/station.ts';
import { ApiError } from '../../electron/api/contract.ts';
import { statusOf } from '../../electron/core/errors.ts';
import { clockAt, dumpStore, inProcessApi, OPERATOR, shippingJob, tempDir } from './helpers.ts';

function station() {
  const t = tempDir();
  const s = openStation({ dataDir: t.dir, transport: 'http', clock: clockAt(), demo: false });
  return {
    api: inProcessApi(s.dispatcher),
    store: s.store,
    close: () => {
      s.close();
      t.remove();
    },
  };
}

async function refused(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ApiError, String(e));
    return e;
  }
  assert.fail('expected a refusal');
}

test("an operator's badge is a badge, naming its operator, whatever case the scanner typed it in", async () => {
  const s = station();
  try {
    assert.deepEqual(await s.api.call('codes.identify', { code: 'OP-0002' }), { kind: 'badge', operator: 'Ben Chen' });
    assert.deepEqual(await s.api.call('codes.identify', { code: ' op-0002\r' }), { kind: 'badge', operator: 'Ben Chen' });
  } finally {
    s.close();
  }
});

test("codes.identify passes every other code to the station's records", async () => {
  const s = station();
  try {
    await s.api.call('jobs.put', { operator: OPERATOR, job: shippingJob('JOB-1', 'TRK1', ['WD-A1']) });
    assert.equal((await s.api.call('codes.identify', { code: 'TRK1' })).kind, 'package');
    assert.equal((await s.api.call('codes.identify', { code: 'WD-A1' })).kind, 'drive');
    assert.equal((await s.api.call('codes.identify', { code: 'JOB-1' })).kind, 'job');
    assert.equal((await s.api.call('codes.identify', { code: 'CMD:UNDO' })).kind, 'command');
    assert.equal((await s.api.call('codes.identify', { code: 'ZZZ-404' })).kind, 'unknown');
  } finally {
    s.close();
  }
});

test('a badge scanned into an open box is refused as a drive before the core is asked, and nothing changes', async () => {
  const s = station();
  try {
    await s.api.call('jobs.put', { operator: OPERATOR, job: shippingJob('JOB-1', 'TRK1', ['WD-A1']) });
    await s.api.call('packages.receive', { operator: OPERATOR, trackingNumber: 'TRK1' });
    const before = dumpStore(s.store);
    const e = await refused(s.api.call('drives.scan', { operator: OPERATOR, serial: 'OP-0002' }));
    assert.equal(e.code, 'CODE_IS_BADGE');
    assert.equal(statusOf(e.code), 422);
    assert.deepEqual(e.detail, { operator: 'Ben Chen' });
    assert.doesNotMatch(e.message, /OP-0002/, 'the badge code itself is not echoed');
    assert.deepEqual(dumpStore(s.store), before, 'the store is exactly as it was');
  } finally {
    s.close();
  }
});

test('a job name and a tracking number scanned into an open box are refused through the contract, and nothing changes', async () => {
  const s = station();
  try {
    await s.api.call('jobs.put', { operator: OPERATOR, job: shippingJob('JOB-1', 'TRK1', ['WD-A1']) });
    await s.api.call('jobs.put', { operator: OPERATOR, job: shippingJob('JOB-2', 'TRK2', ['WD-B1']) });
    await s.api.call('packages.receive', { operator: OPERATOR, trackingNumber: 'TRK1' });
    const before = dumpStore(s.store);
    assert.equal((await refused(s.api.call('drives.scan', { operator: OPERATOR, serial: 'JOB-2' }))).code, 'CODE_IS_JOB');
    assert.equal((await refused(s.api.call('drives.scan', { operator: OPERATOR, serial: 'TRK2' }))).code, 'CODE_IS_TRACKING');
    assert.deepEqual(dumpStore(s.store), before, 'the store is exactly as it was');
  } finally {
    s.close();
  }
});
