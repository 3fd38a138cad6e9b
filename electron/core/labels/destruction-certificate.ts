// The certificate of secure destruction, an A4 page: which drives, of which job, how, by whom, witnessed by
// whom, when and where, with room for both signatures. Drawn from the custody record of the destruction.
import { code128, linearOrQr } from './barcode.ts';
import { addressLines, labelDocument } from './document.ts';
import { html } from './escape.ts';
import type { LabelFonts } from './fonts.ts';
import { PAGE_SIZES, type DestructionCertificateData } from './types.ts';

const CSS = `
.cert { width: 100%; min-height: 297mm; padding: 0.7in 0.75in; display: flex; flex-direction: column; font-size: 10.5pt; line-height: 1.35; }
.head { display: flex; justify-content: space-between; align-items: flex-start; border-bottom: 0.03in solid #000; padding-bottom: 0.12in; }
.dock { font-size: 9pt; }
.dock .name { font-weight: 700; font-size: 11pt; }
h1 { font-size: 20pt; margin: 0.25in 0 0.05in; }
.sub { font-size: 9.5pt; margin-bottom: 0.2in; }
dl { display: grid; grid-template-columns: 1.5in 1fr; gap: 0.06in 0.15in; margin: 0 0 0.2in; }
dt { font-weight: 700; }
dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; }
tr { break-inside: avoid; }
th, td { border: 0.01in solid #000; padding: 0.05in 0.08in; text-align: left; vertical-align: middle; }
th { font-size: 9pt; }
td.n { width: 0.35in; text-align: right; }
td.serial { font-weight: 700; font-size: 11pt; }
.sign { display: grid; grid-template-columns: 1fr 1fr; gap: 0.5in; margin-top: auto; padding-top: 0.9in; }
.sign div { border-top: 0.01in solid #000; padding-top: 0.05in; font-size: 9pt; }
.foot { font-size: 8pt; margin-top: 0.15in; }
`;

export function destructionCertificateHtml(d: DestructionCertificateData, fonts?: LabelFonts): string {
  const job = d.jobName ? linearOrQr(d.jobName, { maxWidthIn: 3, heightIn: 0.45, maxDots: 3, minDots: 2, qrMaxIn: 1 }) : null;
  const rows = d.driveIds
    .map((s, i) => {
      const b = code128(s, { maxWidthIn: 2.6, heightIn: 0.32, maxDots: 2, minDots: 1 });
      return `<tr><td class="n">${i + 1}</td><td class="serial">${html(s)}</td><td>${b ? b.svg : ''}</td></tr>`;
    })
    .join('');
  const body = `<main class="cert" aria-label="Certificate of secure destruction">
<div class="head"><div class="dock"><div class="name">${html(d.sender.name || d.dockName)}</div>${addressLines(d.sender)
    .map((l) => `<div>${html(l)}</div>`)
    .join('')}</div>
${job ? `<div>${job.svg}</div>` : ''}</div>
<h1>Certificate of Secure Destruction</h1>
<div class="sub">The drives listed below were securely destroyed at this dock. This record is kept in the station's custody log.</div>
<dl>
<dt>Job</dt><dd>${html(d.jobName ?? 'No job on record')}</dd>
<dt>Method</dt><dd>${html(d.method)}</dd>
<dt>Operator</dt><dd>${html(d.operator)}</dd>
<dt>Witness</dt><dd>${html(d.witness)}</dd>
<dt>Date and time</dt><dd>${html(d.at)}</dd>
<dt>Station</dt><dd>${html(d.station)}</dd>
${d.reason ? `<dt>Reason</dt><dd>${html(d.reason)}</dd>` : ''}
<dt>Drives</dt><dd>${d.driveIds.length}</dd>
</dl>
<table><thead><tr><th>#</th><th>Drive serial</th><th>Barcode</th></tr></thead><tbody>${rows}</tbody></table>
<div class="sign"><div>Signature of the operator, ${html(d.operator)}</div><div>Signature of the witness, ${html(d.witness)}</div></div>
<div class="foot">${html(d.dockName)} · ${html(d.station)} · ${html(d.at.slice(0, 10))}</div>
</main>`;
  return labelDocument({
    title: `Certificate of secure destruction · ${d.jobName ?? d.driveIds.join(', ')}`,
    size: PAGE_SIZES.destruction,
    css: CSS,
    body,
    flow: true,
    ...(fonts ? { fonts } : {}),
  });
}
