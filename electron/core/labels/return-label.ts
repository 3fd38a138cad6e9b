// The return label, 4 × 6 in: what the carrier reads (recipient, tracking barcode, carrier account) and what
// the customer reads (job, drives, date). Never a BitLocker key: the data it is drawn from has none.
// Held drives go back on the same label; when they belong to no job, a line says so where the job would be.
import { code128, linearOrQr } from './barcode.ts';
import { addressLines, fitPt, labelDocument, senderLines } from './document.ts';
import { fail } from '../errors.ts';
import { html } from './escape.ts';
import type { LabelFonts } from './fonts.ts';
import { NO_JOB_LINE, PAGE_SIZES, type HeldReturnLabelData, type ReturnLabelData } from './types.ts';

const CSS = `
.label { position: relative; width: 4in; height: 6in; padding: 0.12in 0.14in; display: flex; flex-direction: column; }
.box { border-bottom: 0.03in solid #000; padding: 0.05in 0; overflow: hidden; flex: none; }
.box:last-child { border-bottom: 0; }
.tag { font-size: 7.5pt; font-weight: 700; letter-spacing: 0.06em; text-transform: uppercase; }
.from { height: 0.74in; display: grid; grid-template-columns: 0.5in 1fr; font-size: 8.5pt; line-height: 1.18; }
.from .name { font-weight: 700; }
.to { height: 1.52in; display: grid; grid-template-columns: 0.5in 1fr; }
.to .lines { line-height: 1.16; }
.to .country { font-weight: 700; }
.to .name { font-weight: 700; line-height: 1.12; }
.line { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
/* an address is never cut: what cannot fit at the smallest size wraps */
.to .line { white-space: normal; overflow-wrap: anywhere; text-overflow: clip; }
.to .contact { margin-top: 0.03in; }
.carrier { height: 0.5in; display: grid; grid-template-columns: 1fr 1.35in 1.05in; gap: 0.06in; align-items: start; }
.carrier .v { font-size: 11.5pt; font-weight: 700; }
.track { height: 1.42in; display: flex; flex-direction: column; align-items: center; }
.track .tag { align-self: flex-start; }
.track .barcode { margin-top: 0.03in; }
.track .human { font-size: 15pt; font-weight: 700; letter-spacing: 0.04em; margin-top: 0.02in; font-variant-numeric: tabular-nums; line-height: 1.2; }
.job { height: 0.8in; }
.job .head { display: flex; align-items: baseline; gap: 0.08in; }
.job .name { font-weight: 700; line-height: 1.15; }
.job .code { display: flex; justify-content: center; margin-top: 0.03in; }
.job.qr { display: grid; grid-template-columns: 1fr auto; align-items: center; gap: 0.06in; }
.job.qr .head { display: block; }
.job.qr .tag { display: block; }
.job.qr .name { overflow-wrap: anywhere; white-space: normal; }
.job .nojob { font-size: 12pt; font-weight: 700; margin-top: 0.1in; text-align: center; border: 0.02in solid #000; padding: 0.06in 0; }
.drives { flex: 1 1 auto; min-height: 0; font-size: 8pt; line-height: 1.2; }
.drives .count { font-size: 10pt; font-weight: 700; }
.drives ul { list-style: none; margin: 0.02in 0 0; padding: 0; column-gap: 0.1in; }
.drives li { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; font-variant-numeric: tabular-nums; }
`;

/** At most this many serials are listed by name; the count always covers them all. */
const MAX_LISTED = 16;

