// Every committed operation tells the station's screens (and, on PostgreSQL, the other stations) the number of
// the newest custody record it kept: a screen that reconnects compares it with the store's to know it missed
// nothing.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Context, type Change } from '../../electron/core/operations/context.ts';
import type { ImportFile } from '../../electron/core/operations/exchange.ts';
import { amy, dock, importJob, shippingJob } from './helpers.ts';

const file = (name: string, data: unknown): ImportFile => ({ name, text: JSON.stringify(data) });

describe("the number of an operation's newest record", () => {
  test('an import whose last job was refused tells the newest record kept, not one the refusal undid', () => {
    const d = dock();
    shippingJob(d, 'elsewhere-1', ['TAKEN-1']);
    const files = [file('a.json', [importJob('good-1', ['G1']), importJob('taken-drive', ['T-NEW', 'TAKEN-1'])])];
    const plan = d.intake.previewImport(amy, files);
    assert.deepEqual(
      plan.jobs.map((j) => j.outcome),
      ['new', 'refused'],
    );
    const told: number[] = [];
    d.intake.onChange((c) => told.push(c.seq));
    d.intake.confirmImport(amy, files, { basedOnSeq: plan.basedOnSeq, jobs: plan.jobs });
    assert.deepEqual(told, [d.store.lastSeq()]);
  });

  test('an operation that appends 130,000 custody records commits and tells the newest', { timeout: 120_000 }, () => {
    const d = dock();
    const c = new Context(d.store, d.clock);
    let change: Change | undefined;
    c.onChange((ch) => (change = ch));
    c.op(() => {
      for (let i = 0; i < 130_000; i++) c.custody(amy, { action: 'test.bulk', subject: 'station' });
      c.touch('packages', 'TRK-BULK');
    });
    assert.equal(change?.seq, d.store.lastSeq());
  });
});
