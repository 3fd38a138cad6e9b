// Backups the station takes by itself, the restore that refuses a running station's store, and the command
// line's import, which previews and writes only when told to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openStation, STORE_FILE } from '../../electron/station.ts';
import { LOCK_FILE } from '../../electron/station-lock.ts';
import { dailyBackup, DAILY_PREFIX } from '../../electron/backups.ts';
import { DEFAULT_SETTINGS } from '../../electron/api/settings-schema.ts';
import { inspectStoreFile } from '../../electron/core/store/backup.ts';
import { after } from 'node:test';
import { OPERATOR, dumpStore, tempDir as makeTemp } from './helpers.ts';

const temps: (() => void)[] = [];
after(() => {
  for (const r of temps) r();
});
function tempDir(): string {
  const t = makeTemp('dock-intake-dataio-');
  temps.push(t.remove);
  return t.dir;
}

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '..', '..', 'electron', 'dataio-cli.ts');
const cli = (args: string[]) =>
  run(process.execPath, [CLI, ...args], { env: { ...process.env, DOCK_INTAKE_DATA_DIR: '' } })
    .then((r) => ({ code: 0, out: r.stdout, err: r.stderr }))
    .catch((e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }));

const station = (dir: string) =>
  openStation({ dataDir: dir, transport: 'http', demo: false, sweepEveryMs: false, dailyBackupEveryMs: false });
const KEY = '618343-042130-218526-381303-427631-071676-325369-613250';
const job = (name: string, serial: string) => ({
  name,
  properties: { jobType: 'Import', driveList: [{ driveId: serial, bitLockerKey: KEY }] },
});

test('the daily backup is taken once a day and daily backups older than the days kept are removed', async () => {
  const dir = tempDir();
  const s = station(dir);
  try {
    assert.deepEqual(s.settings.get().backup, DEFAULT_SETTINGS.backup);
    s.settings.update({ backup: { keepDays: 3, dir: '' } });
    const folder = join(dir, 'backups');
    const first = await dailyBackup(s.intake, s.settings, new Date(2026, 10, 27, 8));
    assert.ok(first.taken && existsSync(first.taken));
    assert.equal(inspectStoreFile(first.taken).integrity, 'ok');
    assert.equal((await dailyBackup(s.intake, s.settings, new Date(2026, 10, 27, 17))).taken, null, 'once a day');
    await dailyBackup(s.intake, s.settings, new Date(2026, 10, 28, 8));
    writeFileSync(join(folder, 'keep-me.sqlite'), 'not a daily backup');
    const later = await dailyBackup(s.intake, s.settings, new Date(2026, 10, 30, 8));
    assert.deepEqual(later.removed, [`${DAILY_PREFIX}2026-11-27.sqlite`]);
    assert.deepEqual(readdirSync(folder).sort(), [
      `${DAILY_PREFIX}2026-11-28.sqlite`,
      `${DAILY_PREFIX}2026-11-30.sqlite`,
      'keep-me.sqlite',
    ]);
    s.settings.update({ backup: { keepDays: 0, dir: '' } });
    assert.equal((await dailyBackup(s.intake, s.settings, new Date(2026, 11, 1, 8))).taken, null, 'kept 0 days: none taken');
  } finally {
    s.close();
  }
});

test(
  'a restore refuses the store of a running station and changes nothing; stopped, it restores and keeps the store it replaced',
  { timeout: 180_000 },
  async () => {
    const dir = tempDir();
    const s = station(dir);
    let open = true;
    try {
      s.intake.putJob({ operator: OPERATOR, station: 'dock-1' }, job('before-backup', 'RS-1'));
      const backup = join(tempDir(), 'b.sqlite');
      await s.intake.backup(backup);
      s.intake.putJob({ operator: OPERATOR, station: 'dock-1' }, job('after-backup', 'RS-2'));
      assert.equal(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid, process.pid, 'the running station holds the lock');
      // the records, not the file's bytes: the station's idle WAL checkpoint rewrites the file without changing a record
      const before = dumpStore(s.store);
      const refused = await cli(['restore', `--data-dir=${dir}`, `--from=${backup}`]);
      assert.equal(refused.code, 1);
      assert.match(refused.err, new RegExp(`is running \\(pid ${process.pid} .*stop it, then restore\\. Nothing was changed\\.`));
      assert.deepEqual(dumpStore(s.store), before);
      s.close();
      open = false;
      assert.ok(!existsSync(join(dir, LOCK_FILE)));
      const done = await cli(['restore', `--data-dir=${dir}`, `--from=${backup}`]);
      assert.equal(done.code, 0, done.err);
      assert.ok(
        readdirSync(dir).some((f) => f.startsWith(`${STORE_FILE}.before-restore-`)),
        'the replaced store is kept',
      );
      const again = station(dir);
      try {
        assert.equal(again.intake.jobView('before-backup').name, 'before-backup');
        assert.throws(() => again.intake.jobView('after-backup'));
      } finally {
        again.close();
      }
    } finally {
      if (open) s.close();
    }
  },
);

