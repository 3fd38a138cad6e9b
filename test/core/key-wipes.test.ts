// A wiped BitLocker key is gone from the disk, not only from its column: read the store file and its WAL byte
// by byte, while the station runs and after it closes.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { amy, bay, ben, dock, importJob, sqliteOnly, type Dock } from './helpers.ts';
import { readStore } from '../store-file.ts';

/** Ten drives, each with a key no other drive shares any group of. */
const serialsOf = (job: string) => Array.from({ length: 10 }, (_, i) => `${job}-D${i}`);
const keyOf = (job: string, i: number) =>
  Array.from({ length: 8 }, (_, g) => String((job.charCodeAt(0) * 7919 + i * 104_729 + g * 1_299_709) % 1_000_000).padStart(6, '0')).join(
    '-',
  );
const keysOf = (job: string) => serialsOf(job).map((_, i) => keyOf(job, i));

function putWithKeys(d: Dock, job: string, state: 'Creating' | 'Shipping'): void {
  const body = importJob(job, serialsOf(job), { state, tracking: `TRK-${job}` });
  (body.properties.driveList as { bitLockerKey: string }[]).forEach((drive, i) => {
    drive.bitLockerKey = keyOf(job, i);
  });
  d.intake.putJob(amy, body);
}

const bytesOf = (path: string): Buffer => (existsSync(path) ? readFileSync(path) : Buffer.alloc(0));
/** The keys whose text is anywhere in the file. */
const keysIn = (path: string, keys: string[]): string[] => {
  const bytes = bytesOf(path);
  return keys.filter((k) => bytes.includes(Buffer.from(k, 'utf8')));
};

/** Job S shipped back (all ten copied), job L still live with its drives at the dock. */
function shippedAndLive(): Dock {
  const d = dock();
  putWithKeys(d, 'S', 'Shipping');
  putWithKeys(d, 'L', 'Shipping');
  for (const job of ['S', 'L']) {
    d.intake.receivePackage(amy, { trackingNumber: `TRK-${job}` });
    for (const s of serialsOf(job)) d.intake.scanDrive(amy, { serial: s });
    d.intake.closePackage(amy, { trackingNumber: `TRK-${job}` });
  }
  d.intake.startCopy(bay, { jobName: 'S' });
  for (const s of serialsOf('S')) d.intake.recordCopyResult(bay, { driveId: s, copyStatus: 'Completed' });
  const onDisk = new Set([d.file, `${d.file}-wal`].flatMap((f) => keysIn(f, keysOf('S'))));
  assert.equal(onDisk.size, 10, 'before ship back every key is on disk: the search does find keys');
  d.intake.shipBack(amy, { jobName: 'S', carrierName: 'FedEx', trackingNumber: 'RET-S' });
  return d;
}

describe(
  'a BitLocker key wiped at ship back is gone from the disk',
  { skip: sqliteOnly('reads the SQLite file and its WAL byte by byte') },
  () => {
    test('while the station runs, no key of the shipped drives is in the WAL or the store file', () => {
      const d = shippedAndLive();
      const withKey = readStore(d.file)
        .prepare("SELECT count(*) AS n FROM drives WHERE job_name = 'S' AND bitlocker_key IS NOT NULL")
        .get() as { n: number };
      assert.equal(Number(withKey.n), 0);
      assert.deepEqual(keysIn(`${d.file}-wal`, keysOf('S')), [], 'the WAL');
      assert.deepEqual(keysIn(d.file, keysOf('S')), [], 'the store file');
      // the live job's keys are still there: the station still needs them to copy
      assert.equal(keysIn(d.file, keysOf('L')).length + keysIn(`${d.file}-wal`, keysOf('L')).length >= 10, true);
    });

    test('after a clean close, no key of the shipped drives is in the store file or a WAL', () => {
      const d = shippedAndLive();
      d.store.close();
      assert.deepEqual(keysIn(d.file, keysOf('S')), [], 'the store file');
      assert.deepEqual(keysIn(`${d.file}-wal`, keysOf('S')), [], 'the WAL');
      assert.equal(keysIn(d.file, keysOf('L')).length, 10, "the live job's keys are kept");
    });

    test('work after the wipe never brings a wiped key back into the WAL', () => {
      const d = shippedAndLive();
      d.intake.startCopy(bay, { jobName: 'L' });
      for (const s of serialsOf('L').slice(0, 5)) d.intake.recordCopyResult(bay, { driveId: s, copyStatus: 'Completed' });
      assert.deepEqual(keysIn(`${d.file}-wal`, keysOf('S')), []);
      assert.deepEqual(keysIn(d.file, keysOf('S')), []);
    });
  },
);

describe(
  'a key wiped by a return of held drives or a destruction is gone from the disk',
  { skip: sqliteOnly('reads the SQLite file and its WAL byte by byte') },
  () => {
    function heldOfCreatingJob(): Dock {
      const d = dock();
      putWithKeys(d, 'H', 'Creating');
      d.intake.receivePackage(amy, { trackingNumber: 'TRK-H' });
      for (const s of serialsOf('H')) d.intake.scanDrive(amy, { serial: s });
      d.intake.closePackage(amy, { trackingNumber: 'TRK-H' });
      return d;
    }

    test('held drives returned to the sender leave no key in the WAL, nor in the file after close', () => {
      const d = heldOfCreatingJob();
      d.clock.advanceDays(15);
      d.intake.returnHeldDrives(ben, { driveIds: serialsOf('H'), carrierName: 'FedEx', trackingNumber: 'RET-HELD-H' });
      assert.deepEqual(keysIn(`${d.file}-wal`, keysOf('H')), []);
      d.store.close();
      assert.deepEqual(keysIn(d.file, keysOf('H')), []);
    });

    test('held drives destroyed leave no key in the WAL, nor in the file after close', () => {
      const d = heldOfCreatingJob();
      d.intake.recordDestruction(amy, { driveIds: serialsOf('H'), method: 'shred', witness: 'Ben Chen' });
      assert.deepEqual(keysIn(`${d.file}-wal`, keysOf('H')), []);
      d.store.close();
      assert.deepEqual(keysIn(d.file, keysOf('H')), []);
    });
  },
);
