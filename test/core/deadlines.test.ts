// Time at the dock: deadlines stay listed until they are done, a wanting return address has its contact step
// and its destruction deadline, the sweep wipes keys and purges deleted jobs, the station's clock is never
// trusted blindly, and the sweep and the Exceptions list read only what is due.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DAY, DEADLINES, ManualClock, localDate } from '../../electron/core/clock.ts';
import { Intake } from '../../electron/core/intake.ts';
import { join } from 'node:path';
import { Store } from '../../electron/core/store/index.ts';
import { readStore, writeStore } from '../store-file.ts';
import {
  ADDRESS,
  amy,
  bay,
  ben,
  custodyActions,
  dock,
  dumpStore,
  importJob,
  jobState,
  receiveBox,
  refusedUnchanged,
  shippingJob,
  sqliteOnly,
  type Dock,
} from './helpers.ts';

const sweeper = { operator: 'deadline sweep', station: 'dock-1' };
const iso = (t: number) => new Date(t).toISOString();
const shipment = { jobName: 'JOB-1', carrierName: 'FedEx', trackingNumber: '794612345678' };
const at = (d: Dock) => d.clock.now().getTime();

/** A drive of no job, held in its box since the clock's now. */
function heldStray(d: Dock, serial = 'STRAY-1', tracking = '1Z999AA10123456784'): number {
  d.intake.receivePackage(amy, { trackingNumber: tracking });
  d.intake.scanDrive(amy, { serial });
  d.intake.closePackage(amy);
  return at(d);
}

describe('a deadline that has passed stays listed, overdue, until it is done', () => {
  test("a held drive's 2-week return deadline is listed overdue on day 15, not dropped", () => {
    const d = dock();
    const held = heldStray(d);
    d.clock.advanceDays(15);
    const ret = d.intake.upcomingDeadlines(50).find((x) => x.kind === 'heldReturn' && x.driveId === 'STRAY-1');
    assert.ok(ret, 'the return deadline is still listed');
    assert.equal(ret.dueAt, iso(held + DEADLINES.heldReturnDue));
    assert.equal(ret.overdue, true);
  });

  test("a held drive's Exceptions row keeps its return date, overdue, until the 90-day destruction date comes", () => {
    const d = dock();
    const held = heldStray(d);
    d.clock.advanceDays(15);
    let row = d.intake.exceptions().find((e) => e.driveId === 'STRAY-1')!;
    assert.deepEqual([row.kind, row.dueAt, row.overdue], ['held', iso(held + DEADLINES.heldReturnDue), true]);
    assert.match(row.next, /Return the drive/);
    d.clock.advanceDays(76);
    row = d.intake.exceptions().find((e) => e.driveId === 'STRAY-1')!;
    assert.deepEqual(
      [row.kind, row.dueAt, row.overdue, row.action],
      ['destructionDue', iso(held + DEADLINES.heldDestructionDue), true, 'recordDestruction'],
    );
  });

  test('a held drive returned to the sender has no deadline left', () => {
    const d = dock();
    heldStray(d);
    d.clock.advanceDays(20);
    d.intake.returnHeldDrives(amy, { driveIds: ['STRAY-1'], carrierName: 'UPS', trackingNumber: 'RET-1', address: { ...ADDRESS } });
    assert.equal(d.intake.upcomingDeadlines(50).filter((x) => x.driveId === 'STRAY-1').length, 0);
    assert.equal(d.intake.exceptions().filter((x) => x.driveId === 'STRAY-1').length, 0);
  });

  test('a package overdue stays listed after its drives are marked NeverReceived, until the customer is notified', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
    const shipped = at(d);
    d.clock.advanceDays(15);
    assert.deepEqual(d.intake.sweep(sweeper).neverReceived, ['WD-A1']);
    d.clock.advanceDays(3);
    const due = d.intake.upcomingDeadlines(50).find((x) => x.jobName === 'JOB-1')!;
    assert.deepEqual([due.kind, due.dueAt, due.overdue], ['shippingOverdue', iso(shipped + DEADLINES.shippingOverdue), true]);
    d.intake.notifyCustomer(amy, 'JOB-1');
    assert.equal(d.intake.upcomingDeadlines(50).find((x) => x.jobName === 'JOB-1')?.kind, 'noticeClose');
  });
});

