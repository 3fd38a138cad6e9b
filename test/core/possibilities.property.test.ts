// Model-based property test of the rule book's promise: whatever random life the dock's jobs, boxes and drives
// have had (receipts, scans, closes, partial copies, copy results, faults, cancels, holds and releases, returns
// of held drives, destructions, ship backs, sweeps and purges as the days pass), in every state reached an
// operation succeeds exactly when `possibilities` says it may, a refusal names the very rule `possibilities`
// gave as the reason, and a refusal changes nothing.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { DAY, ManualClock } from '../../electron/core/clock.ts';
import { IntakeError } from '../../electron/core/errors.ts';
import { Intake } from '../../electron/core/intake.ts';
import { COPY_STATUSES, type Actor } from '../../electron/core/model.ts';
import { mayByPossibilities, type Possibility } from '../../electron/core/rules.ts';
import { ADDRESS, dumpStore, importJob, openTestStore, sqliteOnly, type TestStore } from './helpers.ts';

const JOBS = {
  J1: { type: 'Import', drives: ['D1', 'D2'], tracking: 'T1' },
  J2: { type: 'Import', drives: ['D3'], tracking: 'S9-1' },
  J3: { type: 'Import', drives: ['D4'], tracking: 'S9-2' },
  J4: { type: 'Export', drives: [], tracking: 'T4' },
  J5: { type: 'Import', drives: ['D5'], tracking: 'T5' },
} as const;
type JobName = keyof typeof JOBS;
const JOB_NAMES = Object.keys(JOBS) as JobName[];
const SERIALS = ['D1', 'D2', 'D3', 'D4', 'D5', 'E1', 'X1'];
const TRACKINGS = ['T1', 'S9', 'S9-1', 'T4', 'T5', 'U7'];
const STATIONS = ['dock-1', 'dock-2'] as const;
const who = (station: string): Actor => ({ operator: station === 'dock-1' ? 'Amy Lin' : 'Ben Chen', station });

const job = fc.constantFrom(...JOB_NAMES);
const serial = fc.constantFrom(...SERIALS);
const station = fc.constantFrom(...STATIONS);
const k = fc.nat(30);

const OP = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('put' as const), job, shipping: fc.boolean(), noPhone: fc.nat(9).map((n) => n === 0) }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('ship' as const), job }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cancel' as const), job }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('receive' as const), station, tracking: fc.constantFrom(...TRACKINGS) }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('scan' as const), station, serial, label: fc.option(job, { nil: undefined }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('close' as const), station }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('release' as const), station, tracking: fc.constantFrom(...TRACKINGS) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('startCopy' as const), job, partial: fc.option(serial, { nil: undefined }) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('copyResult' as const),
      serial,
      status: fc.option(fc.constantFrom(...COPY_STATUSES), { nil: undefined }),
      pct: fc.nat(100),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('shipBack' as const), job }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('closeWithoutShipment' as const), job }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('faultJob' as const), job }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('resolveJob' as const), job }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('faultDrive' as const), serial }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('resolveDrive' as const), serial }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('notify' as const), job }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('extend' as const), job }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('returnHeld' as const), serial }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('destroy' as const), serial }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('wait' as const), days: fc.constantFrom(1, 3, 8, 15, 31) }) },
  // intents: the next natural step of some job's life, chosen from the store as it is, so runs get far
  { weight: 14, arbitrary: fc.record({ op: fc.constant('progress' as const), k }) },
);
type Op = typeof OP extends fc.Arbitrary<infer T> ? T : never;

interface Real {
  intake: Intake;
  store: TestStore;
  clock: ManualClock;
  returns: number;
}

/** What the model knows of the world: which jobs the customer has put, and how many days have passed. */
interface Model {
  put: Set<string>;
  days: number;
  checked: Map<string, number>;
}

function body(name: JobName, shipping: boolean, noPhone: boolean) {
  const j = JOBS[name];
  const b = importJob(name, [...j.drives], { tracking: j.tracking, ...(shipping ? { state: 'Shipping' as const } : {}) });
  b.properties.jobType = j.type;
  if (noPhone) b.properties.returnAddress = { ...ADDRESS, phone: '' };
  return b;
}

