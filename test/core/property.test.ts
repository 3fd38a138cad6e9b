// Model-based property test: random sequences of dock operations against a small model of what each one
// promises. Whatever the sequence, no job or drive takes a transition the tables forbid, replaying the custody
// records gives the states in the store, a refused operation changes nothing, and the sweep is idempotent.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { DAY, ManualClock } from '../../electron/core/clock.ts';
import { IntakeError } from '../../electron/core/errors.ts';
import { Intake } from '../../electron/core/intake.ts';
import { COPY_STATUSES, type Actor, type DriveState, type JobState } from '../../electron/core/model.ts';
import { CANCELLABLE } from '../../electron/core/rules.ts';
import { ADDRESS, checkCustody, dumpStore, importJob, openTestStore, propertyRuns, type TestStore } from './helpers.ts';
import { readStore } from '../store-file.ts';

const JOBS = {
  J1: { type: 'Import', drives: ['D1', 'D2'], tracking: 'T1' },
  J2: { type: 'Import', drives: ['D3'], tracking: 'S9-1' },
  J3: { type: 'Import', drives: ['D4'], tracking: 'S9-2' },
  J4: { type: 'Export', drives: [], tracking: 'T4' },
} as const;
type JobName = keyof typeof JOBS;
const jobNames = Object.keys(JOBS) as JobName[];
const SERIALS = ['D1', 'D2', 'D3', 'D4', 'X1', 'E1'];
const TRACKINGS = ['T1', 'S9', 'S9-1', 'T4', 'U7'];
const STATIONS = ['dock-1', 'dock-2'];
const who = (station: string): Actor => ({ operator: station === 'dock-1' ? 'Amy Lin' : 'Ben Chen', station });

const job = fc.constantFrom(...jobNames);
const serial = fc.constantFrom(...SERIALS);
const station = fc.oneof({ weight: 4, arbitrary: fc.constant(STATIONS[0]!) }, { weight: 1, arbitrary: fc.constant(STATIONS[1]!) });
const op = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('put' as const),
      job,
      shipping: fc.integer({ min: 0, max: 9 }).map((n) => n < 7),
      noEmail: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('ship' as const), job }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cancel' as const), job }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('receive' as const), station, tracking: fc.constantFrom(...TRACKINGS) }) },
  { weight: 6, arbitrary: fc.record({ op: fc.constant('scan' as const), station, serial, label: fc.option(job, { nil: undefined }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('close' as const), station }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('release' as const), station, tracking: fc.constantFrom(...TRACKINGS) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('undo' as const), station }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('startCopy' as const), job }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('copyResult' as const),
      serial,
      status: fc.option(fc.constantFrom(...COPY_STATUSES), { nil: undefined }),
      pct: fc.integer({ min: 0, max: 100 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('shipBack' as const), job }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('faultJob' as const), job }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('resolveJob' as const), job }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('faultDrive' as const), serial }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('resolveDrive' as const), serial }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('notify' as const), job }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('extend' as const), job }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('blankPhone' as const), job }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('destroy' as const), serial }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('wait' as const), days: fc.integer({ min: 1, max: 40 }) }) },
  // operations that pick what makes sense now, so long sequences get far into a job's life
  { weight: 8, arbitrary: fc.record({ op: fc.constant('scanExpected' as const), station, k: fc.nat(20) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('receiveDue' as const), station, k: fc.nat(20) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('copyAny' as const), k: fc.nat(20) }) },
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('finishCopy' as const),
      k: fc.nat(20),
      status: fc.constantFrom(...COPY_STATUSES, 'Completed', 'Completed'),
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('shipAny' as const), k: fc.nat(20) }) },
  { weight: 30, arbitrary: fc.record({ op: fc.constant('progress' as const), k: fc.nat(50) }) },
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

/** What the model remembers: where a faulted job or drive came from, to check it goes back there. */
interface Model {
  faultedJobFrom: Map<string, JobState>;
  faultedDriveFrom: Map<string, DriveState>;
}

function body(name: JobName, shipping: boolean, noEmail: boolean) {
  const j = JOBS[name];
  const b = importJob(name, [...j.drives], { tracking: j.tracking, ...(shipping ? { state: 'Shipping' as const } : {}) });
  b.properties.jobType = j.type;
  if (noEmail) b.properties.returnAddress = { ...ADDRESS, email: '' };
  return b;
}

const pick = <T>(xs: readonly T[], k: number): T | undefined => xs[k % Math.max(1, xs.length)];