describe('Transferring or Packaging with a return address wrong or missing', () => {
  /** JOB-1 Transferring, its phone number taken out at the moment returned. */
  function transferringWithoutPhone(): { d: Dock; found: number } {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1', 'WD-A2'], 'TRK1');
    receiveBox(d, 'TRK1', ['WD-A1', 'WD-A2']);
    d.intake.startCopy(bay, { jobName: 'JOB-1' });
    d.clock.advanceDays(1);
    d.intake.updateJob(amy, 'JOB-1', { returnAddress: { phone: '' } });
    return { d, found: at(d) };
  }

  test('the 90-day destruction deadline is listed from the day the address was found wanting', () => {
    const { d, found } = transferringWithoutPhone();
    d.clock.advanceDays(10);
    const due = d.intake.upcomingDeadlines(50).find((x) => x.kind === 'addressDestruction')!;
    assert.deepEqual([due.jobName, due.dueAt, due.overdue], ['JOB-1', iso(found + DEADLINES.addressDestructionDue), false]);
    const row = d.intake.exceptions().find((e) => e.kind === 'addressMissing')!;
    assert.deepEqual([row.jobName, row.dueAt, row.action], ['JOB-1', iso(found + DEADLINES.addressDestructionDue), 'recordContact']);
    assert.match(row.next, /missing: phone/);
  });

  test('the deadline stays from the day it was found, through the move to Packaging', () => {
    const { d, found } = transferringWithoutPhone();
    d.clock.advanceDays(5);
    d.intake.recordCopyResult(bay, { driveId: 'WD-A1', copyStatus: 'Completed' });
    d.intake.recordCopyResult(bay, { driveId: 'WD-A2', copyStatus: 'Completed' });
    assert.equal(jobState(d.store, 'JOB-1'), 'Packaging');
    assert.equal(d.intake.exceptions().find((e) => e.kind === 'addressMissing')?.dueAt, iso(found + DEADLINES.addressDestructionDue));
  });

  test('staff record the contact was reached; the corrected address ends the deadline and the drives ship', () => {
    const { d } = transferringWithoutPhone();
    d.intake.recordContact(amy, { name: 'JOB-1', reached: true, note: 'Phoned the job contact; new number by email' });
    assert.equal(d.intake.exceptions().find((e) => e.kind === 'addressMissing')?.action, 'updateJob');
    d.intake.updateJob(amy, 'JOB-1', { returnAddress: { phone: '+886 2 2720 9999' } });
    assert.equal(d.intake.exceptions().filter((e) => e.kind === 'addressMissing').length, 0);
    assert.equal(d.intake.upcomingDeadlines(50).filter((x) => x.kind === 'addressDestruction').length, 0);
    d.intake.recordCopyResult(bay, { driveId: 'WD-A1', copyStatus: 'Completed' });
    d.intake.recordCopyResult(bay, { driveId: 'WD-A2', copyStatus: 'Completed' });
    assert.equal(d.intake.shipBack(amy, shipment).properties.state, 'Completed');
    assert.deepEqual(
      custodyActions(d.store, { jobName: 'JOB-1' }).filter((a) => a.startsWith('job.contact')),
      ['job.contactReached'],
    );
  });

  test('an address reported wrong, though complete, lists the deadline and holds the shipment until it changes', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
    receiveBox(d, 'TRK1', ['WD-A1']);
    d.intake.startCopy(bay, { jobName: 'JOB-1' });
    d.intake.recordCopyResult(bay, { driveId: 'WD-A1', copyStatus: 'Completed' });
    const found = at(d);
    d.intake.reportAddressWrong(amy, 'JOB-1', 'The carrier says the street does not exist');
    const row = d.intake.exceptions().find((e) => e.kind === 'addressMissing')!;
    assert.equal(row.dueAt, iso(found + DEADLINES.addressDestructionDue));
    assert.match(row.next, /reported wrong: The carrier says/);
    refusedUnchanged(d.store, () => d.intake.shipBack(amy, shipment), 'ADDRESS_INCOMPLETE', /reported wrong/);
    d.intake.updateJob(amy, 'JOB-1', { returnAddress: { streetAddress1: 'No. 8, Sec. 5, Xinyi Rd.' } });
    assert.equal(d.intake.exceptions().filter((e) => e.kind === 'addressMissing').length, 0);
    assert.equal(d.intake.shipBack(amy, shipment).properties.state, 'Completed');
  });

  test('the contact unreachable, its drives are securely destroyed with a witness and the job ends Closed', () => {
    const { d } = transferringWithoutPhone();
    d.intake.recordCopyResult(bay, { driveId: 'WD-A1', copyStatus: 'Completed' });
    d.intake.recordContact(amy, { name: 'JOB-1', reached: false, note: 'No answer by phone or email for 3 weeks' });
    const row = d.intake.exceptions().find((e) => e.kind === 'addressMissing')!;
    assert.equal(row.action, 'recordDestruction');
    assert.deepEqual(row.driveIds, ['WD-A1', 'WD-A2'], 'the row names the drives to destroy, the one still copying included');
    d.intake.recordDestruction(amy, { driveIds: row.driveIds, method: 'degauss and shred', witness: 'Ben Chen' });
    const job = d.intake.jobView('JOB-1');
    assert.equal(job.properties.state, 'Closed');
    assert.ok(job.properties.driveList.every((x) => x.destroyedAt));
    assert.equal(d.intake.exceptions().filter((e) => e.jobName === 'JOB-1').length, 0);
    const purge = d.intake.upcomingDeadlines(50).find((x) => x.jobName === 'JOB-1')!;
    assert.equal(purge.kind, 'purge', 'the ended job is purged in due time');
  });

  test('drives of a job whose contact was not yet tried are not destroyed', () => {
    const { d } = transferringWithoutPhone();
    const destroy = () => d.intake.recordDestruction(amy, { driveIds: ['WD-A1'], method: 'shred', witness: 'Ben Chen' });
    refusedUnchanged(d.store, destroy, 'DRIVE_NOT_HELD', /contact/);
  });

  test('a contact is recorded only for a job whose return address is wanting', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
    receiveBox(d, 'TRK1', ['WD-A1']);
    refusedUnchanged(d.store, () => d.intake.recordContact(amy, { name: 'JOB-1', reached: false }), 'TRANSITION_FORBIDDEN', /not wanting/);
  });
});

