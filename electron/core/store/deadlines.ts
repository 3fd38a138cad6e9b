// Deadlines, the station's clock and the Exceptions lists: every statement they run. Each job carries its
// deadline in its own columns (kept by the operations' shared plumbing), and each list reads its rows through
// an index of its own in the order it shows them, so what they cost follows what is due, not the store's size.
import type { DriveRecord, JobRecord } from '../model.ts';
import { DRIVE_COLUMNS, driveFromRow, jobFromRow, type Sql } from './rows.ts';

/** Where a page of one list starts: after this due moment (or this key among rows of the same moment). */
export type After =
  | { from: 'start' }
  | { from: 'nothing' }
  /** rows due later than `at` */
  | { from: 'later'; at: string }
  /** rows due at `at` or later */
  | { from: 'same'; at: string }
  /** rows due later than `at`, or at `at` with a key after `key` */
  | { from: 'key'; at: string; key: string | number };

/** The WHERE fragment of `after` for a list ordered by (`col`, `keyCol`). */
function range(after: After, col: string, keyCol: string): { text: string; params: (string | number)[] } {
  switch (after.from) {
    case 'nothing':
      throw new Error('a list with nothing to read is not read');
    case 'start':
      return { text: 'TRUE', params: [] };
    case 'later':
      return { text: `${col} > ?`, params: [after.at] };
    case 'same':
      return { text: `${col} >= ?`, params: [after.at] };
    case 'key':
      return { text: `(${col}, ${keyCol}) > (?, ?)`, params: [after.at, after.key] };
  }
}

/** For lists with no date: after a key, from the start, or nothing. */
function keyRange(after: After, keyCol: string): { text: string; params: (string | number)[] } {
  if (after.from === 'key') return { text: `${keyCol} > ?`, params: [after.key] };
  return { text: 'TRUE', params: [] };
}

// ---- the station's clock -----------------------------------------------------------------------------

/** When the newest custody record was written (its own offset kept), or null for an empty log. */
export function lastRecordAt(q: Sql): string | null {
  return q.get<{ at: string }>('SELECT at FROM custody WHERE seq = (SELECT max(seq) FROM custody)')?.at ?? null;
}

/** The last moment a sweep saw the clock, so a station that records nothing for a while still knows it. */
export function clockSeenAt(q: Sql): string | null {
  return q.get<{ seen_at: string }>('SELECT seen_at FROM station_clock WHERE id = 1')?.seen_at ?? null;
}

export function setClockSeenAt(q: Sql, at: string): void {
  q.run('INSERT INTO station_clock (id, seen_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at', at);
}

/**
 * Whether this transaction may do a dock-wide task (the deadline sweep) no other station is doing now: on
 * PostgreSQL a lock of its own, tried without waiting and held to the end of the transaction; SQLite's store
 * has one station.
 */
export function claimOnce(q: Sql, task: 'deadline sweep'): boolean {
  if (q.dialect !== 'postgres') return true;
  const key = { 'deadline sweep': 2 }[task];
  return Number(q.get<{ ok: number }>(`SELECT pg_try_advisory_xact_lock(${0x646f636b}, ${key}) AS ok`)?.ok) === 1;
}

// ---- a job's deadline --------------------------------------------------------------------------------

export interface JobDeadlineColumns {
  kind: string | null;
  dueAt: string | null;
  sweepAt: string | null;
  addressWantingSince: string | null;
  contactOutcome: string | null;
  contactedAt: string | null;
}

/** What a job's deadline depends on beyond its own row: anything of it at the dock, drives still expected. */
export function jobDeadlineFacts(q: Sql, name: string): { atDock: boolean; stillExpected: boolean } {
  const atDock =
    Boolean(q.get('SELECT 1 FROM package_jobs WHERE job_name = ? LIMIT 1', name)) ||
    Boolean(
      q.get(
        `SELECT 1 FROM drives WHERE job_name = ? AND active = 1 AND package_tracking IS NOT NULL
      AND state <> 'NeverReceived' LIMIT 1`,
        name,
      ),
    );
  const stillExpected = Boolean(
    q.get(
      `SELECT 1 FROM drives WHERE job_name = ? AND active = 1 AND role = 'listed' AND state = 'Specified' AND held_since IS NULL
      LIMIT 1`,
      name,
    ),
  );
  return { atDock, stillExpected };
}

