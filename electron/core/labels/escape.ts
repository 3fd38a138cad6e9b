// Customer text goes onto labels as data, never as markup or printer commands.

/** What labels print: text or a number; null and undefined print as nothing. */
export type LabelText = string | number | null | undefined;

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

// eslint-disable-next-line no-control-regex -- matching control characters is what this pattern is for
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Text for HTML content and attribute values. Control characters are dropped. */
export function html(text: LabelText): string {
  return String(text ?? '')
    .replace(CONTROL, '')
    .replace(/[&<>"']/g, (c) => HTML[c]!);
}

const utf8 = new TextEncoder();

/**
 * Text for a ZPL `^FD` field opened with `^FH_` (hex escapes introduced by `_`), printed under `^CI28` (UTF-8).
 * `^` and `~` start ZPL commands anywhere in the stream, so customer text holding them could end the label
 * or run a printer command: they, the escape character itself, and every non-ASCII character (as its UTF-8
 * bytes) become `_XX` escapes, so the stream sent to the printer is plain ASCII whatever the customer wrote.
 * Control characters and line breaks become spaces: one field is one line.
 */
export function zplField(text: LabelText): string {
  let out = '';
  for (const ch of String(text ?? '')) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) out += ' ';
    else if (c < 0x7f && ch !== '^' && ch !== '~' && ch !== '_') out += ch;
    else for (const b of utf8.encode(ch)) out += `_${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** True when the text needs more than the printer's built-in Latin font. */
export function needsUnicodeFont(text: string): boolean {
  return /[^\u0020-\u007e]/.test(text);
}
