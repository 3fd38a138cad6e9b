// The Exceptions list as a supervisor works it: every action a row offers is one the station then takes, the
// rows of a job stand together with its contact, and the list filters by date and kind, a page of jobs at a time.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEADLINES } from '../../electron/core/clock.ts';
import type { ExceptionOffer, ExceptionRow } from '../../electron/core/intake.ts';
import { ADDRESS, amy, bay, dock, dumpStore, importJob, receiveBox, shippingJob, type Dock } from './helpers.ts';

const sweeper = { operator: 'station', station: 'dock-1' };

/** A dock with a row of every kind: drives of no job, held jobs, overdue packages, wanting addresses, faults. */
function everyKind(): Dock {
  const d = dock();
  const stray = (serial: string, tracking: string) => {
    d.intake.receivePackage(amy, { trackingNumber: tracking });
    d.intake.scanDrive(amy, { serial });
    d.intake.closePackage(amy, { trackingNumber: tracking });
  };
  stray('STRAY-OLD', '1Z999AA10000000001'); // held 91 days: its destruction is due
  d.clock.advanceDays(76);
  stray('STRAY-DUE', '1Z999AA10000000002'); // held 15 days: its return is due
  shippingJob(d, 'JOB-LATE', ['WD-L1'], 'TRK-LATE');
  shippingJob(d, 'JOB-TOLD', ['WD-T1'], 'TRK-TOLD');
  d.clock.advanceDays(15);
  d.intake.sweep(sweeper);
  d.intake.notifyCustomer(amy, 'JOB-TOLD');

  stray('STRAY-NEW', '1Z999AA10000000003'); // held today: nobody to contact, staff look for its job
  d.intake.putJob(amy, importJob('JOB-EARLY', ['HD-E1', 'HD-E2'], { tracking: 'TRK-EARLY' }));
  receiveBox(d, 'TRK-EARLY', ['HD-E1', 'HD-E2']); // held: the job is still Creating
  d.intake.putJob(amy, importJob('JOB-READY', ['HD-R1'], { tracking: 'TRK-READY' }));
  receiveBox(d, 'TRK-READY', ['HD-R1']);
  d.intake.updateJob(amy, 'JOB-READY', { state: 'Shipping' }); // its held box may now be released

  for (const [name, outcome] of [
    ['JOB-ADDR', null],
    ['JOB-REACHED', true],
    ['JOB-GONE', false],
  ] as const) {
    shippingJob(d, name, [`${name}-1`], `TRK-${name}`);
    receiveBox(d, `TRK-${name}`, [`${name}-1`]);
    d.intake.startCopy(bay, { jobName: name });
    d.intake.updateJob(amy, name, { returnAddress: { phone: '' } });
    if (outcome !== null) d.intake.recordContact(amy, { name, reached: outcome });
  }

  shippingJob(d, 'JOB-FAULT', ['WD-F1'], 'TRK-FAULT');
  d.intake.faultJob(amy, 'JOB-FAULT', 'customer dispute');
  shippingJob(d, 'JOB-DRV', ['WD-D1'], 'TRK-DRV');
  receiveBox(d, 'TRK-DRV', ['WD-D1']);
  d.intake.faultDrive(amy, 'WD-D1', 'reader cannot mount the volume');

  shippingJob(d, 'JOB-HOST', ['WD-H1'], 'TRK-HOST');
  shippingJob(d, 'JOB-GUEST', ['WD-G1', 'WD-G2'], 'TRK-GUEST');
  d.intake.receivePackage(amy, { trackingNumber: 'TRK-HOST' });
  d.intake.scanDrive(amy, { serial: 'WD-H1' });
  d.intake.scanDrive(amy, { serial: 'WD-G1' }); // another job's drive in this box
  d.intake.scanDrive(amy, { serial: 'EXTRA-9' }); // on no list: an extra drive of the box's job
  d.intake.closePackage(amy, { trackingNumber: 'TRK-HOST' });
  return d;
}

