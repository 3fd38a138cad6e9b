// The jobs table: every statement the core runs on it.
import type { JobRecord, JobState } from '../model.ts';
import { jobFromRow, setClause, type Sql } from './rows.ts';

/** A Shipping job whose box is at the dock (open, held or closed) is not overdue, whatever the calendar says. */
const NO_BOX_YET = 'NOT EXISTS (SELECT 1 FROM package_jobs pj WHERE pj.job_name = jobs.name)';

const JOB_SETTABLE = new Set([
  'state', 'updated_at', 'cancel_requested', 'faulted_from', 'fault_reason', 'delivery_package', 'delivery_tracking',
  'delivery_tracking_base', 'return_address', 'return_shipping', 'return_package', 'diagnostics_path', 'log_level',
  'creating_since', 'shipping_since', 'notified_at', 'wait_until', 'finished_at', 'deleted_at',
]);
export type JobColumn =
  | 'state' | 'updated_at' | 'cancel_requested' | 'faulted_from' | 'fault_reason' | 'delivery_package' | 'delivery_tracking'
  | 'delivery_tracking_base' | 'return_address' | 'return_shipping' | 'return_package' | 'diagnostics_path' | 'log_level'
  | 'creating_since' | 'shipping_since' | 'notified_at' | 'wait_until' | 'finished_at' | 'deleted_at';
export type JobSets = Partial<Record<JobColumn, string | number | null>>;

export interface NewJobRow {
  name: string; jobType: string; cancelRequested: boolean; deliveryPackage: string | null; deliveryTracking: string | null;
  deliveryTrackingBase: string | null; returnAddress: string | null; returnShipping: string | null; returnPackage: string | null;
  diagnosticsPath: string | null; logLevel: string; incompleteBlobListUri: string | null; now: string;
}

export interface JobListRow {
  name: string; jobType: string; state: JobState; trackingNumber: string | null; updatedAt: string; cancelRequested: boolean;
  deleted: boolean;
}

export function job(q: Sql, name: string): JobRecord | null {
  const r = q.get('SELECT * FROM jobs WHERE name = ?', name);
  return r ? jobFromRow(r) : null;
}

/** The job a scanned code names: the code as scanned, or in upper or lower case (a job's label prints its name as written). */
export function jobByCode(q: Sql, spellings: readonly string[]): JobRecord | null {
  const names = [...new Set(spellings)].slice(0, 3);
  if (!names.length) return null;
  const marks = names.map(() => '?').join(', ');
  const r = q.get(`SELECT * FROM jobs WHERE name IN (${marks}) ORDER BY deleted_at IS NOT NULL LIMIT 1`, ...names);
  return r ? jobFromRow(r) : null;
}