/** The concrete operation an intent-based one stands for, chosen from the store as it is now. */
function concrete(store: TestStore, o: Op): Op {
  const names = (sql: string) => (readStore(store.path).prepare(sql).all() as { v: string }[]).map((r) => r.v);
  switch (o.op) {
    case 'scanExpected': {
      const open = store.openPackageOf(o.station);
      const waiting = open
        ? open.jobNames.flatMap((n) =>
            store
              .drivesOfJob(n)
              .filter((d) => d.state === 'Specified' || d.state === 'NeverReceived')
              .map((d) => d.driveId),
          )
        : [];
      return { op: 'scan', station: o.station, serial: pick([...waiting, 'E1', 'X1'], o.k)!, label: undefined };
    }
    case 'receiveDue': {
      const due = names(
        "SELECT delivery_tracking AS v FROM jobs WHERE state IN ('Creating','Shipping') AND delivery_tracking IS NOT NULL AND delivery_tracking NOT IN (SELECT tracking_number FROM packages) ORDER BY name",
      );
      return { op: 'receive', station: o.station, tracking: pick([...due, 'S9'], o.k)! };
    }
    case 'copyAny':
      return {
        op: 'startCopy',
        job: (pick(names("SELECT name AS v FROM jobs WHERE state IN ('Received','Transferring') ORDER BY name"), o.k) ?? 'J1') as JobName,
      };
    case 'finishCopy':
      return {
        op: 'copyResult',
        serial: pick(names("SELECT drive_id AS v FROM drives WHERE state = 'Transferring' ORDER BY id"), o.k) ?? 'D1',
        status: o.status,
        pct: 0,
      };
    case 'progress': {
      // the next natural step of one job's life
      const jobs = names('SELECT name AS v FROM jobs WHERE deleted_at IS NULL ORDER BY name');
      const name = pick(jobs, o.k);
      if (!name) return { op: 'put', job: pick(jobNames, o.k)!, shipping: true, noEmail: false };
      const j = store.job(name)!;
      const open = store.openPackageOf('dock-1');
      switch (j.state) {
        case 'Creating':
          return { op: 'ship', job: name as JobName };
        case 'Shipping': {
          if (open && !open.jobNames.includes(name)) return { op: 'close', station: 'dock-1' };
          if (!open) return { op: 'receive', station: 'dock-1', tracking: j.deliveryPackage!.trackingNumber };
          const waiting = store.drivesOfJob(name).filter((d) => d.state === 'Specified' && !d.heldSince);
          if (j.jobType === 'Export' && o.k % 3 === 0) return { op: 'scan', station: 'dock-1', serial: 'E1', label: name as JobName };
          return waiting.length
            ? { op: 'scan', station: 'dock-1', serial: waiting[0]!.driveId, label: undefined }
            : { op: 'close', station: 'dock-1' };
        }
        case 'Received':
          return { op: 'startCopy', job: name as JobName };
        case 'Transferring': {
          const copying = store.drivesOfJob(name).filter((d) => d.state === 'Transferring');
          if (!copying.length) return { op: 'startCopy', job: name as JobName };
          return {
            op: 'copyResult',
            serial: copying[0]!.driveId,
            status: o.k % 5 === 0 ? 'DiskNotFound' : o.k % 7 === 0 ? undefined : 'Completed',
            pct: o.k,
          };
        }
        case 'Packaging':
          return { op: 'shipBack', job: name as JobName };
        case 'Faulted':
          return { op: 'resolveJob', job: name as JobName };
        default:
          return { op: 'wait', days: 1 };
      }
    }
    case 'shipAny':
      return {
        op: 'shipBack',
        job: (pick(names("SELECT name AS v FROM jobs WHERE state = 'Packaging' ORDER BY name"), o.k) ?? 'J1') as JobName,
      };
    default:
      return o;
  }
}

function apply(intake: Intake, clock: ManualClock, o: Op): unknown {
  const a = who('station' in o ? o.station : 'dock-1');
  switch (o.op) {
    case 'put':
      return intake.putJob(a, body(o.job, o.shipping, o.noEmail));
    case 'ship':
      return intake.updateJob(a, o.job, { state: 'Shipping' });
    case 'cancel':
      return intake.cancelJob(a, o.job, 'customer request');
    case 'receive':
      return intake.receivePackage(a, { trackingNumber: o.tracking });
    case 'scan':
      return intake.scanDrive(a, { serial: o.serial, ...(o.label ? { jobName: o.label } : {}) });
    case 'close':
      return intake.closePackage(a);
    case 'release':
      return intake.releaseHold(a, { trackingNumber: o.tracking });
    case 'undo':
      return intake.undoLastScan(a);
    case 'startCopy':
      return intake.startCopy(a, { jobName: o.job });
    case 'copyResult':
      return intake.recordCopyResult(
        a,
        o.status ? { driveId: o.serial, copyStatus: o.status } : { driveId: o.serial, percentComplete: o.pct },
      );
    case 'shipBack':
      return intake.shipBack(a, { jobName: o.job, carrierName: 'FedEx', trackingNumber: `R-${o.job}` });
    case 'faultJob':
      return intake.faultJob(a, o.job, 'cannot finish');
    case 'resolveJob':
      return intake.resolveJob(a, o.job, 'resolved');
    case 'faultDrive':
      return intake.faultDrive(a, o.serial, 'read errors');
    case 'resolveDrive':
      return intake.resolveDrive(a, o.serial, 'reseated');
    case 'notify':
      return intake.notifyCustomer(a, o.job);
    case 'extend':
      return intake.extendWait(a, o.job, 7);
    case 'blankPhone':
      return intake.updateJob(a, o.job, { returnAddress: { phone: '' } });
    case 'destroy':
      return intake.recordDestruction(a, { driveIds: [o.serial], method: 'shred', witness: 'Chloe Hsu' });
    case 'wait': {
      clock.advance(o.days * DAY);
      return intake.sweep(a);
    }
    default:
      throw new Error(`${o.op} is an intent, made concrete before it is applied`);
  }
}

