// The dock's store: one SQLite file through node:sqlite, WAL with synchronous=FULL, numbered migrations,
// and an index for every lookup a scan makes. Nothing here loads the store whole into memory.
import { DatabaseSync, type StatementSync, type SQLInputValue } from 'node:sqlite';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { truncateWal, watchKeyWipes } from './key-wipes.ts';
import type {
  CustodyRecord, DriveRecord, DriveRole, DriveState, JobRecord, JobState, JobType, PackageRecord, PackageState,
} from './model.ts';

/** Numbered migrations: the store's user_version is how many of them it has applied. */
export const MIGRATIONS: readonly string[] = [
  // 1: jobs, drives, packages and the append-only custody log
  `
  CREATE TABLE jobs (
    name TEXT PRIMARY KEY,
    job_type TEXT NOT NULL,
    state TEXT NOT NULL,
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    faulted_from TEXT,
    fault_reason TEXT,
    delivery_package TEXT,
    delivery_tracking TEXT,
    delivery_tracking_base TEXT,
    return_address TEXT,
    return_shipping TEXT,
    return_package TEXT,
    diagnostics_path TEXT,
    log_level TEXT NOT NULL DEFAULT 'Error',
    incomplete_blob_list_uri TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    creating_since TEXT,
    shipping_since TEXT,
    notified_at TEXT,
    wait_until TEXT,
    finished_at TEXT,
    deleted_at TEXT
  ) STRICT;
  CREATE INDEX jobs_delivery_tracking ON jobs(delivery_tracking);
  CREATE INDEX jobs_delivery_tracking_base ON jobs(delivery_tracking_base);
  CREATE INDEX jobs_state ON jobs(state);

  CREATE TABLE drives (
    id INTEGER PRIMARY KEY,
    drive_id TEXT NOT NULL,
    job_name TEXT,
    role TEXT NOT NULL,
    state TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    faulted_from TEXT,
    fault_reason TEXT,
    copy_status TEXT,
    percent_complete INTEGER NOT NULL DEFAULT 0,
    bytes_succeeded INTEGER NOT NULL DEFAULT 0,
    error_log_uri TEXT,
    verbose_log_uri TEXT,
    manifest_uri TEXT,
    manifest_file TEXT,
    manifest_hash TEXT,
    bitlocker_key TEXT,
    held_since TEXT,
    hold_reason TEXT,
    package_tracking TEXT,
    received_at TEXT,
    destroyed_at TEXT
  ) STRICT;
  -- a serial is in at most one live job at a time; shipped-back drives may come back in a new job
  CREATE UNIQUE INDEX drives_active_serial ON drives(drive_id) WHERE active = 1;
  CREATE INDEX drives_serial ON drives(drive_id);
  CREATE INDEX drives_job ON drives(job_name);
  CREATE INDEX drives_held ON drives(held_since) WHERE held_since IS NOT NULL;

  CREATE TABLE packages (
    tracking_number TEXT PRIMARY KEY,
    carrier_name TEXT,
    state TEXT NOT NULL,
    station TEXT NOT NULL,
    opened_by TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    closed_at TEXT,
    held_since TEXT
  ) STRICT;
  CREATE INDEX packages_open ON packages(station, state);
  CREATE TABLE package_jobs (
    tracking_number TEXT NOT NULL,
    job_name TEXT NOT NULL,
    PRIMARY KEY (tracking_number, job_name)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX package_jobs_job ON package_jobs(job_name);

  CREATE TABLE custody (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    operator TEXT NOT NULL,
    station TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    job_name TEXT,
    drive_id TEXT,
    tracking_number TEXT,
    reason TEXT,
    state_before TEXT,
    state_after TEXT,
    detail TEXT
  ) STRICT;
  CREATE INDEX custody_job ON custody(job_name, seq);
  CREATE INDEX custody_drive ON custody(drive_id, seq);
  CREATE INDEX custody_tracking ON custody(tracking_number, seq);
  CREATE INDEX custody_station_action ON custody(station, action, seq);
  -- append-only: a correction is a new record, never an edit
  CREATE TRIGGER custody_no_update BEFORE UPDATE ON custody BEGIN SELECT RAISE(ABORT, 'custody records are append-only'); END;
  CREATE TRIGGER custody_no_delete BEFORE DELETE ON custody BEGIN SELECT RAISE(ABORT, 'custody records are append-only'); END;
  `,
  // 2: lookups the exception and deadline queries make
  `
  CREATE INDEX jobs_shipping_since ON jobs(shipping_since) WHERE state = 'Shipping';
  CREATE INDEX jobs_creating_since ON jobs(creating_since) WHERE state = 'Creating' AND deleted_at IS NULL;
  CREATE INDEX jobs_finished ON jobs(finished_at) WHERE finished_at IS NOT NULL;
  CREATE INDEX drives_state_job ON drives(state, job_name);
  `,
  // 3: the drives scanned into a package, which every scan shows (without it a scan reads every drive)
  `
  CREATE INDEX drives_package ON drives(package_tracking) WHERE package_tracking IS NOT NULL;
  `,
  // 4: the deadline, exception and job-list queries read their first rows in order instead of sorting every
  // job (at 1,000,000 drives each took 60-100 ms; SQLite preferred jobs_state over the partial indexes)
  `
  CREATE INDEX jobs_state_creating ON jobs(state, creating_since);
  CREATE INDEX jobs_state_shipping ON jobs(state, shipping_since);
  CREATE INDEX jobs_state_finished ON jobs(state, finished_at);
  CREATE INDEX jobs_updated ON jobs(updated_at, name);
  `,
];

