// The daily dock report: per local day and operator, boxes received, drives by outcome, exceptions opened and
// closed, shipments out; and drives received per hour. Counted from the custody log, so it is what happened,
// as recorded, including what was later undone (undone scans have their own column).
import { fail } from '../errors.ts';
import type { StoreReads } from '../store/types.ts';

export const DRIVE_OUTCOMES = [
  'received',
  'extra',
  'held',
  'neverReceived',
  'copied',
  'faulted',
  'shippedBack',
  'destroyed',
  'undone',
] as const;
export type DriveOutcome = (typeof DRIVE_OUTCOMES)[number];

const OUTCOME_OF: Record<string, DriveOutcome> = {
  'drive.scanned': 'received',
  'drive.arrivedLater': 'received',
  'drive.receivedInOtherPackage': 'received',
  'drive.exportReceived': 'received',
  'drive.holdReleased': 'received',
  'drive.extra': 'extra',
  'drive.held': 'held',
  'drive.heldNoJob': 'held',
  'drive.heldExtra': 'held',
  'drive.heldAtDock': 'held',
  'drive.missingAtClose': 'neverReceived',
  'drive.shippingTimedOut': 'neverReceived',
  'drive.copyCompleted': 'copied',
  'drive.copyCompletedMoreInfo': 'copied',
  'drive.fault': 'faulted',
  'drive.shippedBack': 'shippedBack',
  'drive.heldReturned': 'shippedBack',
  'drive.destroyed': 'destroyed',
  'scan.undone': 'undone',
};
/** A drive reaching the dock (the chart): received, extra, or held on arrival. */
export const ARRIVALS = [
  'drive.scanned',
  'drive.arrivedLater',
  'drive.receivedInOtherPackage',
  'drive.exportReceived',
  'drive.extra',
  'drive.held',
  'drive.heldNoJob',
  'drive.heldExtra',
] as const;
const BOXES = new Set(['package.received', 'package.receivedHeld']);
/** What the Exceptions screen gains: a fault, a hold, a drive that never came, an extra drive. */
const OPENS = new Set([
  'job.fault',
  'drive.fault',
  'drive.held',
  'drive.heldNoJob',
  'drive.heldExtra',
  'drive.heldAtDock',
  'drive.missingAtClose',
  'drive.shippingTimedOut',
  'drive.extra',
]);
/** What takes one off it: a resolve, a hold released or ended by a return or a destruction, a late drive arriving. */
const CLOSES = new Set([
  'job.resolve',
  'drive.resolve',
  'drive.holdReleased',
  'drive.heldReturned',
  'drive.destroyed',
  'drive.arrivedLater',
]);

export interface ReportRow {
  day: string;
  /** An operator, or null for the day's total. */
  operator: string | null;
  boxes: number;
  drives: Record<DriveOutcome, number>;
  exceptionsOpened: number;
  exceptionsClosed: number;
  shipments: number;
}

export interface DockReport {
  from: string;
  to: string;
  rows: ReportRow[];
  /** Drives received per hour of each day, 24 numbers a day (local time of the records). */
  hours: { day: string; counts: number[] }[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const MAX_REPORT_DAYS = 62;

function emptyRow(day: string, operator: string | null): ReportRow {
  const drives = Object.fromEntries(DRIVE_OUTCOMES.map((o) => [o, 0])) as Record<DriveOutcome, number>;
  return { day, operator, boxes: 0, drives, exceptionsOpened: 0, exceptionsClosed: 0, shipments: 0 };
}

function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** The report of days `from` to `to` (YYYY-MM-DD, the station's local days, both included). */
export function dockReport(s: StoreReads, from: unknown, to: unknown): DockReport {
  if (typeof from !== 'string' || !DAY.test(from) || Number.isNaN(Date.parse(from)))
    fail('BAD_INPUT', 'The first day is a date, YYYY-MM-DD.');
  if (typeof to !== 'string' || !DAY.test(to) || Number.isNaN(Date.parse(to))) fail('BAD_INPUT', 'The last day is a date, YYYY-MM-DD.');
  if (to < from) fail('BAD_INPUT', 'The last day comes before the first.');
  const days = daysBetween(from, to);
  if (days.length > MAX_REPORT_DAYS) fail('BAD_INPUT', `A report covers at most ${MAX_REPORT_DAYS} days.`);
  const rows = new Map<string, ReportRow>();
  const row = (day: string, operator: string | null) => {
    const k = `${day}\u0000${operator ?? ''}`;
    let r = rows.get(k);
    if (!r) {
      r = emptyRow(day, operator);
      rows.set(k, r);
    }
    return r;
  };
  for (const day of days) row(day, null);
  const bump = (day: string, operator: string, f: (r: ReportRow) => void) => {
    f(row(day, operator));
    f(row(day, null));
  };
  for (const c of s.custodyCountsByDay(from, to)) {
    const outcome = OUTCOME_OF[c.action];
    if (outcome)
      bump(c.day, c.operator, (r) => {
        r.drives[outcome] += c.n;
      });
    if (BOXES.has(c.action))
      bump(c.day, c.operator, (r) => {
        r.boxes += c.n;
      });
    if (c.action === 'package.receiveUndone')
      bump(c.day, c.operator, (r) => {
        r.boxes -= c.n;
      });
    if (OPENS.has(c.action))
      bump(c.day, c.operator, (r) => {
        r.exceptionsOpened += c.n;
      });
    if (CLOSES.has(c.action))
      bump(c.day, c.operator, (r) => {
        r.exceptionsClosed += c.n;
      });
    if (c.action === 'job.returnPackage')
      bump(c.day, c.operator, (r) => {
        r.shipments += c.n;
      });
  }
  for (const h of s.heldReturnBoxesByDay(from, to))
    bump(h.day, h.operator, (r) => {
      r.shipments += h.n;
    });
  const hours = new Map(days.map((d) => [d, new Array<number>(24).fill(0)]));
  for (const h of s.receivedByHour(from, to, ARRIVALS)) {
    const counts = hours.get(h.day);
    if (counts && h.hour >= 0 && h.hour < 24) counts[h.hour] = (counts[h.hour] ?? 0) + h.n;
  }
  const sorted = [...rows.values()].sort(
    (a, b) => a.day.localeCompare(b.day) || (a.operator === null ? 1 : b.operator === null ? -1 : a.operator.localeCompare(b.operator)),
  );
  return { from, to, rows: sorted, hours: [...hours].map(([day, counts]) => ({ day, counts })) };
}

const CSV_HEAD = [
  'day',
  'operator',
  'boxes received',
  'drives received',
  'extra drives',
  'drives held',
  'drives never received',
  'drives copied',
  'drives faulted',
  'drives shipped back',
  'drives destroyed',
  'scans undone',
  'exceptions opened',
  'exceptions closed',
  'shipments out',
];

function cell(v: string | number): string {
  const s = String(v);
  // a cell a spreadsheet would run as a formula is kept as text
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The report as CSV: one line per day and operator, then the day's total (operator "all"). */
export function reportCsv(r: DockReport): string {
  const lines = [CSV_HEAD.join(',')];
  for (const x of r.rows) {
    lines.push(
      [x.day, x.operator ?? 'all', x.boxes, ...DRIVE_OUTCOMES.map((o) => x.drives[o]), x.exceptionsOpened, x.exceptionsClosed, x.shipments]
        .map(cell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
