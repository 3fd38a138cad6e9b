// Over HTTP, a refusal because of the state things are in is a 409 with a code of its own, and changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStationServer, statusFor, type StationServer } from '../../electron/server.ts';
import { HTTP } from '../../electron/api/contract.ts';
import { clockAt, dumpStore, OPERATOR, raw, shippingJob, sharedStoreOption, tempDir } from './helpers.ts';

let srv: StationServer;
let dir: ReturnType<typeof tempDir>;
const db = sharedStoreOption();
before(async () => {
  dir = tempDir();
  srv = await startStationServer({ ...db.option, dataDir: dir.dir, clock: clockAt(), demo: false });
});
after(async () => {
  await srv.close();
  dir.remove();
  db.drop();
});

const call = (op: string, input: unknown) =>
  raw(srv.port, {
    path: HTTP.callPath(op as never),
    headers: { host: `127.0.0.1:${srv.port}`, 'content-type': 'application/json', [HTTP.tokenHeader]: srv.token },
    body: JSON.stringify(input),
  });

test('cancelling a job already cancelled answers 409 ALREADY_CANCELLED and changes nothing', async () => {
  assert.equal((await call('jobs.put', { operator: OPERATOR, job: shippingJob('JOB-C', 'TRK-C', ['WD-C1']) })).status, 200);
  assert.equal((await call('jobs.cancel', { operator: OPERATOR, name: 'JOB-C', reason: 'customer uploads instead' })).status, 200);
  const before = dumpStore(srv.station.store);
  const r = await call('jobs.cancel', { operator: OPERATOR, name: 'JOB-C', reason: 'again' });
  assert.equal(r.status, 409, r.text);
  assert.equal((r.json as { code: string }).code, 'ALREADY_CANCELLED');
  assert.match((r.json as { message: string }).message, /JOB-C is already cancelled/);
  assert.deepEqual(dumpStore(srv.station.store), before);
});

test('ALREADY_CANCELLED is a conflict of state like CANCEL_TOO_LATE (409), not bad input (400)', () => {
  assert.equal(statusFor('ALREADY_CANCELLED'), 409);
  assert.equal(statusFor('ALREADY_CANCELLED'), statusFor('CANCEL_TOO_LATE'));
});