/** A new job, always written `Creating`: any other state is reached through its transition. */
export function insertJob(q: Sql, j: NewJobRow): void {
  q.run(
    `INSERT INTO jobs (name, job_type, state, cancel_requested, delivery_package, delivery_tracking, delivery_tracking_base,
        return_address, return_shipping, return_package, diagnostics_path, log_level, incomplete_blob_list_uri,
        created_at, updated_at, creating_since, shipping_since)
       VALUES (?, ?, 'Creating', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
    j.name, j.jobType, j.cancelRequested ? 1 : 0, j.deliveryPackage, j.deliveryTracking, j.deliveryTrackingBase,
    j.returnAddress, j.returnShipping, j.returnPackage, j.diagnosticsPath, j.logLevel, j.incompleteBlobListUri, j.now, j.now, j.now,
  );
}

export function setJob(q: Sql, name: string, sets: JobSets): void {
  const s = setClause(sets, JOB_SETTABLE);
  q.run(`UPDATE jobs SET ${s.text} WHERE name = ?`, ...s.params, name);
}

export function deleteJob(q: Sql, name: string): void {
  q.run('DELETE FROM jobs WHERE name = ?', name);
}

/** The jobs whose delivery package has this tracking number, else those of a shared box (`X-1`, `X-2` …). */
export function jobsDeliveredIn(q: Sql, tracking: string): JobRecord[] {
  let jobs = q.all('SELECT * FROM jobs WHERE delivery_tracking = ? AND deleted_at IS NULL', tracking).map(jobFromRow);
  if (!jobs.length) {
    jobs = q.all('SELECT * FROM jobs WHERE delivery_tracking_base = ? AND deleted_at IS NULL ORDER BY name', tracking).map(jobFromRow);
  }
  return jobs;
}

export function creatingSince(q: Sql, before: string): JobRecord[] {
  return q.all("SELECT * FROM jobs WHERE state = 'Creating' AND deleted_at IS NULL AND creating_since <= ?", before).map(jobFromRow);
}

/** Shipping jobs with no box at the dock, shipping since `before` or earlier. */
export function shippingWithoutBox(q: Sql, before: string): JobRecord[] {
  return q.all(`SELECT * FROM jobs WHERE state = 'Shipping' AND deleted_at IS NULL AND shipping_since <= ? AND ${NO_BOX_YET}`, before)
    .map(jobFromRow);
}

export function shippingWithoutBoxFirst(q: Sql, before: string, limit: number): JobRecord[] {
  return q.all(`SELECT * FROM jobs WHERE state = 'Shipping' AND deleted_at IS NULL AND shipping_since <= ? AND ${NO_BOX_YET}
    ORDER BY shipping_since LIMIT ?`, before, limit).map(jobFromRow);
}

export function finishedBy(q: Sql, before: string): { name: string; state: string }[] {
  return q.all("SELECT name, state FROM jobs WHERE state IN ('Completed','Closed') AND finished_at <= ?", before)
    .map((r) => ({ name: String(r.name), state: String(r.state) }));
}

export function creatingDeadlines(q: Sql, limit: number): { name: string; creatingSince: string }[] {
  return q.all(`SELECT name, creating_since FROM jobs WHERE state = 'Creating' AND deleted_at IS NULL
    ORDER BY creating_since LIMIT ?`, limit)
    .map((r) => ({ name: String(r.name), creatingSince: r.creating_since as string }));
}

export function shippingDeadlines(q: Sql, limit: number): {
  name: string; shippingSince: string; waitUntil: string | null; notifiedAt: string | null; deliveryTracking: string | null;
}[] {
  return q.all(`SELECT name, shipping_since, wait_until, notified_at, delivery_tracking FROM jobs
    WHERE state = 'Shipping' AND deleted_at IS NULL AND ${NO_BOX_YET} ORDER BY shipping_since LIMIT ?`, limit)
    .map((r) => ({
      name: String(r.name), shippingSince: r.shipping_since as string, waitUntil: r.wait_until as string | null,
      notifiedAt: r.notified_at as string | null, deliveryTracking: r.delivery_tracking as string | null,
    }));
}

export function finishedDeadlines(q: Sql, limit: number): { name: string; finishedAt: string }[] {
  return q.all(`SELECT name, finished_at FROM jobs WHERE state IN ('Completed','Closed') AND finished_at IS NOT NULL
    ORDER BY finished_at LIMIT ?`, limit)
    .map((r) => ({ name: String(r.name), finishedAt: r.finished_at as string }));
}

/** Live jobs from Shipping to Packaging: those whose return address the exceptions check. */
export function jobsBeforeReturn(q: Sql, limit: number): JobRecord[] {
  return q.all(`SELECT * FROM jobs WHERE state IN ('Shipping','Received','Transferring','Packaging') AND deleted_at IS NULL
    LIMIT ?`, limit).map(jobFromRow);
}

export function faultedJobs(q: Sql, limit: number): JobRecord[] {
  return q.all("SELECT * FROM jobs WHERE state = 'Faulted' AND deleted_at IS NULL ORDER BY updated_at LIMIT ?", limit).map(jobFromRow);
}

/** Jobs by name prefix, delivery or return tracking, or drive serial, newest first; `query` as typed, `code` upper-cased. */
export function searchJobs(
  q: Sql, s: { query: string; state: string | null; limit: number; offset: number },
): { total: number; items: JobListRow[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (s.query) {
    const up = s.query.toUpperCase();
    where.push(`(name >= ? AND name < ? OR delivery_tracking = ? OR delivery_tracking_base = ?
        OR name IN (SELECT job_name FROM drives WHERE drive_id = ?)
        OR name IN (SELECT job_name FROM custody WHERE tracking_number = ? AND job_name IS NOT NULL))`);
    params.push(s.query, s.query + '\uffff', up, up, up, up);
  }
  if (s.state) { where.push('state = ?'); params.push(s.state); }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = Number(q.get(`SELECT count(*) AS n FROM jobs ${w}`, ...params)?.n ?? 0);
  const rows = q.all(`SELECT name, job_type, state, delivery_tracking, updated_at, cancel_requested, deleted_at FROM jobs ${w}
    ORDER BY updated_at DESC, name LIMIT ? OFFSET ?`, ...params, s.limit, s.offset);
  return {
    total,
    items: rows.map((r) => ({
      name: String(r.name), jobType: String(r.job_type), state: String(r.state) as JobState,
      trackingNumber: (r.delivery_tracking as string | null) ?? null,
      updatedAt: String(r.updated_at), cancelRequested: Number(r.cancel_requested) === 1, deleted: r.deleted_at !== null,
    })),
  };
}