/** Takes what a row offers, with what staff type into its dialog. */
function take(d: Dock, row: ExceptionRow, offer: ExceptionOffer, variant = 0): unknown {
  const job = row.jobName!;
  switch (offer) {
    case 'releaseHold':
      return d.intake.releaseHold(amy, { trackingNumber: row.trackingNumber });
    case 'recordDestruction':
      return d.intake.recordDestruction(amy, {
        driveIds: row.driveId ? [row.driveId] : row.driveIds,
        method: 'NIST 800-88 purge and shred',
        witness: 'Ben Chen',
      });
    case 'returnHeld':
      return d.intake.returnHeldDrives(amy, {
        driveIds: [row.driveId],
        carrierName: 'UPS',
        trackingNumber: 'RET-WALK-1',
        ...(row.jobName ? {} : { address: ADDRESS }),
      });
    case 'notifyCustomer':
      return d.intake.notifyCustomer(amy, job);
    case 'extendWait':
      return d.intake.extendWait(amy, job, 14);
    case 'cancel':
      return d.intake.cancelJob(amy, job, 'the customer asked');
    case 'recordContact':
      return d.intake.recordContact(amy, { name: job, reached: variant === 0 });
    case 'updateJob':
      return d.intake.updateJob(amy, job, { returnAddress: { ...ADDRESS } });
    case 'resolveJob':
      return d.intake.resolveJob(amy, job, 'the dispute is settled');
    case 'resolveDrive':
      return d.intake.resolveDrive(amy, row.driveId, 'the reader was replaced');
    case 'custody':
      return d.intake.custodyOf({ trackingNumber: row.trackingNumber! });
    case 'openJob':
      return d.intake.jobView(job);
  }
}

const rowsOf = (d: Dock) => d.intake.exceptionsPage({ limit: 200, by: 'job' }).groups!.flatMap((g) => g.rows);
const label = (r: ExceptionRow) => `${r.kind} ${r.driveId ?? r.jobName ?? r.trackingNumber}`;

describe('every action the Exceptions list offers works', () => {
  // every kind but a held box left empty: the operations end a box's hold with its last held drive
  test('the dock of the walk has a row of every kind a box of drives makes', () => {
    const kinds = new Set(rowsOf(everyKind()).map((r) => r.kind));
    assert.deepEqual([...kinds].sort(), [
      'addressMissing',
      'customerNotified',
      'destructionDue',
      'extraDrive',
      'faultedDrive',
      'faultedJob',
      'held',
      'neverReceived',
      'otherJobPackage',
      'packageOverdue',
    ]);
  });

  test('each action offered on each row is taken by the station, none refused', () => {
    const rows = rowsOf(everyKind());
    let taken = 0;
    for (const row of rows) {
      for (const offer of row.offers) {
        for (const variant of offer === 'recordContact' ? [0, 1] : [0]) {
          const d = everyKind(); // each on a dock of its own, as it stood when the row was shown
          const again = rowsOf(d).find((r) => label(r) === label(row))!;
          assert.doesNotThrow(() => take(d, again, offer, variant), `${offer} on ${label(row)}`);
          taken++;
        }
      }
    }
    assert.ok(taken >= 25, `walked ${taken} actions`);
  });

  test('a held drive is offered its return only once its return is due, and Packaging is told the same', () => {
    const rows = rowsOf(everyKind());
    const offers = (serial: string) => rows.find((r) => r.driveId === serial)!.offers;
    assert.ok(offers('STRAY-DUE').includes('returnHeld'));
    assert.ok(offers('STRAY-OLD').includes('returnHeld'), 'one due for destruction may still go back');
    assert.ok(!offers('STRAY-NEW').includes('returnHeld'));
    assert.ok(!offers('HD-E1').includes('returnHeld'));
    assert.deepEqual(offers('HD-R1'), ['releaseHold', 'openJob'], 'a drive whose job is ready is released, not returned');
  });

  test('a held drive not yet due is refused its return with the day it falls due, and nothing changes', () => {
    const d = everyKind();
    const before = dumpStore(d.store);
    assert.throws(
      () => d.intake.returnHeldDrives(amy, { driveIds: ['HD-E1'], carrierName: 'UPS', trackingNumber: 'RET-EARLY', address: ADDRESS }),
      (e: { code?: string; detail?: { rule?: string } }) => e.code === 'RETURN_NOT_DUE' && e.detail?.rule === 'HELD_RETURN_NOT_DUE',
    );
    assert.deepEqual(dumpStore(d.store), before);
  });

  test('with the clock jumped ahead, rows offer nothing that records, and each such action is refused with CLOCK_JUMPED', () => {
    const d = everyKind();
    const offered = rowsOf(d);
    d.clock.setClockTo(new Date(d.clock.now().getTime() + 30 * 86_400_000));
    const page = d.intake.exceptionsPage({ limit: 200, by: 'job' });
    assert.equal(page.clock.state, 'jumped');
    for (const r of page.groups!.flatMap((g) => g.rows)) {
      assert.deepEqual(
        r.offers.filter((o) => o !== 'openJob' && o !== 'custody'),
        [],
        label(r),
      );
    }
    const before = dumpStore(d.store);
    for (const row of offered) {
      for (const offer of row.offers.filter((o) => o !== 'openJob' && o !== 'custody')) {
        assert.throws(
          () => take(d, row, offer),
          (e: { code?: string }) => e.code === 'CLOCK_JUMPED',
          `${offer} on ${label(row)}`,
        );
      }
    }
    assert.deepEqual(dumpStore(d.store), before);
  });
});

