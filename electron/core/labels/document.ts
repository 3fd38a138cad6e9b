// The HTML document every label is drawn in: exact page size, no margins, only the bundled font, and a
// Content-Security-Policy that lets nothing load from outside (labels print offline).
import { html } from './escape.ts';
import { LABEL_FONT_FAMILY, labelFonts, type LabelFonts } from './fonts.ts';
import type { PageSize } from './types.ts';

export interface DocumentParts {
  title: string;
  size: PageSize;
  css: string;
  body: string;
  lang?: string;
  fonts?: LabelFonts;
  /** A document that may run onto more pages (the certificate); a label is exactly one page. */
  flow?: boolean;
}

const CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:";

export function labelDocument(p: DocumentParts): string {
  const fonts = p.fonts ?? labelFonts();
  const w = `${p.size.widthIn}in`;
  const h = `${p.size.heightIn}in`;
  return `<!doctype html>
<html lang="${html(p.lang ?? 'en')}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>${html(p.title)}</title>
<style>
${fonts.css(p.title + p.body)}
@page { size: ${w} ${h}; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; width: ${w}; ${p.flow ? '' : `height: ${h}; overflow: hidden; `}background: #fff; color: #000;
  font-family: '${LABEL_FONT_FAMILY}', sans-serif; -webkit-print-color-adjust: exact; print-color-adjust: exact;
  font-kerning: normal; text-rendering: geometricPrecision; }
.barcode { display: block; }
${p.css}
</style></head>
<body>${p.body}</body></html>
`;
}

/** Address lines as a carrier reads them: name, street, street 2, city / state / postal code, country. */
export function addressLines(a: {
  name: string;
  streetAddress1: string;
  streetAddress2?: string;
  city: string;
  stateOrProvince?: string;
  postalCode: string;
  countryOrRegion: string;
}): string[] {
  const cityLine = [a.city, a.stateOrProvince, a.postalCode]
    .map((s) => (s ?? '').trim())
    .filter(Boolean)
    .join(' ');
  return [a.streetAddress1, a.streetAddress2 ?? '', cityLine, a.countryOrRegion].map((s) => s.trim()).filter(Boolean);
}

/** A sender in two lines: street (with street 2), then city, state, postal code and country. */
export function senderLines(a: {
  streetAddress1: string;
  streetAddress2?: string;
  city: string;
  stateOrProvince?: string;
  postalCode: string;
  countryOrRegion: string;
}): string[] {
  const street = [a.streetAddress1, a.streetAddress2]
    .map((x) => x?.trim())
    .filter(Boolean)
    .join(', ');
  const city = [
    [a.city, a.stateOrProvince, a.postalCode]
      .map((x) => x?.trim())
      .filter(Boolean)
      .join(' '),
    a.countryOrRegion.trim(),
  ]
    .filter(Boolean)
    .join(', ');
  return [street, city].filter(Boolean);
}

/**
 * The largest font size (pt), from `maxPt` down to `minPt`, at which the longest of `lines` fits `widthIn` on
 * one line, judged from character classes of Noto Sans (a CJK character is 1 em; Latin letters about half).
 * Labels have fixed boxes: a long name is set smaller rather than cut or wrapped over the next line.
 */
export function fitPt(lines: readonly string[], widthIn: number, maxPt: number, minPt: number, bold = false): number {
  const em = (s: string) => {
    let w = 0;
    for (const ch of s) {
      const c = ch.codePointAt(0)!;
      if (c >= 0x2e80) w += 1;
      else if (ch === ' ') w += 0.26;
      else if (/[A-Z0-9@%&MW#]/.test(ch)) w += 0.64;
      else if (/[iljtf.,:;'|!()[\]-]/.test(ch)) w += 0.3;
      else w += 0.55;
    }
    return w * (bold ? 1.06 : 1);
  };
  const widest = Math.max(0.01, ...lines.map(em));
  const pt = Math.floor(((widthIn * 72) / widest) * 2) / 2;
  return Math.max(minPt, Math.min(maxPt, pt));
}
