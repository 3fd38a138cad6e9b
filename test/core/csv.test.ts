// The custody CSV opened in a spreadsheet: whether the spreadsheet splits on commas or on semicolons, and
// whether or not it honours quotes, no cell starts a formula, and a comma-splitting reader gets every field back.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { csvDocument, guardCell } from '../../electron/core/csv.ts';
import { amy, dock, shippingJob } from './helpers.ts';

/**
 * Splits CSV as Excel and LibreOffice do: a quote opens a quoted field only at the start of a field, `""` in
 * it is a quote, and after the closing quote anything up to the next separator is added to the cell as it is.
 */
function spreadsheetCells(text: string, sep: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let atStart = true;
  while (i < text.length) {
    const c = text[i]!;
    if (atStart && c === '"') {
      i++;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        if (text[i] === '"') {
          i++;
          break;
        }
        cell += text[i++];
      }
      atStart = false;
      continue;
    }
    if (c === sep) {
      row.push(cell);
      cell = '';
      atStart = true;
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atStart = true;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    cell += c;
    atStart = false;
    i++;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** Splits as a reader that knows nothing of quotes does: every line break and every separator cuts. */
const naiveCells = (text: string, sep: string): string[] => text.split(/\r\n|\r|\n/).flatMap((line) => line.split(sep));

/** A cell a spreadsheet would run as a formula: after any spaces and quotes, = + - @ (or their full-width forms). */
const isFormula = (cell: string) => /^[\s"]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u.test(cell);

function assertNoFormula(csv: string): void {
  for (const sep of [',', ';', '\t']) {
    for (const cell of spreadsheetCells(csv, sep).flat()) {
      assert.ok(!isFormula(cell), `split on ${JSON.stringify(sep)}: ${JSON.stringify(cell)}`);
    }
    for (const cell of naiveCells(csv, sep)) {
      assert.ok(!isFormula(cell), `split on ${JSON.stringify(sep)} without quotes: ${JSON.stringify(cell)}`);
    }
  }
}

const ATTACK = "see note;=cmd|' /C calc'!A0;";

describe('the custody CSV never starts a formula in a spreadsheet', () => {
  test(`a reason "${ATTACK}" is no formula when split on semicolons, and reads back whole when split on commas`, () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1']);
    d.intake.cancelJob(amy, 'JOB-1', ATTACK);
    const csv = d.intake.custodyCsv('JOB-1');
    assertNoFormula(csv);
    const semicolon = spreadsheetCells(csv, ';').flat();
    assert.ok(
      semicolon.some((c) => c.startsWith("'=cmd|")),
      'the would-be formula is shown as text',
    );
    const rows = spreadsheetCells(csv, ',');
    const header = rows[0]!;
    const cancel = rows.find((r) => r[header.indexOf('action')] === 'job.cancelRequested')!;
    assert.equal(cancel[header.indexOf('reason')], "see note;'=cmd|' /C calc'!A0;");
  });

  const reasons = [
    '=1+1',
    '+SUM(1;2)',
    '-2+3',
    '@SUM(A1)',
    '＝1+1',
    'ok,=HYPERLINK("http://x")',
    'ok;-1',
    'ok; =1',
    'ok;"=1"',
    'first line\n=1+1',
    'first line\r\n@x',
    'tab\t=1',
    'he said "fine", then left',
    'plain words',
  ];
  for (const reason of reasons) {
    test(`a reason ${JSON.stringify(reason)} starts no formula, split on commas, semicolons or tabs`, () => {
      const d = dock();
      shippingJob(d, 'JOB-1', ['WD-A1']);
      d.intake.cancelJob(amy, 'JOB-1', reason);
      assertNoFormula(d.intake.custodyCsv('JOB-1'));
    });
  }

  test('every field of the custody CSV is quoted, the header too', () => {
    const d = dock();
    shippingJob(d, 'JOB-1', ['WD-A1']);
    d.intake.cancelJob(amy, 'JOB-1', 'customer uploads instead');
    const lines = d.intake.custodyCsv('JOB-1').split('\r\n').filter(Boolean);
    assert.ok(lines.length >= 3);
    for (const line of lines) assert.match(line, /^"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*$/, line);
  });
});

describe('any text in a cell', () => {
  const anyText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '＝', ',', ';', '\t', '\r', '\n', '"', ' ', "'", 'a', '1'), maxLength: 40 }),
  );

  test('split on commas, semicolons or tabs, with or without quotes, no cell starts a formula', () => {
    fc.assert(
      fc.property(fc.array(fc.array(anyText, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 }), (rows) => {
        assertNoFormula(csvDocument(rows));
      }),
      { numRuns: 500 },
    );
  });

  test('a reader splitting on commas gets back every field as guarded, one row per row', () => {
    fc.assert(
      fc.property(fc.array(fc.array(anyText, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 }), (rows) => {
        const parsed = spreadsheetCells(csvDocument(rows), ',');
        assert.deepEqual(
          parsed,
          rows.map((r) => r.map(guardCell)),
        );
      }),
      { numRuns: 500 },
    );
  });

  test('text with nothing a spreadsheet runs is left exactly as it was', () => {
    const plain = ['Amy Lin', '2026-11-02T09:00:00.000+08:00', 'job.cancelRequested', '{"method":"shred","witness":"Ben Chen"}', 'a-b', ''];
    for (const s of plain) {
      assert.equal(guardCell(s), s);
    }
  });
});
