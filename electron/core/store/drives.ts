// The drives table: every statement the core runs on it. A drive read back never carries its BitLocker key.
import type { DriveRecord, DriveRole, DriveState } from '../model.ts';
import { DRIVE_COLUMNS, driveFromRow, setClause, type Sql } from './rows.ts';

const DRIVE_SETTABLE = new Set([
  'state',
  'job_name',
  'role',
  'active',
  'faulted_from',
  'fault_reason',
  'copy_status',
  'percent_complete',
  'bytes_succeeded',
  'error_log_uri',
  'verbose_log_uri',
  'bitlocker_key',
  'held_since',
  'hold_reason',
  'package_tracking',
  'received_at',
  'destroyed_at',
]);
export type DriveColumn =
  | 'state'
  | 'job_name'
  | 'role'
  | 'active'
  | 'faulted_from'
  | 'fault_reason'
  | 'copy_status'
  | 'percent_complete'
  | 'bytes_succeeded'
  | 'error_log_uri'
  | 'verbose_log_uri'
  | 'bitlocker_key'
  | 'held_since'
  | 'hold_reason'
  | 'package_tracking'
  | 'received_at'
  | 'destroyed_at';
export type DriveSets = Partial<Record<DriveColumn, string | number | null>>;

export interface NewDriveRow {
  driveId: string;
  jobName: string | null;
  role: DriveRole;
  state: DriveState;
  heldSince: string | null;
  holdReason: string | null;
  packageTracking: string | null;
  receivedAt: string | null;
  bitLockerKey: string | null;
  manifestFile: string | null;
  manifestHash: string | null;
  manifestUri: string | null;
}

/** A drive at the dock, in the few columns a deadline or exception row shows. */
export interface DriveBrief {
  driveId: string;
  jobName: string | null;
  trackingNumber: string | null;
}

export function drivesOfJob(q: Sql, name: string): DriveRecord[] {
  return q.all(`SELECT ${DRIVE_COLUMNS} FROM drives WHERE job_name = ? AND active = 1 ORDER BY id`, name).map(driveFromRow);
}

/** Drives of the job including those already shipped back or destroyed. */
export function allDrivesOfJob(q: Sql, name: string): DriveRecord[] {
  return q
    .all(
      `SELECT ${DRIVE_COLUMNS} FROM drives
    WHERE job_name = ? AND (active = 1 OR state = 'ShippedBack' OR destroyed_at IS NOT NULL) ORDER BY id`,
      name,
    )
    .map(driveFromRow);
}

export function activeDrive(q: Sql, serial: string): DriveRecord | null {
  const r = q.get(`SELECT ${DRIVE_COLUMNS} FROM drives WHERE drive_id = ? AND active = 1`, serial);
  return r ? driveFromRow(r) : null;
}

export function driveById(q: Sql, id: number): DriveRecord | null {
  const r = q.get(`SELECT ${DRIVE_COLUMNS} FROM drives WHERE id = ?`, id);
  return r ? driveFromRow(r) : null;
}

/** The drive at the dock now, or else the last one seen with this serial. */
export function latestDrive(q: Sql, serial: string): DriveRecord | null {
  const r = q.get(`SELECT ${DRIVE_COLUMNS} FROM drives WHERE drive_id = ? ORDER BY active DESC, id DESC LIMIT 1`, serial);
  return r ? driveFromRow(r) : null;
}

export function insertDrive(q: Sql, d: NewDriveRow): number {
  const res = q.get<{ id: number }>(
    `INSERT INTO drives (drive_id, job_name, role, state, held_since, hold_reason, package_tracking, received_at,
        bitlocker_key, manifest_file, manifest_hash, manifest_uri)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    d.driveId,
    d.jobName,
    d.role,
    d.state,
    d.heldSince,
    d.holdReason,
    d.packageTracking,
    d.receivedAt,
    d.bitLockerKey,
    d.manifestFile,
    d.manifestHash,
    d.manifestUri,
  );
  return Number(res!.id);
}

export function setDrive(q: Sql, id: number, sets: DriveSets): void {
  const s = setClause(sets, DRIVE_SETTABLE);
  q.run(`UPDATE drives SET ${s.text} WHERE id = ?`, ...s.params, id);
}

/** A held drive of no job claimed by the job that lists it; a key the job gives replaces none. */
export function claimOrphan(q: Sql, id: number, jobName: string, bitLockerKey: string | null): void {
  q.run(
    'UPDATE drives SET job_name = ?, role = ? , bitlocker_key = coalesce(?, bitlocker_key) WHERE id = ?',
    jobName,
    'listed',
    bitLockerKey,
    id,
  );
}

/** The drive becomes a held drive of no job (its job's record is going); an earlier hold keeps its date. */
export function detachDrive(q: Sql, id: number, now: string, why: string): void {
  q.run(
    `UPDATE drives SET job_name = NULL, role = 'orphan', held_since = coalesce(held_since, ?), hold_reason = ?
    WHERE id = ?`,
    now,
    why,
    id,
  );
}

export function deleteDrive(q: Sql, id: number): void {
  q.run('DELETE FROM drives WHERE id = ?', id);
}

/** Drive records of the job that left the dock (shipped back, destroyed, or of a deleted job). */
export function deleteInactiveDrivesOfJob(q: Sql, name: string): void {
  q.run('DELETE FROM drives WHERE job_name = ? AND active = 0', name);
}

/** A deleted job's drives that are not at the dock leave the live set; held ones stay. */
export function deactivateUnheldDrivesOfJob(q: Sql, name: string): void {
  q.run('UPDATE drives SET active = 0 WHERE job_name = ? AND held_since IS NULL', name);
}

/** Every drive scanned into a package, in the order scanned. */
export function drivesInPackage(q: Sql, tracking: string): DriveRecord[] {
  return q.all(`SELECT ${DRIVE_COLUMNS} FROM drives WHERE package_tracking = ? ORDER BY received_at, id`, tracking).map(driveFromRow);
}

export function heldDrivesInPackage(q: Sql, tracking: string): DriveRecord[] {
  return q
    .all(`SELECT ${DRIVE_COLUMNS} FROM drives WHERE package_tracking = ? AND held_since IS NOT NULL AND active = 1`, tracking)
    .map(driveFromRow);
}

export function countHeldInPackage(q: Sql, tracking: string): number {
  const text = 'SELECT count(*) AS n FROM drives WHERE package_tracking = ? AND held_since IS NOT NULL AND active = 1';
  return Number(q.get<{ n: number }>(text, tracking)?.n ?? 0);
}

export function anyHeldInPackage(q: Sql, tracking: string): boolean {
  return Boolean(q.get('SELECT 1 FROM drives WHERE package_tracking = ? AND held_since IS NOT NULL AND active = 1 LIMIT 1', tracking));
}

export function anyDriveInPackage(q: Sql, tracking: string): boolean {
  return Boolean(q.get('SELECT 1 FROM drives WHERE package_tracking = ? LIMIT 1', tracking));
}

export function heldDeadlines(q: Sql, limit: number): (DriveBrief & { heldSince: string })[] {
  return q
    .all(
      `SELECT drive_id, job_name, package_tracking, held_since FROM drives
    WHERE held_since IS NOT NULL AND active = 1 ORDER BY held_since LIMIT ?`,
      limit,
    )
    .map((r) => ({
      driveId: String(r.drive_id),
      jobName: r.job_name as string | null,
      trackingNumber: r.package_tracking as string | null,
      heldSince: r.held_since as string,
    }));
}
