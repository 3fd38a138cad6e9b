// Barcodes drawn by bwip-js as SVG, sized in whole printer dots so a 203 dpi thermal printer (and a
// rasteriser at the same resolution) draws every bar the same width. Quiet zones are part of the box.
import bwipjs from 'bwip-js';
import { fail } from '../errors.ts';

export const PRINTER_DPI = 203;
/** Code 128 needs at least 10 modules of white on each side. */
export const QUIET_MODULES = 10;

export interface BarcodeSvg {
  /** An `<svg>` element sized in inches, quiet zones included. */
  svg: string;
  symbology: 'code128' | 'qrcode';
  /** Outer size in inches, quiet zones included. */
  widthIn: number;
  heightIn: number;
  /** Dots per module at PRINTER_DPI. */
  dotsPerModule: number;
  /** Modules across the symbol itself (no quiet zone). */
  modules: number;
}

const cache = new Map<string, { inner: string; w: number; h: number }>();

function draw(bcid: 'code128' | 'qrcode', text: string): { inner: string; w: number; h: number } {
  const key = `${bcid}\u0000${text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  // QR: error correction level M, a fair trade of size and damage tolerance for a label (eclevel is passed to BWIPP as is)
  const svg = bwipjs.toSVG(
    bcid === 'qrcode' ? ({ bcid, text, scale: 1, eclevel: 'M' } as bwipjs.RenderOptions) : { bcid, text, scale: 1, height: 10 },
  );
  const m = /^<svg viewBox="0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)"[^>]*>([\s\S]*)<\/svg>\s*$/.exec(svg);
  if (!m) throw new Error('bwip-js returned an SVG of an unexpected shape');
  const out = { inner: m[3]!, w: Number(m[1]), h: Number(m[2]) };
  if (cache.size > 500) cache.clear();
  cache.set(key, out);
  return out;
}

/** How many modules wide a Code 128 symbol of this text is (bwip-js picks the shortest code sets). */
export function code128Modules(text: string): number {
  return draw('code128', text).w;
}

export interface Code128Options {
  /** The widest the barcode may be, quiet zones included. */
  maxWidthIn: number;
  /** Bar height. */
  heightIn: number;
  /** Widest module wanted, in printer dots (wider is easier to scan, up to a point). */
  maxDots?: number;
  /** Narrowest acceptable module: below this, a 203 dpi printer cannot print it reliably. */
  minDots?: number;
}

/** The largest whole number of dots per module that fits, or 0 when even `minDots` does not fit. */
export function fitDots(modules: number, maxWidthIn: number, minDots = 2, maxDots = 4): number {
  const dots = Math.min(maxDots, Math.floor((maxWidthIn * PRINTER_DPI) / (modules + 2 * QUIET_MODULES)));
  return dots >= minDots ? dots : 0;
}

/** A Code 128 barcode of `text`, or null when it cannot fit at `minDots` per module. */
export function code128(text: string, o: Code128Options): BarcodeSvg | null {
  const d = draw('code128', text);
  const dots = fitDots(d.w, o.maxWidthIn, o.minDots ?? 2, o.maxDots ?? 4);
  if (!dots) return null;
  const moduleIn = dots / PRINTER_DPI;
  const widthIn = (d.w + 2 * QUIET_MODULES) * moduleIn;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" class="barcode" role="img" aria-label="Code 128 ${attr(text)}"` +
    ` width="${inch(widthIn)}" height="${inch(o.heightIn)}" viewBox="${-QUIET_MODULES} 0 ${d.w + 2 * QUIET_MODULES} ${d.h}" preserveAspectRatio="none"` +
    ` shape-rendering="crispEdges"><rect x="${-QUIET_MODULES}" y="0" width="${d.w + 2 * QUIET_MODULES}" height="${d.h}" fill="#fff"/>${d.inner}</svg>`;
  return { svg, symbology: 'code128', widthIn, heightIn: o.heightIn, dotsPerModule: dots, modules: d.w };
}

/** A QR code of `text` that fits a square of `maxSizeIn` (a 4-module quiet zone included). */
export function qrcode(text: string, maxSizeIn: number, minDots = 2): BarcodeSvg | null {
  const d = draw('qrcode', text);
  // bwip-js draws a QR module as 2 units at scale 1
  const modules = d.w / 2;
  const dots = Math.min(6, Math.floor((maxSizeIn * PRINTER_DPI) / (modules + 8)));
  if (dots < minDots) return null;
  const sizeIn = ((modules + 8) * dots) / PRINTER_DPI;
  const q = 8; // 4 modules of 2 units
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" class="barcode" role="img" aria-label="QR ${attr(text)}"` +
    ` width="${inch(sizeIn)}" height="${inch(sizeIn)}" viewBox="${-q} ${-q} ${d.w + 2 * q} ${d.h + 2 * q}" shape-rendering="crispEdges">` +
    `<rect x="${-q}" y="${-q}" width="${d.w + 2 * q}" height="${d.h + 2 * q}" fill="#fff"/>${d.inner}</svg>`;
  return { svg, symbology: 'qrcode', widthIn: sizeIn, heightIn: sizeIn, dotsPerModule: dots, modules };
}

/**
 * A job name or serial as Code 128 when it fits the width, otherwise as a QR code (a long job name has up to
 * 64 characters, more than a 4-inch label can carry in Code 128 at a printable module width).
 */
export function linearOrQr(text: string, o: Code128Options & { qrMaxIn: number }): BarcodeSvg {
  const linear = code128(text, o);
  if (linear) return linear;
  const qr = qrcode(text, o.qrMaxIn);
  if (qr) return qr;
  fail('BAD_INPUT', `"${text.slice(0, 64)}" is too long for a barcode on this label.`);
}

const inch = (v: number) => `${Number(v.toFixed(4))}in`;
const attr = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
