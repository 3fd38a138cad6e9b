// The jobs table: every statement the core runs on it.
import type { JobRecord, JobState } from '../model.ts';
import { jobFromRow, setClause, type Sql } from './rows.ts';

const JOB_SETTABLE = new Set([
  'state',
  'updated_at',
  'cancel_requested',
  'faulted_from',
  'fault_reason',
  'delivery_package',
  'delivery_tracking',
  'delivery_tracking_base',
  'return_address',
  'return_shipping',
  'return_package',
  'diagnostics_path',
  'log_level',
  'creating_since',
  'shipping_since',
  'notified_at',
  'wait_until',
  'finished_at',
  'deleted_at',
]);
export type JobColumn =
  | 'state'
  | 'updated_at'
  | 'cancel_requested'
  | 'faulted_from'
  | 'fault_reason'
  | 'delivery_package'
  | 'delivery_tracking'
  | 'delivery_tracking_base'
  | 'return_address'
  | 'return_shipping'
  | 'return_package'
  | 'diagnostics_path'
  | 'log_level'
  | 'creating_since'
  | 'shipping_since'
  | 'notified_at'
  | 'wait_until'
  | 'finished_at'
  | 'deleted_at';
export type JobSets = Partial<Record<JobColumn, string | number | null>>;

export interface NewJobRow {
  name: string;
  jobType: string;
  cancelRequested: boolean;
  deliveryPackage: string | null;
  deliveryTracking: string | null;
  deliveryTrackingBase: string | null;
  returnAddress: string | null;
  returnShipping: string | null;
  returnPackage: string | null;
  diagnosticsPath: string | null;
  logLevel: string;
  incompleteBlobListUri: string | null;
  now: string;
}

export interface JobListRow {
  name: string;
  jobType: string;
  state: JobState;
  trackingNumber: string | null;
  updatedAt: string;
  cancelRequested: boolean;
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
    j.name,
    j.jobType,
    j.cancelRequested ? 1 : 0,
    j.deliveryPackage,
    j.deliveryTracking,
    j.deliveryTrackingBase,
    j.returnAddress,
    j.returnShipping,
    j.returnPackage,
    j.diagnosticsPath,
    j.logLevel,
    j.incompleteBlobListUri,
    j.now,
    j.now,
    j.now,
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

/** Jobs by name prefix, delivery or return tracking, or drive serial, newest first; `query` as typed, `code` upper-cased. */
export function searchJobs(
  q: Sql,
  s: { query: string; state: string | null; limit: number; offset: number },
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
  if (s.state) {
    where.push('state = ?');
    params.push(s.state);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = Number(q.get(`SELECT count(*) AS n FROM jobs ${w}`, ...params)?.n ?? 0);
  const rows = q.all(
    `SELECT name, job_type, state, delivery_tracking, updated_at, cancel_requested, deleted_at FROM jobs ${w}
    ORDER BY updated_at DESC, name LIMIT ? OFFSET ?`,
    ...params,
    s.limit,
    s.offset,
  );
  return {
    total,
    items: rows.map((r) => ({
      name: String(r.name),
      jobType: String(r.job_type),
      state: String(r.state) as JobState,
      trackingNumber: (r.delivery_tracking as string | null) ?? null,
      updatedAt: String(r.updated_at),
      cancelRequested: Number(r.cancel_requested) === 1,
      deleted: r.deleted_at !== null,
    })),
  };
}
