// The demo generator: a newcomer's first dock, made by the real operations.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { seedDemo } from '../../electron/core/demo.ts';
import { DRIVE_STATES, JOB_STATES } from '../../electron/core/model.ts';
import { checkCustody, dock, dumpStore, type Dock } from './helpers.ts';
import { readStore } from '../store-file.ts';

function demo(jobs: number, seed = 1): Dock {
  const d = dock('2026-11-24T01:30:00Z');
  seedDemo(d.intake, { jobs, seed });
  return d;
}
const all = <T>(d: Dock, sql: string) => readStore(d.store.path).prepare(sql).all() as T[];
const count = (d: Dock, sql: string) => Number((readStore(d.store.path).prepare(sql).get() as { n: number }).n);

describe('the demo dock', () => {
  const d = demo(120);

  test('it holds jobs in every job state', () => {
    const states = new Set(all<{ state: string }>(d, 'SELECT DISTINCT state FROM jobs WHERE deleted_at IS NULL').map((r) => r.state));
    assert.deepEqual(
      [...JOB_STATES].filter((s) => !states.has(s)),
      [],
    );
  });

  test('it holds drives in every drive state', () => {
    const states = new Set(all<{ state: string }>(d, 'SELECT DISTINCT state FROM drives').map((r) => r.state));
    assert.deepEqual(
      [...DRIVE_STATES].filter((s) => !states.has(s)),
      [],
    );
  });

  test('its records were made by the real operations: every change has its custody record and replays to the store', () => {
    checkCustody(d.store);
  });

  test("it shows the dock's exceptions: held and destroyed drives, extras, late arrivals, cancelled, deleted and overdue jobs", () => {
    assert.ok(count(d, 'SELECT count(*) AS n FROM drives WHERE held_since IS NOT NULL AND active = 1') > 0, 'held drives');
    assert.ok(count(d, "SELECT count(*) AS n FROM packages WHERE state = 'held'") > 0, 'held packages');
    assert.ok(count(d, 'SELECT count(*) AS n FROM drives WHERE destroyed_at IS NOT NULL') > 0, 'destroyed drives');
    assert.ok(count(d, "SELECT count(*) AS n FROM drives WHERE role = 'extra'") > 0, 'extra drives');
    assert.ok(
      count(d, "SELECT count(*) AS n FROM custody WHERE action = 'drive.arrivedLater' AND state_before = 'NeverReceived'") > 0,
      'a NeverReceived drive that came in a later box',
    );
    assert.ok(count(d, "SELECT count(*) AS n FROM custody WHERE action = 'scan.undone'") > 0, 'an undone scan');
    assert.ok(count(d, 'SELECT count(*) AS n FROM jobs WHERE cancel_requested = 1') > 0, 'a cancelled job');
    assert.ok(count(d, 'SELECT count(*) AS n FROM jobs WHERE deleted_at IS NOT NULL') > 0, 'a job deleted after 2 weeks in Creating');
    const kinds = new Set(d.intake.exceptions().map((e) => e.kind));
    for (const k of [
      'extraDrive',
      'neverReceived',
      'held',
      'destructionDue',
      'packageOverdue',
      'customerNotified',
      'addressMissing',
    ] as const)
      assert.ok(kinds.has(k), `exception ${k}`);
  });

  test("it has shared boxes whose jobs carry the box's tracking number suffixed -1, -2", () => {
    const shared = all<{ tracking_number: string; n: number }>(
      d,
      'SELECT tracking_number, count(*) AS n FROM package_jobs GROUP BY tracking_number HAVING count(*) > 1',
    );
    assert.ok(shared.length > 0);
    const jobs = all<{ delivery_tracking: string }>(
      d,
      `SELECT delivery_tracking FROM jobs WHERE name IN (SELECT job_name FROM package_jobs WHERE tracking_number = '${shared[0]!.tracking_number}')`,
    );
    assert.deepEqual(
      jobs.map((j) => j.delivery_tracking).sort(),
      Array.from({ length: shared[0]!.n }, (_, i) => `${shared[0]!.tracking_number}-${i + 1}`),
    );
  });

  test("its carriers, trackings and addresses look like a real dock's", () => {
    const jobs = all<{ delivery_package: string | null; return_address: string | null; delivery_tracking: string | null }>(
      d,
      'SELECT delivery_package, return_address, delivery_tracking FROM jobs',
    ).map((j) => ({
      carrier: j.delivery_package ? (JSON.parse(j.delivery_package) as { carrierName?: string }).carrierName : undefined,
      country: j.return_address ? (JSON.parse(j.return_address) as { countryOrRegion?: string }).countryOrRegion : undefined,
      tracking: j.delivery_tracking,
    }));
    const carriers = new Set(jobs.map((j) => j.carrier));
    for (const c of ['DHL', 'FedEx', 'UPS', 'SF Express']) assert.ok(carriers.has(c), c);
    const countries = new Set(jobs.map((j) => j.country));
    assert.ok(countries.has('TW') && countries.size >= 4, [...countries].join(','));
    const ups = jobs.filter((j) => j.carrier === 'UPS' && j.tracking && !/-.$/.test(j.tracking));
    for (const { tracking } of ups) assert.match(String(tracking), /^1Z[0-9A-Z]{16}$/);
  });

  test('copy results carry their log URIs', () => {
    const logs = all<{ e: string; v: string }>(
      d,
      'SELECT error_log_uri AS e, verbose_log_uri AS v FROM drives WHERE copy_status IS NOT NULL',
    );
    assert.ok(logs.length > 0);
    for (const l of logs) {
      assert.match(l.e, /^https:\/\/[a-z0-9]+\.blob\.core\.windows\.net\/waimportexport\/.+_error\.xml$/);
      assert.match(l.v, /_verbose\.xml$/);
    }
  });

  test('no job view of the demo holds a BitLocker key, though the store keeps them', () => {
    const keys = all<{ k: string }>(d, 'SELECT bitlocker_key AS k FROM drives WHERE bitlocker_key IS NOT NULL').map((r) => r.k);
    assert.ok(keys.length > 50);
    const views = JSON.stringify(all<{ name: string }>(d, 'SELECT name FROM jobs').map((j) => d.intake.jobView(j.name)));
    assert.deepEqual(
      keys.filter((k) => views.includes(k)),
      [],
    );
  });

  test('the same seed at the same moment gives the same dock; another seed another', () => {
    assert.deepEqual(dumpStore(demo(40, 5).store), dumpStore(demo(40, 5).store));
    assert.notDeepEqual(dumpStore(demo(40, 5).store), dumpStore(demo(40, 6).store));
  });

  test('npm run demo fills a data directory and reports what it made', () => {
    const dir = join(dock().dir, 'demo-data');
    const out = execFileSync(process.execPath, ['electron/demo-cli.ts', `--data-dir=${dir}`, '--jobs=30', '--seed=3'], {
      encoding: 'utf8',
    });
    const report = JSON.parse(out) as { file: string; jobs: number; drives: number; custody: number };
    assert.ok(report.file.startsWith(dir) && existsSync(report.file), report.file);
    assert.ok(report.jobs >= 25 && report.drives > 30 && report.custody > report.drives, out);
  });
});
