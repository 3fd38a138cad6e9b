// The one table of error codes: each code has its HTTP status and its words in both languages, and the
// station's transports answer with exactly that status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ERROR_CODES, ERRORS, statusOf } from '../../electron/core/errors.ts';
import { statusFor } from '../../electron/server.ts';
import { DICTS, errorText, type Key } from '../../renderer/src/i18n.ts';

const STATUSES: Record<string, readonly number[]> = {
  rules: [400, 403, 409, 422, 500, 503, 507],
  printer: [409, 502, 503, 504],
  transport: [400, 401, 403, 404, 405, 413, 415, 431, 500],
  client: [502, 503],
};

test('every error code has an HTTP status that fits who raises it', () => {
  assert.ok(ERROR_CODES.length > 40);
  for (const code of ERROR_CODES) {
    const { from, status } = ERRORS[code];
    assert.ok(STATUSES[from]!.includes(status), `${code} (${from}) → ${status}`);
    assert.equal(statusFor(code), status, `${code}: the server answers the table's status`);
  }
});

test('a state conflict is a 409, a request the records do not allow a 422, malformed input a 400', () => {
  assert.equal(statusOf('DRIVE_ALREADY_SCANNED'), 409);
  assert.equal(statusOf('ALREADY_CANCELLED'), 409);
  assert.equal(statusOf('JOB_UNKNOWN'), 422);
  assert.equal(statusOf('BAD_INPUT'), 400);
  assert.equal(statusOf('STORE_FULL'), 507);
  assert.equal(statusOf('NOT_A_CODE_OF_THIS_STATION'), 500, "a code past the types is the station's fault");
});

test('every error code has its words in English and in Traditional Chinese', () => {
  for (const code of ERROR_CODES) {
    const key = `err.${code}` as Key;
    const en = DICTS.en[key];
    const zh = DICTS['zh-TW'][key];
    assert.ok(en && en.trim().length > 5, `${code}: English`);
    assert.ok(zh && zh.trim().length > 2, `${code}: Traditional Chinese`);
    assert.notEqual(zh, en, `${code}: zh-TW is not the English copied`);
    assert.match(zh, /[\u4e00-\u9fff]/, `${code}: zh-TW is written in Chinese`);
  }
});

test("a zh-TW screen words a refusal by its code, not the station's English", () => {
  const text = errorText('zh-TW', { code: 'PRINTER_UNREACHABLE', message: 'The printer at 10.0.0.9:9100 does not answer.' });
  assert.equal(text, DICTS['zh-TW']['err.PRINTER_UNREACHABLE']);
});
