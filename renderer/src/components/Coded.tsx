// Serials, tracking numbers, job names and badges inside a sentence never break across lines: "WD-" at the end of
// one line and "F2" on the next is read as two codes, or typed wrong. The message stays one string (every
// language's own word order, and the same text for screen readers and tests); the codes it names are wrapped in
// an unbreakable span where they occur in it.
import { Fragment } from 'react';

/** A code longer than this may break: kept whole it would run out of a narrow window. */
const LONGEST_KEPT_WHOLE = 32;

/** Every code-like string in what a message was made from (its parameters, the error's detail, the scan). */
export function codesIn(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') {
    const s = value.trim();
    if (s.length >= 2 && s.length <= LONGEST_KEPT_WHOLE && !/\s/.test(s) && /[A-Za-z0-9]/.test(s)) out.add(s);
  } else if (Array.isArray(value)) {
    for (const v of value) codesIn(v, out);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) codesIn(v, out);
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text with each of the codes it contains (any case) kept on one line. */
export function Coded({ text, codes }: { text: string; codes: Iterable<string> }) {
  const list = [...codes].sort((a, b) => b.length - a.length);
  if (!list.length) return <>{text}</>;
  const parts = text.split(new RegExp(`(${list.map(escape).join('|')})`, 'gi'));
  return (
    <>
      {parts.map((p, i) =>
        i % 2 === 1 ? (
          <span key={i} className="code-nb" data-code-nb="">
            {p}
          </span>
        ) : (
          <Fragment key={i}>{p}</Fragment>
        ),
      )}
    </>
  );
}