const jobRow = (store: TestStore, name: string) => store.job(name);

/** When the model says an operation must be accepted: a refusal then is a bug, not a rule. */
function mustSucceed(store: TestStore, o: Op): boolean {
  switch (o.op) {
    case 'close':
      return store.openPackageOf(o.station) !== null;
    case 'scan': {
      const open = store.openPackageOf(o.station);
      const d = store.activeDrive(o.serial);
      const j = d?.jobName ? store.job(d.jobName) : null;
      return !!(
        open &&
        d &&
        j &&
        d.state === 'Specified' &&
        !d.heldSince &&
        !d.packageTracking &&
        j.state === 'Shipping' &&
        open.jobNames.includes(j.name)
      );
    }
    case 'startCopy': {
      const j = store.job(o.job);
      return !!(
        j &&
        !j.deletedAt &&
        !j.cancelRequested &&
        (j.state === 'Received' || j.state === 'Transferring') &&
        store.drivesOfJob(o.job).some((d) => d.role === 'listed' && d.state === 'Received' && !d.heldSince)
      );
    }
    case 'copyResult':
      return !!o.status && store.activeDrive(o.serial)?.state === 'Transferring';
    case 'shipBack': {
      const j = store.job(o.job);
      if (!j || j.deletedAt || j.state !== 'Packaging') return false;
      const address = j.returnAddress ?? {};
      if (
        ['recipientName', 'streetAddress1', 'city', 'postalCode', 'countryOrRegion', 'phone', 'email'].some(
          (f) => !((address as Record<string, string | undefined>)[f] ?? '').trim(),
        )
      )
        return false;
      const going = store
        .drivesOfJob(o.job)
        .filter(
          (d) =>
            !d.heldSince && !d.destroyedAt && ['Received', 'Completed', 'CompletedMoreInfo', 'Transferring', 'Faulted'].includes(d.state),
        );
      return going.length > 0 && !going.some((d) => d.state === 'Transferring' || d.state === 'Faulted');
    }
    case 'faultJob': {
      const j = store.job(o.job);
      return !!j && !j.deletedAt && CANCELLABLE.concat(['Packaging']).includes(j.state);
    }
    case 'wait':
      return true;
    default:
      return false;
  }
}

