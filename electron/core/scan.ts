// What a scanner (or a person typing) hands us, made into a serial or tracking number, or refused clearly.
import { fail } from './errors.ts';

export const MAX_SCAN_LENGTH = 64;
const GS = '\u001d';
const ALLOWED = /^[A-Z0-9][A-Z0-9._/-]*$/;

/**
 * Normalises a scanned code: surrounding whitespace (a scanner's suffix) is dropped and letters are upper
 * case, since serials and tracking numbers are printed upper case and a lower-case scan is the same code.
 * Only printable ASCII is upper-cased: anything else that is odd is refused, naming what was wrong, rather
 * than guessed at.
 */
export function normalizeCode(raw: unknown, what: 'drive serial' | 'tracking number' = 'drive serial'): string {
  if (typeof raw !== 'string') fail('BAD_INPUT', `The ${what} must be text.`);
  const trimmed = raw.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  if (trimmed === '') fail('SCAN_EMPTY', `The scan was empty: scan the ${what} again.`);
  if (trimmed.includes(GS)) {
    fail(
      'SCAN_BAD_CHARACTERS',
      `The scan holds a GS separator (ASCII 29): this is a multi-field barcode, not a ${what}. Scan the ${what} barcode alone.`,
    );
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(trimmed)) {
    fail('SCAN_BAD_CHARACTERS', `The scan holds control characters: scan the ${what} again or type it.`);
  }
  // Checked before upper-casing: 'ß'.toUpperCase() is 'SS' and 'ﬁ' is 'FI', so an upper-cased check would
  // record a code nobody scanned. Barcodes carry plain ASCII; anything else is the keyboard layout talking.
  const foreign = /[^\u0020-\u007e]/u.exec(trimmed);
  if (foreign) {
    const ch = foreign[0];
    const hex = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    fail(
      'SCAN_NOT_ASCII',
      `The scan holds "${ch}" (U+${hex}), which no ${what} has: barcodes carry plain ASCII, so the scanner ` +
        "types for another keyboard layout than this PC's (a US-layout scanner on a German-layout PC types - as ß). " +
        `Set the scanner to this PC's keyboard layout, or type the ${what}.`,
      { character: ch, codePoint: `U+${hex}` },
    );
  }
  if (trimmed.length > MAX_SCAN_LENGTH) {
    fail('SCAN_TOO_LONG', `The scan is ${trimmed.length} characters long; a ${what} has at most ${MAX_SCAN_LENGTH}.`);
  }
  const code = trimmed.toUpperCase();
  if (/\s/.test(code)) fail('SCAN_BAD_CHARACTERS', `A ${what} has no spaces: "${trimmed}" is not one.`);
  if (!ALLOWED.test(code)) {
    fail('SCAN_BAD_CHARACTERS', `"${trimmed}" is not a ${what}: only letters, digits and . _ / - are used.`);
  }
  return code;
}

/** Upper case for ASCII letters only: a lookup never turns 'ß' into 'SS' and finds a code nobody scanned. */
export const upperAscii = (code: string): string => code.replace(/[a-z]+/g, (s) => s.toUpperCase());

/** … are the trackings of several jobs sharing the box X. */
export function trackingBase(tracking: string): string | null {
  const m = /^(.+)-\d{1,3}$/.exec(tracking);
  return m ? m[1]! : null;
}
