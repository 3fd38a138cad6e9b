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
th:first-child, td:first-child { text-align: left; white-space: nowrap; }
tr.total td { font-weight: 700; background: #f4f4f4; }
.chart-title { font-size: 9pt; font-weight: 700; margin: 0.04in 0; }
.foot { font-size: 7.5pt; color: #333; }
`;

/** The report's words, in the station's two languages: a supervisor prints it in the language they read. */
export const REPORT_LANGUAGES = ['en', 'zh-TW'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

const WORDS = {
  en: {
    columns: [
      'Boxes received',
      'Drives received',
      'Extra',
      'Held',
      'Never received',
      'Copied',
      'Faulted',
      'Shipped back',
      'Destroyed',
      'Scans undone',
      'Exceptions opened',
      'Exceptions closed',
      'Shipments out',
    ],
    operator: 'Operator',
    all: 'All operators',
    chart: (total: number) => `Drives received per hour (${total})`,
    chartLabel: (day: string) => `Drives received per hour on ${day}`,
    title: (from: string, to: string) => (from === to ? `Daily dock report · ${from}` : `Dock report · ${from} to ${to}`),
    sub: (dock: string, station: string) => `${dock} · station ${station} · from the custody log, local time of each record`,
    foot: (at: string) => `Printed ${at}. Boxes received net of undone receipts; "Scans undone" counts corrections.`,
  },
  'zh-TW': {
    columns: [
      '收到包裹',
      '收到硬碟',
      '額外',
      '暫扣',
      '未收到',
      '已複製',
      '故障',
      '已寄回',
      '已銷毀',
      '已復原掃描',
      '新增例外',
      '解決例外',
      '寄出貨件',
    ],
    operator: '操作員',
    all: '全部操作員',
    chart: (total: number) => `每小時收到的硬碟（共 ${total}）`,
    chartLabel: (day: string) => `${day} 每小時收到的硬碟`,
    title: (from: string, to: string) => (from === to ? `每日碼頭報表 · ${from}` : `碼頭報表 · ${from} 至 ${to}`),
    sub: (dock: string, station: string) => `${dock} · 站點 ${station} · 依監管紀錄，各紀錄的當地時間`,
    foot: (at: string) => `列印於 ${at}。收到包裹已扣除復原的收件；「已復原掃描」計算更正次數。`,
  },
} satisfies Record<ReportLanguage, unknown>;

const VALUES: ((r: ReportRow) => number)[] = [
  (r) => r.boxes,
  (r) => r.drives.received,
  (r) => r.drives.extra,
  (r) => r.drives.held,
  (r) => r.drives.neverReceived,
  (r) => r.drives.copied,
  (r) => r.drives.faulted,
  (r) => r.drives.shippedBack,
  (r) => r.drives.destroyed,
  (r) => r.drives.undone,
  (r) => r.exceptionsOpened,
  (r) => r.exceptionsClosed,
  (r) => r.shipments,
];

export interface DockReportOptions {
  dockName: string;
  station: string;
  /** When it was printed, ISO 8601 with the station's offset (2026-11-02T17:00:00.000+08:00). */
  generatedAt: string;
  lang?: ReportLanguage;
  fonts?: LabelFonts;
}

/** 2026-11-02T17:00:00.000+08:00 as a reader reads it: 2026-11-02 17:00 (+08:00). */
function printedAt(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}).*?(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  return m ? `${m[1]} ${m[2]} (${m[3] === 'Z' ? '+00:00' : m[3]})` : iso;
}

export function dockReportHtml(r: DockReport, o: DockReportOptions): string {
  const lang = o.lang ?? 'en';
  const w = WORDS[lang];
  const sections = r.hours
    .map(({ day, counts }) => {
      const rows = r.rows.filter((x) => x.day === day);
      const body = rows
        .map(
          (x) =>
            `<tr${x.operator === null ? ' class="total"' : ''} data-operator="${html(x.operator ?? '')}"><td>${html(x.operator ?? w.all)}</td>` +
            `${VALUES.map((v) => `<td>${v(x)}</td>`).join('')}</tr>`,
        )
        .join('');
      const total = counts.reduce((a, b) => a + b, 0);
      return `<section data-day="${html(day)}"><h2>${html(day)}</h2>
<table><thead><tr><th>${html(w.operator)}</th>${w.columns.map((c) => `<th>${html(c)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>
<div class="chart-title">${html(w.chart(total))}</div>${hourChartSvg(counts, w.chartLabel(day))}</section>`;
    })
    .join('');
  const title = w.title(r.from, r.to);
  const body = `<main class="report"><h1>${html(title)}</h1>
<div class="sub">${html(w.sub(o.dockName, o.station))}</div>
${sections}
<div class="foot">${html(w.foot(printedAt(o.generatedAt)))}</div></main>`;
  return labelDocument({ title, size: REPORT_PAGE, css: CSS, body, flow: true, lang, ...(o.fonts ? { fonts: o.fonts } : {}) });
}