/** What each operation promises when it succeeds, checked against the store before and after. */
function checkPromise(
  store: TestStore,
  model: Model,
  o: Op,
  before: { jobs: Map<string, ReturnType<typeof jobRow>>; pkgJobs: string[] },
  result: unknown,
): void {
  const now = (n: string) => jobRow(store, n);
  switch (o.op) {
    case 'put':
      assert.equal(now(o.job)?.state, o.shipping ? 'Shipping' : 'Creating');
      break;
    case 'ship':
      assert.equal(now(o.job)?.state, 'Shipping');
      break;
    case 'cancel': {
      assert.ok(CANCELLABLE.includes(before.jobs.get(o.job)!.state), 'a cancel is accepted only before Packaging');
      assert.equal(now(o.job)?.cancelRequested, true);
      break;
    }
    case 'close': {
      for (const n of before.pkgJobs) {
        const was = before.jobs.get(n);
        if (was?.state === 'Shipping' && !was.deletedAt) {
          // a cancelled job skips the copy, and so does a job none of whose drives arrived
          const nothingHere = !store.drivesOfJob(n).some((d) => d.role === 'listed' && d.state === 'Received' && !d.heldSince);
          assert.equal(now(n)?.state, was.cancelRequested || nothingHere ? 'Packaging' : 'Received', `${n} after its box closed`);
        }
      }
      break;
    }
    case 'startCopy':
      assert.equal(now(o.job)?.state, 'Transferring');
      assert.equal(before.jobs.get(o.job)?.cancelRequested, false);
      break;
    case 'copyResult': {
      const d = store.activeDrive(o.serial)!;
      if (o.status) assert.equal(d.state, o.status === 'Completed' ? 'Completed' : 'CompletedMoreInfo');
      else assert.equal(d.percentComplete, o.pct);
      break;
    }
    case 'shipBack': {
      const was = before.jobs.get(o.job)!;
      assert.equal(was.state, 'Packaging');
      const drives = store.allDrivesOfJob(o.job).filter((d) => d.role === 'listed');
      const wrong =
        was.cancelRequested ||
        drives.some(
          (d) =>
            d.state === 'NeverReceived' ||
            (d.copyStatus !== 'Completed' && d.copyStatus !== 'CompletedWithWarnings' && d.state !== 'Specified'),
        );
      assert.equal(now(o.job)?.state, wrong ? 'Closed' : 'Completed');
      for (const d of store.drivesOfJob(o.job))
        assert.ok(
          !['Received', 'Completed', 'CompletedMoreInfo'].includes(d.state) || d.heldSince || d.destroyedAt,
          `${d.driveId} went back with the job`,
        );
      break;
    }
    case 'faultJob':
      model.faultedJobFrom.set(o.job, before.jobs.get(o.job)!.state);
      assert.equal(now(o.job)?.state, 'Faulted');
      break;
    case 'resolveJob':
      assert.equal(now(o.job)?.state, model.faultedJobFrom.get(o.job));
      break;
    case 'faultDrive': {
      const d = store.activeDrive(o.serial)!;
      model.faultedDriveFrom.set(`${d.id}`, d.faultedFrom!);
      assert.equal(d.state, 'Faulted');
      break;
    }
    case 'resolveDrive': {
      const d = store.activeDrive(o.serial)!;
      assert.equal(d.state, model.faultedDriveFrom.get(`${d.id}`));
      break;
    }
    case 'scan': {
      const r = result as { outcome: string; drive: { state: string } };
      if (['received', 'arrivedLater', 'otherJob', 'extra', 'exportAdded'].includes(r.outcome)) assert.equal(r.drive.state, 'Received');
      break;
    }
    default:
  }
}

test("random operation sequences never take a forbidden transition, and replaying custody gives the store's states", () => {
  const dir = mkdtempSync(join(tmpdir(), 'dock-property-'));
  let run = 0;
  const stats = new Map<string, number>();
  const reached = new Set<string>();
  const refused = new Map<string, number>();
  try {
    fc.assert(
      fc.property(fc.array(op, { minLength: 10, maxLength: 40, size: 'max' }), (ops) => {
        const file = join(dir, `run-${run++}.sqlite`);
        const { store, remove } = openTestStore(file);
        const clock = new ManualClock('2026-11-02T09:00:00Z');
        const intake = new Intake({ store, clock });
        const model: Model = { faultedJobFrom: new Map(), faultedDriveFrom: new Map() };
        try {
          for (const intent of ops) {
            const o = concrete(store, intent);
            const dump = dumpStore(store);
            const open = 'station' in o ? store.openPackageOf(o.station) : null;
            const before = {
              jobs: new Map(jobNames.map((n) => [n as string, jobRow(store, n)])),
              pkgJobs: open ? open.jobNames : [],
            };
            const must = mustSucceed(store, o);
            let result: unknown;
            try {
              result = apply(intake, clock, o);
            } catch (e) {
              if (!(e instanceof IntakeError)) throw e;
              assert.ok(!must, `${JSON.stringify(o)} must be accepted here, but was refused: ${e.code} ${e.message}`);
              refused.set(`${o.op} ${e.code}`, (refused.get(`${o.op} ${e.code}`) ?? 0) + 1);
              assert.deepEqual(dumpStore(store), dump, `a refused ${o.op} (${e.code}) changed the store`);
              continue;
            }
            checkPromise(store, model, o, before, result);
            stats.set(o.op, (stats.get(o.op) ?? 0) + 1);
            if (o.op === 'wait') {
              const again = dumpStore(store);
              assert.deepEqual(
                intake.sweep(who('dock-1')),
                { deletedJobs: [], neverReceived: [], closedJobs: [], purgedJobs: [], heldBack: null },
                'a second sweep finds nothing due',
              );
              assert.deepEqual(dumpStore(store), again, 'a second sweep changes nothing');
            }
          }
          checkCustody(store);
          for (const j of readStore(store.path).prepare('SELECT state FROM jobs').all() as { state: string }[])
            reached.add(`job ${j.state}`);
          for (const d of readStore(store.path).prepare('SELECT state FROM drives').all() as { state: string }[])
            reached.add(`drive ${d.state}`);
        } finally {
          remove();
        }
      }),
      { numRuns: propertyRuns(100), seed: Number(process.env.PROPERTY_SEED ?? 20261102) },
    );
    if (process.env.PROPERTY_STATS) console.log(Object.fromEntries(stats), [...reached].sort(), Object.fromEntries(refused));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