const pick = <T>(xs: readonly T[], n: number): T | undefined => xs[n % Math.max(1, xs.length)];

/** The next natural step of one job's life. */
function progress(r: Real, n: number): Op {
  const live = JOB_NAMES.filter((name) => {
    const j = r.store.job(name);
    return j && !j.deletedAt;
  });
  const name = pick(live, n);
  if (!name) return { op: 'put', job: pick(JOB_NAMES, n)!, shipping: true, noPhone: false };
  const j = r.store.job(name)!;
  const open = r.store.openPackageOf('dock-1');
  const drives = r.store.drivesOfJob(name);
  const faulted = drives.find((d) => d.state === 'Faulted');
  if (faulted && n % 2) return { op: 'resolveDrive', serial: faulted.driveId };
  switch (j.state) {
    case 'Creating':
      return n % 4 === 0 ? { op: 'receive', station: 'dock-1', tracking: j.deliveryPackage!.trackingNumber } : { op: 'ship', job: name };
    case 'Shipping': {
      if (open && !open.jobNames.includes(name))
        return n % 3
          ? { op: 'close', station: 'dock-1' }
          : { op: 'scan', station: 'dock-1', serial: pick(JOBS[name].drives, n) ?? 'E1', label: undefined };
      if (!open) {
        const held = r.store.package(j.deliveryPackage!.trackingNumber);
        if (held?.state === 'held') return { op: 'release', station: 'dock-1', tracking: held.trackingNumber };
        return { op: 'receive', station: 'dock-1', tracking: j.deliveryPackage!.trackingNumber };
      }
      const waiting = drives.filter((d) => d.state === 'Specified' && !d.heldSince);
      if (j.jobType === 'Export' && n % 3 === 0) return { op: 'scan', station: 'dock-1', serial: 'E1', label: name };
      return waiting.length && n % 5
        ? { op: 'scan', station: 'dock-1', serial: waiting[0]!.driveId, label: undefined }
        : { op: 'close', station: 'dock-1' };
    }
    case 'Received':
      return {
        op: 'startCopy',
        job: name,
        partial:
          n % 2
            ? pick(
                drives.map((d) => d.driveId),
                n,
              )
            : undefined,
      };
    case 'Transferring': {
      const copying = drives.filter((d) => d.state === 'Transferring');
      if (!copying.length) return { op: 'startCopy', job: name, partial: undefined };
      if (n % 11 === 0) return { op: 'faultDrive', serial: copying[0]!.driveId };
      return {
        op: 'copyResult',
        serial: copying[0]!.driveId,
        status: n % 5 === 0 ? 'DiskNotFound' : n % 7 === 0 ? undefined : 'Completed',
        pct: n,
      };
    }
    case 'Packaging':
      return n % 6 === 0 ? { op: 'closeWithoutShipment', job: name } : { op: 'shipBack', job: name };
    case 'Faulted':
      return { op: 'resolveJob', job: name };
    default: {
      const held = SERIALS.filter((s) => r.store.activeDrive(s)?.heldSince);
      if (held.length) return n % 2 ? { op: 'returnHeld', serial: held[0]! } : { op: 'destroy', serial: held[0]! };
      return { op: 'wait', days: n % 2 ? 31 : 15 };
    }
  }
}

/** What `possibilities` says of the operation: may it be taken, and by which rules not. Null: no rule decides it. */
type Asked = { may: boolean; codes: string[] } | { error: string } | null;

