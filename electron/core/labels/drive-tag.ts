// The drive tag, 3 × 2 in, stuck on every received, extra or held drive: the serial to scan, the job it
// belongs to (also as a barcode), its state and the date.
import { code128, linearOrQr } from './barcode.ts';
import { labelDocument } from './document.ts';
import { html } from './escape.ts';
import type { LabelFonts } from './fonts.ts';
import { PAGE_SIZES, type DriveTagData } from './types.ts';

const CSS = `
.tag-label { width: 3in; height: 2in; padding: 0.07in 0.1in; display: flex; flex-direction: column; }
.k { font-size: 6pt; font-weight: 700; letter-spacing: 0.06em; text-transform: uppercase; }
.serial { display: flex; flex-direction: column; align-items: center; }
.serial .human { font-size: 11pt; font-weight: 700; letter-spacing: 0.03em; line-height: 1.1; }
.row { display: grid; grid-template-columns: 1fr auto; align-items: center; gap: 0.05in; margin-top: 0.03in; border-top: 0.02in solid #000; padding-top: 0.03in; }
.job { font-size: 9pt; font-weight: 700; overflow-wrap: anywhere; line-height: 1.1; }
.jobcode { display: flex; justify-content: center; margin-top: 0.02in; }
.meta { display: flex; justify-content: space-between; font-size: 7pt; margin-top: auto; }
.state { font-weight: 700; }
.note { font-size: 7pt; font-weight: 700; }
`;

export function driveTagHtml(d: DriveTagData, fonts?: LabelFonts): string {
  const serial = linearOrQr(d.driveId, { maxWidthIn: 2.8, heightIn: 0.48, maxDots: 3, minDots: 2, qrMaxIn: 0.8 });
  // the job as Code 128 across the tag when it fits, else as a QR code beside the name
  const jobLinear = d.jobName ? code128(d.jobName, { maxWidthIn: 2.8, heightIn: 0.3, maxDots: 2, minDots: 2 }) : null;
  const jobQr = d.jobName && !jobLinear ? linearOrQr(d.jobName, { maxWidthIn: 0, heightIn: 0.3, qrMaxIn: 0.62 }) : null;
  const body = `<main class="tag-label" aria-label="Drive tag">
<div class="serial"><div class="k" style="align-self:flex-start">Drive serial</div>${serial.svg}<div class="human">${html(d.driveId)}</div></div>
<div class="row"><div><div class="k">Job</div><div class="job">${html(d.jobName ?? 'No job on record')}</div>${d.note ? `<div class="note">${html(d.note)}</div>` : ''}</div>${jobQr ? jobQr.svg : ''}</div>
${jobLinear ? `<div class="jobcode">${jobLinear.svg}</div>` : ''}
<div class="meta"><span>State <span class="state">${html(d.state)}</span></span><span>${html(d.date)}</span><span>${html(d.stationId)}</span></div>
</main>`;
  return labelDocument({ title: `Drive tag ${d.driveId}`, size: PAGE_SIZES['drive-tag'], css: CSS, body, ...(fonts ? { fonts } : {}) });
}