export function returnLabelHtml(d: ReturnLabelData | HeldReturnLabelData, fonts?: LabelFonts): string {
  const tracking = code128(d.trackingNumber, { maxWidthIn: 3.72, heightIn: 0.9, maxDots: 4, minDots: 1 });
  if (!tracking) fail('BAD_INPUT', `The tracking number ${d.trackingNumber} is too long for a Code 128 barcode on a 4-inch label.`);
  // the job across the label in Code 128 when it fits at a printable module, else a QR code beside its name
  const jobLinear = d.jobName === null ? null : code128(d.jobName, { maxWidthIn: 3.72, heightIn: 0.42, maxDots: 3, minDots: 2 });
  const jobCode = d.jobName === null ? null : (jobLinear ?? linearOrQr(d.jobName, { maxWidthIn: 0, heightIn: 0, qrMaxIn: 0.66 }));
  const line = (s: string, cls = 'line') => `<div class="${cls}">${html(s)}</div>`;
  const sender = d.sender;
  const senderContact = [sender.phone, `Station ${d.stationId}`].filter(Boolean).join(' · ');
  const recipientContact = [d.recipient.phone, d.recipient.email].filter(Boolean).join(' · ');
  const toLines = addressLines({ ...d.recipient, countryOrRegion: '' });
  const textIn = 3.72 - 0.5;
  const namePt = fitPt([d.recipient.name], textIn, 16, 8, true);
  const linesPt = fitPt([...toLines, d.recipient.countryOrRegion], textIn, 13.5, 7.5);
  const contactPt = fitPt([recipientContact], textIn, 9, 6);
  const jobPt = fitPt([d.jobName ?? ''], jobLinear ? 3.72 - 0.4 : 2.9, 11, 7, true);
  const held = d.kind === 'held-return';
  const count = `${d.driveIds.length} ${held ? 'held ' : ''}${d.driveIds.length === 1 ? 'drive' : 'drives'}`;
  const jobBox =
    d.jobName === null
      ? `<section class="box job"><div class="tag">Job</div><div class="nojob">${html(NO_JOB_LINE)}</div></section>`
      : `<section class="box job${jobLinear ? '' : ' qr'}"><div class="head"><span class="tag">Job</span><span class="name line" style="font-size:${jobPt}pt">${html(d.jobName)}</span></div>
${jobLinear ? `<div class="code">${jobLinear.svg}</div>` : jobCode!.svg}</section>`;
  // serials in as many columns as the count needs, at a size that shows each serial whole
  const cols = d.driveIds.length <= 6 ? 2 : d.driveIds.length <= 12 ? 3 : 4;
  const serialPt = fitPt(d.driveIds, 3.72 / cols - 0.12, 8, 5.5);
  const listed =
    d.driveIds.length > MAX_LISTED ? [...d.driveIds.slice(0, MAX_LISTED - 1), `+${d.driveIds.length - MAX_LISTED + 1} more`] : d.driveIds;
  const body = `<main class="label" aria-label="Return label">
<section class="box from"><div class="tag">From</div><div>
${line(sender.name, 'line name')}${senderLines(sender)
    .map((l) => line(l))
    .join('')}${line(senderContact)}</div></section>
<section class="box to"><div class="tag">Ship to</div><div class="lines">
<div class="line name" style="font-size:${namePt}pt">${html(d.recipient.name)}</div>
<div style="font-size:${linesPt}pt">${toLines.map((l) => line(l)).join('')}${line(d.recipient.countryOrRegion, 'line country')}</div>
<div class="line contact" style="font-size:${contactPt}pt">${html(recipientContact)}</div></div></section>
<section class="box carrier">
<div><div class="tag">Carrier</div><div class="v line">${html(d.carrierName)}</div></div>
<div><div class="tag">Account</div><div class="v line">${html(d.carrierAccountNumber ?? '—')}</div></div>
<div><div class="tag">Ship date</div><div class="v line">${html(d.date)}</div></div>
</section>
<section class="box track"><div class="tag">Return tracking</div>${tracking.svg}<div class="human">${html(d.trackingNumber)}</div></section>
${jobBox}
<section class="box drives"><div class="count">${count}</div>
<ul style="columns:${cols};font-size:${serialPt}pt">${listed.map((s) => `<li>${html(s)}</li>`).join('')}</ul></section>
</main>`;
  const title = held
    ? `Return label of held drives ${d.trackingNumber} · ${d.jobName ?? 'no job'}`
    : `Return label ${d.trackingNumber} · ${d.jobName}`;
  return labelDocument({ title, size: PAGE_SIZES[d.kind], css: CSS, body, ...(fonts ? { fonts } : {}) });
}
