// When the station's own disk fails, the answer says which failure it is and what to do, and nothing the
// station acknowledged before is lost: a real store file that runs out of room, and one with a damaged page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseSync } from 'node:sqlite';
import { startStationServer, statusFor, type StationServer } from '../../electron/server.ts';
import { toErrorBody } from '../../electron/api/dispatcher.ts';
import { HTTP } from '../../electron/api/contract.ts';
import { STORE_FILE } from '../../electron/station.ts';
import { clockAt, dumpStore, OPERATOR, raw, shippingJob, tempDir } from './helpers.ts';
import { readStore } from '../store-file.ts';
import type { Store } from '../../electron/core/store/index.ts';

const call = (srv: StationServer, op: string, input: unknown) =>
  raw(srv.port, {
    path: HTTP.callPath(op as never),
    headers: { host: `127.0.0.1:${srv.port}`, 'content-type': 'application/json', [HTTP.tokenHeader]: srv.token },
    body: JSON.stringify(input),
  });

async function ok(srv: StationServer, op: string, input: unknown): Promise<void> {
  const r = await call(srv, op, input);
  assert.equal(r.status, 200, `${op}: ${r.text.slice(0, 300)}`);
}

/** A station with job JOB-F's box open: every scan of a serial the job does not list is an extra drive. */
async function openBox(dir: string): Promise<StationServer> {
  const srv = await startStationServer({ dataDir: dir, clock: clockAt(), demo: false });
  await ok(srv, 'jobs.put', { operator: OPERATOR, job: shippingJob('JOB-F', 'TRK-F', ['WD-F1', 'WD-F2']) });
  await ok(srv, 'packages.receive', { operator: OPERATOR, trackingNumber: 'TRK-F' });
  return srv;
}

/** The serials whose scans custody recorded, and the active drives, read straight from the store file. */
function onDisk(file: string): { scanned: Set<string>; drives: Set<string>; integrity: string } {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const custody = db.prepare("SELECT drive_id FROM custody WHERE drive_id IS NOT NULL AND action LIKE 'drive.%'").all() as {
      drive_id: string;
    }[];
    const scanned = new Set(custody.map((r) => r.drive_id));
    let drives = new Set<string>();
    try {
      drives = new Set((db.prepare('SELECT drive_id FROM drives WHERE active = 1').all() as { drive_id: string }[]).map((r) => r.drive_id));
    } catch {
      // a damaged drives page reads as nothing here; custody is what proves the scans
    }
    let integrity: string;
    try {
      integrity = (db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    } catch (e) {
      integrity = e instanceof Error ? e.message : String(e);
    }
    return { scanned, drives, integrity };
  } finally {
    db.close();
  }
}

test('a full disk answers 507 STORE_FULL saying to free space; every scan acknowledged before is there after a reopen, intact', async () => {
  const dir = tempDir();
  let srv: StationServer | null = await openBox(dir.dir);
  try {
    // a SQLite file that may not grow (this file's station servers are always on SQLite: the faults are of its disk)
    const store = srv.station.store as Store;
    const pages = Number((readStore(store.path).prepare('PRAGMA page_count').get() as { page_count: number }).page_count);
    // the store file may grow by three pages more: the disk is full after that
    store.capPages(pages + 3);
    const acknowledged: string[] = [];
    let refusal: Awaited<ReturnType<typeof call>> | null = null;
    let before: Record<string, unknown> = {};
    for (let i = 1; i <= 2000 && !refusal; i++) {
      const serial = `EX-${String(i).padStart(4, '0')}`;
      before = dumpStore(store);
      const r = await call(srv, 'drives.scan', { operator: OPERATOR, serial });
      if (r.status === 200) acknowledged.push(serial);
      else refusal = r;
    }
    assert.ok(refusal, 'the disk filled up');
    assert.ok(acknowledged.length > 5, `${acknowledged.length} scans were acknowledged first`);
    assert.equal(refusal.status, 507, refusal.text);
    const body = refusal.json as { code: string; message: string };
    assert.equal(body.code, 'STORE_FULL');
    assert.match(body.message, /disk .* is full/);
    assert.match(body.message, /Free space/);
    assert.doesNotMatch(body.message, /try again/i);
    assert.deepEqual(dumpStore(store), before, 'the refused scan changed nothing');

    await srv.close();
    srv = null;
    const after = onDisk(join(dir.dir, STORE_FILE));
    assert.equal(after.integrity, 'ok');
    for (const s of acknowledged) {
      assert.ok(after.scanned.has(s), `custody of acknowledged scan ${s}`);
      assert.ok(after.drives.has(s), `drive ${s} of an acknowledged scan`);
    }

    // with room again (a reopened station has no page limit), the same scan is taken
    srv = await startStationServer({ dataDir: dir.dir, clock: clockAt(), demo: false });
    const next = `EX-${String(acknowledged.length + 1).padStart(4, '0')}`;
    await ok(srv, 'drives.scan', { operator: OPERATOR, serial: next });
  } finally {
    if (srv) await srv.close();
    dir.remove();
  }
});

