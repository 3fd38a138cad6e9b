// Rows as SQLite returns them, turned into the records the core works with (and the drive columns read back).
import type { SQLInputValue, SQLOutputValue } from 'node:sqlite';
import type {
  CustodyRecord,
  DriveRecord,
  DriveRole,
  DriveState,
  JobRecord,
  JobState,
  JobType,
  PackageRecord,
  PackageState,
} from '../model.ts';

export type Row = Record<string, SQLOutputValue>;

const str = (v: SQLOutputValue | undefined): string | null => (v === null || v === undefined ? null : String(v));
const json = <T>(v: unknown): T | null => (typeof v === 'string' ? (JSON.parse(v) as T) : null);

export function jobFromRow(r: Row): JobRecord {
  return {
    name: String(r.name),
    jobType: String(r.job_type) as JobType,
    state: String(r.state) as JobState,
    cancelRequested: Number(r.cancel_requested) === 1,
    faultedFrom: str(r.faulted_from) as JobState | null,
    faultReason: str(r.fault_reason),
    deliveryPackage: json(r.delivery_package),
    returnAddress: json(r.return_address),
    returnShipping: json(r.return_shipping),
    returnPackage: json(r.return_package),
    diagnosticsPath: str(r.diagnostics_path),
    logLevel: r.log_level === 'Verbose' ? 'Verbose' : 'Error',
    incompleteBlobListUri: str(r.incomplete_blob_list_uri),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    creatingSince: str(r.creating_since),
    shippingSince: str(r.shipping_since),
    notifiedAt: str(r.notified_at),
    waitUntil: str(r.wait_until),
    finishedAt: str(r.finished_at),
    deletedAt: str(r.deleted_at),
    deadlineKind: str(r.deadline_kind),
    deadlineAt: str(r.deadline_at),
    sweepAt: str(r.sweep_at),
    addressWantingSince: str(r.address_wanting_since),
    addressWrongAt: str(r.address_wrong_at),
    addressWrongReason: str(r.address_wrong_reason),
    addressWrongWas: str(r.address_wrong_was),
    contactOutcome: str(r.contact_outcome) as JobRecord['contactOutcome'],
    contactedAt: str(r.contacted_at),
  };
}

export function driveFromRow(r: Row): DriveRecord {
  return {
    id: Number(r.id),
    driveId: String(r.drive_id),
    jobName: str(r.job_name),
    role: String(r.role) as DriveRole,
    state: String(r.state) as DriveState,
    faultedFrom: str(r.faulted_from) as DriveState | null,
    faultReason: str(r.fault_reason),
    copyStatus: str(r.copy_status),
    percentComplete: Number(r.percent_complete),
    bytesSucceeded: Number(r.bytes_succeeded),
    errorLogUri: str(r.error_log_uri),
    verboseLogUri: str(r.verbose_log_uri),
    manifestUri: str(r.manifest_uri),
    manifestFile: str(r.manifest_file),
    manifestHash: str(r.manifest_hash),
    hasBitLockerKey: r.has_key !== undefined ? Number(r.has_key) === 1 : false,
    heldSince: str(r.held_since),
    holdReason: str(r.hold_reason),
    packageTracking: str(r.package_tracking),
    receivedAt: str(r.received_at),
    destroyedAt: str(r.destroyed_at),
  };
}

export function custodyFromRow(r: Row): CustodyRecord {
  return {
    seq: Number(r.seq),
    at: String(r.at),
    operator: String(r.operator),
    station: String(r.station),
    action: String(r.action),
    subject: String(r.subject) as CustodyRecord['subject'],
    jobName: str(r.job_name),
    driveId: str(r.drive_id),
    trackingNumber: str(r.tracking_number),
    reason: str(r.reason),
    stateBefore: str(r.state_before),
    stateAfter: str(r.state_after),
    detail: json(r.detail),
  };
}

/** Columns of a drive read back, without the BitLocker key (only whether there is one). */
export const DRIVE_COLUMNS = `id, drive_id, job_name, role, state, faulted_from, fault_reason, copy_status, percent_complete,
  bytes_succeeded, error_log_uri, verbose_log_uri, manifest_uri, manifest_file, manifest_hash,
  (bitlocker_key IS NOT NULL) AS has_key, held_since, hold_reason, package_tracking, received_at, destroyed_at`;

export function packageFromRow(r: Row, jobNames: string[]): PackageRecord {
  return {
    trackingNumber: String(r.tracking_number),
    carrierName: str(r.carrier_name),
    state: String(r.state) as PackageState,
    station: String(r.station),
    openedBy: String(r.opened_by),
    openedAt: String(r.opened_at),
    closedAt: str(r.closed_at),
    heldSince: str(r.held_since),
    jobNames,
  };
}

/** What the table functions need of a connection: a statement run with parameters, its rows read back. */
export interface Sql {
  /** Whose SQL it speaks, for the few statements the two stores word differently (absent: SQLite). */
  readonly dialect?: 'sqlite' | 'postgres';
  get<T = Row>(text: string, ...params: SQLInputValue[]): T | undefined;
  all<T = Row>(text: string, ...params: SQLInputValue[]): T[];
  run(text: string, ...params: SQLInputValue[]): { changes: number | bigint; lastInsertRowid: number | bigint };
}

/** `col = ?` pairs for an UPDATE, only of columns the caller's table names: a key never reaches SQL unchecked. */
export function setClause(sets: Record<string, SQLInputValue>, allowed: ReadonlySet<string>): { text: string; params: SQLInputValue[] } {
  const cols = Object.keys(sets);
  for (const c of cols) if (!allowed.has(c)) throw new Error(`not a column that may be set: ${c}`);
  return { text: cols.map((c) => `${c} = ?`).join(', '), params: cols.map((c) => sets[c] ?? null) };
}
