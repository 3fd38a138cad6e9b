// A refusal reads as one plain sentence: it says a rule once and ends with one full stop.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { amy, dock, importJob, refusedUnchanged } from './helpers.ts';

describe('refusals read as one sentence', () => {
  test('a job without a delivery package cannot go Shipping, and the refusal says "Shipping needs" once', () => {
    const d = dock();
    const body = importJob('JOB-1', ['WD-A1']);
    delete body.properties.deliveryPackage;
    d.intake.putJob(amy, body);
    const e = refusedUnchanged(d.store, () => d.intake.updateJob(amy, 'JOB-1', { state: 'Shipping' }), 'GUARD_FAILED');
    assert.equal(e.message.match(/Shipping needs/g)?.length, 1, e.message);
    assert.match(e.message, /delivery package carrier and tracking number\.$/);
  });

  test('a job without a return address cannot go Shipping, and the refusal says "Shipping needs" once', () => {
    const d = dock();
    const body = importJob('JOB-1', ['WD-A1']);
    delete body.properties.returnAddress;
    d.intake.putJob(amy, body);
    const e = refusedUnchanged(d.store, () => d.intake.updateJob(amy, 'JOB-1', { state: 'Shipping' }), 'GUARD_FAILED');
    assert.equal(e.message.match(/Shipping needs/g)?.length, 1, e.message);
    assert.match(e.message, /complete return address \(missing: recipientName/);
  });

  const badImports: [string, unknown][] = [
    ['a drive serial with a space', { name: 'JOB-1', properties: { driveList: [{ driveId: 'WD A1' }] } }],
    ['a drive serial with ß', { name: 'JOB-1', properties: { driveList: [{ driveId: 'WDß1' }] } }],
    ['a drive serial over 64 characters', { name: 'JOB-1', properties: { driveList: [{ driveId: 'W'.repeat(65) }] } }],
    ['an empty delivery tracking number', { name: 'JOB-1', properties: { deliveryPackage: { carrierName: 'DHL', trackingNumber: ' ' } } }],
    ['a job name with a space', { name: 'JOB 1', properties: {} }],
    ['a drive listed twice', { name: 'JOB-1', properties: { driveList: [{ driveId: 'WD-A1' }, { driveId: 'wd-a1' }] } }],
  ];
  for (const [what, job] of badImports) {
    test(`an import with ${what} is refused in a message ending in one full stop`, () => {
      const d = dock();
      const e = refusedUnchanged(d.store, () => d.intake.importJobs(amy, JSON.stringify([job])), 'IMPORT_INVALID');
      assert.doesNotMatch(e.message, /\.\.|\.\s*\.$/, e.message);
      assert.match(e.message, /[^.]\.$/, e.message);
    });
  }

  test('a Put with a bad serial is refused in a message ending in one full stop', () => {
    const d = dock();
    const body = { name: 'JOB-1', properties: { driveList: [{ driveId: 'WD A1' }] } };
    const e = refusedUnchanged(d.store, () => d.intake.putJob(amy, body), 'BAD_INPUT');
    assert.doesNotMatch(e.message, /\.\./, e.message);
  });
});