describe('the sweep: keys wiped, deleted jobs purged', () => {
  test("the BitLocker keys of a job deleted after 2 weeks in Creating are wiped, its held drive's too", () => {
    const d = dock();
    d.intake.putJob(amy, importJob('JOB-1', ['WD-A1', 'WD-A2'], { tracking: 'TRK1' }));
    receiveBox(d, 'TRK1', ['WD-A1']);
    d.clock.advanceDays(15);
    assert.deepEqual(d.intake.sweep(sweeper).deletedJobs, ['JOB-1']);
    const keys = readStore(d.file)
      .prepare("SELECT count(*) AS n FROM drives WHERE drive_id IN ('WD-A1', 'WD-A2') AND bitlocker_key IS NOT NULL")
      .get() as { n: number };
    assert.equal(keys.n, 0);
  });

  test('a job deleted after 2 weeks in Creating is purged 90 days after its deletion', () => {
    const d = dock();
    d.intake.putJob(amy, importJob('JOB-1', ['WD-A1'], { tracking: 'TRK1' }));
    d.clock.advanceDays(15);
    d.intake.sweep(sweeper);
    const deleted = at(d);
    const due = d.intake.upcomingDeadlines(50).find((x) => x.jobName === 'JOB-1')!;
    assert.deepEqual([due.kind, due.dueAt], ['purge', iso(deleted + DEADLINES.deletedPurged)]);
    d.clock.advanceDays(89);
    assert.deepEqual(d.intake.sweep(sweeper).purgedJobs, []);
    d.clock.advanceDays(1);
    assert.deepEqual(d.intake.sweep(sweeper).purgedJobs, ['JOB-1']);
    assert.equal(jobState(d.store, 'JOB-1'), undefined);
    assert.deepEqual(custodyActions(d.store, { jobName: 'JOB-1' }).slice(-2), ['job.deleted', 'job.purged']);
    assert.equal((readStore(d.file).prepare("SELECT count(*) AS n FROM drives WHERE drive_id = 'WD-A1'").get() as { n: number }).n, 0);
  });

  test('after a sweep no job is left due, and a second sweep changes nothing', () => {
    const d = dock();
    d.intake.putJob(amy, importJob('JOB-C', ['WD-C1'], { tracking: 'TRK-C' }));
    shippingJob(d, 'JOB-S', ['WD-S1'], 'TRK-S');
    d.clock.advanceDays(20);
    d.intake.sweep(sweeper);
    const due = readStore(d.file).prepare('SELECT count(*) AS n FROM jobs WHERE sweep_at <= ?').get(d.clock.now().toISOString()) as {
      n: number;
    };
    assert.equal(due.n, 0);
    const before = dumpStore(d.store);
    const second = d.intake.sweep(sweeper);
    assert.deepEqual([second.deletedJobs, second.neverReceived, second.closedJobs, second.purgedJobs], [[], [], [], []]);
    assert.deepEqual(dumpStore(d.store), before);
  });
});