test('the command line import previews, writes nothing unless told, and never prints a key', { timeout: 180_000 }, async () => {
  const dir = tempDir();
  station(dir).close();
  const file = join(tempDir(), 'jobs.json');
  writeFileSync(file, JSON.stringify({ value: [job('cli-1', 'CLI-1'), { name: 'cli-2', properties: { state: 'Completed' } }] }));
  const previewOnly = await cli(['import', `--data-dir=${dir}`, file]);
  assert.equal(previewOnly.code, 2);
  assert.match(previewOnly.out, /new\s+cli-1/);
  assert.match(previewOnly.out, /refused\s+cli-2 .*IMPORT_JOB_TOO_LATE/);
  assert.match(previewOnly.err, /nothing written/);
  const s1 = station(dir);
  assert.equal(s1.store.counts().jobs, 0);
  s1.close();
  const written = await cli(['import', `--data-dir=${dir}`, '--operator=Ben Chen', '--yes', file]);
  assert.equal(written.code, 0, written.err);
  for (const text of [previewOnly.out, previewOnly.err, written.out, written.err]) assert.ok(!text.includes(KEY.slice(0, 20)));
  const s2 = station(dir);
  try {
    assert.equal(s2.intake.jobView('cli-1').properties.state, 'Creating');
    assert.equal(s2.intake.custodyOf({ jobName: 'cli-1' }).at(-1)?.operator, 'Ben Chen');
  } finally {
    s2.close();
  }
});

test(
  "the command line writes the results file without a key, a backup that opens whole and is the account's alone, and the report as CSV and PDF",
  { timeout: 180_000 },
  async () => {
    const dir = tempDir();
    const s = station(dir);
    try {
      s.intake.putJob(
        { operator: OPERATOR, station: 'dock-1' },
        {
          name: 'cli-out',
          properties: {
            jobType: 'Import',
            state: 'Shipping',
            deliveryPackage: { carrierName: 'DHL', trackingNumber: 'CLI-OUT-BOX' },
            returnAddress: {
              recipientName: 'Lin Mei-Hua',
              streetAddress1: 'No. 100, Zhongzheng Rd.',
              city: 'Taipei',
              postalCode: '100',
              countryOrRegion: 'TW',
              phone: '+886 2 2311 0000',
              email: 'mei@example.com.tw',
            },
            returnShipping: { carrierName: 'DHL', carrierAccountNumber: '960112233' },
            driveList: [{ driveId: 'CLI-OUT-1', bitLockerKey: KEY }],
          },
        },
      );
      s.intake.receivePackage({ operator: OPERATOR, station: 'dock-1' }, { trackingNumber: 'CLI-OUT-BOX' });
      s.intake.scanDrive({ operator: OPERATOR, station: 'dock-1' }, { serial: 'CLI-OUT-1' });
    } finally {
      s.close();
    }
    const out = tempDir();
    const day = new Date().toLocaleDateString('sv'); // the station's local day, as the records were made today

    const exported = await cli(['export', `--data-dir=${dir}`, `--out=${join(out, 'results.json')}`, '--since-last']);
    assert.equal(exported.code, 0, exported.err);
    const results = readFileSync(join(out, 'results.json'), 'utf8');
    assert.ok(!results.includes(KEY.slice(0, 20)));
    const doc = JSON.parse(results) as { value: { name: string; properties: { driveList: { driveId: string; state: string }[] } }[] };
    assert.deepEqual(
      doc.value.map((j) => [j.name, j.properties.driveList.map((x) => `${x.driveId}:${x.state}`)]),
      [['cli-out', ['CLI-OUT-1:Received']]],
    );

    const copy = join(out, 'copy.sqlite');
    const backedUp = await cli(['backup', `--data-dir=${dir}`, `--out=${copy}`]);
    assert.equal(backedUp.code, 0, backedUp.err);
    assert.equal(statSync(copy).mode & 0o777, 0o600, 'a backup holds every key');
    const db = new DatabaseSync(copy, { readOnly: true });
    try {
      const rows = (sql: string) =>
        db
          .prepare(sql)
          .all()
          .map((r) => ({ ...r }));
      assert.deepEqual(rows('PRAGMA integrity_check'), [{ integrity_check: 'ok' }]);
      assert.deepEqual(rows('SELECT drive_id, state, bitlocker_key FROM drives'), [
        { drive_id: 'CLI-OUT-1', state: 'Received', bitlocker_key: KEY },
      ]);
    } finally {
      db.close();
    }

    const csv = await cli(['report', `--data-dir=${dir}`, `--from=${day}`, `--out=${join(out, 'r.csv')}`]);
    assert.equal(csv.code, 0, csv.err);
    assert.ok(readFileSync(join(out, 'r.csv'), 'utf8').split('\r\n').includes(`${day},all,1,1,0,0,0,0,0,0,0,0,0,0,0`));
    const pdf = await cli(['report', `--data-dir=${dir}`, `--from=${day}`, '--lang=zh-TW', `--out=${join(out, 'r.pdf')}`]);
    assert.equal(pdf.code, 0, pdf.err);
    const text = execFileSync('pdftotext', ['-layout', join(out, 'r.pdf'), '-'], { encoding: 'utf8' });
    assert.ok(text.includes(`每日碼頭報表 · ${day}`), text);
    const wrong = await cli(['report', `--data-dir=${dir}`, `--from=${day}`, '--lang=fr', `--out=${join(out, 'x.pdf')}`]);
    assert.equal(wrong.code, 2);
    assert.match(wrong.err, /--lang is one of en, zh-TW/);
    assert.ok(!existsSync(join(out, 'x.pdf')));
  },
);
