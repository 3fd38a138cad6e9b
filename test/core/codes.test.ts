// What a scanned code is, asked once: every kind of code the dock meets, and the codes that are never a drive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { amy, ben, dock, importJob, refusedUnchanged, shippingJob } from './helpers.ts';

const at = (d: ReturnType<typeof dock>, code: string) => d.intake.identifyCode(code, amy.station);

test('a command barcode is a command, and a CMD: code the station does not have is a command of none', () => {
  const d = dock();
  assert.deepEqual(at(d, 'CMD:CLOSE'), { kind: 'command', code: 'CMD:CLOSE', command: 'CLOSE' });
  assert.deepEqual(at(d, ' cmd:next\r'), { kind: 'command', code: 'CMD:NEXT', command: 'NEXT' });
  assert.deepEqual(at(d, 'CMD:SELFDESTRUCT'), { kind: 'command', code: 'CMD:SELFDESTRUCT', command: null });
});

test('the tracking number a Shipping job expects is an expected package of that job', () => {
  const d = dock();
  shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
  const id = at(d, 'trk1');
  assert.equal(id.kind, 'package');
  if (id.kind !== 'package') return;
  assert.equal(id.status, 'expected');
  assert.equal(id.trackingNumber, 'TRK1');
  assert.deepEqual(id.jobs, [{ name: 'JOB-1', state: 'Shipping' }]);
  assert.equal(id.sharedBox, false);
});

test('the common part of a shared box (X for X-1, X-2) is one expected package of every job in it', () => {
  const d = dock();
  shippingJob(d, 'JOB-1', ['WD-A1'], 'BOX7-1');
  shippingJob(d, 'JOB-2', ['WD-B1'], 'BOX7-2');
  const box = at(d, 'BOX7');
  assert.ok(box.kind === 'package' && box.status === 'expected' && box.sharedBox);
  assert.deepEqual(box.kind === 'package' && box.jobs.map((j) => j.name), ['JOB-1', 'JOB-2']);
  const one = at(d, 'BOX7-2');
  assert.ok(one.kind === 'package' && one.status === 'expected' && one.sharedBox, "one job's suffixed tracking is of the shared box too");
  assert.deepEqual(one.kind === 'package' && one.jobs.map((j) => j.name), ['JOB-2']);
});

test('a package open at this station is open here; at another station it is open elsewhere, naming that station', () => {
  const d = dock();
  shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
  d.intake.receivePackage(ben, { trackingNumber: 'TRK1' });
  const here = d.intake.identifyCode('TRK1', ben.station);
  assert.ok(here.kind === 'package' && here.status === 'openHere');
  const elsewhere = at(d, 'TRK1');
  assert.ok(elsewhere.kind === 'package' && elsewhere.status === 'openElsewhere' && elsewhere.station === ben.station);
});

test('a package received and closed before is a known package, with its state', () => {
  const d = dock();
  shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
  d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
  d.intake.scanDrive(amy, { serial: 'WD-A1' });
  d.intake.closePackage(amy, {});
  const id = at(d, 'TRK1');
  assert.ok(id.kind === 'package' && id.status === 'received' && id.packageState === 'closed');
});

test("a job's name (its label's barcode) is a job, as printed or in capitals", () => {
  const d = dock();
  d.intake.putJob(amy, importJob('mayo-genomes-7', ['WD-A1']));
  assert.deepEqual(at(d, 'mayo-genomes-7'), {
    kind: 'job',
    code: 'MAYO-GENOMES-7',
    jobName: 'mayo-genomes-7',
    state: 'Creating',
    deleted: false,
  });
  assert.equal(at(d, 'MAYO-GENOMES-7').kind, 'job');
});

test("a drive on a job's list is a drive, with its job and its state", () => {
  const d = dock();
  shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
  const id = at(d, 'wd-a1');
  assert.ok(id.kind === 'drive');
  assert.equal(id.kind === 'drive' && id.driveId, 'WD-A1');
  assert.equal(id.kind === 'drive' && id.jobName, 'JOB-1');
  assert.equal(id.kind === 'drive' && id.state, 'Specified');
  assert.equal(id.kind === 'drive' && id.jobState, 'Shipping');
});

