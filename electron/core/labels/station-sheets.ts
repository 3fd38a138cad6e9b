// The station's own printouts: the sheet of operators' badges (cut out, or copied onto badge cards) and the
// test label a supervisor prints when setting up a printer. Drawn like every label: the bundled font, bwip-js
// barcodes sized in printer dots, nothing loaded from outside.
import { PRINTER_DPI, code128Modules, fitDots, linearOrQr } from './barcode.ts';
import { labelDocument, senderLines } from './document.ts';
import { html } from './escape.ts';
import type { LabelFonts } from './fonts.ts';
import type { PageSize } from './types.ts';
import { DEFAULT_ZPL_UNICODE_FONT, ZplWriter } from './zpl.ts';

/** A4, the paper every office printer near a dock has. */
export const BADGE_SHEET_SIZE: PageSize = { widthIn: 210 / 25.4, heightIn: 297 / 25.4 };
/** Ten badges a page: two columns of five ID-card sized (85.6 × 54 mm) boxes. */
const PER_PAGE = 10;

export interface BadgeEntry {
  name: string;
  badge: string;
  supervisor: boolean;
}

const SHEET_CSS = `
.page { width: 210mm; height: 297mm; padding: 12mm 16mm; display: grid; grid-template-columns: 85.6mm 85.6mm;
  grid-auto-rows: 54mm; gap: 0 6.8mm; align-content: start; break-after: page; }
.page:last-child { break-after: auto; }
.badge { border: 0.2mm dashed #666; padding: 3mm 4mm; display: flex; flex-direction: column; overflow: hidden; }
.dock { font-size: 7pt; letter-spacing: 0.04em; text-transform: uppercase; }
.name { font-size: 15pt; font-weight: 700; line-height: 1.15; margin-top: 1mm; overflow-wrap: anywhere; }
.role { font-size: 8pt; font-weight: 700; border: 0.3mm solid #000; align-self: flex-start; padding: 0 1.5mm; margin-top: 0.5mm; }
.code { margin-top: auto; display: flex; flex-direction: column; align-items: center; }
.human { font-size: 9pt; font-weight: 700; letter-spacing: 0.05em; }
`;

/** One page per ten badges; each badge shows the operator's name and their badge code as Code 128. */
export function badgeSheetHtml(entries: readonly BadgeEntry[], dockName: string, fonts?: LabelFonts): string {
  const pages: string[] = [];
  for (let i = 0; i < entries.length; i += PER_PAGE) {
    const cards = entries
      .slice(i, i + PER_PAGE)
      .map((e) => {
        const code = linearOrQr(e.badge, { maxWidthIn: 3.0, heightIn: 0.5, maxDots: 3, minDots: 2, qrMaxIn: 0.9 });
        return (
          `<section class="badge" aria-label="Badge of ${html(e.name)}"><div class="dock">${html(dockName)}</div>` +
          `<div class="name">${html(e.name)}</div>${e.supervisor ? '<div class="role">SUPERVISOR</div>' : ''}` +
          `<div class="code">${code.svg}<div class="human">${html(e.badge)}</div></div></section>`
        );
      })
      .join('');
    pages.push(`<div class="page">${cards}</div>`);
  }
  return labelDocument({
    title: `Operator badges — ${dockName}`,
    size: BADGE_SHEET_SIZE,
    css: SHEET_CSS,
    body: pages.join(''),
    flow: true,
    ...(fonts ? { fonts } : {}),
  });
}

/** The label sizes a station can be set to, in inches. */
export const TEST_LABEL_SIZES: Record<'4x6' | '4x4' | '2x1', PageSize> = {
  '4x6': { widthIn: 4, heightIn: 6 },
  '4x4': { widthIn: 4, heightIn: 4 },
  '2x1': { widthIn: 2, heightIn: 1 },
};

export interface TestLabelData {
  dockName: string;
  sender: {
    streetAddress1: string;
    streetAddress2?: string | undefined;
    city: string;
    stateOrProvince?: string | undefined;
    postalCode: string;
    countryOrRegion: string;
  };
  stationId: string;
  /** When it was printed, as the station's local time. */
  at: string;
  size: '4x6' | '4x4' | '2x1';
}

/** What a test label's barcode reads: scanned back, it proves the printer prints bars a scanner can read. */
export const testLabelCode = (stationId: string): string => `TEST-${stationId}`.toUpperCase();

export function testLabelHtml(d: TestLabelData, fonts?: LabelFonts): string {
  const size = TEST_LABEL_SIZES[d.size];
  const small = d.size === '2x1';
  const bar = linearOrQr(testLabelCode(d.stationId), {
    maxWidthIn: size.widthIn - 0.2,
    heightIn: small ? 0.35 : 0.7,
    maxDots: 3,
    minDots: 1,
    qrMaxIn: 0.5,
  });
  const css = `.t { width: ${size.widthIn}in; height: ${size.heightIn}in; padding: ${small ? '0.04in 0.06in' : '0.2in'};
    display: flex; flex-direction: column; gap: ${small ? '0' : '0.08in'}; }
.h { font-size: ${small ? 8 : 22}pt; font-weight: 700; }
.l { font-size: ${small ? 6 : 11}pt; }
.c { display: flex; justify-content: center; margin-top: auto; }`;
  const lines = small ? [] : [d.dockName, ...senderLines(d.sender), `Station ${d.stationId}`, d.at];
  const body =
    `<main class="t" aria-label="Test label"><div class="h">TEST LABEL ${small ? html(d.stationId) : ''}</div>` +
    lines.map((l) => `<div class="l">${html(l)}</div>`).join('') +
    `<div class="c">${bar.svg}</div></main>`;
  return labelDocument({ title: `Test label ${d.stationId}`, size, css, body, ...(fonts ? { fonts } : {}) });
}

export function testLabelZpl(d: TestLabelData, unicodeFont = DEFAULT_ZPL_UNICODE_FONT): string {
  const size = TEST_LABEL_SIZES[d.size];
  const z = new ZplWriter(size, unicodeFont);
  const W = Math.round(size.widthIn * PRINTER_DPI) - 40;
  const code = testLabelCode(d.stationId);
  const small = d.size === '2x1';
  z.text(20, small ? 8 : 30, small ? 24 : 50, 'TEST LABEL', W);
  let y = small ? 34 : 100;
  if (!small) {
    for (const l of [d.dockName, ...senderLines(d.sender), `Station ${d.stationId}`, d.at]) {
      z.text(20, y, 28, l, W);
      y += 36;
    }
    y += 20;
  }
  const modules = code128Modules(code);
  const m = fitDots(modules, W / PRINTER_DPI, 1, 3);
  if (m) z.code128(20 + Math.floor((W - modules * m) / 2), y, m, small ? 120 : 140, code);
  return z.end();
}