/** Idle this long after a commit, the store checkpoints its WAL: at a person's scanning pace no scan pays for it. */
const IDLE_CHECKPOINT_MS = 1_000;
/**
 * WAL pages (4 KiB) before a commit checkpoints anyway, for bursts with no idle moment (imports, the demo,
 * the benchmark): about 40 MB, one checkpoint per thousand scans rather than SQLite's default one per hundred.
 */
const WAL_AUTOCHECKPOINT_PAGES = 10_000;

type Row = Record<string, SQLInputValue>;

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
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

export class Store {
  readonly db: DatabaseSync;
  readonly path: string;
  private readonly statements = new Map<string, StatementSync>();
  private depth = 0;
  private idle: ReturnType<typeof setTimeout> | null = null;
  private readonly keyWiped: () => boolean;
  private walHoldsWipedKey = false;

  constructor(path: string) {
    this.path = path;
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new DatabaseSync(path);
    this.db.exec('PRAGMA journal_mode = WAL');
    this.db.exec('PRAGMA synchronous = FULL');
    this.db.exec('PRAGMA foreign_keys = ON');
    this.db.exec('PRAGMA busy_timeout = 5000');
    this.db.exec(`PRAGMA wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    // a bounded page cache (32 MB): the index pages a scan walks stay in memory; the store is never loaded whole
    this.db.exec('PRAGMA cache_size = -32768');
    this.db.exec('PRAGMA temp_store = MEMORY');
    // a wiped BitLocker key is zeroed in the file, not left in the page's free space
    this.db.exec('PRAGMA secure_delete = ON');
    this.migrate();
    this.keyWiped = watchKeyWipes(this.db);
  }

  /**
   * Checkpoints the WAL once the station has been idle a moment, so no scan waits for one. A checkpoint on
   * the commit path (SQLite's own, every 1,000 pages by default) put one scan in a hundred at several ms.
   */
  private checkpointWhenIdle(): void {
    if (this.path === ':memory:') return;
    if (this.idle) {
      this.idle.refresh();
      return;
    }
    this.idle = setTimeout(() => {
      this.idle = null;
      if (!this.db.isOpen || this.db.isTransaction) return;
      try {
        this.db.exec('PRAGMA wal_checkpoint(PASSIVE)');
      } catch (e) {
        // a full disk fails the checkpoint, not the station: the WAL keeps every commit and is copied later
        console.error('[intake] WAL checkpoint failed:', e instanceof Error ? e.message : e);
      }
    }, IDLE_CHECKPOINT_MS);
    this.idle.unref();
  }

  /** The schema version: the number of migrations applied. */
  get version(): number {
    return Number((this.db.prepare('PRAGMA user_version').get() as Row).user_version);
  }

  private migrate(): void {
    const current = this.version;
    for (let i = current; i < MIGRATIONS.length; i++) {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        this.db.exec(MIGRATIONS[i]!);
        this.db.exec(`PRAGMA user_version = ${i + 1}`);
        this.db.exec('COMMIT');
      } catch (e) {
        this.db.exec('ROLLBACK');
        throw e;
      }
    }
  }

  /** A cached prepared statement: a scan prepares nothing. */
  sql(text: string): StatementSync {
    let s = this.statements.get(text);
    if (!s) {
      s = this.db.prepare(text);
      this.statements.set(text, s);
    }
    return s;
  }

  get<T = Row>(text: string, ...params: SQLInputValue[]): T | undefined {
    return this.sql(text).get(...params) as T | undefined;
  }
  all<T = Row>(text: string, ...params: SQLInputValue[]): T[] {
    return this.sql(text).all(...params) as T[];
  }
  run(text: string, ...params: SQLInputValue[]): { changes: number | bigint; lastInsertRowid: number | bigint } {
    return this.sql(text).run(...params);
  }

  /** One transaction per operation: all of it is written, or none of it. Nested calls join the outer one. */
  transaction<T>(fn: () => T): T {
    if (this.depth > 0) return fn();
    this.db.exec('BEGIN IMMEDIATE');
    this.depth++;
    try {
      const result = fn();
      this.db.exec('COMMIT');
      if (this.keyWiped()) this.walHoldsWipedKey = true;
      this.forgetWipedKeys();
      this.checkpointWhenIdle();
      return result;
    } catch (e) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      this.keyWiped();
      throw e;
    } finally {
      this.depth--;
    }
  }

  // ---- reads -------------------------------------------------------------------------------------

  job(name: string): JobRecord | null {
    const r = this.get('SELECT * FROM jobs WHERE name = ?', name);
    return r ? jobFromRow(r) : null;
  }

  drivesOfJob(name: string): DriveRecord[] {
    return this.all(`SELECT ${DRIVE_COLUMNS} FROM drives WHERE job_name = ? AND active = 1 ORDER BY id`, name).map(driveFromRow);
  }

  /** Drives of the job including those already shipped back or destroyed. */
  allDrivesOfJob(name: string): DriveRecord[] {
    return this.all(`SELECT ${DRIVE_COLUMNS} FROM drives WHERE job_name = ? AND (active = 1 OR state = 'ShippedBack' OR destroyed_at IS NOT NULL) ORDER BY id`, name).map(driveFromRow);
  }

  activeDrive(serial: string): DriveRecord | null {
    const r = this.get(`SELECT ${DRIVE_COLUMNS} FROM drives WHERE drive_id = ? AND active = 1`, serial);
    return r ? driveFromRow(r) : null;
  }

  driveById(id: number): DriveRecord | null {
    const r = this.get(`SELECT ${DRIVE_COLUMNS} FROM drives WHERE id = ?`, id);
    return r ? driveFromRow(r) : null;
  }

  package(tracking: string): PackageRecord | null {
    const r = this.get('SELECT * FROM packages WHERE tracking_number = ?', tracking);
    if (!r) return null;
    const jobs = this.all<{ job_name: string }>('SELECT job_name FROM package_jobs WHERE tracking_number = ? ORDER BY job_name', tracking);
    return {
      trackingNumber: String(r.tracking_number),
      carrierName: str(r.carrier_name),
      state: String(r.state) as PackageState,
      station: String(r.station),
      openedBy: String(r.opened_by),
      openedAt: String(r.opened_at),
      closedAt: str(r.closed_at),
      heldSince: str(r.held_since),
      jobNames: jobs.map((j) => j.job_name),
    };
  }

  openPackageOf(station: string): PackageRecord | null {
    const r = this.get<{ tracking_number: string }>("SELECT tracking_number FROM packages WHERE station = ? AND state = 'open' ORDER BY opened_at DESC LIMIT 1", station);
    return r ? this.package(r.tracking_number) : null;
  }

  // ---- custody -----------------------------------------------------------------------------------

  appendCustody(c: Omit<CustodyRecord, 'seq'>): number {
    const res = this.run(
      `INSERT INTO custody (at, operator, station, action, subject, job_name, drive_id, tracking_number, reason, state_before, state_after, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      c.at, c.operator, c.station, c.action, c.subject, c.jobName, c.driveId, c.trackingNumber, c.reason,
      c.stateBefore, c.stateAfter, c.detail ? JSON.stringify(c.detail) : null,
    );
    return Number(res.lastInsertRowid);
  }

  /**
   * After a commit that wiped a key, the WAL's older frames still hold it: truncate the WAL now. The commit
   * stands whatever happens here; a checkpoint that cannot run yet is retried after the next commit.
   */
  private forgetWipedKeys(): void {
    if (!this.walHoldsWipedKey || this.path === ':memory:') return;
    try {
      this.walHoldsWipedKey = !truncateWal(this.db);
    } catch (e) {
      console.error('[intake] could not truncate the WAL after a BitLocker key was wiped:', e instanceof Error ? e.message : e);
    }
  }

  close(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    this.statements.clear();
    if (this.db.isOpen) {
      if (this.path !== ':memory:') {
        try {
          truncateWal(this.db);
        } catch {
          // closing checkpoints the WAL and deletes it all the same
        }
      }
      this.db.close();
    }
  }
}
