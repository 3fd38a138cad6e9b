// A scan is checked as the scanner typed it, before it is upper-cased: letters whose capital is two ASCII
// letters (ß → SS, ﬁ → FI) or an ASCII letter (ı → I, ſ → S) would otherwise record a code nobody scanned.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { IntakeError } from '../../electron/core/errors.ts';
import { MAX_SCAN_LENGTH, normalizeCode } from '../../electron/core/scan.ts';
import { amy, dock, dumpStore, refusedUnchanged, shippingJob, type Dock } from './helpers.ts';
import { readStore } from '../store-file.ts';

/** A station with a Shipping job's box open. */
function openBox(): Dock {
  const d = dock();
  shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
  d.intake.receivePackage(amy, { trackingNumber: 'TRK1' });
  return d;
}

const serials = (d: Dock): string[] =>
  (readStore(d.file).prepare('SELECT drive_id FROM drives ORDER BY id').all() as { drive_id: string }[]).map((r) => r.drive_id);

const PRINTABLE_ASCII = /^[\u0020-\u007e]+$/;
/** What the station does to a code it accepts: a scanner's surrounding whitespace off, letters upper case. */
const expected = (raw: string) => raw.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '').toUpperCase();

describe('a scan holding letters beyond ASCII is refused, never recorded as their capitals', () => {
  for (const ch of ['ß', 'ı', 'ſ', 'ﬁ', 'ﬀ', 'ﬂ']) {
    test(`a drive scanned as WD${ch}123 is refused with SCAN_NOT_ASCII and names the "${ch}"`, () => {
      const d = openBox();
      const e = refusedUnchanged(d.store, () => d.intake.scanDrive(amy, { serial: `WD${ch}123` }), 'SCAN_NOT_ASCII');
      assert.ok(e.message.includes(`"${ch}"`), e.message);
    });
  }

  test('WDß123 (a US-layout scanner on a German-layout PC typing - as ß) is refused and says so; no WDSS123 drive appears', () => {
    const d = openBox();
    const e = refusedUnchanged(d.store, () => d.intake.scanDrive(amy, { serial: 'WDß123' }), 'SCAN_NOT_ASCII', /keyboard layout/);
    assert.match(e.message, /US-layout scanner on a German-layout PC types - as ß/);
    assert.ok(!serials(d).includes('WDSS123'));
  });

  test('40 × ß is refused, not stored as an 80-character serial', () => {
    const d = openBox();
    refusedUnchanged(d.store, () => d.intake.scanDrive(amy, { serial: 'ß'.repeat(40) }), 'SCAN_NOT_ASCII');
    assert.ok(serials(d).every((s) => s.length <= MAX_SCAN_LENGTH));
  });

  test('a package tracking number with ß is refused the same way and opens no package', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1'], 'TRK1');
    refusedUnchanged(d.store, () => d.intake.receivePackage(amy, { trackingNumber: 'TRKß1' }), 'SCAN_NOT_ASCII');
  });

  test('a lower-case ASCII scan is still the same code as its capitals', () => {
    const d = openBox();
    const r = d.intake.scanDrive(amy, { serial: 'wd-a1' });
    assert.equal(r.serial, 'WD-A1');
    assert.equal(r.outcome, 'received');
  });
});

describe('whatever is scanned, the stored code is what was scanned', () => {
  // every sort of text: any code point, the letters whose capitals are ASCII, and ASCII a serial uses
  const tricky = fc.constantFrom(
    'ß',
    'ı',
    'ſ',
    'ﬁ',
    'ﬀ',
    'ﬂ',
    'ǅ',
    'İ',
    'ŉ',
    'a',
    'z',
    'A',
    '0',
    '9',
    '-',
    '.',
    '_',
    '/',
    ' ',
    '\t',
    '\r',
    '\n',
  );
  const scanned = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 80 }),
    fc.string({ unit: tricky, minLength: 1, maxLength: 80 }),
    fc.string({ unit: fc.constantFrom('A', 'b', '7', '-', 'ß', 'ſ'), minLength: 30, maxLength: 70 }),
    fc
      .tuple(fc.constantFrom('', ' ', '\r\n', '\t'), fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,70}$/))
      .map(([pad, code]) => `${pad}${code}${pad}`),
  );

  test(
    'either the scan is refused and the store is unchanged, or the stored serial is printable ASCII of at most 64 equal to ' +
      'the scan upper-cased',
    () => {
      const d = openBox();
      let accepted = 0;
      fc.assert(
        fc.property(scanned, (raw) => {
          const before = dumpStore(d.store);
          let result;
          try {
            result = d.intake.scanDrive(amy, { serial: raw });
          } catch (e) {
            assert.ok(e instanceof IntakeError, `refused with a code, not ${String(e)}`);
            assert.deepEqual(dumpStore(d.store), before, `refusing ${JSON.stringify(raw)} (${e.code}) changed nothing`);
            return;
          }
          assert.equal(result.serial, expected(raw));
          assert.match(result.serial, PRINTABLE_ASCII);
          assert.ok(result.serial.length <= MAX_SCAN_LENGTH);
          assert.ok(serials(d).includes(expected(raw)), `drive ${expected(raw)} is on record`);
          accepted++;
        }),
        { numRuns: 300 },
      );
      assert.ok(accepted > 10, `some scans were accepted (${accepted})`);
      for (const s of serials(d)) {
        assert.match(s, PRINTABLE_ASCII);
        assert.ok(s.length <= MAX_SCAN_LENGTH, `${s} is at most ${MAX_SCAN_LENGTH} long`);
      }
    },
  );

  test('normalizeCode alone: refused, or printable ASCII of at most 64 equal to the input upper-cased', () => {
    const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 100 }), fc.string({ unit: 'grapheme', maxLength: 100 }));
    fc.assert(
      fc.property(anyText, (raw) => {
        let code: string;
        try {
          code = normalizeCode(raw);
        } catch (e) {
          assert.ok(e instanceof IntakeError);
          return;
        }
        assert.match(code, PRINTABLE_ASCII);
        assert.ok(code.length <= MAX_SCAN_LENGTH);
        assert.equal(code, expected(raw));
      }),
      { numRuns: 2000 },
    );
  });
});
