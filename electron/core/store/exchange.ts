// What the results file, the restore of a station's own export and the daily dock report read and write.
import type { DriveRole, DriveState, JobRecord } from '../model.ts';
import { jobFromRow, type Sql } from './rows.ts';

/** Actions that record a results file leaving the station: they change nothing a later results file reports. */
export const EXPORT_ACTION = 'job.exported';

/** A job as a station's own results file recorded it, written with its recorded state (a restore only). */
export interface RestoredJobRow {
  name: string;
  jobType: string;
  state: string;
  cancelRequested: boolean;
  faultedFrom: string | null;
  faultReason: string | null;
  deliveryPackage: string | null;
  deliveryTracking: string | null;
  deliveryTrackingBase: string | null;
  returnAddress: string | null;
  returnShipping: string | null;
  returnPackage: string | null;
  diagnosticsPath: string | null;
  logLevel: string;
  incompleteBlobListUri: string | null;
  createdAt: string;
  updatedAt: string;
  creatingSince: string | null;
  shippingSince: string | null;
  notifiedAt: string | null;
  waitUntil: string | null;
  finishedAt: string | null;
}

export interface RestoredDriveRow {
  driveId: string;
  jobName: string;
  role: DriveRole;
  state: DriveState;
  active: boolean;
  faultedFrom: string | null;
  faultReason: string | null;
  copyStatus: string | null;
  percentComplete: number;
  bytesSucceeded: number;
  errorLogUri: string | null;
  verboseLogUri: string | null;
  manifestUri: string | null;
  manifestFile: string | null;
  manifestHash: string | null;
  heldSince: string | null;
  holdReason: string | null;
  packageTracking: string | null;
  receivedAt: string | null;
  destroyedAt: string | null;
}