function ask(r: Real, o: Op): Asked {
  const q = (fn: () => Possibility[], action: string): Asked => {
    try {
      return mayByPossibilities(fn(), action);
    } catch (e) {
      if (e instanceof IntakeError) return { error: e.code };
      throw e;
    }
  };
  const ofJob = (name: string, action: string) => q(() => r.intake.jobPossibilities(name), action);
  const ofDrive = (s: string, action: string) => q(() => r.intake.drivePossibilities(s), action);
  switch (o.op) {
    case 'ship':
      return ofJob(o.job, 'ship');
    case 'cancel':
      return ofJob(o.job, 'cancel');
    case 'faultJob':
      return ofJob(o.job, 'faultJob');
    case 'resolveJob':
      return ofJob(o.job, 'resolveJob');
    case 'notify':
      return ofJob(o.job, 'notifyCustomer');
    case 'extend':
      return ofJob(o.job, 'extendWait');
    case 'shipBack':
      return ofJob(o.job, 'shipBack');
    case 'closeWithoutShipment':
      return ofJob(o.job, 'closeWithoutShipment');
    case 'startCopy': {
      const whole = ofJob(o.job, 'startCopy');
      if (!o.partial || !whole || 'error' in whole) return whole;
      // a partial copy may start when the job may copy and the drive named may be copied
      const one = ofDrive(o.partial, 'copyDrive');
      if (!one || 'error' in one)
        return one && 'error' in one && one.error === 'DRIVE_UNKNOWN' ? { may: false, codes: ['DRIVE_NOT_IN_JOB', ...whole.codes] } : one;
      return { may: whole.may && one.may, codes: [...whole.codes, ...one.codes, 'DRIVE_NOT_IN_JOB'] };
    }
    case 'copyResult':
      return ofDrive(o.serial, 'copyResult');
    case 'faultDrive':
      return ofDrive(o.serial, 'faultDrive');
    case 'resolveDrive':
      return ofDrive(o.serial, 'resolveDrive');
    case 'returnHeld':
      return ofDrive(o.serial, 'returnHeld');
    case 'destroy':
      return ofDrive(o.serial, 'destroy');
    case 'release':
      return q(() => r.intake.packagePossibilities(o.tracking, who(o.station)), 'releaseHold');
    case 'close': {
      const open = r.store.openPackageOf(o.station);
      return open ? q(() => r.intake.packagePossibilities(open.trackingNumber, who(o.station)), 'closeBox') : null;
    }
    default:
      return null;
  }
}

function apply(r: Real, o: Op): unknown {
  const a = who('station' in o ? o.station : 'dock-1');
  switch (o.op) {
    case 'put':
      return r.intake.putJob(a, body(o.job, o.shipping, o.noPhone));
    case 'ship':
      return r.intake.updateJob(a, o.job, { state: 'Shipping' });
    case 'cancel':
      return r.intake.cancelJob(a, o.job, 'customer request');
    case 'receive':
      return r.intake.receivePackage(a, { trackingNumber: o.tracking });
    case 'scan':
      return r.intake.scanDrive(a, { serial: o.serial, ...(o.label ? { jobName: o.label } : {}) });
    case 'close':
      return r.intake.closePackage(a);
    case 'release':
      return r.intake.releaseHold(a, { trackingNumber: o.tracking });
    case 'startCopy':
      return r.intake.startCopy(a, { jobName: o.job, ...(o.partial ? { driveIds: [o.partial] } : {}) });
    case 'copyResult':
      return r.intake.recordCopyResult(
        a,
        o.status ? { driveId: o.serial, copyStatus: o.status } : { driveId: o.serial, percentComplete: o.pct },
      );
    case 'shipBack':
      return r.intake.shipBack(a, { jobName: o.job, carrierName: 'FedEx', trackingNumber: `R-${o.job}-${++r.returns}` });
    case 'closeWithoutShipment':
      return r.intake.closeWithoutShipment(a, { jobName: o.job });
    case 'faultJob':
      return r.intake.faultJob(a, o.job, 'cannot finish');
    case 'resolveJob':
      return r.intake.resolveJob(a, o.job, 'resolved');
    case 'faultDrive':
      return r.intake.faultDrive(a, o.serial, 'read errors');
    case 'resolveDrive':
      return r.intake.resolveDrive(a, o.serial, 'reseated');
    case 'notify':
      return r.intake.notifyCustomer(a, o.job);
    case 'extend':
      return r.intake.extendWait(a, o.job, 7);
    case 'returnHeld':
      return r.intake.returnHeldDrives(a, {
        driveIds: [o.serial],
        carrierName: 'UPS',
        trackingNumber: `RH-${++r.returns}`,
        address: ADDRESS,
      });
    case 'destroy':
      return r.intake.recordDestruction(a, { driveIds: [o.serial], method: 'shred', witness: 'Chloe Hsu' });
    case 'wait': {
      r.clock.advance(o.days * DAY);
      return r.intake.sweep(a);
    }
    case 'progress':
      throw new Error('an intent is made concrete before it is applied');
  }
}