test('a drive on the hold shelf is a held drive, with when it was held', () => {
  const d = dock();
  d.intake.receivePackage(amy, { trackingNumber: 'STRAY1' });
  d.intake.scanDrive(amy, { serial: 'WD-STRAY' });
  const id = at(d, 'WD-STRAY');
  assert.ok(id.kind === 'heldDrive' && id.jobName === null && id.heldSince !== null && id.packageTrackingNumber === 'STRAY1');
});

test('a code nothing at this station knows is unknown', () => {
  const d = dock();
  shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
  assert.deepEqual(at(d, 'NOTHING-HERE-42'), { kind: 'unknown', code: 'NOTHING-HERE-42' });
});

test('a scan no code could be is refused by name, as receiving it would be', () => {
  const d = dock();
  assert.throws(() => at(d, 'WD\u001dA1'), { code: 'SCAN_BAD_CHARACTERS' });
  assert.throws(() => at(d, '   '), { code: 'SCAN_EMPTY' });
});

test("a job's name scanned into an open box is refused, not recorded as an extra drive, and nothing changes", () => {
  const d = dock();
  shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
  d.intake.putJob(amy, importJob('other-job', ['WD-B1']));
  d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
  refusedUnchanged(d.store, () => d.intake.scanDrive(amy, { serial: 'JOB-1' }), 'CODE_IS_JOB', /job JOB-1/);
  refusedUnchanged(d.store, () => d.intake.scanDrive(amy, { serial: 'other-job' }), 'CODE_IS_JOB', /job other-job/);
});

test('a tracking number scanned into an open box is refused, and nothing changes', () => {
  const d = dock();
  shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
  shippingJob(d, 'JOB-2', ['WD-B1'], 'TRK2');
  d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
  refusedUnchanged(d.store, () => d.intake.scanDrive(amy, { serial: 'TRK2' }), 'CODE_IS_TRACKING');
});

test("a scan's outcome names its parameters: the drive, its job and state, the box, and why it is held", () => {
  const d = dock();
  shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
  d.intake.putJob(amy, importJob('JOB-C', ['WD-C1']));
  d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
  const ok = d.intake.scanDrive(amy, { serial: 'WD-A1' });
  assert.deepEqual(ok.params, {
    serial: 'WD-A1',
    job: 'JOB-1',
    jobState: 'Shipping',
    tracking: 'TRK1',
    packageJobs: ['JOB-1'],
    hold: null,
    extra: false,
    otherPackage: false,
  });
  const held = d.intake.scanDrive(amy, { serial: 'WD-C1' });
  assert.equal(held.outcome, 'held');
  assert.deepEqual(held.params, {
    serial: 'WD-C1',
    job: 'JOB-C',
    jobState: 'Creating',
    tracking: 'TRK1',
    packageJobs: ['JOB-1'],
    hold: 'jobCreating',
    extra: false,
    otherPackage: true,
  });
  const extra = d.intake.scanDrive(amy, { serial: 'WD-X9' });
  assert.equal(extra.outcome, 'extra');
  assert.equal(extra.params.extra, true);
  assert.equal(extra.params.hold, null);
});

test('a reason the station writes into custody carries its code and parameters, and keeps its English for the CSV', () => {
  const d = dock();
  shippingJob(d, 'JOB-1', ['WD-A1', 'WD-A2'], 'TRK1');
  d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
  d.intake.scanDrive(amy, { serial: 'WD-A1' });
  d.intake.closePackage(amy, {});
  const never = d.intake.custodyOf({ driveId: 'WD-A2' }).find((r) => r.action === 'drive.missingAtClose')!;
  assert.equal(never.reason, 'not in package TRK1');
  assert.equal(never.detail?.reasonCode, 'notInPackage');
  assert.deepEqual(never.detail?.reasonParams, { tracking: 'TRK1' });
  assert.match(d.intake.custodyCsv('JOB-1'), /not in package TRK1/);
});

test('a reason a person typed stays their own words, with no code', () => {
  const d = dock();
  shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
  d.intake.cancelJob(amy, 'JOB-1', 'customer phoned: wrong disks');
  const rec = d.intake.custodyOf({ jobName: 'JOB-1' }).find((r) => r.action === 'job.cancelRequested')!;
  assert.equal(rec.reason, 'customer phoned: wrong disks');
  assert.equal(rec.detail?.reasonCode, undefined);
});
