// Through the contract, a destruction's witness is another operator of the station, as its settings name them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, type IntakeApi } from '../../electron/api/contract.ts';
import { openStation, type Station } from '../../electron/station.ts';
import { clockAt, dumpStore, inProcessApi, OPERATOR, tempDir } from './helpers.ts';
import { readStore } from '../store-file.ts';

let station: Station;
let api: IntakeApi;
let dir: ReturnType<typeof tempDir>;
before(() => {
  dir = tempDir();
  station = openStation({ dataDir: dir.dir, transport: 'http', clock: clockAt(), demo: false, sweepEveryMs: false });
  api = inProcessApi(station.dispatcher);
});
after(() => {
  station.close();
  dir.remove();
});

let n = 0;
/** A drive of no job received and held at the dock, as staff would destroy one. */
async function heldDrive(): Promise<string> {
  const serial = `ZH-${++n}`;
  await api.call('packages.receive', { operator: OPERATOR, trackingNumber: `TRK-H${n}` });
  await api.call('drives.scan', { operator: OPERATOR, serial });
  await api.call('packages.close', { operator: OPERATOR });
  return serial;
}

async function refused(op: Parameters<IntakeApi['call']>[0], input: unknown, code: string): Promise<string> {
  const before = dumpStore(station.store);
  const e = await api.call(op, input as never).then(
    () => null,
    (x: unknown) => x,
  );
  assert.ok(e instanceof ApiError, `refused, not ${String(e)}`);
  assert.equal(e.code, code, e.message);
  assert.deepEqual(dumpStore(station.store), before, 'the store is unchanged');
  return e.message;
}

test('a witness who is not an operator of the station is refused with WITNESS_UNKNOWN', async () => {
  const serial = await heldDrive();
  const input = { operator: OPERATOR, driveIds: [serial], method: 'Shredded', witness: 'Chloe Hsu' };
  const message = await refused('drives.destroy', input, 'WITNESS_UNKNOWN');
  assert.match(message, /"Chloe Hsu" is not an operator of this station/);
});

for (const witness of ['amy lin', 'AMY LIN', 'Amy  Lin']) {
  test(`"${witness}" does not witness for Amy Lin: WITNESS_IS_OPERATOR`, async () => {
    const serial = await heldDrive();
    await refused('drives.destroy', { operator: OPERATOR, driveIds: [serial], method: 'Shredded', witness }, 'WITNESS_IS_OPERATOR');
  });
}

test('another operator typed in another case witnesses, and the certificate names them as the settings do', async () => {
  const serial = await heldDrive();
  const input = { operator: OPERATOR, driveIds: [serial], method: 'Shredded', witness: 'ben  CHEN' };
  const { certificate } = await api.call('drives.destroy', input);
  assert.equal(certificate.witness, 'Ben Chen');
  const record = readStore(station.store.path)
    .prepare("SELECT detail FROM custody WHERE action = 'drive.destroyed' AND drive_id = ?")
    .get(serial) as { detail: string };
  assert.equal((JSON.parse(record.detail) as { witness: string }).witness, 'Ben Chen');
});
