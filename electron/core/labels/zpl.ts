// ZPL II for thermal label printers at 203 dpi (8 dots/mm). The return label is 4 × 6 in (812 × 1218 dots),
// the drive tag 3 × 2 in (609 × 406 dots). Every field of text is escaped (escape.ts): customer text can
// neither end the label nor send the printer a command.
import { PRINTER_DPI, code128Modules, fitDots } from './barcode.ts';
import { addressLines, senderLines } from './document.ts';
import { fail } from '../errors.ts';
import { needsUnicodeFont, zplField } from './escape.ts';
import { NO_JOB_LINE, PAGE_SIZES, type DriveTagData, type HeldReturnLabelData, type PageSize, type ReturnLabelData } from './types.ts';

export interface ZplOptions {
  /**
   * The printer-resident font used for text beyond ASCII (Chinese addresses): the printer's built-in font 0
   * has Latin letters only. Assigned to font letter U with `^CW`. Zebra's Asian fonts are named like this one.
   */
  unicodeFont?: string;
}

export const DEFAULT_ZPL_UNICODE_FONT = 'E:ANMDJ.TTF';

const dots = (inches: number) => Math.round(inches * PRINTER_DPI);

/**
 * Cuts text to what fits `maxWidth` dots at height `h`, judged conservatively (font 0 is condensed, about
 * 0.55 h per character; a CJK character is about h wide), ending with "..." when cut.
 */
export function fit(value: string, h: number, maxWidth: number): string {
  const width = (ch: string) => (/[\u0020-\u007e]/.test(ch) ? 0.58 * h : h);
  let used = 0;
  const chars = [...value];
  for (let i = 0; i < chars.length; i++) {
    used += width(chars[i]!);
    if (used > maxWidth) {
      let keep = chars.slice(0, i);
      while (keep.length && keep.reduce((a, c) => a + width(c), 0) + 3 * 0.58 * h > maxWidth) keep = keep.slice(0, -1);
      return keep.join('') + '...';
    }
  }
  return value;
}

export class ZplWriter {
  private readonly out: string[] = [];
  constructor(size: PageSize, unicodeFont: string) {
    // ^CI28: field data is UTF-8; ^PW/^LL: the label size in dots; ^LH0,0: origin at the corner
    this.out.push(
      '^XA',
      '^CI28',
      `^PW${dots(size.widthIn)}`,
      `^LL${dots(size.heightIn)}`,
      '^LH0,0',
      `^CWU,${unicodeFont.replace(/[\^~,\s]/g, '')}`,
    );
  }
  /** One line of text at (x, y), `h` dots high, cut short so it stays within `maxWidth` dots. */
  text(x: number, y: number, h: number, value: string, maxWidth: number): this {
    const font = needsUnicodeFont(value) ? `^AUN,${h},${h}` : `^A0N,${h},${Math.round(h * 0.9)}`;
    this.out.push(`^FO${x},${y}${font}^FH_^FD${zplField(fit(value, h, maxWidth))}^FS`);
    return this;
  }
  /** One line centred in `width` dots from x (a one-line field block); for codes, which hold no backslash. */
  centred(x: number, y: number, h: number, code: string, width: number): this {
    this.out.push(
      `^FO${x},${y}^A0N,${h},${Math.round(h * 0.9)}^FB${width},1,0,C,0^FH_^FD${zplField(fit(code.replace(/\\/g, '/'), h, width))}^FS`,
    );
    return this;
  }
  rule(x: number, y: number, w: number, t = 4): this {
    this.out.push(`^FO${x},${y}^GB${w},${t},${t}^FS`);
    return this;
  }
  /** Code 128 (automatic code sets, `^BC...,A`), without the printer's own interpretation line. */
  code128(x: number, y: number, moduleDots: number, h: number, value: string): this {
    this.out.push(`^FO${x},${y}^BY${moduleDots},3,${h}^BCN,${h},N,N,N,A^FH_^FD${zplField(value)}^FS`);
    return this;
  }
  qr(x: number, y: number, magnification: number, value: string): this {
    // ^BQ data: error correction M, automatic input mode ("MA,")
    this.out.push(`^FO${x},${y}^BQN,2,${magnification}^FH_^FDMA,${zplField(value)}^FS`);
    return this;
  }
  end(): string {
    this.out.push('^PQ1', '^XZ');
    return this.out.join('\n') + '\n';
  }
}

/**
 * The job name as Code 128 across the full width under its name when it fits at 2 dots a module or more, else
 * as a QR code at the right of the name (a job name may have 64 characters).
 */
function jobCode(z: ZplWriter, name: string, x0: number, width: number, yBelow: number, h: number, qrRight: number, qrTop: number): void {
  const modules = code128Modules(name);
  const m = fitDots(modules, width / PRINTER_DPI, 2, 3);
  if (m) z.code128(x0 + Math.floor((width - modules * m) / 2), yBelow, m, h, name);
  else z.qr(qrRight, qrTop, 3, name);
}

