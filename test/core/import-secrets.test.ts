// An import that cannot be read is refused without a single run of a BitLocker key's characters in what the
// station answers: a refusal is shown on screen, logged and sent over HTTP.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { amy, dock, importJob, refusedUnchanged } from './helpers.ts';

const KEYS = ['403617-590482-118734-276951-664203-937518-025846-781359', '851204-367920-742085-509163-198437-630271-914658-287540'];

/** The service's Get Job answer for one job whose two drives carry the keys above, as text. */
function getJobText(): string {
  const body = importJob('JOB-K', ['WD-K1', 'WD-K2'], { state: 'Shipping', tracking: 'TRK-K' });
  (body.properties.driveList as { bitLockerKey: string }[]).forEach((d, i) => {
    d.bitLockerKey = KEYS[i]!;
  });
  return JSON.stringify({ value: [body] });
}

/** Every run of 5 characters of every key: none may be in an answer. */
const keyRuns = KEYS.flatMap((k) => Array.from({ length: k.length - 4 }, (_, i) => k.slice(i, i + 5)));
function assertNoKeyIn(answer: string): void {
  const found = keyRuns.filter((r) => answer.includes(r));
  assert.deepEqual(found, [], `the refusal quotes a key: ${answer}`);
}

const text = getJobText();
const at = (key: string) => text.indexOf(key);
const broken: [string, string][] = [
  ['cut off in the middle of a key', text.slice(0, at(KEYS[0]!) + 30)],
  ['cut off right after a key', text.slice(0, at(KEYS[1]!) + KEYS[1]!.length + 1)],
  ['a stray character right after a key', text.replace(`${KEYS[0]}"`, `${KEYS[0]}"x`)],
  ['a key not in quotes', text.replace(`"${KEYS[0]}"`, KEYS[0]!)],
  ['a control character inside a key', text.replace(KEYS[1]!, `${KEYS[1]!.slice(0, 20)}\u0001${KEYS[1]!.slice(20)}`)],
  ['a bad escape inside a key', text.replace(KEYS[0]!, `${KEYS[0]!.slice(0, 13)}\\q${KEYS[0]!.slice(13)}`)],
  ['a comma before a closing bracket just after a key', text.replace(`"${KEYS[1]}"`, `"${KEYS[1]}",]`)],
  ['two values with no comma, after a key', text.replace(`"${KEYS[0]}"`, `"${KEYS[0]}" "${KEYS[0]}"`)],
  ['text after the JSON that is a key', `${text}${KEYS[1]}`],
  ['a key where the JSON starts', `${KEYS[0]}${text}`],
  ['a key longer than 128 characters', text.replace(KEYS[0]!, `${KEYS[0]}-${KEYS[1]}-${KEYS[0]}`)],
  ['a key as a number', text.replace(`"${KEYS[1]}"`, KEYS[1]!.replace(/-/g, ''))],
  ['a stray letter before a key', text.replace(`"${KEYS[0]}"`, `x"${KEYS[0]}"`)],
  ['a missing value before a key', text.replace(`"bitLockerKey":"${KEYS[1]}"`, `"bitLockerKey":,"${KEYS[1]}"`)],
  ['a lone minus before a key', text.replace(`"${KEYS[0]}"`, `-"${KEYS[0]}"`)],
  ['a key as the whole import, in a bracket', `[${KEYS[0]!.slice(0, 6)}x${KEYS[0]!.slice(6)}]`],
];

describe('an import refused never echoes a BitLocker key', () => {
  for (const [what, json] of broken) {
    test(`an import with ${what} is refused, changes nothing and quotes no key`, () => {
      const d = dock();
      const e = refusedUnchanged(d.store, () => d.intake.importJobs(amy, json), 'IMPORT_INVALID');
      assertNoKeyIn(e.message);
      assertNoKeyIn(JSON.stringify(e.toJSON()));
    });
  }

  test('a refused import says where it stops being JSON, as a line and column', () => {
    const d = dock();
    const e = refusedUnchanged(d.store, () => d.intake.importJobs(amy, text.replace(`${KEYS[0]}"`, `${KEYS[0]}"x`)), 'IMPORT_INVALID');
    assert.match(e.message, /at line 1, column \d+\. Copy the service's answer again, whole\.$/);
  });

  test('the same text without the fault is imported (the breakages above are what is refused)', () => {
    const d = dock();
    assert.deepEqual(d.intake.importJobs(amy, text), { created: ['JOB-K'], updated: [] });
  });
});
