// A secure destruction is witnessed by a different person: the same name in another case or spacing is
// the operator again, not a second person.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { foldName, sameName, witnessRefusal } from '../../electron/core/witness.ts';
import { amy, dock, receiveBox, refusedUnchanged } from './helpers.ts';

/** A held drive of no job, as the dock keeps it until it is returned or destroyed. */
function heldOrphan() {
  const d = dock();
  receiveBox(d, 'TRK9', ['ZA1B2C3D']);
  return d;
}

const SAME_AS_AMY = [
  'Amy Lin',
  'amy lin',
  'AMY LIN',
  'Amy  Lin',
  ' Amy Lin ',
  'Amy\tLin',
  'Amy\u00a0Lin',
  'Amy Lin\u200b',
  'Ａｍｙ Ｌｉｎ',
  'aMy   lIN',
];

describe('names are compared as people read them', () => {
  for (const name of SAME_AS_AMY) {
    test(`${JSON.stringify(name)} is the same person as "Amy Lin"`, () => {
      assert.ok(sameName(name, 'Amy Lin'));
      assert.equal(foldName(name), 'amy lin');
    });
  }

  test('different people stay different: "Amy Lin" is not "Amy Lim", "Amy" or "Ben Chen"', () => {
    for (const other of ['Amy Lim', 'Amy', 'Ben Chen', 'AmyLin']) assert.ok(!sameName(other, 'Amy Lin'), other);
  });

  test('a witness who is the operator in another case or spacing is refused with WITNESS_IS_OPERATOR', () => {
    for (const name of SAME_AS_AMY) assert.equal(witnessRefusal('Amy Lin', name)?.code, 'WITNESS_IS_OPERATOR', name);
  });

  test("a witness must be one of the station's operators when it has any, in any case or spacing", () => {
    const operators = ['Amy Lin', 'Ben Chen'];
    assert.equal(witnessRefusal('Amy Lin', 'Chloe Hsu', operators)?.code, 'WITNESS_UNKNOWN');
    assert.equal(witnessRefusal('Amy Lin', 'ben  CHEN', operators), null);
    assert.equal(witnessRefusal('Amy Lin', 'Chloe Hsu', []), null, 'a station without operators takes any other name');
  });

  test('an empty or blank witness is refused as missing', () => {
    for (const w of ['', '   ', '\u200b', undefined, 7]) assert.equal(witnessRefusal('Amy Lin', w)?.code, 'BAD_INPUT', String(w));
  });
});

describe('the operator cannot witness their own destruction', () => {
  for (const name of SAME_AS_AMY) {
    test(`destroying with ${JSON.stringify(name)} as the witness of Amy Lin is refused and changes nothing`, () => {
      const d = heldOrphan();
      refusedUnchanged(
        d.store,
        () => d.intake.recordDestruction(amy, { driveIds: ['ZA1B2C3D'], method: 'shred', witness: name }),
        'WITNESS_IS_OPERATOR',
        /someone other than the operator/,
      );
    });
  }

  test('another person witnesses it', () => {
    const d = heldOrphan();
    const { certificate } = d.intake.recordDestruction(amy, { driveIds: ['ZA1B2C3D'], method: 'shred', witness: 'Ben Chen' });
    assert.equal(certificate.witness, 'Ben Chen');
  });
});