/** Mounts a tmpfs of `size` on `dir`; false when this machine does not let the test mount one. */
function mountTiny(dir: string, size: string, remount = false): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `${remount ? 'remount,' : ''}size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test(
  'a filesystem that really runs out of room answers STORE_FULL; the station keeps running, loses no acknowledged scan, ' +
    'and takes scans again once there is room',
  async (t) => {
    const dir = tempDir();
    if (!mountTiny(dir.dir, '1m')) {
      dir.remove();
      t.skip('mounting a 1 MB filesystem needs root (CAP_SYS_ADMIN) here; the page-limit test covers a full store everywhere');
      return;
    }
    let srv: StationServer | null = null;
    try {
      srv = await openBox(dir.dir);
      const acknowledged: string[] = [];
      let refusal: Awaited<ReturnType<typeof call>> | null = null;
      for (let i = 1; i <= 5000 && !refusal; i++) {
        const serial = `EX-${String(i).padStart(4, '0')}`;
        const r = await call(srv, 'drives.scan', { operator: OPERATOR, serial });
        if (r.status === 200) acknowledged.push(serial);
        else refusal = r;
      }
      assert.ok(refusal, 'the filesystem filled up');
      assert.equal(refusal.status, 507, refusal.text);
      assert.equal((refusal.json as { code: string }).code, 'STORE_FULL');
      // the checkpoint a second of idle brings fails on the full disk too: the station must outlive it
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      assert.equal((await call(srv, 'station.info', {})).status, 200, 'the station still answers');
      const again = await call(srv, 'drives.scan', { operator: OPERATOR, serial: 'EX-9999' });
      assert.equal(again.status, 507, 'and still says the disk is full');
      await srv.close();
      srv = null;

      const after = onDisk(join(dir.dir, STORE_FILE));
      assert.equal(after.integrity, 'ok');
      for (const s of acknowledged) assert.ok(after.drives.has(s) && after.scanned.has(s), `acknowledged scan ${s} is in the store`);

      assert.ok(mountTiny(dir.dir, '8m', true), 'room is made');
      srv = await startStationServer({ dataDir: dir.dir, clock: clockAt(), demo: false });
      await ok(srv, 'drives.scan', { operator: OPERATOR, serial: `EX-${String(acknowledged.length + 1).padStart(4, '0')}` });
    } finally {
      if (srv) await srv.close();
      execFileSync('umount', [dir.dir], { stdio: 'ignore' });
      dir.remove();
    }
  },
);

const FILL = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'fill-store.ts');

test('a disk that refuses a write (a file size limit reached) answers STORE_DISK_ERROR; every scan acknowledged before is kept', (t) => {
  const dir = tempDir();
  try {
    // a station process whose files may not grow past 1300 KB: the kernel refuses the write that would
    const limited = 'trap "" XFSZ; ulimit -f 1300 && exec "$0" "$@"';
    const child = spawnSync('bash', ['-c', limited, process.execPath, FILL, dir.dir], { encoding: 'utf8' });
    if (child.error || child.status !== 0) {
      t.skip(`a shell with ulimit is needed to limit the file size (${child.error?.message ?? child.stderr.slice(0, 200)})`);
      return;
    }
    const report = child.stdout.trim().split('\n').pop()!;
    const { acknowledged, refusal } = JSON.parse(report) as { acknowledged: string[]; refusal: { code: string; message: string } };
    assert.ok(acknowledged.length > 5, `${acknowledged.length} scans were acknowledged first`);
    assert.equal(refusal.code, 'STORE_DISK_ERROR', refusal.message);
    assert.equal(statusFor(refusal.code), 503);
    assert.match(refusal.message, /disk refused/);
    assert.match(refusal.message, /everything recorded before it is kept/);
    const after = onDisk(join(dir.dir, STORE_FILE));
    assert.equal(after.integrity, 'ok');
    for (const s of acknowledged) assert.ok(after.drives.has(s) && after.scanned.has(s), `acknowledged scan ${s} is in the store`);
  } finally {
    dir.remove();
  }
});

test('a damaged page of the store answers STORE_DAMAGED saying not to retry but to restore, and writes nothing', async () => {
  const dir = tempDir();
  const file = join(dir.dir, STORE_FILE);
  let srv: StationServer | null = await openBox(dir.dir);
  try {
    const acknowledged = ['WD-F1', 'WD-F2', 'EX-0001', 'EX-0002'];
    for (const serial of acknowledged) await ok(srv, 'drives.scan', { operator: OPERATOR, serial });
    const root = Number(
      (readStore(srv.station.store.path).prepare("SELECT rootpage FROM sqlite_master WHERE name = 'drives'").get() as { rootpage: number })
        .rootpage,
    );
    const pageSize = Number((readStore(srv.station.store.path).prepare('PRAGMA page_size').get() as { page_size: number }).page_size);
    await srv.close();
    srv = null;

    // a bad sector, a copy cut short: the drives table's page is overwritten on disk
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, (root - 1) * pageSize);
    closeSync(fd);

    srv = await startStationServer({ dataDir: dir.dir, clock: clockAt(), demo: false });
    const bytes = readFileSync(file);
    const r = await call(srv, 'drives.scan', { operator: OPERATOR, serial: 'EX-0003', trackingNumber: 'TRK-F' });
    assert.equal(r.status, 500, r.text);
    const body = r.json as { code: string; message: string };
    assert.equal(body.code, 'STORE_DAMAGED');
    assert.match(body.message, /damaged/);
    assert.match(body.message, /trying again will not help/);
    assert.match(body.message, /restore/);
    assert.doesNotMatch(body.message, /SQL|sqlite|malformed|\//i, 'no internals');
    const job = await call(srv, 'jobs.get', { name: 'JOB-F' });
    assert.equal((job.json as { code: string }).code, 'STORE_DAMAGED', 'reading the damaged page says so too');
    await srv.close();
    srv = null;

    assert.ok(readFileSync(file).equals(bytes), 'the refused scan wrote nothing to the store file');
    assert.ok(!existsSync(`${file}-wal`) || readFileSync(`${file}-wal`).length === 0, 'nor to its WAL');
    const after = onDisk(file);
    for (const s of acknowledged) assert.ok(after.scanned.has(s), `custody still holds the acknowledged scan of ${s}`);
    assert.notEqual(after.integrity, 'ok', 'integrity_check finds the damage');
  } finally {
    if (srv) await srv.close();
    dir.remove();
  }
});

test('any other failure of the store stays INTERNAL: only a full disk and a damaged store have codes of their own', () => {
  const db = new DatabaseSync(':memory:');
  let caught: unknown;
  try {
    db.exec('SELECT * FROM no_such_table');
  } catch (e) {
    caught = e;
  }
  db.close();
  assert.equal(toErrorBody(caught).code, 'INTERNAL');
});
