// The rule book on its own: records as the store holds them, asked what may happen and why not. One rule per
// test; the operations' own tests prove the store obeys the same answers.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { IntakeError } from '../../electron/core/errors.ts';
import type { DriveRecord, JobRecord } from '../../electron/core/model.ts';
import {
  RULES,
  RULE_CODES,
  checkAction,
  drivePossibilities,
  jobPossibilities,
  mayByPossibilities,
  reasonMessage,
  requireAction,
  requireJobEdge,
  type Possibility,
  type Reason,
} from '../../electron/core/rules/index.ts';
import { plural, possibilityText, reasonText } from '../../renderer/src/i18n-rules.ts';
import { ADDRESS } from './helpers.ts';

const AT = '2026-11-02T09:00:00.000Z';

function jobRec(over: Partial<JobRecord> = {}): JobRecord {
  return {
    name: 'JOB-1',
    jobType: 'Import',
    state: 'Received',
    cancelRequested: false,
    faultedFrom: null,
    faultReason: null,
    deliveryPackage: { carrierName: 'DHL', trackingNumber: 'TRK1' },
    returnAddress: { ...ADDRESS },
    returnShipping: { carrierName: 'FedEx', carrierAccountNumber: '1' },
    returnPackage: null,
    diagnosticsPath: null,
    logLevel: 'Error',
    incompleteBlobListUri: null,
    createdAt: AT,
    updatedAt: AT,
    creatingSince: null,
    shippingSince: AT,
    notifiedAt: null,
    waitUntil: null,
    finishedAt: null,
    deletedAt: null,
    ...over,
  };
}

let row = 0;
function driveRec(driveId: string, over: Partial<DriveRecord> = {}): DriveRecord {
  return {
    id: ++row,
    driveId,
    jobName: 'JOB-1',
    role: 'listed',
    state: 'Received',
    faultedFrom: null,
    faultReason: null,
    copyStatus: null,
    percentComplete: 0,
    bytesSucceeded: 0,
    errorLogUri: null,
    verboseLogUri: null,
    manifestUri: null,
    manifestFile: null,
    manifestHash: null,
    hasBitLockerKey: false,
    heldSince: null,
    holdReason: null,
    packageTracking: 'TRK1',
    receivedAt: AT,
    destroyedAt: null,
    ...over,
  };
}

const entry = (list: Possibility[], trigger: string) => list.find((p) => p.trigger === trigger);

function refusedWith(fn: () => void, error: string, rule: string): IntakeError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof IntakeError, String(e));
    assert.equal(e.code, error);
    assert.equal(e.detail?.rule, rule);
    return e;
  }
  assert.fail(`expected ${error} (${rule})`);
}