class Step implements fc.Command<Model, Real> {
  readonly intent: Op;
  constructor(intent: Op) {
    this.intent = intent;
  }
  check(): boolean {
    return true;
  }
  run(m: Model, r: Real): void {
    const o = this.intent.op === 'progress' ? progress(r, this.intent.k) : this.intent;
    const asked = ask(r, o);
    // the store is compared only where a refusal may come: an operation promised to succeed is held to that
    const before = asked && !('error' in asked) && asked.may ? null : dumpStore(r.store);
    let refusal: IntakeError | null = null;
    try {
      apply(r, o);
    } catch (e) {
      if (!(e instanceof IntakeError)) throw e;
      refusal = e;
    }
    const what = JSON.stringify(o);
    if (refusal && before) assert.deepEqual(dumpStore(r.store), before, `a refused ${what} (${refusal.code}) changed the store`);
    if (o.op === 'put' && !refusal) m.put.add(o.job);
    if (o.op === 'wait') m.days += o.days;
    if (!asked) return;
    if ('error' in asked) {
      assert.equal(
        refusal?.code,
        asked.error,
        `${what}: possibilities answered ${asked.error}, the operation ${refusal?.code ?? 'succeeded'}`,
      );
      return;
    }
    const key = `${o.op} ${asked.may ? 'may' : 'may not'}`;
    m.checked.set(key, (m.checked.get(key) ?? 0) + 1);
    if (asked.may) {
      assert.equal(
        refusal,
        null,
        `${what}: possibilities said it may, the operation refused ${refusal?.code} (${String(refusal?.detail?.rule)}): ` +
          String(refusal?.message),
      );
    } else {
      assert.ok(refusal, `${what}: possibilities said it may not (${asked.codes.join(', ')}), the operation succeeded`);
      assert.ok(
        asked.codes.includes(String(refusal.detail?.rule)),
        `${what}: refused by ${String(refusal.detail?.rule)} (${refusal.message}), possibilities named ${asked.codes.join(', ')}`,
      );
    }
  }
  toString(): string {
    return JSON.stringify(this.intent);
  }
}

test(
  'an operation succeeds exactly when possibilities say it may, and a refusal names the same rule',
  {
    skip: sqliteOnly(
      "the rule book's guards against its own possibilities, logic no SQL dialect touches; 200 random dock lives, each a " +
        'database of its own, take minutes on PostgreSQL (property.test.ts runs random lives there)',
    ),
  },
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'dock-possible-'));
    let run = 0;
    const checked = new Map<string, number>();
    try {
      fc.assert(
        fc.property(fc.commands([OP.map((o) => new Step(o))], { size: 'max', maxCommands: 45 }), (cmds) => {
          const file = join(dir, `run-${run++}.sqlite`);
          const { store, remove } = openTestStore(file);
          const clock = new ManualClock('2026-11-02T09:00:00Z');
          const real: Real = { intake: new Intake({ store, clock }), store, clock, returns: 0 };
          const model: Model = { put: new Set(), days: 0, checked };
          try {
            fc.modelRun(() => ({ model, real }), cmds);
          } finally {
            remove();
          }
        }),
        { numRuns: 200, seed: Number(process.env.PROPERTY_SEED ?? 20261130) },
      );
      // the test proves something only if both answers were met for the actions that matter
      for (const op of ['startCopy', 'shipBack', 'returnHeld', 'destroy', 'release', 'cancel']) {
        assert.ok((checked.get(`${op} may`) ?? 0) > 0, `${op} was never possible in any run`);
        assert.ok((checked.get(`${op} may not`) ?? 0) > 0, `${op} was never refused in any run`);
      }
      if (process.env.PROPERTY_STATS) console.log(Object.fromEntries([...checked].sort()));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
