// The custody log: appended to, read, never edited (the database refuses UPDATE and DELETE on it).
import type { CustodyRecord } from '../model.ts';
import { CHANGES_CHANNEL } from './pg-protocol.ts';
import { custodyFromRow, type Sql } from './rows.ts';

/** A drive scanned into a box, as custody records it: each is undone by a compensating record. */
export const DRIVE_SCAN_ACTIONS: readonly string[] = [
  'drive.scanned',
  'drive.arrivedLater',
  'drive.receivedInOtherPackage',
  'drive.extra',
  'drive.heldNoJob',
  'drive.heldExtra',
  'drive.held',
  'drive.exportReceived',
];

/** The actions an undo at a station looks back through: scans and box receipts, and undos of them. */
const UNDOABLE = [...DRIVE_SCAN_ACTIONS, 'scan.undone', 'package.received', 'package.receivedHeld', 'package.receiveUndone']
  .map((a) => `'${a}'`)
  .join(',');

/**
 * Appends one record. Its sequence number is there when asked for: the statement is not waited for (on
 * PostgreSQL it travels with the transaction's next statement that is), and SQLite's row id is the sequence.
 */
export function appendCustody(q: Sql, c: Omit<CustodyRecord, 'seq'>): { readonly seq: number } {
  const res = q.run(
    `INSERT INTO custody (at, operator, station, action, subject, job_name, drive_id, tracking_number, reason, state_before, state_after,
        detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
    c.at,
    c.operator,
    c.station,
    c.action,
    c.subject,
    c.jobName,
    c.driveId,
    c.trackingNumber,
    c.reason,
    c.stateBefore,
    c.stateAfter,
    c.detail ? JSON.stringify(c.detail) : null,
  );
  return {
    get seq() {
      return Number(res.lastInsertRowid);
    },
  };
}

/**
 * Tells the other stations on the same database what this transaction changed, delivered when it commits
 * and not at all if it rolls back (PostgreSQL's NOTIFY; SQLite has no other station to tell).
 */
export function announceChange(q: Sql, payload: string): void {
  if (q.dialect === 'postgres') q.run('SELECT pg_notify(?, ?)', CHANGES_CHANNEL, payload);
}

/** The sequence number of the newest custody record (0 for an empty log). */
export function lastSeq(q: Sql): number {
  return Number(q.get<{ s: number | null }>('SELECT max(seq) AS s FROM custody')?.s ?? 0);
}

/** The last scan, box receipt or undo of one at this station. */
export function lastScanAt(q: Sql, station: string): CustodyRecord | null {
  const r = q.get(
    `SELECT * FROM custody WHERE station = ? AND action IN (${UNDOABLE})
         ORDER BY seq DESC LIMIT 1`,
    station,
  );
  return r ? custodyFromRow(r) : null;
}

export function anyDriveRecordAfter(q: Sql, driveId: string | null, seq: number): boolean {
  return Boolean(q.get('SELECT seq FROM custody WHERE drive_id = ? AND seq > ? LIMIT 1', driveId, seq));
}

export function anyPackageRecordAfter(q: Sql, tracking: string, seq: number): boolean {
  return Boolean(q.get('SELECT 1 FROM custody WHERE tracking_number = ? AND seq > ? LIMIT 1', tracking, seq));
}

/** The box a drive was last recorded with before record `seq`. */
export function trackingBefore(q: Sql, driveId: string, seq: number): string | null {
  const prev = q.get<{ tracking_number: string | null }>(
    `SELECT tracking_number FROM custody WHERE drive_id = ? AND seq < ? AND action LIKE 'drive.%' AND tracking_number IS NOT NULL
      ORDER BY seq DESC LIMIT 1`,
    driveId,
    seq,
  );
  return prev?.tracking_number ?? null;
}

/** Whether an action was already recorded with this tracking number. */
export function anyRecordOf(q: Sql, action: string, tracking: string): boolean {
  return Boolean(q.get('SELECT 1 FROM custody WHERE action = ? AND tracking_number = ? LIMIT 1', action, tracking));
}

export function recordsOf(q: Sql, action: string, tracking: string): CustodyRecord[] {
  return q.all('SELECT * FROM custody WHERE action = ? AND tracking_number = ? ORDER BY seq', action, tracking).map(custodyFromRow);
}

/** Newest first, before `beforeSeq`, of a job, a drive serial or a tracking number. */
export function custodyBy(
  q: Sql,
  by: 'job_name' | 'drive_id' | 'tracking_number',
  value: string,
  beforeSeq: number,
  limit: number,
): CustodyRecord[] {
  const col = by === 'job_name' ? 'job_name' : by === 'drive_id' ? 'drive_id' : 'tracking_number';
  return q.all(`SELECT * FROM custody WHERE ${col} = ? AND seq < ? ORDER BY seq DESC LIMIT ?`, value, beforeSeq, limit).map(custodyFromRow);
}

/** Newest first, before `beforeSeq`, of one subject (the station's own records). */
export function custodyOfSubject(q: Sql, subject: CustodyRecord['subject'], beforeSeq: number, limit: number): CustodyRecord[] {
  return q
    .all('SELECT * FROM custody WHERE subject = ? AND seq < ? ORDER BY seq DESC LIMIT ?', subject, beforeSeq, limit)
    .map(custodyFromRow);
}

/** Every record of a job, oldest first. */
export function custodyOfJob(q: Sql, jobName: string): CustodyRecord[] {
  return q.all('SELECT * FROM custody WHERE job_name = ? ORDER BY seq', jobName).map(custodyFromRow);
}

export function custodyBetween(q: Sql, fromSeq: number, toSeq: number): CustodyRecord[] {
  return q.all('SELECT * FROM custody WHERE seq BETWEEN ? AND ? ORDER BY seq', fromSeq, toSeq).map(custodyFromRow);
}

/** How many records each table holds (jobs not deleted). */
export function counts(q: Sql): { jobs: number; drives: number; packages: number; custody: number } {
  const n = (text: string) => Number(q.get<{ n: number }>(text)?.n ?? 0);
  return {
    jobs: n('SELECT count(*) AS n FROM jobs WHERE deleted_at IS NULL'),
    drives: n('SELECT count(*) AS n FROM drives'),
    packages: n('SELECT count(*) AS n FROM packages'),
    custody: n('SELECT count(*) AS n FROM custody'),
  };
}