export function insertRestoredJob(q: Sql, j: RestoredJobRow): void {
  q.run(
    `INSERT INTO jobs (name, job_type, state, cancel_requested, faulted_from, fault_reason, delivery_package, delivery_tracking,
        delivery_tracking_base, return_address, return_shipping, return_package, diagnostics_path, log_level, incomplete_blob_list_uri,
        created_at, updated_at, creating_since, shipping_since, notified_at, wait_until, finished_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    j.name,
    j.jobType,
    j.state,
    j.cancelRequested ? 1 : 0,
    j.faultedFrom,
    j.faultReason,
    j.deliveryPackage,
    j.deliveryTracking,
    j.deliveryTrackingBase,
    j.returnAddress,
    j.returnShipping,
    j.returnPackage,
    j.diagnosticsPath,
    j.logLevel,
    j.incompleteBlobListUri,
    j.createdAt,
    j.updatedAt,
    j.creatingSince,
    j.shippingSince,
    j.notifiedAt,
    j.waitUntil,
    j.finishedAt,
  );
}

/** A restored drive carries no BitLocker key: a results file never holds one. */
export function insertRestoredDrive(q: Sql, d: RestoredDriveRow): number {
  const res = q.get<{ id: number }>(
    `INSERT INTO drives (drive_id, job_name, role, state, active, faulted_from, fault_reason, copy_status, percent_complete,
        bytes_succeeded, error_log_uri, verbose_log_uri, manifest_uri, manifest_file, manifest_hash, held_since, hold_reason,
        package_tracking, received_at, destroyed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    d.driveId,
    d.jobName,
    d.role,
    d.state,
    d.active ? 1 : 0,
    d.faultedFrom,
    d.faultReason,
    d.copyStatus,
    d.percentComplete,
    d.bytesSucceeded,
    d.errorLogUri,
    d.verboseLogUri,
    d.manifestUri,
    d.manifestFile,
    d.manifestHash,
    d.heldSince,
    d.holdReason,
    d.packageTracking,
    d.receivedAt,
    d.destroyedAt,
  );
  return Number(res!.id);
}

/** Where the last "since the last export" results file ended: the custody seq it covered (0: never). */
export function lastExportThrough(q: Sql): number {
  // the detail is JSON text in both stores; each reads a field of it in its own words
  const text =
    q.dialect === 'postgres'
      ? `SELECT (detail::jsonb ->> 'throughSeq')::bigint AS through FROM custody
      WHERE action = ? AND (detail::jsonb -> 'sinceLast') = 'true'::jsonb ORDER BY seq DESC LIMIT 1`
      : `SELECT json_extract(detail, '$.throughSeq') AS through FROM custody
      WHERE action = ? AND json_extract(detail, '$.sinceLast') = 1 ORDER BY seq DESC LIMIT 1`;
  const r = q.get<{ through: number | null }>(text, EXPORT_ACTION);
  return Number(r?.through ?? 0);
}

/** Jobs with a custody record after `seq` other than a results file leaving, by name; deleted jobs left out. */
export function jobsChangedAfter(q: Sql, seq: number, limit: number): string[] {
  return q
    .all<{ job_name: string }>(
      `SELECT DISTINCT c.job_name FROM custody c JOIN jobs j ON j.name = c.job_name
      WHERE c.seq > ? AND c.action <> ? AND j.deleted_at IS NULL ORDER BY c.job_name LIMIT ?`,
      seq,
      EXPORT_ACTION,
      limit,
    )
    .map((r) => r.job_name);
}

/** Every live job's name (a full results file). */
export function liveJobNames(q: Sql, limit: number): string[] {
  return q.all<{ name: string }>('SELECT name FROM jobs WHERE deleted_at IS NULL ORDER BY name LIMIT ?', limit).map((r) => r.name);
}

export function jobsNamed(q: Sql, names: readonly string[]): JobRecord[] {
  if (!names.length) return [];
  return q.all(`SELECT * FROM jobs WHERE name IN (${names.map(() => '?').join(',')}) ORDER BY name`, ...names).map(jobFromRow);
}

/** One row per local day, operator and action: what the daily dock report counts. `from`/`to` are YYYY-MM-DD. */
export function custodyCountsByDay(q: Sql, from: string, to: string): { day: string; operator: string; action: string; n: number }[] {
  return q
    .all<{ day: string; operator: string; action: string; n: number }>(
      `SELECT substr(at, 1, 10) AS day, operator, action, count(*) AS n FROM custody
      WHERE at >= ? AND at < ? GROUP BY day, operator, action ORDER BY day, operator, action`,
      from,
      `${to}\uffff`,
    )
    .map((r) => ({ day: String(r.day), operator: String(r.operator), action: String(r.action), n: Number(r.n) }));
}

/** Drives received per local day and hour (the report's chart). */
export function receivedByHour(q: Sql, from: string, to: string, actions: readonly string[]): { day: string; hour: number; n: number }[] {
  return q
    .all<{ day: string; hour: string; n: number }>(
      `SELECT substr(at, 1, 10) AS day, substr(at, 12, 2) AS hour, count(*) AS n FROM custody
      WHERE at >= ? AND at < ? AND action IN (${actions.map(() => '?').join(',')}) GROUP BY day, hour ORDER BY day, hour`,
      from,
      `${to}\uffff`,
      ...actions,
    )
    .map((r) => ({ day: String(r.day), hour: Number(r.hour), n: Number(r.n) }));
}

/** Held-drive returns per local day and operator, counted by box (one tracking number is one shipment). */
export function heldReturnBoxesByDay(q: Sql, from: string, to: string): { day: string; operator: string; n: number }[] {
  return q
    .all<{ day: string; operator: string; n: number }>(
      `SELECT substr(at, 1, 10) AS day, operator, count(DISTINCT tracking_number) AS n FROM custody
      WHERE action = 'drive.heldReturned' AND at >= ? AND at < ? GROUP BY day, operator`,
      from,
      `${to}\uffff`,
    )
    .map((r) => ({ day: String(r.day), operator: String(r.operator), n: Number(r.n) }));
}