export function setJobDeadline(q: Sql, name: string, d: JobDeadlineColumns): void {
  q.run(
    `UPDATE jobs SET deadline_kind = ?, deadline_at = ?, sweep_at = ?, address_wanting_since = ?, contact_outcome = ?, contacted_at = ?
    WHERE name = ?`,
    d.kind,
    d.dueAt,
    d.sweepAt,
    d.addressWantingSince,
    d.contactOutcome,
    d.contactedAt,
    name,
  );
}

/** Staff found the job's return address wrong (its fields may all be there), or a new address cleared that. */
export function setAddressWrong(q: Sql, name: string, at: string | null, why: string | null, was: string | null): void {
  q.run('UPDATE jobs SET address_wrong_at = ?, address_wrong_reason = ?, address_wrong_was = ? WHERE name = ?', at, why, was, name);
}

export function setContact(q: Sql, name: string, outcome: 'reached' | 'unreachable', at: string): void {
  q.run('UPDATE jobs SET contact_outcome = ?, contacted_at = ? WHERE name = ?', outcome, at, name);
}

/** Jobs the sweep must act on now, the longest due first. */
export function jobsDueForSweep(q: Sql, now: string): JobRecord[] {
  return q.all('SELECT * FROM jobs INDEXED BY jobs_sweep WHERE sweep_at <= ? ORDER BY sweep_at, name', now).map(jobFromRow);
}

/** Job deadlines soonest first, of every kind (already overdue first of all). */
export function jobDeadlinesFirst(q: Sql, limit: number): { name: string; kind: string; dueAt: string; deliveryTracking: string | null }[] {
  return q
    .all(
      `SELECT name, deadline_kind, deadline_at, delivery_tracking FROM jobs INDEXED BY jobs_deadline
      WHERE deadline_at IS NOT NULL ORDER BY deadline_at, name LIMIT ?`,
      limit,
    )
    .map((r) => ({
      name: String(r.name),
      kind: String(r.deadline_kind),
      dueAt: String(r.deadline_at),
      deliveryTracking: r.delivery_tracking as string | null,
    }));
}

/** A BitLocker key leaves with its drive's record: every key of the job's drives is wiped. */
export function wipeKeysOfJob(q: Sql, name: string): void {
  q.run('UPDATE drives SET bitlocker_key = NULL WHERE job_name = ? AND bitlocker_key IS NOT NULL', name);
}

/** Whether a drive at the dock came in a box not of its own job (kept beside the drive for the list). */
export function refreshOtherBox(q: Sql, serial: string): void {
  q.run(
    `UPDATE drives SET other_box = CASE WHEN role = 'listed' AND package_tracking IS NOT NULL AND job_name IS NOT NULL
      AND held_since IS NULL AND state <> 'NeverReceived'
      AND NOT EXISTS (SELECT 1 FROM package_jobs pj WHERE pj.tracking_number = drives.package_tracking AND pj.job_name = drives.job_name)
      THEN 1 ELSE 0 END
    WHERE drive_id = ? AND active = 1`,
    serial,
  );
}

// ---- the Exceptions lists, each in its own order ----------------------------------------------------

/** Held drives at the dock, by when they were held (`held_since` from `after`, bounded by `heldBefore`/`heldFrom`). */
export function heldDrivesPage(q: Sql, span: { heldBefore?: string; heldAfter?: string }, after: After, limit: number): DriveRecord[] {
  if (after.from === 'nothing') return [];
  const r = range(after, 'held_since', 'id');
  const bound = span.heldBefore ? 'held_since <= ?' : 'held_since > ?';
  return q
    .all(
      `SELECT ${DRIVE_COLUMNS} FROM drives INDEXED BY drives_held_here
      WHERE held_since IS NOT NULL AND active = 1 AND ${bound} AND ${r.text}
      ORDER BY held_since, id LIMIT ?`,
      span.heldBefore ?? span.heldAfter ?? '',
      ...r.params,
      limit,
    )
    .map(driveFromRow);
}

