// Looking a package up by what was scanned finds only the package whose tracking number was scanned.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, type IntakeApi } from '../../electron/api/contract.ts';
import { openStation, type Station } from '../../electron/station.ts';
import { clockAt, inProcessApi, OPERATOR, tempDir } from './helpers.ts';

let station: Station;
let api: IntakeApi;
let dir: ReturnType<typeof tempDir>;
before(async () => {
  dir = tempDir();
  station = openStation({ dataDir: dir.dir, transport: 'http', clock: clockAt(), demo: false, sweepEveryMs: false });
  api = inProcessApi(station.dispatcher);
  await api.call('packages.receive', { operator: OPERATOR, trackingNumber: 'TRKSS1' });
});
after(() => {
  station.close();
  dir.remove();
});

test('a package is found by its tracking number scanned in lower case', async () => {
  assert.equal((await api.call('packages.get', { trackingNumber: 'trkss1' })).trackingNumber, 'TRKSS1');
});

test('TRKß1 (a scanner typing for another keyboard layout) does not find package TRKSS1', async () => {
  const e = await api.call('packages.get', { trackingNumber: 'TRKß1' }).then(
    () => null,
    (x: unknown) => x,
  );
  assert.ok(e instanceof ApiError);
  assert.equal(e.code, 'PACKAGE_UNKNOWN');
});
