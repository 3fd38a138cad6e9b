// Labels as documents: HTML (for PDF and for printing) and ZPL (for thermal printers). Pure: no Electron,
// no browser. Turning HTML into PDF or paper is the job of electron/labels (Node) or electron/print.ts.
import { fail } from '../errors.ts';
import type { Intake } from '../intake.ts';
import { labelData, type LabelRequest, type LabelSettings } from './data.ts';
import { destructionCertificateHtml } from './destruction-certificate.ts';
import { driveTagHtml } from './drive-tag.ts';
import type { LabelFonts } from './fonts.ts';
import { returnLabelHtml } from './return-label.ts';
import { PAGE_SIZES, type LabelData, type LabelFormat, type PageSize } from './types.ts';
import { driveTagZpl, returnLabelZpl, type ZplOptions } from './zpl.ts';

export * from './types.ts';
export type { LabelRequest, LabelSettings } from './data.ts';
export { labelData, heldReturnLabelData } from './data.ts';
export { returnLabelHtml } from './return-label.ts';
export { driveTagHtml } from './drive-tag.ts';
export { destructionCertificateHtml } from './destruction-certificate.ts';
export { returnLabelZpl, driveTagZpl, DEFAULT_ZPL_UNICODE_FONT } from './zpl.ts';

export function labelHtml(d: LabelData, fonts?: LabelFonts): string {
  switch (d.kind) {
    case 'return':
    case 'held-return':
      return returnLabelHtml(d, fonts);
    case 'drive-tag':
      return driveTagHtml(d, fonts);
    case 'destruction':
      return destructionCertificateHtml(d, fonts);
  }
}

export function labelZpl(d: LabelData, o?: ZplOptions): string {
  switch (d.kind) {
    case 'return':
    case 'held-return':
      return returnLabelZpl(d, o);
    case 'drive-tag':
      return driveTagZpl(d, o);
    case 'destruction':
      return fail('BAD_INPUT', 'A destruction certificate is a document, not a thermal label: print it as PDF.');
  }
}

/** A file name that says what the label is, safe on every file system. */
export function labelFilename(d: LabelData, format: LabelFormat): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);
  const base =
    d.kind === 'return'
      ? `return-label-${d.jobName}-${d.trackingNumber}`
      : d.kind === 'held-return'
        ? `held-return-label-${d.jobName ?? 'no-job'}-${d.trackingNumber}`
        : d.kind === 'drive-tag'
          ? `drive-tag-${d.driveId}`
          : `destruction-certificate-${d.jobName ?? d.driveIds[0] ?? 'drives'}-${d.at.slice(0, 10)}`;
  return `${safe(base)}.${format}`;
}

export const MIME_TYPES: Record<LabelFormat, string> = {
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  zpl: 'application/vnd.zebra-zpl',
};

export interface LabelDocument {
  data: LabelData;
  size: PageSize;
  filename: string;
  /** Present for pdf and html. */
  html?: string;
  /** Present for zpl. */
  zpl?: string;
}

/** Reads the records and draws the label; the caller turns `html` into PDF when `format` is pdf. */
export function renderLabel(
  intake: Intake,
  settings: LabelSettings,
  req: LabelRequest,
  format: LabelFormat,
  o: ZplOptions & { fonts?: LabelFonts } = {},
): LabelDocument {
  const data = labelData(intake, settings, req);
  const filename = labelFilename(data, format);
  const size = PAGE_SIZES[data.kind];
  if (format === 'zpl') return { data, size, filename, zpl: labelZpl(data, o) };
  return { data, size, filename, html: labelHtml(data, o.fonts) };
}