describe('the rule book', () => {
  describe('possibilities never promise what the operations refuse', () => {
    test('a Packaging job with nothing at the dock is not offered a ship back, only closing without a shipment', () => {
      const job = jobRec({ state: 'Packaging' });
      const drives = [driveRec('WD-1', { state: 'NeverReceived', receivedAt: null, packageTracking: null })];
      const p = jobPossibilities({ job, drives });
      assert.equal(entry(p, 'shippedBack')?.allowed, false);
      assert.equal(entry(p, 'shippedBackWithErrors')?.allowed, false);
      assert.equal(entry(p, 'shippedBackWithErrors')?.reason?.code, 'NOTHING_TO_SHIP');
      assert.equal(entry(p, 'closedNothingToShip')?.allowed, true);
      refusedWith(() => requireAction('shipBack', { job, drives }), 'SHIP_NOT_READY', 'NOTHING_TO_SHIP');
    });

    test('a Received job whose only drive is Faulted is not offered a copy, nor "nothing to copy"', () => {
      const job = jobRec({ state: 'Received' });
      const drives = [driveRec('WD-1', { state: 'Faulted', faultedFrom: 'Received' })];
      const p = jobPossibilities({ job, drives });
      assert.deepEqual(entry(p, 'copyStarted')?.reason?.code, 'NO_DRIVE_TO_COPY');
      assert.deepEqual(entry(p, 'nothingToCopy')?.reason, {
        code: 'DRIVES_ARRIVED',
        params: { job: 'JOB-1', driveIds: ['WD-1'] },
        message: 'Drive WD-1 of job JOB-1 has arrived: there is something to copy or resolve',
      });
      refusedWith(() => requireAction('startCopy', { job, drives }), 'COPY_NOT_ALLOWED', 'NO_DRIVE_TO_COPY');
    });

    test('"nothing to copy" is not offered once a drive of the job arrived, even if it is held now', () => {
      const job = jobRec({ state: 'Received' });
      const drives = [driveRec('WD-1', { heldSince: AT })];
      assert.equal(entry(jobPossibilities({ job, drives }), 'nothingToCopy')?.allowed, false);
    });

    test('an action is possible exactly when one of its entries is allowed, and names the same rule when not', () => {
      const job = jobRec({ state: 'Packaging', returnAddress: { ...ADDRESS, phone: '' } });
      const drives = [driveRec('WD-1', { state: 'Completed', copyStatus: 'Completed' })];
      const may = mayByPossibilities(jobPossibilities({ job, drives }), 'shipBack');
      assert.deepEqual(may, { may: false, codes: ['RETURN_ADDRESS_INCOMPLETE'] });
      const e = refusedWith(() => requireAction('shipBack', { job, drives }), 'ADDRESS_INCOMPLETE', 'RETURN_ADDRESS_INCOMPLETE');
      assert.deepEqual(e.detail?.params, { job: 'JOB-1', fields: ['phone'] });
    });

    test('a deleted job is offered nothing, each for the same reason', () => {
      const p = jobPossibilities({ job: jobRec({ state: 'Creating', deletedAt: AT }), drives: [] });
      assert.deepEqual(
        p.filter((x) => x.allowed),
        [],
      );
      assert.deepEqual([...new Set(p.filter((x) => x.action !== 'station').map((x) => x.reason?.code))], ['JOB_DELETED']);
    });
  });

  describe('a job with a drive at the dock is not "package missing"', () => {
    test('the customer of a Shipping job is not told its package is missing while one of its drives is here', () => {
      const job = jobRec({ state: 'Shipping' });
      const drives = [
        driveRec('WD-1', { packageTracking: 'OTHER-BOX' }),
        driveRec('WD-2', { state: 'Specified', receivedAt: null, packageTracking: null }),
      ];
      assert.deepEqual(checkAction('notifyCustomer', { job, drives }), {
        code: 'PACKAGE_ARRIVED',
        params: { job: 'JOB-1', driveIds: ['WD-1'], boxes: [] },
      });
      assert.equal(
        entry(jobPossibilities({ job: { ...job, notifiedAt: AT }, drives }), 'noReplyAfterNotice')?.reason?.code,
        'PACKAGE_ARRIVED',
      );
    });

    test('with nothing of it here, the customer may be told', () => {
      const job = jobRec({ state: 'Shipping' });
      assert.equal(
        checkAction('notifyCustomer', { job, drives: [driveRec('WD-2', { state: 'Specified', receivedAt: null, packageTracking: null })] }),
        null,
      );
    });
  });

  describe('only drives physically at the dock can be held, returned or destroyed', () => {
    test('a held drive that never arrived cannot be returned nor destroyed', () => {
      const drive = driveRec('WD-1', { jobName: null, role: 'orphan', state: 'NeverReceived', heldSince: AT, receivedAt: null });
      refusedWith(() => requireAction('returnHeld', { drive, job: null }), 'DRIVE_NOT_HELD', 'DRIVE_NOT_AT_DOCK');
      refusedWith(() => requireAction('destroy', { drive, job: null }), 'DRIVE_NOT_HELD', 'DRIVE_NOT_AT_DOCK');
      const p = drivePossibilities({ drive, job: null });
      assert.equal(mayByPossibilities(p, 'destroy').may, false);
      assert.equal(mayByPossibilities(p, 'returnHeld').may, false);
    });

    test('a held drive in its box may be destroyed, and returned once held 2 weeks', () => {
      const drive = driveRec('WD-1', { jobName: null, role: 'orphan', state: 'Specified', heldSince: AT });
      const twoWeeksOn = new Date(Date.parse(AT) + 14 * 86_400_000).toISOString();
      assert.equal(checkAction('returnHeld', { drive, job: null, now: twoWeeksOn }), null);
      assert.equal(checkAction('destroy', { drive, job: null }), null);
    });

    test('a held drive is not returned before its return is due: the refusal names the day it falls due', () => {
      const drive = driveRec('WD-1', { jobName: null, role: 'orphan', state: 'Specified', heldSince: AT });
      const aDayShort = new Date(Date.parse(AT) + 13 * 86_400_000).toISOString();
      const e = refusedWith(
        () => requireAction('returnHeld', { drive, job: null, now: aDayShort }),
        'RETURN_NOT_DUE',
        'HELD_RETURN_NOT_DUE',
      );
      assert.equal((e.detail?.params as { due?: string } | undefined)?.due, '2026-11-16');
      const p = drivePossibilities({ drive, job: null, now: aDayShort });
      assert.deepEqual(mayByPossibilities(p, 'returnHeld'), { may: false, codes: ['HELD_RETURN_NOT_DUE'] });
    });

    test('several drives refused by one rule are named together', () => {
      const job = jobRec({ state: 'Received' });
      const ctx = ['WD-1', 'WD-2'].map((s) => ({ drive: driveRec(s), job }));
      const e = refusedWith(() => requireAction('returnHeld', ctx), 'DRIVE_NOT_HELD', 'DRIVE_NOT_HELD');
      assert.deepEqual(e.detail?.params, { driveIds: ['WD-1', 'WD-2'] });
      assert.match(e.message, /Not held: WD-1, WD-2/);
    });
  });

  describe("refusals carry the rule's own error code", () => {
    test('a cancel of a job past Transferring is CANCEL_TOO_LATE, of a cancelled job a conflict of its own', () => {
      refusedWith(() => requireAction('cancel', { job: jobRec({ state: 'Packaging' }), drives: [] }), 'CANCEL_TOO_LATE', 'CANCEL_TOO_LATE');
      refusedWith(
        () => requireAction('cancel', { job: jobRec({ cancelRequested: true }), drives: [] }),
        'ALREADY_CANCELLED',
        'JOB_ALREADY_CANCELLED',
      );
    });

    test('a job judged by the state it left: a Faulted job from Transferring may still be cancelled', () => {
      assert.equal(checkAction('cancel', { job: jobRec({ state: 'Faulted', faultedFrom: 'Transferring' }), drives: [] }), null);
    });

    test('Shipping without an address names the missing fields once, in one sentence', () => {
      const job = jobRec({ state: 'Creating', returnAddress: { ...ADDRESS, city: ' ' } });
      assert.equal(checkAction('ship', { job, drives: [] }), null, 'a Creating job may be shipped by its customer');
      const e = refusedWith(
        () => requireJobEdge('Shipping', 'customerShipped', { job, drives: [] }),
        'GUARD_FAILED',
        'SHIPPING_ADDRESS_INCOMPLETE',
      );
      assert.equal(e.message, 'Shipping needs a complete return address (missing: city).');
    });

    test('a move the table has no edge for names the edge', () => {
      const job = jobRec({ state: 'Completed' });
      const e = refusedWith(
        () => requireJobEdge('Shipping', 'customerShipped', { job, drives: [] }),
        'TRANSITION_FORBIDDEN',
        'NO_SUCH_EDGE',
      );
      assert.deepEqual(e.detail?.params, { subject: 'job', from: 'Completed', to: 'Shipping', trigger: 'customerShipped' });
    });
  });

  describe('every rule is worded in both languages', () => {
    const samples: Record<string, Reason['params']> = {
      one: {
        job: 'JOB-1',
        driveIds: ['WD-1'],
        fields: ['phone'],
        state: 'Packaging',
        needs: ['Received', 'Transferring'],
        trackingNumber: 'T1',
        open: 'T2',
        from: 'Creating',
        faultedFrom: 'Shipping',
        copyStatus: 'Failed',
        on: '2026-11-02',
        neverReceived: ['WD-1'],
        copyErrors: [],
        notCopied: [],
      },
      three: {
        job: 'JOB-1',
        driveIds: ['WD-1', 'WD-2', 'WD-3'],
        fields: ['phone', 'email'],
        state: 'Packaging',
        needs: ['Received'],
        trackingNumber: 'T1',
        open: 'T2',
        from: 'Creating',
        copyStatus: 'Failed',
        on: '2026-11-02',
        neverReceived: ['WD-1', 'WD-2'],
        copyErrors: ['WD-3'],
        notCopied: [],
      },
    };
    for (const code of RULE_CODES) {
      test(`${code} reads as a sentence in English and Chinese, never "(s)" and never the code`, () => {
        for (const params of Object.values(samples)) {
          const r = { code, params };
          for (const lang of ['en', 'zh-TW'] as const) {
            const text = reasonText(lang, r);
            assert.ok(text.length > 5, `${lang} ${code}`);
            assert.doesNotMatch(text, /\(s\)|undefined|\[object/, `${lang} ${code}: ${text}`);
            assert.ok(!text.includes(code), `${lang} shows the code ${code}`);
          }
          assert.match(reasonText('zh-TW', r), /[\u4e00-\u9fff]/, `${code} has Chinese words`);
          assert.doesNotMatch(reasonMessage(r), /\(s\)|undefined|\[object/);
          assert.ok(code in RULES);
        }
      });
    }

    test('one drive and three drives take their own forms in English', () => {
      const one = reasonText('en', { code: 'DRIVES_AT_DOCK', params: { job: 'J', driveIds: ['A1'] } });
      const three = reasonText('en', { code: 'DRIVES_AT_DOCK', params: { job: 'J', driveIds: ['A1', 'A2', 'A3'] } });
      assert.equal(one, 'Drive A1 is still at the dock.');
      assert.equal(three, '3 drives are still at the dock: A1, A2, and A3.');
      assert.equal(plural('en', 1, { one: '{n} drive', other: '{n} drives' }), '1 drive');
      assert.equal(plural('zh-TW', 1, { other: '{n} 顆硬碟' }), '1 顆硬碟');
    });

    test('the job page line for a blocked ship back has no English in Chinese', () => {
      const job = jobRec({ state: 'Packaging' });
      const p = entry(jobPossibilities({ job, drives: [] }), 'shippedBackWithErrors')!;
      const text = possibilityText('zh-TW', p);
      assert.equal(text.why, '碼頭上沒有此工作可寄回的硬碟。');
      assert.doesNotMatch(`${text.title} ${text.why}`, /[A-Za-z]{3,}/);
    });
  });
});
