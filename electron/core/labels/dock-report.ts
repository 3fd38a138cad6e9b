// The daily dock report as a printable A4 document: per day, the counts per operator and the day's total, and
// a bar chart (SVG) of drives received per hour. Same fonts and offline document as the labels.
import type { DockReport, ReportRow } from '../queries/report.ts';
import { labelDocument } from './document.ts';
import { html } from './escape.ts';
import type { LabelFonts } from './fonts.ts';
import type { PageSize } from './types.ts';
import { hourChartSvg } from './hour-chart.ts';

export { hourChartSvg };

export const REPORT_PAGE: PageSize = { widthIn: 210 / 25.4, heightIn: 297 / 25.4 };

const CSS = `
.report { padding: 0.55in 0.6in; font-size: 9.5pt; line-height: 1.3; }
h1 { font-size: 17pt; margin: 0 0 0.04in; }
.sub { font-size: 9pt; margin-bottom: 0.18in; }
section { break-inside: avoid; margin-bottom: 0.3in; }
h2 { font-size: 12.5pt; margin: 0 0 0.08in; border-bottom: 0.02in solid #000; padding-bottom: 0.03in; }
table { border-collapse: collapse; width: 100%; margin-bottom: 0.12in; }
th, td { border: 0.01in solid #555; padding: 0.03in 0.05in; text-align: right; font-variant-numeric: tabular-nums; }
th { font-size: 7.5pt; font-weight: 700; vertical-align: bottom; background: #eee; }
th:first-child, td:first-child { text-align: left; }
tr.total td { font-weight: 700; background: #f4f4f4; }
.chart-title { font-size: 9pt; font-weight: 700; margin: 0.04in 0; }
.foot { font-size: 7.5pt; color: #333; }
`;

const COLUMNS: { head: string; value: (r: ReportRow) => number }[] = [
  { head: 'Boxes received', value: (r) => r.boxes },
  { head: 'Drives received', value: (r) => r.drives.received },
  { head: 'Extra', value: (r) => r.drives.extra },
  { head: 'Held', value: (r) => r.drives.held },
  { head: 'Never received', value: (r) => r.drives.neverReceived },
  { head: 'Copied', value: (r) => r.drives.copied },
  { head: 'Faulted', value: (r) => r.drives.faulted },
  { head: 'Shipped back', value: (r) => r.drives.shippedBack },
  { head: 'Destroyed', value: (r) => r.drives.destroyed },
  { head: 'Scans undone', value: (r) => r.drives.undone },
  { head: 'Exceptions opened', value: (r) => r.exceptionsOpened },
  { head: 'Exceptions closed', value: (r) => r.exceptionsClosed },
  { head: 'Shipments out', value: (r) => r.shipments },
];

export function dockReportHtml(r: DockReport, o: { dockName: string; station: string; generatedAt: string; fonts?: LabelFonts }): string {
  const sections = r.hours
    .map(({ day, counts }) => {
      const rows = r.rows.filter((x) => x.day === day);
      const body = rows
        .map(
          (x) =>
            `<tr${x.operator === null ? ' class="total"' : ''}><td>${html(x.operator ?? 'All operators')}</td>` +
            `${COLUMNS.map((c) => `<td>${c.value(x)}</td>`).join('')}</tr>`,
        )
        .join('');
      const total = counts.reduce((a, b) => a + b, 0);
      return `<section data-day="${html(day)}"><h2>${html(day)}</h2>
<table><thead><tr><th>Operator</th>${COLUMNS.map((c) => `<th>${html(c.head)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>
<div class="chart-title">Drives received per hour (${total})</div>${hourChartSvg(counts, `Drives received per hour on ${day}`)}</section>`;
    })
    .join('');
  const title = r.from === r.to ? `Daily dock report · ${r.from}` : `Dock report · ${r.from} to ${r.to}`;
  const body = `<main class="report"><h1>${html(title)}</h1>
<div class="sub">${html(o.dockName)} · station ${html(o.station)} · from the custody log, local time of each record</div>
${sections}
<div class="foot">Printed ${html(o.generatedAt)}. Boxes received net of undone receipts; "Scans undone" counts corrections.</div></main>`;
  return labelDocument({ title, size: REPORT_PAGE, css: CSS, body, flow: true, ...(o.fonts ? { fonts: o.fonts } : {}) });
}