describe('the Exceptions list by job', () => {
  test("a job's held drives stand together under one contact the customer, with the job's contact from its return address", () => {
    const g = everyKind()
      .intake.exceptionsPage({ by: 'job', limit: 200 })
      .groups!.find((x) => x.jobName === 'JOB-EARLY')!;
    assert.deepEqual(
      g.rows.map((r) => r.driveId),
      ['HD-E1', 'HD-E2'],
    );
    assert.deepEqual(g.step, { code: 'contactCustomer', params: { n: '2' } });
    assert.ok(g.rows.every((r) => r.step.code === 'heldWaiting' && !/contact the customer/i.test(r.next)));
    assert.deepEqual(g.contact, { name: ADDRESS.recipientName, phone: ADDRESS.phone, email: ADDRESS.email });
  });

  test('drives of no job stand alone and never say contact the customer: there is no customer on record', () => {
    const groups = everyKind().intake.exceptionsPage({ by: 'job', limit: 200 }).groups!;
    for (const g of groups.filter((x) => x.jobName === null)) {
      assert.equal(g.rows.length, 1);
      assert.equal(g.contact, null);
      assert.equal(g.step, null);
      assert.doesNotMatch(g.rows[0]!.next, /contact the customer/i);
    }
  });

  test('pages of jobs, read in turn, are the whole list: every row once, no job split over two pages', () => {
    const d = everyKind();
    const whole = d.intake.exceptionsPage({ by: 'job', limit: 200 });
    assert.equal(whole.next, null);
    const paged = [];
    let after: string | null = null;
    for (let i = 0; i < 50; i++) {
      const p = d.intake.exceptionsPage({ by: 'job', limit: 2, ...(after ? { after } : {}) });
      assert.ok(p.groups!.length <= 2);
      paged.push(...p.groups!);
      after = p.next;
      if (!after) break;
    }
    assert.deepEqual(paged, whole.groups);
    const jobs = paged.map((g) => g.jobName).filter((j) => j !== null);
    assert.equal(new Set(jobs).size, jobs.length, 'each job once');
    assert.equal(whole.rows.length, rowsOf(d).length);
    const flat = d.intake.exceptionsPage({ limit: 200 }).rows;
    assert.deepEqual(whole.rows.map(label).sort(), flat.map(label).sort(), 'by job or not, the same rows');
  });

  test('the overdue filter lists only rows past their date; today and this week only rows due by then', () => {
    const d = everyKind();
    const now = d.clock.now().getTime();
    const overdue = d.intake.exceptionsPage({ by: 'job', due: 'overdue', limit: 200 }).rows;
    assert.ok(overdue.length > 0);
    assert.ok(overdue.every((r) => r.overdue));
    assert.ok(overdue.some((r) => r.driveId === 'STRAY-DUE'));
    const week = d.intake.exceptionsPage({ by: 'job', due: 'week', limit: 200 }).rows;
    assert.ok(week.every((r) => r.dueAt !== null && Date.parse(r.dueAt) > now && Date.parse(r.dueAt) <= now + 7 * 86_400_000));
    d.clock.advance(DEADLINES.heldReturnDue - 3_600_000); // the drives held today fall due within the hour
    const today = d.intake.exceptionsPage({ by: 'job', due: 'today', limit: 200 }).rows;
    assert.ok(today.some((r) => r.driveId === 'STRAY-NEW'));
    assert.ok(today.every((r) => !r.overdue && new Date(r.dueAt!).toDateString() === d.clock.now().toDateString()));
  });

  test('a kind filter keeps the jobs with a row of that kind, and only those rows', () => {
    const p = everyKind().intake.exceptionsPage({ by: 'job', kinds: ['faultedDrive', 'extraDrive'], limit: 200 });
    assert.deepEqual(p.rows.map((r) => r.kind).sort(), ['extraDrive', 'faultedDrive']);
  });
});

describe('a clock the station does not trust', () => {
  test('the possibilities of a job and a drive say no staff action may be taken, and why, until the date is confirmed', () => {
    const d = everyKind();
    assert.ok(d.intake.jobPossibilities('JOB-LATE').some((p) => p.allowed && p.action === 'notifyCustomer'));
    d.clock.setClockTo(new Date(d.clock.now().getTime() + 30 * 86_400_000));
    for (const list of [d.intake.jobPossibilities('JOB-LATE'), d.intake.drivePossibilities('STRAY-DUE')]) {
      const staff = list.filter((p) => p.action !== 'station');
      assert.ok(staff.length > 0);
      assert.ok(staff.every((p) => !p.allowed && p.reason !== undefined));
      assert.ok(staff.some((p) => p.reason?.code === 'CLOCK_NOT_TRUSTED'));
    }
  });
});
