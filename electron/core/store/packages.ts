// The packages table and the jobs each box holds (package_jobs): every statement the core runs on them.
import type { PackageRecord, PackageState } from '../model.ts';
import { packageFromRow, type Sql } from './rows.ts';

function packageRecord(q: Sql, tracking: string): PackageRecord | null {
  const r = q.get('SELECT * FROM packages WHERE tracking_number = ?', tracking);
  // asked whether or not the box is known: a store that fetches reads ahead then fetches both at once
  const jobs = q.all<{ job_name: string }>('SELECT job_name FROM package_jobs WHERE tracking_number = ? ORDER BY job_name', tracking);
  if (!r) return null;
  return packageFromRow(
    r,
    jobs.map((j) => j.job_name),
  );
}

export function openPackageOf(q: Sql, station: string): PackageRecord | null {
  const r = q.get<{ tracking_number: string }>(
    "SELECT tracking_number FROM packages WHERE station = ? AND state = 'open' ORDER BY opened_at DESC LIMIT 1",
    station,
  );
  return r ? packageRecord(q, r.tracking_number) : null;
}

// `package` is a reserved word for a function's name, not for a method's
export { packageRecord as package };

/** A box opened at a station, with the jobs it holds; `heldSince` when nothing in it may be processed yet. */
export function insertPackage(
  q: Sql,
  p: {
    trackingNumber: string;
    carrierName: string | null;
    station: string;
    openedBy: string;
    openedAt: string;
    heldSince: string | null;
    jobNames: string[];
  },
): void {
  q.run(
    `INSERT INTO packages (tracking_number, carrier_name, state, station, opened_by, opened_at, held_since)
      VALUES (?, ?, 'open', ?, ?, ?, ?)`,
    p.trackingNumber,
    p.carrierName,
    p.station,
    p.openedBy,
    p.openedAt,
    p.heldSince,
  );
  for (const j of p.jobNames) q.run('INSERT INTO package_jobs (tracking_number, job_name) VALUES (?, ?)', p.trackingNumber, j);
}

/** The box holds this job too (a held drive of it released from the box). */
export function addJobToPackage(q: Sql, tracking: string, jobName: string): void {
  q.run('INSERT INTO package_jobs (tracking_number, job_name) VALUES (?, ?) ON CONFLICT DO NOTHING', tracking, jobName);
}

/** The job's record is going: no box lists it any more. */
export function removeJobFromPackages(q: Sql, jobName: string): void {
  q.run('DELETE FROM package_jobs WHERE job_name = ?', jobName);
}

export function closePackageRecord(q: Sql, tracking: string, state: PackageState, closedAt: string, heldSince: string | null): void {
  q.run('UPDATE packages SET state = ?, closed_at = ?, held_since = ? WHERE tracking_number = ?', state, closedAt, heldSince, tracking);
}

/** A held box opened again at this station. */
export function reopenPackage(q: Sql, tracking: string, station: string): void {
  q.run(
    "UPDATE packages SET state = 'open', station = ?, closed_at = NULL, held_since = NULL WHERE tracking_number = ?",
    station,
    tracking,
  );
}

export function endPackageHold(q: Sql, tracking: string): void {
  q.run("UPDATE packages SET state = 'closed', held_since = NULL WHERE tracking_number = ?", tracking);
}

/** A box put back unopened: it and its job links go. */
export function deletePackage(q: Sql, tracking: string): void {
  q.run('DELETE FROM package_jobs WHERE tracking_number = ?', tracking);
  q.run('DELETE FROM packages WHERE tracking_number = ?', tracking);
}

/** Whether a code is a box's tracking number: a box received here, or a live job's delivery package (with its job). */
export function trackingNumberOwner(q: Sql, code: string): { jobName: string | null } | null {
  const box = q.get<{ name: string | null; t: string }>(
    `SELECT NULL AS name, tracking_number AS t FROM packages WHERE tracking_number = ?
     UNION ALL SELECT name, delivery_tracking AS t FROM jobs
       WHERE (delivery_tracking = ? OR delivery_tracking_base = ?) AND deleted_at IS NULL LIMIT 1`,
    code,
    code,
    code,
  );
  return box ? { jobName: box.name } : null;
}

/** The boxes on record that name the job, with their state: the rules ask whether its package came. */
export function packagesOfJob(q: Sql, jobName: string): { trackingNumber: string; state: PackageState }[] {
  return q
    .all(
      `SELECT p.tracking_number, p.state FROM packages p JOIN package_jobs pj ON pj.tracking_number = p.tracking_number
    WHERE pj.job_name = ? ORDER BY p.opened_at`,
      jobName,
    )
    .map((r) => ({ trackingNumber: String(r.tracking_number), state: String(r.state) as PackageState }));
}

/** Held boxes with no held drive in them. */
export function heldPackagesWithoutDrives(q: Sql, limit: number): { trackingNumber: string; heldSince: string | null; openedAt: string }[] {
  return q
    .all(
      `SELECT p.tracking_number, p.held_since, p.opened_at FROM packages p WHERE p.state = 'held'
      AND NOT EXISTS (SELECT 1 FROM drives d WHERE d.package_tracking = p.tracking_number AND d.held_since IS NOT NULL AND d.active = 1)
    LIMIT ?`,
      limit,
    )
    .map((r) => ({ trackingNumber: String(r.tracking_number), heldSince: r.held_since as string | null, openedAt: String(r.opened_at) }));
}
