// The reasons the station writes into custody are codes with parameters; the screens word them in each
// language, counting with the language's own plural forms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { because, REASONS, type ReasonCode } from '../../electron/core/reasons.ts';
import { custodyReason, plural, scanWords } from '../../renderer/src/i18n-scan.ts';

const record = (r: ReturnType<typeof because>) => ({ reason: r.text, detail: { reasonCode: r.code, reasonParams: r.params } });

test('every reason the station writes has words in English and in Chinese, and the Chinese has no English in it', () => {
  const params = { state: 'Closed', job: 'contoso-1', tracking: 'TRK1', seq: 7, weeks: 2, days: 90 };
  for (const code of Object.keys(REASONS) as ReasonCode[]) {
    const r = { reason: 'x', detail: { reasonCode: code, reasonParams: params } };
    assert.notEqual(custodyReason('en', r), 'x', `${code} has English words`);
    const zh = custodyReason('zh-TW', r).replace(/contoso-1|TRK1/g, '');
    assert.doesNotMatch(zh, /[A-Za-z]{2,}/, `${code} reads in Chinese: ${zh}`);
  }
});

test('a count of one reads singular in English and a count of two plural; Chinese has one form', () => {
  assert.equal(custodyReason('en', record(because('shippingTimedOut', { weeks: 1 }))), '1 week in Shipping and the package never arrived');
  assert.equal(custodyReason('en', record(because('shippingTimedOut', { weeks: 2 }))), '2 weeks in Shipping and the package never arrived');
  assert.equal(custodyReason('en', record(because('noReply', { days: 1 }))), 'No reply 1 day after the customer was notified');
  assert.equal(custodyReason('zh-TW', record(because('noReply', { days: 30 }))), '通知客戶後 30 天沒有回覆');
  assert.equal(plural('en', 0, { one: '# drive', other: '# drives' }), '0 drives');
});

test("the English kept in the record for the CSV is the station's own sentence", () => {
  assert.equal(because('notInPackage', { tracking: 'TRK1' }).text, 'not in package TRK1');
  assert.equal(because('jobEnded', { state: 'Completed' }).text, 'job already Completed');
});

test('a reason a person typed is shown as typed, in either language', () => {
  assert.equal(custodyReason('zh-TW', { reason: 'customer phoned', detail: null }), 'customer phoned');
  assert.equal(custodyReason('en', { reason: null, detail: null }), '');
});

test('a drive of another job reads "this package\'s job" for one job and counts the jobs of a shared box', () => {
  const p = { serial: 'WD1', job: 'A', jobState: 'Shipping' as const, tracking: 'BOX', hold: null, extra: false, otherPackage: true };
  const other = (lang: 'en' | 'zh-TW', packageJobs: string[]) =>
    scanWords(lang, { kind: 'outcome', outcome: 'otherJob', params: { ...p, packageJobs } });
  assert.match(other('en', ['B']), /not to this package's job\./);
  assert.match(other('en', ['B', 'C']), /not to any of this package's 2 jobs\./);
  assert.match(other('zh-TW', ['B', 'C']), /此包裹 2 個工作/);
});