/** Jobs whose deadline is of `kind`, due by `dueBy` when given, soonest first. */
export function jobsWithDeadline(q: Sql, kind: string, dueBy: string | null, after: After, limit: number): JobRecord[] {
  if (after.from === 'nothing') return [];
  const r = range(after, 'deadline_at', 'name');
  return q
    .all(
      `SELECT * FROM jobs INDEXED BY jobs_deadline_kind WHERE deadline_kind = ? AND deadline_at <= ? AND ${r.text}
      ORDER BY deadline_at, name LIMIT ?`,
      kind,
      dueBy ?? '9999',
      ...r.params,
      limit,
    )
    .map(jobFromRow);
}

export interface HeldBox {
  trackingNumber: string;
  heldSince: string | null;
  openedAt: string;
}

/** Held boxes with no held drive in them, by when they were held. */
export function emptyHeldBoxesPage(q: Sql, after: After, limit: number): HeldBox[] {
  if (after.from === 'nothing') return [];
  const r = range(after, 'p.held_since', 'p.tracking_number');
  return q
    .all(
      `SELECT p.tracking_number, p.held_since, p.opened_at FROM packages p INDEXED BY packages_held
      WHERE p.state = 'held' AND p.held_since IS NOT NULL AND ${r.text}
        AND NOT EXISTS (SELECT 1 FROM drives d WHERE d.package_tracking = p.tracking_number AND d.held_since IS NOT NULL AND d.active = 1)
      ORDER BY p.held_since, p.tracking_number LIMIT ?`,
      ...r.params,
      limit,
    )
    .map((x) => ({ trackingNumber: String(x.tracking_number), heldSince: x.held_since as string | null, openedAt: String(x.opened_at) }));
}

export function faultedJobsPage(q: Sql, after: After, limit: number): JobRecord[] {
  if (after.from === 'nothing') return [];
  const r = keyRange(after, 'name');
  return q
    .all(
      `SELECT * FROM jobs INDEXED BY jobs_faulted WHERE state = 'Faulted' AND deleted_at IS NULL AND ${r.text}
      ORDER BY name LIMIT ?`,
      ...r.params,
      limit,
    )
    .map(jobFromRow);
}

/** The drives at the dock a person must look at that have no date: faulted, in another job's box, extra. */
export function drivesPage(q: Sql, which: 'faulted' | 'otherBox' | 'extra', after: After, limit: number): DriveRecord[] {
  if (after.from === 'nothing') return [];
  const r = keyRange(after, 'id');
  const [index, where] =
    which === 'faulted'
      ? ['drives_faulted', "state = 'Faulted' AND active = 1"]
      : which === 'otherBox'
        ? ['drives_other_box', 'other_box = 1 AND active = 1']
        : ['drives_extra_here', "role = 'extra' AND active = 1 AND held_since IS NULL"];
  return q
    .all(`SELECT ${DRIVE_COLUMNS} FROM drives INDEXED BY ${index} WHERE ${where} AND ${r.text} ORDER BY id LIMIT ?`, ...r.params, limit)
    .map(driveFromRow);
}

/** NeverReceived drives of jobs not yet ended, with when their job last changed. */
export function neverReceivedPage(q: Sql, after: After, limit: number): (DriveRecord & { jobUpdatedAt: string })[] {
  if (after.from === 'nothing') return [];
  const r = keyRange(after, 'id');
  return q
    .all(
      `SELECT ${DRIVE_COLUMNS}, (SELECT j.updated_at FROM jobs j WHERE j.name = drives.job_name) AS job_updated_at
      FROM drives INDEXED BY drives_never_received WHERE state = 'NeverReceived' AND active = 1 AND ${r.text}
        AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.name = drives.job_name AND j.state IN ('Completed','Closed'))
      ORDER BY id LIMIT ?`,
      ...r.params,
      limit,
    )
    .map((x) => ({ ...driveFromRow(x), jobUpdatedAt: String(x.job_updated_at ?? '') }));
}

/** Serials of the job's drives at the dock that came in a box not of their job (the `otherBox` list, for one job). */
export function otherBoxDrivesOfJob(q: Sql, name: string): string[] {
  return q
    .all('SELECT drive_id FROM drives WHERE job_name = ? AND other_box = 1 AND active = 1 ORDER BY id', name)
    .map((r) => r.drive_id as string);
}