/** A job's return label, or held drives' (the same layout; a line in place of the job when they have none). */
export function returnLabelZpl(d: ReturnLabelData | HeldReturnLabelData, o: ZplOptions = {}): string {
  const z = new ZplWriter(PAGE_SIZES[d.kind], o.unicodeFont ?? DEFAULT_ZPL_UNICODE_FONT);
  const L = 28; // left margin
  const W = 812 - 2 * L;
  const col = L + 100; // text column after the FROM / TO tags
  let y = 24;
  z.text(L, y, 20, 'FROM', 96);
  z.text(col, y, 24, d.sender.name, W - 100);
  y += 28;
  for (const line of senderLines(d.sender)) {
    z.text(col, y, 22, line, W - 100);
    y += 25;
  }
  z.text(col, y, 22, [d.sender.phone, `Station ${d.stationId}`].filter(Boolean).join('  '), W - 100);
  y = 190;
  z.rule(L, y, W);
  y += 16;
  z.text(L, y, 20, 'SHIP TO', 96);
  z.text(col, y, 40, d.recipient.name, W - 100);
  y += 46;
  for (const line of addressLines(d.recipient)) {
    z.text(col, y, 34, line, W - 100);
    y += 38;
  }
  z.text(col, y + 4, 24, [d.recipient.phone, d.recipient.email].filter(Boolean).join('  '), W - 100);
  y = 520;
  z.rule(L, y, W);
  y += 12;
  z.text(L, y, 20, 'CARRIER', 240)
    .text(L + 260, y, 20, 'ACCOUNT', 280)
    .text(L + 560, y, 20, 'SHIP DATE', 196);
  y += 26;
  z.text(L, y, 34, d.carrierName, 240)
    .text(L + 260, y, 34, d.carrierAccountNumber ?? '-', 280)
    .text(L + 560, y, 30, d.date, 196);
  y = 620;
  z.rule(L, y, W);
  y += 12;
  z.text(L, y, 20, 'RETURN TRACKING', 400);
  y += 30;
  const modules = code128Modules(d.trackingNumber);
  const m = fitDots(modules, W / PRINTER_DPI, 1, 4);
  if (!m) fail('BAD_INPUT', `The tracking number ${d.trackingNumber} is too long for a Code 128 barcode on a 4-inch label.`);
  z.code128(L + Math.floor((W - modules * m) / 2), y, m, 190, d.trackingNumber);
  y += 200;
  z.centred(L, y, 40, d.trackingNumber, W);
  y = 930;
  z.rule(L, y, W);
  y += 12;
  z.text(L, y, 20, 'JOB', 300);
  if (d.jobName === null) {
    z.centred(L, y + 70, 38, NO_JOB_LINE.replace('—', '-'), W);
  } else {
    const qr = fitDots(code128Modules(d.jobName), W / PRINTER_DPI, 2, 3) === 0;
    z.text(L, y + 24, 30, d.jobName, qr ? W - 170 : W);
    jobCode(z, d.jobName, L, W, y + 62, 78, L + W - 150, y);
  }
  y = 1090;
  z.rule(L, y, W);
  y += 12;
  z.text(L, y, 26, `${d.driveIds.length} ${d.kind === 'held-return' ? 'HELD ' : ''}${d.driveIds.length === 1 ? 'DRIVE' : 'DRIVES'}`, W);
  y += 32;
  // three columns of serials, as many rows as fit above the bottom edge
  const colW = Math.floor(W / 3);
  const rows = Math.max(1, Math.floor((1218 - 12 - y) / 22));
  d.driveIds.slice(0, rows * 3).forEach((s, i) => {
    const shown = i === rows * 3 - 1 && d.driveIds.length > rows * 3 ? `+${d.driveIds.length - i} more` : s;
    z.text(L + (i % 3) * colW, y + Math.floor(i / 3) * 22, 20, shown, colW - 8);
  });
  return z.end();
}

export function driveTagZpl(d: DriveTagData, o: ZplOptions = {}): string {
  const z = new ZplWriter(PAGE_SIZES['drive-tag'], o.unicodeFont ?? DEFAULT_ZPL_UNICODE_FONT);
  const L = 20;
  const W = 609 - 2 * L;
  z.text(L, 14, 16, 'DRIVE SERIAL', W);
  const modules = code128Modules(d.driveId);
  const m = fitDots(modules, W / PRINTER_DPI, 1, 3);
  if (m) z.code128(L + Math.floor((W - modules * m) / 2), 36, m, 100, d.driveId);
  else z.qr(L + Math.floor(W / 2) - 60, 36, 3, d.driveId);
  z.centred(L, 142, 30, d.driveId, W);
  z.rule(L, 180, W, 3);
  z.text(L, 192, 16, 'JOB', 60);
  if (d.note) z.text(L + 60, 190, 18, d.note, W - 60);
  const qr = d.jobName !== null && fitDots(code128Modules(d.jobName), W / PRINTER_DPI, 2, 3) === 0;
  z.text(L, 214, 26, d.jobName ?? 'No job on record', qr ? W - 130 : W);
  if (d.jobName) jobCode(z, d.jobName, L, W, 248, 70, L + W - 120, 214);
  z.text(L, 366, 20, `State ${d.state}`, 220)
    .text(L + 230, 366, 20, d.date, 170)
    .text(L + 410, 366, 20, d.stationId, W - 410);
  return z.end();
}
