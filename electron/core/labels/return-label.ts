// The return label, 4 × 6 in: what the carrier reads (recipient, tracking barcode, carrier account) and what
// the customer reads (job, drives, date). Never a BitLocker key: the data it is drawn from has none.
import { code128, linearOrQr } from './barcode.ts';
import { addressLines, labelDocument, senderLines } from './document.ts';
import { fail } from '../errors.ts';
import { html } from './escape.ts';
import type { LabelFonts } from './fonts.ts';
import { PAGE_SIZES, type ReturnLabelData } from './types.ts';

const CSS = `
.label { position: relative; width: 4in; height: 6in; padding: 0.12in 0.14in; display: flex; flex-direction: column; }
.box { border-bottom: 0.03in solid #000; padding: 0.05in 0; overflow: hidden; }
.box:last-child { border-bottom: 0; }
.tag { font-size: 7.5pt; font-weight: 700; letter-spacing: 0.06em; text-transform: uppercase; }
.from { height: 0.8in; display: grid; grid-template-columns: 0.5in 1fr; font-size: 8.5pt; line-height: 1.18; }
.from .name { font-weight: 700; }
.to { height: 1.52in; display: grid; grid-template-columns: 0.5in 1fr; }
.to .lines { font-size: 13.5pt; line-height: 1.16; }
.to .country { font-weight: 700; }
.to .name { font-size: 16pt; font-weight: 700; line-height: 1.12; }
.to .line, .from .line { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.to .contact { font-size: 9pt; margin-top: 0.03in; }
.carrier { height: 0.5in; display: grid; grid-template-columns: 1fr 1.35in 1.05in; gap: 0.06in; align-items: start; }
.carrier .v { font-size: 11.5pt; font-weight: 700; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.track { height: 1.5in; display: flex; flex-direction: column; align-items: center; }
.track .tag { align-self: flex-start; }
.track .barcode { margin-top: 0.04in; }
.track .human { font-size: 15pt; font-weight: 700; letter-spacing: 0.04em; margin-top: 0.03in; font-variant-numeric: tabular-nums; }
.job { height: 0.72in; display: grid; grid-template-columns: 1fr auto; gap: 0.06in; align-items: center; }
.job .name { font-size: 11pt; font-weight: 700; overflow-wrap: anywhere; line-height: 1.1; }
.drives { flex: 1; font-size: 8pt; line-height: 1.2; }
.drives .count { font-size: 10pt; font-weight: 700; }
.drives ul { list-style: none; margin: 0.03in 0 0; padding: 0; columns: 3; column-gap: 0.08in; }
.drives li { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; font-variant-numeric: tabular-nums; }
.drives.many ul { columns: 4; font-size: 6.5pt; }
`;

export function returnLabelHtml(d: ReturnLabelData, fonts?: LabelFonts): string {
  const tracking = code128(d.trackingNumber, { maxWidthIn: 3.72, heightIn: 0.95, maxDots: 4, minDots: 1 });
  if (!tracking) fail('BAD_INPUT', `The tracking number ${d.trackingNumber} is too long for a Code 128 barcode on a 4-inch label.`);
  const job = linearOrQr(d.jobName, { maxWidthIn: 2.3, heightIn: 0.5, maxDots: 3, minDots: 2, qrMaxIn: 0.74 });
  const line = (s: string) => `<div class="line">${html(s)}</div>`;
  const sender = d.sender;
  const senderContact = [sender.phone, `Station ${d.stationId}`].filter(Boolean).join(' · ');
  const recipientContact = [d.recipient.phone, d.recipient.email].filter(Boolean).join(' · ');
  const many = d.driveIds.length > 12;
  const body = `<main class="label" aria-label="Return label">
<section class="box from"><div class="tag">From</div><div>
<div class="line name">${html(sender.name)}</div>${senderLines(sender).map(line).join('')}<div class="line">${html(senderContact)}</div></div></section>
<section class="box to"><div class="tag">Ship to</div><div class="lines">
<div class="line name">${html(d.recipient.name)}</div>${addressLines({ ...d.recipient, countryOrRegion: '' }).map(line).join('')}
<div class="line country">${html(d.recipient.countryOrRegion)}</div>
<div class="line contact">${html(recipientContact)}</div></div></section>
<section class="box carrier">
<div><div class="tag">Carrier</div><div class="v">${html(d.carrierName)}</div></div>
<div><div class="tag">Account</div><div class="v">${html(d.carrierAccountNumber ?? '—')}</div></div>
<div><div class="tag">Ship date</div><div class="v">${html(d.date)}</div></div>
</section>
<section class="box track"><div class="tag">Return tracking</div>${tracking.svg}<div class="human">${html(d.trackingNumber)}</div></section>
<section class="box job"><div><div class="tag">Job</div><div class="name">${html(d.jobName)}</div></div>${job.svg}</section>
<section class="box drives${many ? ' many' : ''}"><div class="count">${d.driveIds.length} ${d.driveIds.length === 1 ? 'drive' : 'drives'}</div>
<ul>${d.driveIds.map((s) => `<li>${html(s)}</li>`).join('')}</ul></section>
</main>`;
  return labelDocument({ title: `Return label ${d.trackingNumber} · ${d.jobName}`, size: PAGE_SIZES.return, css: CSS, body, ...(fonts ? { fonts } : {}) });
}