describe("the station's clock", () => {
  test('a clock set back behind the last record refuses to record, and says to set the clock', () => {
    const d = dock();
    d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
    d.clock.setClockTo(new Date(at(d) - 3_600_000));
    refusedUnchanged(d.store, () => d.intake.closePackage(amy), 'CLOCK_BEHIND', /Set the computer's clock/);
    refusedUnchanged(d.store, () => d.intake.putJob(amy, importJob('JOB-2', ['WD-B1'])), 'CLOCK_BEHIND');
  });

  test('a sweep on a clock behind the record applies nothing and says it is held back', () => {
    const d = dock();
    d.intake.putJob(amy, importJob('JOB-1', ['WD-A1']));
    d.clock.setClockTo(new Date(at(d) - DAY));
    const before = dumpStore(d.store);
    assert.equal(d.intake.sweep(sweeper).heldBack?.state, 'behind');
    assert.deepEqual(dumpStore(d.store), before);
  });

  test('a clock jumped a year ahead holds the sweep back: nothing deleted, marked NeverReceived or purged', () => {
    const d = dock();
    d.intake.putJob(amy, importJob('JOB-C', ['WD-C1'], { tracking: 'TRK-C' }));
    shippingJob(d, 'JOB-S', ['WD-S1'], 'TRK-S');
    d.clock.setClockTo(new Date(at(d) + 365 * DAY));
    const before = dumpStore(d.store);
    const r = d.intake.sweep(sweeper);
    assert.equal(r.heldBack?.state, 'jumped');
    assert.deepEqual([r.deletedJobs, r.neverReceived, r.closedJobs, r.purgedJobs], [[], [], [], []]);
    assert.deepEqual(dumpStore(d.store), before);
    assert.equal(d.intake.exceptionsPage({}).clock.state, 'jumped', 'the Exceptions screen is told');
  });

  test('while a jump is not confirmed nothing is recorded', () => {
    const d = dock();
    shippingJob(d, 'JOB-S', ['WD-S1'], 'TRK-S');
    d.clock.setClockTo(new Date(at(d) + 40 * DAY));
    refusedUnchanged(d.store, () => d.intake.receivePackage(amy, { trackingNumber: 'TRK-S' }), 'CLOCK_JUMPED', /confirm the date/);
  });

  test('a person confirms the date by typing the date the clock shows; then the sweep applies what is due', () => {
    const d = dock();
    d.intake.putJob(amy, importJob('JOB-C', ['WD-C1'], { tracking: 'TRK-C' }));
    d.clock.setClockTo(new Date(at(d) + 365 * DAY));
    refusedUnchanged(d.store, () => d.intake.confirmClock(ben, { date: '2026-11-02' }), 'CLOCK_DATE_MISMATCH', /Set the computer's clock/);
    const status = d.intake.confirmClock(ben, { date: localDate(d.clock.now()) });
    assert.equal(status.state, 'ok');
    const rec = readStore(d.file).prepare("SELECT operator, detail FROM custody WHERE action = 'clock.confirmed'").get() as {
      operator: string;
      detail: string;
    };
    assert.equal(rec.operator, 'Ben Chen', 'custody names who confirmed the date');
    assert.deepEqual(d.intake.sweep(sweeper).deletedJobs, ['JOB-C']);
  });

  test('a clock set right again after a jump needs no confirmation', () => {
    const d = dock();
    d.intake.putJob(amy, importJob('JOB-C', ['WD-C1'], { tracking: 'TRK-C' }));
    const right = at(d);
    d.clock.setClockTo(new Date(right + 365 * DAY));
    assert.equal(d.intake.sweep(sweeper).heldBack?.state, 'jumped');
    d.clock.setClockTo(new Date(right + 60_000));
    assert.equal(d.intake.sweep(sweeper).heldBack, null);
  });

  test('a station switched off more than a week asks a person to confirm the date; off three days, it does not', () => {
    const d = dock();
    d.intake.putJob(amy, importJob('JOB-C', ['WD-C1'], { tracking: 'TRK-C' }));
    const last = at(d);
    const reopen = (days: number) => new Intake({ store: d.store, clock: new ManualClock(new Date(last + days * DAY)) });
    assert.equal(reopen(10).sweep(sweeper).heldBack?.state, 'jumped');
    assert.equal(reopen(3).sweep(sweeper).heldBack, null);
  });

  test('time that really passes is never a jump', () => {
    const d = dock();
    d.intake.putJob(amy, importJob('JOB-C', ['WD-C1'], { tracking: 'TRK-C' }));
    d.clock.advanceDays(200);
    assert.equal(d.intake.sweep(sweeper).heldBack, null);
  });
});

describe('the Exceptions list, a page at a time', () => {
  /** A dock with rows of many kinds, due at many moments. */
  function busyDock(): Dock {
    const d = dock();
    for (let i = 0; i < 6; i++) {
      heldStray(d, `STRAY-${i}`, `1Z999AA1012345678${i}`);
      d.clock.advanceDays(3);
    }
    for (let i = 0; i < 4; i++) shippingJob(d, `JOB-S${i}`, [`WD-S${i}`], `TRK-S${i}`);
    shippingJob(d, 'JOB-X', ['WD-X1'], 'TRK-X');
    d.intake.receivePackage(amy, { trackingNumber: 'TRK-X' });
    d.intake.scanDrive(amy, { serial: 'WD-X1' });
    for (let i = 0; i < 3; i++) d.intake.scanDrive(amy, { serial: `EXTRA-${i}` });
    d.intake.closePackage(amy);
    d.clock.advanceDays(80);
    d.intake.sweep(sweeper);
    d.intake.faultDrive(amy, 'WD-X1', 'Reader cannot mount the volume');
    return d;
  }

  test('the pages, read in turn, are the whole list, most urgent first, each row once', () => {
    const d = busyDock();
    const whole = d.intake.exceptionsPage({ limit: 200 });
    assert.equal(whole.next, null);
    const paged = [];
    let after: string | null = null;
    for (let i = 0; i < 50; i++) {
      const p = d.intake.exceptionsPage({ limit: 3, ...(after ? { after } : {}) });
      paged.push(...p.rows);
      after = p.next;
      if (!after) break;
    }
    assert.deepEqual(paged, whole.rows);
    const kinds = new Set(whole.rows.map((r) => r.kind));
    for (const k of ['held', 'destructionDue', 'packageOverdue', 'extraDrive', 'neverReceived', 'faultedDrive'] as const) {
      assert.ok(kinds.has(k), `a ${k} row`);
    }
    const dues = whole.rows.map((r) => r.dueAt ?? '\uffff');
    assert.deepEqual(dues, [...dues].sort(), 'soonest due first, rows with no date last');
  });

  test('a page of one kind lists only that kind', () => {
    const d = busyDock();
    const p = d.intake.exceptionsPage({ kinds: ['held', 'destructionDue'] });
    assert.ok(p.rows.length > 0);
    assert.ok(p.rows.every((r) => r.kind === 'held' || r.kind === 'destructionDue'));
  });

  test('a page mark that is not one is refused', () => {
    const d = busyDock();
    refusedUnchanged(d.store, () => d.intake.exceptionsPage({ after: 'not-a-page' }), 'BAD_INPUT', /first page/);
  });
});

/** What migration 6 adds, taken out again to make a store as an earlier release wrote it. */
const KEPT_BY_6 = [
  'jobs_sweep',
  'jobs_deadline',
  'jobs_deadline_kind',
  'jobs_faulted',
  'drives_held_here',
  'drives_extra_here',
  'drives_never_received',
  'drives_faulted',
  'drives_other_box',
  'packages_held',
];
/** Indexes of migrations after 6: a store of version 5 has none of them. */
const LATER_INDEXES = ['custody_subject'];
const JOB_COLUMNS_OF_6 = [
  'deadline_kind',
  'deadline_at',
  'sweep_at',
  'address_wanting_since',
  'address_wrong_at',
  'address_wrong_reason',
  'address_wrong_was',
  'contact_outcome',
  'contacted_at',
];

describe(
  'a store written before jobs carried their deadlines',
  { skip: sqliteOnly('a SQLite file of an older release (a PostgreSQL store starts at this release)') },
  () => {
    test('opened by this release, its jobs get the deadlines the operations would have kept', () => {
      const d = dock();
      d.intake.putJob(amy, importJob('CREATING-1', ['WD-C1'], { tracking: 'TRK-C1' }));
      shippingJob(d, 'LATE-1', ['WD-L1'], 'TRK-L1');
      shippingJob(d, 'NOTIFIED-1', ['WD-N1'], 'TRK-N1');
      shippingJob(d, 'WAITING-1', ['WD-W1'], 'TRK-W1');
      shippingJob(d, 'HERE-1', ['WD-H1', 'WD-H2'], 'TRK-H1');
      shippingJob(d, 'DONE-1', ['WD-D1'], 'TRK-D1');
      shippingJob(d, 'ADDR-1', ['WD-A1'], 'TRK-A1');
      d.intake.putJob(amy, importJob('GONE-1', ['WD-G1'], { tracking: 'TRK-G1' }));
      receiveBox(d, 'TRK-D1', ['WD-D1']);
      receiveBox(d, 'TRK-A1', ['WD-A1']);
      d.intake.receivePackage(amy, { trackingNumber: 'TRK-H1' });
      d.intake.scanDrive(amy, { serial: 'WD-H1' });
      d.intake.scanDrive(amy, { serial: 'WD-L1' }); // LATE-1's drive in HERE-1's box
      d.clock.advanceDays(15);
      d.intake.sweep(sweeper);
      d.intake.notifyCustomer(amy, 'NOTIFIED-1');
      d.intake.extendWait(amy, 'WAITING-1', 10);
      d.intake.startCopy(bay, { jobName: 'DONE-1' });
      d.intake.recordCopyResult(bay, { driveId: 'WD-D1', copyStatus: 'Completed' });
      d.intake.shipBack(amy, { jobName: 'DONE-1', carrierName: 'FedEx', trackingNumber: '794612345678' });
      d.intake.startCopy(bay, { jobName: 'ADDR-1' });
      d.intake.updateJob(amy, 'ADDR-1', { returnAddress: { email: '' } });
      d.clock.advanceDays(1);

      const old = join(d.dir, 'before-deadlines.sqlite');
      const w = writeStore(d.file);
      w.exec(`VACUUM INTO '${old}'`);
      w.close();
      const o = writeStore(old);
      const indexes = o.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all() as { name: string }[];
      for (const { name } of indexes) {
        if (KEPT_BY_6.includes(name) || LATER_INDEXES.includes(name)) o.exec(`DROP INDEX ${name}`);
      }
      for (const col of JOB_COLUMNS_OF_6) o.exec(`ALTER TABLE jobs DROP COLUMN ${col}`);
      o.exec('ALTER TABLE drives DROP COLUMN other_box');
      o.exec('DROP TABLE station_clock');
      o.exec('PRAGMA user_version = 5');
      o.close();

      const upgraded = new Store(old);
      upgraded.close();
      const cols = 'name, deadline_kind, deadline_at, sweep_at, address_wanting_since';
      const kept = readStore(d.file).prepare(`SELECT ${cols} FROM jobs ORDER BY name`).all();
      const migrated = readStore(old).prepare(`SELECT ${cols} FROM jobs ORDER BY name`).all();
      assert.deepEqual(migrated, kept);
      const boxes = (f: string) => readStore(f).prepare('SELECT drive_id, other_box FROM drives WHERE active = 1 ORDER BY drive_id').all();
      assert.deepEqual(boxes(old), boxes(d.file));
    });
  },
);
