// The operations dock staff perform, one SQLite transaction each: the new state and its custody record
// are written together or not at all. Every rejection is an IntakeError with a stable code.
import { type Clock, systemClock, isoWithZone, DEADLINES, ms } from './clock.ts';
import { fail, IntakeError } from './errors.ts';
import {
  COPY_STATUSES, JOB_STATES,
  type Actor, type CustodyRecord, type DriveRecord, type DriveState, type DriveView, type JobRecord,
  type JobState, type JobView, type PackageRecord, type ReturnAddress,
} from './model.ts';
import {
  CANCELLABLE, MAX_IMPORT_DRIVES, checkDrive, checkJob, drivePossibilities, jobPossibilities,
  missingAddressFields, jobErrors, drivesAtDock, effectiveState,
  type DriveTrigger, type JobTrigger, type Possibility,
} from './rules.ts';
import { normalizeCode, trackingBase } from './scan.ts';
import { witnessRefusal } from './witness.ts';
import { csvDocument } from './csv.ts';
import { Store, custodyFromRow, driveFromRow, jobFromRow, DRIVE_COLUMNS } from './store.ts';
import { driveView, jobView, type PackageView } from './views.ts';
import { parseImport, parsePatch, parsePut, type JobInput, type DriveInput } from './importing.ts';

export type ScanOutcome =
  | 'received' | 'arrivedLater' | 'alreadyReceived' | 'extra' | 'otherJob' | 'held' | 'exportAdded';

/** How the station should sound and look for an outcome. */
export type Tone = 'accepted' | 'warning' | 'notice';

export interface ScanResult {
  outcome: ScanOutcome;
  tone: Tone;
  serial: string;
  jobName: string | null;
  drive: DriveView;
  message: string;
  package: PackageView;
}

export interface Change {
  jobs: string[];
  packages: string[];
  drives: string[];
  seq: number;
}

export interface Deadline {
  kind: 'creatingDeletion' | 'shippingOverdue' | 'noticeClose' | 'heldReturn' | 'heldDestruction' | 'purge';
  dueAt: string;
  overdue: boolean;
  jobName: string | null;
  driveId: string | null;
  trackingNumber: string | null;
  what: string;
}

export interface SweepResult {
  deletedJobs: string[];
  neverReceived: string[];
  closedJobs: string[];
  purgedJobs: string[];
}

interface Touched { jobs: Set<string>; packages: Set<string>; drives: Set<string> }

export interface IntakeOptions {
  store: Store;
  clock?: Clock;
}

const MAX_REASON = 500;
/** A Shipping job whose box is at the dock (open, held or closed) is not overdue, whatever the calendar says. */
const NO_BOX_YET = 'NOT EXISTS (SELECT 1 FROM package_jobs pj WHERE pj.job_name = jobs.name)';

export class Intake {
  readonly store: Store;
  readonly clock: Clock;
  private listeners = new Set<(c: Change) => void>();
  private touched: Touched | null = null;

  constructor(opts: IntakeOptions) {
    this.store = opts.store;
    this.clock = opts.clock ?? systemClock;
  }

  onChange(fn: (c: Change) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  // ---- plumbing ----------------------------------------------------------------------------------

  private nowUtc(): string {
    return this.clock.now().toISOString();
  }

  /** Runs one operation: validates, writes state and custody in one transaction, then tells listeners. */
  private op<T>(fn: () => T): T {
    const outer = this.touched === null;
    if (outer) this.touched = { jobs: new Set(), packages: new Set(), drives: new Set() };
    try {
      const result = this.store.transaction(fn);
      if (outer) {
        const t = this.touched!;
        this.touched = null;
        if (t.jobs.size || t.packages.size || t.drives.size) {
          const seqRow = this.store.get<{ s: number }>('SELECT max(seq) AS s FROM custody');
          const change: Change = { jobs: [...t.jobs], packages: [...t.packages], drives: [...t.drives], seq: Number(seqRow?.s ?? 0) };
          for (const l of this.listeners) {
            try { l(change); } catch { /* a listener never breaks a committed operation */ }
          }
        }
      }
      return result;
    } finally {
      if (outer) this.touched = null;
    }
  }

  private touch(kind: keyof Touched, key: string | null | undefined): void {
    if (key && this.touched) this.touched[kind].add(key);
  }

  private checkActor(actor: Actor): void {
    if (!actor || typeof actor.operator !== 'string' || !actor.operator.trim()) {
      fail('BAD_INPUT', 'Sign in first: every change records the operator who made it.');
    }
    if (typeof actor.station !== 'string' || !actor.station.trim()) fail('BAD_INPUT', 'The station id is missing.');
  }

  private reason(r: unknown, required: boolean): string | null {
    if (r === undefined || r === null || (typeof r === 'string' && !r.trim())) {
      if (required) fail('BAD_INPUT', 'A reason is required for this action.');
      return null;
    }
    if (typeof r !== 'string') fail('BAD_INPUT', 'The reason must be text.');
    if (r.length > MAX_REASON) fail('BAD_INPUT', `The reason is too long (at most ${MAX_REASON} characters).`);
    return r.trim();
  }

  private custody(actor: Actor, c: Partial<Omit<CustodyRecord, 'seq' | 'at' | 'operator' | 'station'>> & { action: string; subject: CustodyRecord['subject'] }): number {
    return this.store.appendCustody({
      at: isoWithZone(this.clock.now()),
      operator: actor.operator.trim(),
      station: actor.station.trim(),
      action: c.action,
      subject: c.subject,
      jobName: c.jobName ?? null,
      driveId: c.driveId ?? null,
      trackingNumber: c.trackingNumber ?? null,
      reason: c.reason ?? null,
      stateBefore: c.stateBefore ?? null,
      stateAfter: c.stateAfter ?? null,
      detail: c.detail ?? null,
    });
  }

  private liveJob(name: unknown): JobRecord {
    if (typeof name !== 'string' || !name.trim()) fail('BAD_INPUT', 'A job name is required.');
    const job = this.store.job(name.trim());
    if (!job) fail('JOB_UNKNOWN', `There is no job named "${name}".`);
    if (job.deletedAt) fail('JOB_DELETED', `Job "${job.name}" was deleted on ${job.deletedAt.slice(0, 10)} (2 weeks in Creating).`);
    return job;
  }

  private moveJob(actor: Actor, job: JobRecord, to: JobState, trigger: JobTrigger, reason: string | null, extra: Record<string, string | null> = {}, tracking: string | null = null): JobRecord {
    // shipped-back and destroyed drives count too: a copy error on a drive already shipped still closes the job
    const drives = this.store.allDrivesOfJob(job.name);
    const verdict = checkJob(to, trigger, { job, drives, ...(reason ? { reason } : {}) });
    if (!verdict.ok) fail(trigger === 'customerShipped' ? 'GUARD_FAILED' : 'TRANSITION_FORBIDDEN', `Job ${job.name}: ${verdict.reason}.`, { job: job.name, from: job.state, to, trigger });
    const now = this.nowUtc();
    const sets: string[] = ['state = ?', 'updated_at = ?'];
    const params: (string | null)[] = [to, now];
    for (const [col, v] of Object.entries(extra)) { sets.push(`${col} = ?`); params.push(v); }
    this.store.run(`UPDATE jobs SET ${sets.join(', ')} WHERE name = ?`, ...params, job.name);
    this.custody(actor, { action: `job.${trigger}`, subject: 'job', jobName: job.name, trackingNumber: tracking, reason, stateBefore: job.state, stateAfter: to });
    this.touch('jobs', job.name);
    return this.store.job(job.name)!;
  }

  private moveDrive(actor: Actor, drive: DriveRecord, job: JobRecord | null, to: DriveState, trigger: DriveTrigger, opts: {
    reason?: string | null; copyStatus?: string; tracking?: string | null; action?: string; detail?: Record<string, unknown>; sets?: Record<string, string | number | null>;
  } = {}): DriveRecord {
    const verdict = checkDrive(to, trigger, { drive, job, ...(opts.copyStatus ? { copyStatus: opts.copyStatus } : {}), ...(opts.reason ? { reason: opts.reason } : {}) });
    if (!verdict.ok) fail('TRANSITION_FORBIDDEN', `Drive ${drive.driveId}: ${verdict.reason}.`, { driveId: drive.driveId, from: drive.state, to, trigger });
    const sets: string[] = ['state = ?'];
    const params: (string | number | null)[] = [to];
    for (const [col, v] of Object.entries(opts.sets ?? {})) { sets.push(`${col} = ?`); params.push(v); }
    this.store.run(`UPDATE drives SET ${sets.join(', ')} WHERE id = ?`, ...params, drive.id);
    this.custody(actor, {
      action: opts.action ?? `drive.${trigger}`, subject: 'drive', jobName: drive.jobName, driveId: drive.driveId,
      trackingNumber: opts.tracking ?? drive.packageTracking, reason: opts.reason ?? null,
      stateBefore: drive.state, stateAfter: to, detail: { row: drive.id, ...(opts.detail ?? {}) },
    });
    this.touch('drives', drive.driveId);
    this.touch('jobs', drive.jobName);
    return this.store.driveById(drive.id)!;
  }

  private insertDrive(actor: Actor, d: {
    driveId: string; jobName: string | null; role: DriveRecord['role']; state: DriveState; heldSince?: string | null;
    holdReason?: string | null; packageTracking?: string | null; receivedAt?: string | null; input?: DriveInput;
  }, action: string, tracking: string | null = null): DriveRecord {
    const existing = this.store.activeDrive(d.driveId);
    if (existing) fail('DRIVE_IN_ANOTHER_JOB', `Drive ${d.driveId} is already at the dock for ${existing.jobName ? `job ${existing.jobName}` : 'no job'}.`, { driveId: d.driveId, jobName: existing.jobName });
    const res = this.store.run(
      `INSERT INTO drives (drive_id, job_name, role, state, held_since, hold_reason, package_tracking, received_at,
        bitlocker_key, manifest_file, manifest_hash, manifest_uri)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      d.driveId, d.jobName, d.role, d.state, d.heldSince ?? null, d.holdReason ?? null, d.packageTracking ?? null,
      d.receivedAt ?? null, d.input?.bitLockerKey ?? null, d.input?.manifestFile ?? null, d.input?.manifestHash ?? null,
      d.input?.manifestUri ?? null,
    );
    const id = Number(res.lastInsertRowid);
    this.custody(actor, {
      action, subject: 'drive', jobName: d.jobName, driveId: d.driveId, trackingNumber: tracking,
      stateBefore: null, stateAfter: d.state, detail: { row: id, role: d.role, held: Boolean(d.heldSince) },
    });
    this.touch('drives', d.driveId);
    this.touch('jobs', d.jobName);
    return this.store.driveById(id)!;
  }

  // ---- jobs --------------------------------------------------------------------------------------

  /** Put: creates a job in `Creating` (or `Shipping` when asked and its guard holds). */
  putJob(actor: Actor, input: unknown): JobView {
    this.checkActor(actor);
    const job = parsePut(input);
    return this.op(() => {
      const existing = this.store.job(job.name);
      if (existing && !existing.deletedAt) fail('JOB_EXISTS', `A job named "${job.name}" already exists (${existing.state}).`);
      this.createJob(actor, job, 'job.created');
      return this.jobView(job.name);
    });
  }

  private createJob(actor: Actor, input: JobInput, action: string): void {
    const now = this.nowUtc();
    if (input.jobType === 'Import' && input.driveList.length > MAX_IMPORT_DRIVES) {
      fail('TOO_MANY_DRIVES', `An import job has at most ${MAX_IMPORT_DRIVES} drives; "${input.name}" lists ${input.driveList.length}.`);
    }
    const existing = this.store.job(input.name);
    if (existing) {
      // a deleted job's name may be used again: the old record goes, its custody stays
      this.store.run('DELETE FROM drives WHERE job_name = ? AND active = 0', input.name);
      this.store.run('DELETE FROM package_jobs WHERE job_name = ?', input.name);
      this.store.run('DELETE FROM jobs WHERE name = ?', input.name);
    }
    const wanted: JobState = input.state ?? 'Creating';
    const tracking = input.deliveryPackage?.trackingNumber ?? null;
    this.store.run(
      `INSERT INTO jobs (name, job_type, state, cancel_requested, delivery_package, delivery_tracking, delivery_tracking_base,
        return_address, return_shipping, return_package, diagnostics_path, log_level, incomplete_blob_list_uri,
        created_at, updated_at, creating_since, shipping_since)
       VALUES (?, ?, 'Creating', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
      input.name, input.jobType, input.cancelRequested ? 1 : 0,
      input.deliveryPackage ? JSON.stringify(input.deliveryPackage) : null, tracking, tracking ? trackingBase(tracking) : null,
      input.returnAddress ? JSON.stringify(input.returnAddress) : null,
      input.returnShipping ? JSON.stringify(input.returnShipping) : null,
      input.returnPackage ? JSON.stringify(input.returnPackage) : null,
      input.diagnosticsPath ?? null, input.logLevel ?? 'Error', input.incompleteBlobListUri ?? null, now, now, now,
    );
    this.custody(actor, { action, subject: 'job', jobName: input.name, stateBefore: null, stateAfter: 'Creating', detail: { jobType: input.jobType } });
    this.touch('jobs', input.name);
    for (const d of input.driveList) this.addListedDrive(actor, input.name, input.jobType, d);
    if (wanted === 'Shipping') {
      this.moveJob(actor, this.store.job(input.name)!, 'Shipping', 'customerShipped', null, { shipping_since: now, creating_since: null });
    }
  }

  private addListedDrive(actor: Actor, jobName: string, jobType: JobRecord['jobType'], d: DriveInput): void {
    const orphan = this.store.activeDrive(d.driveId);
    if (orphan && orphan.role === 'orphan') {
      // a held drive of no job is claimed by the job that lists it; it stays held until released
      this.store.run('UPDATE drives SET job_name = ?, role = ? , bitlocker_key = coalesce(?, bitlocker_key) WHERE id = ?', jobName, 'listed', d.bitLockerKey ?? null, orphan.id);
      this.custody(actor, { action: 'drive.claimedByJob', subject: 'drive', jobName, driveId: d.driveId, trackingNumber: orphan.packageTracking, stateBefore: orphan.state, stateAfter: orphan.state, detail: { row: orphan.id } });
      this.touch('drives', d.driveId);
      return;
    }
    const state: DriveState = jobType === 'Export' ? 'Received' : 'Specified';
    this.insertDrive(actor, { driveId: d.driveId, jobName, role: 'listed', state, input: d }, 'drive.listed');
  }

  /** Update: the service's PATCH. Any update while `Creating` keeps it `Creating` and restarts its 2 weeks. */
  updateJob(actor: Actor, name: unknown, patchInput: unknown): JobView {
    this.checkActor(actor);
    const patch = parsePatch(patchInput);
    return this.op(() => {
      const job = this.liveJob(name);
      const now = this.nowUtc();
      const sets: string[] = [];
      const params: (string | number | null)[] = [];
      const changed: string[] = [];
      const late = !['Creating', 'Shipping'].includes(job.state);
      if (patch.deliveryPackage) {
        if (late) fail('TRANSITION_FORBIDDEN', `Job ${job.name} is ${job.state}: its delivery package can no longer change.`);
        sets.push('delivery_package = ?', 'delivery_tracking = ?', 'delivery_tracking_base = ?');
        params.push(JSON.stringify(patch.deliveryPackage), patch.deliveryPackage.trackingNumber, trackingBase(patch.deliveryPackage.trackingNumber));
        changed.push('deliveryPackage');
      }
      if (patch.returnAddress) {
        const merged = { ...(job.returnAddress ?? {}), ...patch.returnAddress };
        sets.push('return_address = ?'); params.push(JSON.stringify(merged)); changed.push('returnAddress');
      }
      if (patch.returnShipping) { sets.push('return_shipping = ?'); params.push(JSON.stringify(patch.returnShipping)); changed.push('returnShipping'); }
      if (patch.logLevel) { sets.push('log_level = ?'); params.push(patch.logLevel); changed.push('logLevel'); }
      if (patch.diagnosticsPath) { sets.push('diagnostics_path = ?'); params.push(patch.diagnosticsPath); changed.push('diagnosticsPath'); }
      if (patch.driveList) {
        if (job.state !== 'Creating') fail('TRANSITION_FORBIDDEN', `Job ${job.name} is ${job.state}: drives are added only while Creating.`);
        const current = this.store.drivesOfJob(job.name).filter((d) => d.role === 'listed');
        const adding = patch.driveList.filter((d) => !current.some((c) => c.driveId === d.driveId));
        if (job.jobType === 'Import' && current.length + adding.length > MAX_IMPORT_DRIVES) {
          fail('TOO_MANY_DRIVES', `An import job has at most ${MAX_IMPORT_DRIVES} drives; ${job.name} would have ${current.length + adding.length}.`);
        }
        for (const d of adding) this.addListedDrive(actor, job.name, job.jobType, d);
        changed.push('driveList');
      }
      if (!changed.length && !patch.state && !patch.cancelRequested) fail('BAD_INPUT', 'The update changes nothing.');
      // any update (drives added included) is recorded, and while Creating restarts the 2 weeks
      if (changed.length) {
        if (job.state === 'Creating') { sets.push('creating_since = ?'); params.push(now); }
        sets.push('updated_at = ?'); params.push(now);
        this.store.run(`UPDATE jobs SET ${sets.join(', ')} WHERE name = ?`, ...params, job.name);
        this.custody(actor, { action: 'job.updated', subject: 'job', jobName: job.name, stateBefore: job.state, stateAfter: job.state, detail: { fields: changed } });
        this.touch('jobs', job.name);
      }
      if (patch.state === 'Shipping' && job.state === 'Creating') {
        this.moveJob(actor, this.store.job(job.name)!, 'Shipping', 'customerShipped', null, { shipping_since: now, creating_since: null });
      } else if (patch.state && patch.state !== job.state) {
        fail('TRANSITION_FORBIDDEN', `An update may only move a Creating job to Shipping; ${job.name} is ${job.state}.`);
      }
      if (patch.cancelRequested) this.cancelInside(actor, this.store.job(job.name)!, 'customer requested cancellation');
      return this.jobView(job.name);
    });
  }

  /** Imports the service's `Get Job` JSON: one job, a list, or `{ value: [...] }`. All or nothing. */
  importJobs(actor: Actor, json: unknown): { created: string[]; updated: string[] } {
    this.checkActor(actor);
    const jobs = parseImport(json);
    return this.op(() => {
      const created: string[] = [];
      const updated: string[] = [];
      for (const j of jobs) {
        const existing = this.store.job(j.name);
        if (!existing || existing.deletedAt) {
          this.createJob(actor, j, 'job.imported');
          created.push(j.name);
        } else {
          const patch: Record<string, unknown> = {};
          if (j.deliveryPackage && ['Creating', 'Shipping'].includes(existing.state)) patch.deliveryPackage = j.deliveryPackage;
          if (j.returnAddress) patch.returnAddress = j.returnAddress;
          if (j.returnShipping) patch.returnShipping = j.returnShipping;
          if (j.state === 'Shipping' && existing.state === 'Creating') patch.state = 'Shipping';
          if (Object.keys(patch).length) {
            this.updateJob(actor, j.name, patch);
            updated.push(j.name);
          }
        }
      }
      return { created, updated };
    });
  }

  cancelJob(actor: Actor, name: unknown, reason?: unknown): JobView {
    this.checkActor(actor);
    const why = this.reason(reason, false) ?? 'cancel requested';
    return this.op(() => {
      const job = this.liveJob(name);
      this.cancelInside(actor, job, why);
      return this.jobView(job.name);
    });
  }

  private cancelInside(actor: Actor, job: JobRecord, why: string): void {
    if (job.cancelRequested) fail('ALREADY_CANCELLED', `Job ${job.name} is already cancelled: nothing more to do.`, { job: job.name });
    if (!CANCELLABLE.includes(effectiveState(job))) {
      fail('CANCEL_TOO_LATE', `Job ${job.name} is ${job.state === 'Faulted' ? `Faulted from ${job.faultedFrom}` : job.state}: a cancel is accepted only before Packaging.`);
    }
    this.store.run('UPDATE jobs SET cancel_requested = 1, updated_at = ? WHERE name = ?', this.nowUtc(), job.name);
    this.custody(actor, { action: 'job.cancelRequested', subject: 'job', jobName: job.name, reason: why, stateBefore: job.state, stateAfter: job.state });
    this.touch('jobs', job.name);
    const after = this.store.job(job.name)!;
    if (after.state === 'Received') this.moveJob(actor, after, 'Packaging', 'copySkipped', why);
    else if (after.state === 'Transferring') this.maybePackaging(actor, after);
  }

  faultJob(actor: Actor, name: unknown, reason: unknown): JobView {
    this.checkActor(actor);
    const why = this.reason(reason, true)!;
    return this.op(() => {
      const job = this.liveJob(name);
      this.moveJob(actor, job, 'Faulted', 'fault', why, { faulted_from: job.state, fault_reason: why });
      return this.jobView(job.name);
    });
  }

  resolveJob(actor: Actor, name: unknown, reason: unknown): JobView {
    this.checkActor(actor);
    const why = this.reason(reason, true)!;
    return this.op(() => {
      const job = this.liveJob(name);
      if (job.state !== 'Faulted' || !job.faultedFrom) fail('TRANSITION_FORBIDDEN', `Job ${job.name} is ${job.state}, not Faulted.`);
      const back = this.moveJob(actor, job, job.faultedFrom, 'resolve', why, { faulted_from: null, fault_reason: null });
      // what happened while it was faulted (copies ending, a cancel) applies now
      if (back.state === 'Transferring') this.maybePackaging(actor, back);
      else if (back.state === 'Received' && back.cancelRequested) this.moveJob(actor, back, 'Packaging', 'copySkipped', 'a cancelled job skips the data copy');
      return this.jobView(job.name);
    });
  }

  private liveDrive(serial: unknown): DriveRecord {
    const code = normalizeCode(serial, 'drive serial');
    const drive = this.store.activeDrive(code);
    if (!drive) fail('DRIVE_UNKNOWN', `No drive ${code} is at the dock or expected.`);
    return drive;
  }

  faultDrive(actor: Actor, serial: unknown, reason: unknown): DriveView {
    this.checkActor(actor);
    const why = this.reason(reason, true)!;
    return this.op(() => {
      const drive = this.liveDrive(serial);
      const job = drive.jobName ? this.store.job(drive.jobName) : null;
      return driveView(this.moveDrive(actor, drive, job, 'Faulted', 'fault', { reason: why, sets: { faulted_from: drive.state, fault_reason: why } }));
    });
  }

  resolveDrive(actor: Actor, serial: unknown, reason: unknown): DriveView {
    this.checkActor(actor);
    const why = this.reason(reason, true)!;
    return this.op(() => {
      const drive = this.liveDrive(serial);
      if (drive.state !== 'Faulted' || !drive.faultedFrom) fail('TRANSITION_FORBIDDEN', `Drive ${drive.driveId} is ${drive.state}, not Faulted.`);
      const job = drive.jobName ? this.store.job(drive.jobName) : null;
      const d = this.moveDrive(actor, drive, job, drive.faultedFrom, 'resolve', { reason: why, sets: { faulted_from: null, fault_reason: null } });
      if (job && job.state === 'Transferring') this.maybePackaging(actor, job);
      return driveView(d);
    });
  }

  /** Staff told the customer their package has not arrived: the 30-day clock to `Closed` starts. */
  notifyCustomer(actor: Actor, name: unknown, note?: unknown): JobView {
    this.checkActor(actor);
    const why = this.reason(note, false);
    return this.op(() => {
      const job = this.liveJob(name);
      if (job.state !== 'Shipping') fail('TRANSITION_FORBIDDEN', `Job ${job.name} is ${job.state}: customers are notified of packages that have not arrived (Shipping).`);
      this.store.run('UPDATE jobs SET notified_at = ?, updated_at = ? WHERE name = ?', this.nowUtc(), this.nowUtc(), job.name);
      this.custody(actor, { action: 'job.customerNotified', subject: 'job', jobName: job.name, reason: why, stateBefore: job.state, stateAfter: job.state });
      this.touch('jobs', job.name);
      return this.jobView(job.name);
    });
  }

  /** Staff agreed with the customer to wait longer for the package. */
  extendWait(actor: Actor, name: unknown, days: unknown, reason?: unknown): JobView {
    this.checkActor(actor);
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 90) fail('BAD_INPUT', 'Extend the wait by 1 to 90 whole days.');
    const why = this.reason(reason, false);
    return this.op(() => {
      const job = this.liveJob(name);
      if (job.state !== 'Shipping') fail('TRANSITION_FORBIDDEN', `Job ${job.name} is ${job.state}: only a Shipping job waits for its package.`);
      const until = new Date(this.clock.now().getTime() + days * 86_400_000).toISOString();
      this.store.run('UPDATE jobs SET wait_until = ?, notified_at = NULL, updated_at = ? WHERE name = ?', until, this.nowUtc(), job.name);
      this.custody(actor, { action: 'job.waitExtended', subject: 'job', jobName: job.name, reason: why, stateBefore: job.state, stateAfter: job.state, detail: { until } });
      this.touch('jobs', job.name);
      return this.jobView(job.name);
    });
  }

  // ---- packages and scans ------------------------------------------------------------------------

  /** Opens the box whose carrier tracking number was scanned. Shared boxes find every job `X-1`, `X-2` …. */
  receivePackage(actor: Actor, input: { trackingNumber: unknown; carrierName?: unknown }): PackageView {
    this.checkActor(actor);
    const tracking = normalizeCode(input?.trackingNumber, 'tracking number');
    const carrier = typeof input?.carrierName === 'string' && input.carrierName.trim() ? input.carrierName.trim().slice(0, 64) : null;
    return this.op(() => {
      const existing = this.store.package(tracking);
      if (existing) {
        if (existing.state === 'open') fail('PACKAGE_ALREADY_OPEN', `Package ${tracking} is already open at ${existing.station}.`, { trackingNumber: tracking });
        fail('PACKAGE_ALREADY_RECEIVED', `Package ${tracking} was already received on ${existing.openedAt.slice(0, 10)} by ${existing.openedBy} (${existing.state}).`, { trackingNumber: tracking });
      }
      const open = this.store.openPackageOf(actor.station);
      if (open) fail('ANOTHER_PACKAGE_OPEN', `Package ${open.trackingNumber} is still open: close it before receiving ${tracking}.`, { trackingNumber: open.trackingNumber });
      let jobs = this.store.all('SELECT * FROM jobs WHERE delivery_tracking = ? AND deleted_at IS NULL', tracking).map(jobFromRow);
      if (!jobs.length) jobs = this.store.all('SELECT * FROM jobs WHERE delivery_tracking_base = ? AND deleted_at IS NULL ORDER BY name', tracking).map(jobFromRow);
      const now = this.nowUtc();
      const held = jobs.length === 0 || jobs.every((j) => j.state === 'Creating');
      this.store.run(
        `INSERT INTO packages (tracking_number, carrier_name, state, station, opened_by, opened_at, held_since) VALUES (?, ?, 'open', ?, ?, ?, ?)`,
        tracking, carrier ?? jobs[0]?.deliveryPackage?.carrierName ?? null, actor.station, actor.operator, now, held ? now : null,
      );
      for (const j of jobs) this.store.run('INSERT INTO package_jobs (tracking_number, job_name) VALUES (?, ?)', tracking, j.name);
      this.custody(actor, {
        action: held ? 'package.receivedHeld' : 'package.received', subject: 'package', trackingNumber: tracking,
        jobName: jobs.length === 1 ? jobs[0]!.name : null, stateBefore: null, stateAfter: 'open',
        reason: held ? (jobs.length ? 'job still Creating: nothing is processed until it is Shipping' : 'no job on record') : null,
        detail: { jobs: jobs.map((j) => j.name) },
      });
      this.touch('packages', tracking);
      for (const j of jobs) this.touch('jobs', j.name);
      return this.packageView(tracking)!;
    });
  }

  private packageForScan(actor: Actor, tracking: unknown): PackageRecord {
    if (tracking !== undefined && tracking !== null && tracking !== '') {
      const t = normalizeCode(tracking, 'tracking number');
      const p = this.store.package(t);
      if (!p) fail('PACKAGE_UNKNOWN', `Package ${t} has not been received here.`);
      if (p.state !== 'open') fail('PACKAGE_NOT_OPEN', `Package ${t} is ${p.state}, not open.`);
      return p;
    }
    const open = this.store.openPackageOf(actor.station);
    if (!open) fail('NO_OPEN_PACKAGE', 'No package is open: scan the package\'s tracking number first.');
    return open;
  }

  /** A drive serial scanned into the open package, with every case of DOMAIN.md. */
  scanDrive(actor: Actor, input: { serial: unknown; trackingNumber?: unknown; jobName?: unknown }): ScanResult {
    this.checkActor(actor);
    const serial = normalizeCode(input?.serial, 'drive serial');
    return this.op(() => {
      const pkg = this.packageForScan(actor, input?.trackingNumber);
      const now = this.nowUtc();
      const existing = this.store.activeDrive(serial);
      const pkgJobs = pkg.jobNames.map((n) => this.store.job(n)!).filter((j) => j && !j.deletedAt);
      const result = (outcome: ScanOutcome, tone: Tone, drive: DriveRecord, message: string): ScanResult => ({
        outcome, tone, serial, jobName: drive.jobName, drive: driveView(drive), message, package: this.packageView(pkg.trackingNumber)!,
      });
      this.touch('packages', pkg.trackingNumber);

      if (existing) {
        const job = existing.jobName ? this.store.job(existing.jobName) : null;
        const inPackage = job ? pkg.jobNames.includes(job.name) : false;
        const whose = job ? `job ${job.name}` : 'no job';
        if (existing.packageTracking && (existing.state !== 'Specified' && existing.state !== 'NeverReceived' || existing.heldSince)) {
          fail('DRIVE_ALREADY_SCANNED', `Drive ${serial} was already scanned${existing.packageTracking === pkg.trackingNumber ? ' into this package' : ` in package ${existing.packageTracking}`} (${existing.state}${existing.heldSince ? ', held' : ''}).`, { driveId: serial, jobName: existing.jobName });
        }
        if (existing.state !== 'Specified' && existing.state !== 'NeverReceived') {
          fail('DRIVE_ALREADY_SCANNED', `Drive ${serial} of ${whose} is already ${existing.state}.`, { driveId: serial, jobName: existing.jobName });
        }
        // a drive of a job that already ended (a box that came after the job was Closed) is held like one of
        // no job: nothing processes it any more, and unheld it would vanish with the job's purge
        const ended = job !== null && (job.state === 'Completed' || job.state === 'Closed');
        if (!job || job.state === 'Creating' || job.deletedAt || ended) {
          const why = !job ? 'no job on record' : ended ? `job already ${job.state}` : 'job still Creating';
          const d = this.holdDrive(actor, existing, pkg, why);
          return result('held', 'warning', d, `Drive ${serial} is held: ${job ? `job ${job.name} is ${ended ? `already ${job.state}` : 'still Creating'}` : 'it belongs to no job'}. Contact the customer.`);
        }
        const trigger: DriveTrigger = existing.state === 'NeverReceived' ? 'arrivedLater' : 'scanned';
        const d = this.moveDrive(actor, existing, job, 'Received', trigger, {
          tracking: pkg.trackingNumber, action: inPackage || trigger === 'arrivedLater' ? `drive.${trigger}` : 'drive.receivedInOtherPackage',
          sets: { package_tracking: pkg.trackingNumber, received_at: now },
          detail: inPackage ? { package: pkg.trackingNumber } : { package: pkg.trackingNumber, packageJobs: pkg.jobNames },
        });
        if (trigger === 'arrivedLater') return result('arrivedLater', 'accepted', d, `Drive ${serial} of job ${job.name} was NeverReceived and has now arrived${inPackage ? '' : ` in package ${pkg.trackingNumber}`}: Received.`);
        if (!inPackage) {
          return result('otherJob', 'warning', d, `Drive ${serial} belongs to job ${job.name}, not to this package's job${pkgJobs.length > 1 ? 's' : ''}: received for ${job.name}; it goes back with ${job.name}.`);
        }
        return result('received', 'accepted', d, `Drive ${serial} received for job ${job.name}.`);
      }

      // a carrier's tracking number scanned while a box is open is the next box, not an extra drive
      const box = this.store.get<{ name: string | null; t: string }>(
        `SELECT NULL AS name, tracking_number AS t FROM packages WHERE tracking_number = ?
         UNION ALL SELECT name, delivery_tracking AS t FROM jobs WHERE (delivery_tracking = ? OR delivery_tracking_base = ?) AND deleted_at IS NULL LIMIT 1`, serial, serial, serial);
      if (box) {
        fail('CODE_IS_TRACKING', `${serial} is a package's tracking number${box.name ? ` (job ${box.name})` : ''}, not a drive serial. Close package ${pkg.trackingNumber} before receiving the next one.`, { trackingNumber: serial, open: pkg.trackingNumber });
      }
      // a drive on no job's list: an extra drive of this package's job, or held when there is no job
      let owner: JobRecord | null = null;
      if (pkgJobs.length === 1) owner = pkgJobs[0]!;
      else if (pkgJobs.length > 1) {
        const named = typeof input?.jobName === 'string' ? input.jobName.trim() : '';
        if (!named) fail('AMBIGUOUS_JOB', `Drive ${serial} is on no job's list and this box holds ${pkgJobs.length} jobs (${pkgJobs.map((j) => j.name).join(', ')}): choose the job written on the drive's label.`, { driveId: serial, jobs: pkgJobs.map((j) => j.name) });
        owner = pkgJobs.find((j) => j.name === named) ?? null;
        if (!owner) fail('JOB_NOT_IN_PACKAGE', `Job "${named}" is not in package ${pkg.trackingNumber}.`);
      }
      if (!owner) {
        const d = this.insertDrive(actor, { driveId: serial, jobName: null, role: 'orphan', state: 'Specified', heldSince: now, holdReason: 'no job on record', packageTracking: pkg.trackingNumber, receivedAt: now }, 'drive.heldNoJob', pkg.trackingNumber);
        return result('held', 'warning', d, `Drive ${serial} belongs to no job: held. Contact the customer.`);
      }
      if (owner.state === 'Creating' || owner.state === 'Completed' || owner.state === 'Closed') {
        const why = owner.state === 'Creating' ? 'job still Creating' : `job already ${owner.state}`;
        const d = this.insertDrive(actor, { driveId: serial, jobName: owner.name, role: 'extra', state: 'Specified', heldSince: now, holdReason: why, packageTracking: pkg.trackingNumber, receivedAt: now }, 'drive.heldExtra', pkg.trackingNumber);
        return result('held', 'warning', d, `Drive ${serial} is not on job ${owner.name}'s list and the ${why.replace('job ', 'job is ')}: held.`);
      }
      if (owner.jobType === 'Export' && ['Shipping', 'Creating'].includes(owner.state)) {
        const d = this.insertDrive(actor, { driveId: serial, jobName: owner.name, role: 'listed', state: 'Received', packageTracking: pkg.trackingNumber, receivedAt: now }, 'drive.exportReceived', pkg.trackingNumber);
        return result('exportAdded', 'accepted', d, `Drive ${serial} received for export job ${owner.name}.`);
      }
      const d = this.insertDrive(actor, { driveId: serial, jobName: owner.name, role: 'extra', state: 'Received', packageTracking: pkg.trackingNumber, receivedAt: now }, 'drive.extra', pkg.trackingNumber);
      return result('extra', 'warning', d, `Drive ${serial} is not on job ${owner.name}'s list: an extra drive. It is not copied and goes back with the job.`);
    });
  }

  /** Puts a drive at the dock on hold; `pkg` is the box it just came in, or null when it was already here. */
  private holdDrive(actor: Actor, drive: DriveRecord, pkg: PackageRecord | null, why: string): DriveRecord {
    const now = this.nowUtc();
    if (pkg) this.store.run('UPDATE drives SET held_since = ?, hold_reason = ?, package_tracking = ?, received_at = ? WHERE id = ?', now, why, pkg.trackingNumber, now, drive.id);
    else this.store.run('UPDATE drives SET held_since = ?, hold_reason = ? WHERE id = ?', now, why, drive.id);
    const tracking = pkg?.trackingNumber ?? drive.packageTracking;
    this.custody(actor, { action: pkg ? 'drive.held' : 'drive.heldAtDock', subject: 'drive', jobName: drive.jobName, driveId: drive.driveId, trackingNumber: tracking, reason: why, stateBefore: drive.state, stateAfter: drive.state, detail: { row: drive.id } });
    this.touch('drives', drive.driveId);
    this.touch('jobs', drive.jobName);
    return this.store.driveById(drive.id)!;
  }

  /**
   * The job's record is going (deleted or purged) but some of its drives are still at the dock: they become
   * held drives of no job, so they stay listed with their return and destruction deadlines.
   */
  private detachFromJob(actor: Actor, jobName: string, why: string): void {
    const now = this.nowUtc();
    for (const d of this.store.drivesOfJob(jobName)) {
      this.store.run("UPDATE drives SET job_name = NULL, role = 'orphan', held_since = coalesce(held_since, ?), hold_reason = ? WHERE id = ?", now, why, d.id);
      this.custody(actor, { action: 'drive.detachedFromJob', subject: 'drive', jobName, driveId: d.driveId, trackingNumber: d.packageTracking, reason: why, stateBefore: d.state, stateAfter: d.state, detail: { row: d.id } });
      this.touch('drives', d.driveId);
    }
  }

  /** What closing the package would mark NeverReceived: the confirmation lists them. */
  previewClose(actor: Actor, tracking?: unknown): { trackingNumber: string; neverReceived: { jobName: string; driveId: string }[]; held: boolean } {
    const pkg = this.packageForScan(actor, tracking);
    const out: { jobName: string; driveId: string }[] = [];
    for (const name of pkg.jobNames) {
      const job = this.store.job(name);
      if (!job || job.deletedAt || job.state !== 'Shipping') continue;
      for (const d of this.store.drivesOfJob(name)) {
        if (d.role === 'listed' && d.state === 'Specified' && !d.heldSince) out.push({ jobName: name, driveId: d.driveId });
      }
    }
    const heldRow = this.store.get<{ n: number }>('SELECT count(*) AS n FROM drives WHERE package_tracking = ? AND held_since IS NOT NULL AND active = 1', pkg.trackingNumber);
    return { trackingNumber: pkg.trackingNumber, neverReceived: out, held: Number(heldRow?.n ?? 0) > 0 || pkg.jobNames.length === 0 };
  }

  /** Closes the package: expected drives not scanned become NeverReceived and its jobs Received. */
  closePackage(actor: Actor, input: { trackingNumber?: unknown } = {}): { package: PackageView; neverReceived: string[] } {
    this.checkActor(actor);
    return this.op(() => {
      const pkg = this.packageForScan(actor, input?.trackingNumber);
      const now = this.nowUtc();
      const never: string[] = [];
      const faulted = pkg.jobNames.map((n) => this.store.job(n)).filter((j) => j && !j.deletedAt && j.state === 'Faulted' && j.faultedFrom === 'Shipping');
      if (faulted.length) fail('TRANSITION_FORBIDDEN', `Job ${faulted[0]!.name} is Faulted: resolve it before closing its package, so its drives are counted.`, { jobName: faulted[0]!.name });
      for (const name of pkg.jobNames) {
        const job = this.store.job(name);
        if (!job || job.deletedAt || job.state !== 'Shipping') continue;
        for (const d of this.store.drivesOfJob(name)) {
          if (d.role === 'listed' && d.state === 'Specified' && !d.heldSince) {
            this.moveDrive(actor, d, job, 'NeverReceived', 'missingAtClose', { tracking: pkg.trackingNumber, reason: `not in package ${pkg.trackingNumber}` });
            never.push(d.driveId);
          }
        }
        const received = this.moveJob(actor, this.store.job(name)!, 'Received', 'packageReceived', null, {}, pkg.trackingNumber);
        if (received.cancelRequested) this.moveJob(actor, received, 'Packaging', 'copySkipped', 'a cancelled job skips the data copy', {}, pkg.trackingNumber);
        else if (checkJob('Packaging', 'nothingToCopy', { job: received, drives: this.store.allDrivesOfJob(name) }).ok) {
          this.moveJob(actor, received, 'Packaging', 'nothingToCopy', 'none of the job\'s drives arrived', {}, pkg.trackingNumber);
        }
      }
      const heldRow = this.store.get<{ n: number }>('SELECT count(*) AS n FROM drives WHERE package_tracking = ? AND held_since IS NOT NULL AND active = 1', pkg.trackingNumber);
      const held = Number(heldRow?.n ?? 0) > 0;
      const state = held ? 'held' : 'closed';
      this.store.run('UPDATE packages SET state = ?, closed_at = ?, held_since = ? WHERE tracking_number = ?', state, now, held ? (pkg.heldSince ?? now) : null, pkg.trackingNumber);
      // one record per job in the box, so every job's custody shows its box closing
      for (const jobName of pkg.jobNames.length ? pkg.jobNames : [null]) {
        this.custody(actor, { action: 'package.closed', subject: 'package', jobName, trackingNumber: pkg.trackingNumber, stateBefore: 'open', stateAfter: state, detail: { neverReceived: never } });
      }
      this.touch('packages', pkg.trackingNumber);
      return { package: this.packageView(pkg.trackingNumber)!, neverReceived: never };
    });
  }

  /** A held package whose job is now Shipping is opened again: its held drives are received. */
  releaseHold(actor: Actor, input: { trackingNumber: unknown }): PackageView {
    this.checkActor(actor);
    const tracking = normalizeCode(input?.trackingNumber, 'tracking number');
    return this.op(() => {
      const pkg = this.store.package(tracking);
      if (!pkg) fail('PACKAGE_UNKNOWN', `Package ${tracking} has not been received here.`);
      if (pkg.state !== 'held') fail('PACKAGE_NOT_OPEN', `Package ${tracking} is ${pkg.state}, not held.`);
      const open = this.store.openPackageOf(actor.station);
      if (open) fail('ANOTHER_PACKAGE_OPEN', `Package ${open.trackingNumber} is still open: close it first.`);
      const drives = this.store.all(`SELECT ${DRIVE_COLUMNS} FROM drives WHERE package_tracking = ? AND held_since IS NOT NULL AND active = 1`, tracking).map(driveFromRow);
      const now = this.nowUtc();
      let released = 0;
      for (const d of drives) {
        const job = d.jobName ? this.store.job(d.jobName) : null;
        if (!job || job.deletedAt || job.state === 'Creating' || job.state === 'Completed' || job.state === 'Closed') continue;
        if (!pkg.jobNames.includes(job.name)) this.store.run('INSERT OR IGNORE INTO package_jobs (tracking_number, job_name) VALUES (?, ?)', tracking, job.name);
        this.moveDrive(actor, d, job, 'Received', 'scanned', { tracking, action: 'drive.holdReleased', reason: `job ${job.name} is ${job.state}`, sets: { held_since: null, hold_reason: null, received_at: now } });
        released++;
      }
      if (!released) fail('TRANSITION_FORBIDDEN', `Nothing in package ${tracking} can be released: its jobs are still Creating or unknown.`);
      this.store.run("UPDATE packages SET state = 'open', station = ?, closed_at = NULL, held_since = NULL WHERE tracking_number = ?", actor.station, tracking);
      this.custody(actor, { action: 'package.holdReleased', subject: 'package', trackingNumber: tracking, stateBefore: 'held', stateAfter: 'open', detail: { released } });
      this.touch('packages', tracking);
      return this.packageView(tracking)!;
    });
  }

  /** Undo the last scan at this station, as a compensating custody record. */
  undoLastScan(actor: Actor): { driveId: string | null; trackingNumber: string | null; message: string } {
    this.checkActor(actor);
    return this.op(() => {
      const last = this.store.get(
        `SELECT * FROM custody WHERE station = ? AND action IN ('drive.scanned','drive.arrivedLater','drive.receivedInOtherPackage','drive.extra','drive.heldNoJob','drive.heldExtra','drive.held','drive.exportReceived','scan.undone','package.received','package.receivedHeld','package.receiveUndone')
         ORDER BY seq DESC LIMIT 1`, actor.station);
      if (!last) fail('NOTHING_TO_UNDO', 'There is no scan to undo at this station.');
      const rec = custodyFromRow(last);
      if (rec.action === 'scan.undone' || rec.action === 'package.receiveUndone') fail('NOTHING_TO_UNDO', `The last scan (${rec.driveId ?? rec.trackingNumber}) was already undone.`);
      if (rec.action === 'package.received' || rec.action === 'package.receivedHeld') return this.undoReceipt(actor, rec);
      const row = Number(rec.detail?.row);
      const drive = this.store.driveById(row);
      const later = this.store.get('SELECT seq FROM custody WHERE drive_id = ? AND seq > ? LIMIT 1', rec.driveId, rec.seq);
      if (!drive || later) fail('UNDO_SUPERSEDED', `Drive ${rec.driveId} has changed since it was scanned; it cannot be undone here.`);
      const pkg = rec.trackingNumber ? this.store.package(rec.trackingNumber) : null;
      if (pkg && pkg.state !== 'open') fail('UNDO_SUPERSEDED', `Package ${pkg.trackingNumber} is already ${pkg.state}; the scan can no longer be undone.`);
      const base = { action: 'scan.undone', subject: 'drive' as const, jobName: drive.jobName, driveId: drive.driveId, trackingNumber: rec.trackingNumber, reason: `undo of custody record ${rec.seq}` };
      if (rec.stateBefore === null) {
        // the scan created the drive (extra or of no job): the drive record goes, the custody stays
        this.store.run('DELETE FROM drives WHERE id = ?', drive.id);
        this.custody(actor, { ...base, stateBefore: drive.state, stateAfter: null, detail: { row, undoes: rec.seq } });
      } else if (rec.stateBefore === rec.stateAfter) {
        this.store.run('UPDATE drives SET held_since = NULL, hold_reason = NULL, package_tracking = NULL, received_at = NULL WHERE id = ?', drive.id);
        this.custody(actor, { ...base, stateBefore: drive.state, stateAfter: drive.state, detail: { row, undoes: rec.seq } });
      } else {
        const job = drive.jobName ? this.store.job(drive.jobName) : null;
        const prev = this.store.get<{ tracking_number: string | null }>(
          "SELECT tracking_number FROM custody WHERE drive_id = ? AND seq < ? AND action LIKE 'drive.%' AND tracking_number IS NOT NULL ORDER BY seq DESC LIMIT 1", drive.driveId, rec.seq);
        this.moveDrive(actor, drive, job, rec.stateBefore as DriveState, 'scanUndone', {
          action: 'scan.undone', reason: base.reason, tracking: rec.trackingNumber,
          sets: { package_tracking: rec.stateBefore === 'NeverReceived' ? (prev?.tracking_number ?? null) : null, received_at: null }, detail: { undoes: rec.seq },
        });
      }
      this.touch('drives', drive.driveId);
      this.touch('jobs', drive.jobName);
      this.touch('packages', rec.trackingNumber);
      return { driveId: drive.driveId, trackingNumber: rec.trackingNumber, message: `Scan of ${drive.driveId} undone.` };
    });
  }

  /** A box opened by mistake, with nothing scanned into it yet, is put back unopened. */
  private undoReceipt(actor: Actor, rec: CustodyRecord): { driveId: null; trackingNumber: string; message: string } {
    const t = rec.trackingNumber!;
    const pkg = this.store.package(t);
    if (!pkg || pkg.state !== 'open') fail('UNDO_SUPERSEDED', `Package ${t} is already ${pkg?.state ?? 'gone'}; its receipt can no longer be undone.`);
    if (this.store.get('SELECT 1 FROM drives WHERE package_tracking = ? LIMIT 1', t) || this.store.get('SELECT 1 FROM custody WHERE tracking_number = ? AND seq > ? LIMIT 1', t, rec.seq)) {
      fail('UNDO_SUPERSEDED', `Drives were scanned into package ${t}: undo those scans first, or close it.`);
    }
    this.store.run('DELETE FROM package_jobs WHERE tracking_number = ?', t);
    this.store.run('DELETE FROM packages WHERE tracking_number = ?', t);
    for (const jobName of pkg.jobNames.length ? pkg.jobNames : [null]) {
      this.custody(actor, { action: 'package.receiveUndone', subject: 'package', jobName, trackingNumber: t, reason: `undo of custody record ${rec.seq}`, stateBefore: 'open', stateAfter: null, detail: { undoes: rec.seq } });
    }
    this.touch('packages', t);
    for (const j of pkg.jobNames) this.touch('jobs', j);
    return { driveId: null, trackingNumber: t, message: `Package ${t} put back unopened.` };
  }

  // ---- copy --------------------------------------------------------------------------------------

  startCopy(actor: Actor, input: { jobName: unknown; driveIds?: unknown }): JobView {
    this.checkActor(actor);
    return this.op(() => {
      const job = this.liveJob(input?.jobName);
      if (job.cancelRequested) fail('COPY_NOT_ALLOWED', `Job ${job.name} was cancelled: a cancelled job skips the data copy.`);
      if (job.state !== 'Received' && job.state !== 'Transferring') fail('COPY_NOT_ALLOWED', `Job ${job.name} is ${job.state}: copy starts on a Received job.`);
      const all = this.store.drivesOfJob(job.name);
      let chosen = all.filter((d) => d.role === 'listed' && d.state === 'Received' && !d.heldSince);
      if (input.driveIds !== undefined) {
        if (!Array.isArray(input.driveIds) || input.driveIds.length === 0) fail('BAD_INPUT', 'driveIds must be a non-empty list of serials.');
        const wanted = input.driveIds.map((s) => normalizeCode(s, 'drive serial'));
        for (const s of wanted) {
          const d = all.find((x) => x.driveId === s);
          if (!d) fail('DRIVE_NOT_IN_JOB', `Drive ${s} is not a drive of job ${job.name}.`);
          if (d.role !== 'listed') fail('COPY_NOT_ALLOWED', `Drive ${s} is an extra drive: extra drives are not copied.`);
          if (d.state !== 'Received') fail('COPY_NOT_ALLOWED', `Drive ${s} is ${d.state}: copy starts on a Received drive.`);
        }
        chosen = chosen.filter((d) => wanted.includes(d.driveId));
      }
      if (!chosen.length) fail('COPY_NOT_ALLOWED', `Job ${job.name} has no received drive waiting for copy.`);
      let current = job;
      if (job.state === 'Received') current = this.moveJob(actor, job, 'Transferring', 'copyStarted', null);
      for (const d of chosen) this.moveDrive(actor, d, current, 'Transferring', 'copyStarted', { sets: { copy_status: null, percent_complete: 0 } });
      return this.jobView(job.name);
    });
  }

  /** A copy bay's report for one drive: progress, or the final status with its logs. */
  recordCopyResult(actor: Actor, input: {
    driveId: unknown; copyStatus?: unknown; percentComplete?: unknown; bytesSucceeded?: unknown; errorLogUri?: unknown; verboseLogUri?: unknown;
  }): DriveView {
    this.checkActor(actor);
    const status = input?.copyStatus;
    if (status !== undefined && (typeof status !== 'string' || !(COPY_STATUSES as readonly string[]).includes(status))) {
      fail('BAD_INPUT', `Unknown copy status "${String(status)}"; expected one of ${COPY_STATUSES.join(', ')}.`);
    }
    const pct = input?.percentComplete ?? (status === 'Completed' ? 100 : undefined);
    if (pct !== undefined && (typeof pct !== 'number' || !Number.isFinite(pct) || pct < 0 || pct > 100)) fail('BAD_INPUT', 'percentComplete is a number from 0 to 100.');
    const bytes = input?.bytesSucceeded;
    if (bytes !== undefined && (typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes < 0)) fail('BAD_INPUT', 'bytesSucceeded is a whole number of bytes, 0 or more.');
    for (const k of ['errorLogUri', 'verboseLogUri'] as const) {
      const v = input?.[k];
      if (v !== undefined && (typeof v !== 'string' || v.length > 2048 || !/^(https?|file):\/\//.test(v))) fail('BAD_INPUT', `${k} must be an http(s) or file URI.`);
    }
    return this.op(() => {
      const drive = this.liveDrive(input.driveId);
      if (drive.state !== 'Transferring') fail('COPY_NOT_ALLOWED', `Drive ${drive.driveId} is ${drive.state}: copy results are recorded for drives being copied (Transferring).`);
      const job = drive.jobName ? this.store.job(drive.jobName) : null;
      const sets: Record<string, string | number | null> = {};
      if (pct !== undefined) sets.percent_complete = Math.floor(pct as number);
      if (bytes !== undefined) sets.bytes_succeeded = bytes as number;
      if (input.errorLogUri) sets.error_log_uri = input.errorLogUri as string;
      if (input.verboseLogUri) sets.verbose_log_uri = input.verboseLogUri as string;
      let d: DriveRecord;
      if (status === undefined) {
        const cols = Object.keys(sets);
        if (!cols.length) fail('BAD_INPUT', 'The report holds nothing: give a copy status or progress.');
        this.store.run(`UPDATE drives SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`, ...Object.values(sets), drive.id);
        this.custody(actor, { action: 'drive.copyProgress', subject: 'drive', jobName: drive.jobName, driveId: drive.driveId, stateBefore: drive.state, stateAfter: drive.state, detail: { row: drive.id, ...sets } });
        this.touch('drives', drive.driveId); this.touch('jobs', drive.jobName);
        d = this.store.driveById(drive.id)!;
      } else {
        const to: DriveState = status === 'Completed' ? 'Completed' : 'CompletedMoreInfo';
        d = this.moveDrive(actor, drive, job, to, to === 'Completed' ? 'copyCompleted' : 'copyCompletedMoreInfo', {
          copyStatus: status as string, sets: { ...sets, copy_status: status as string }, detail: { copyStatus: status },
        });
        if (job) this.maybePackaging(actor, this.store.job(job.name)!);
      }
      return driveView(d);
    });
  }

  /** Transferring → Packaging once every drive of the job is processed. */
  private maybePackaging(actor: Actor, job: JobRecord): void {
    if (job.state !== 'Transferring') return;
    if (!checkJob('Packaging', 'allDrivesProcessed', { job, drives: this.store.allDrivesOfJob(job.name) }).ok) return;
    this.moveJob(actor, job, 'Packaging', 'allDrivesProcessed', null);
  }

  // ---- return ------------------------------------------------------------------------------------

  /** Drives that go back in the job's return box: every drive of the job at the dock, extras included. */
  returnDrives(name: string): DriveRecord[] {
    return drivesAtDock(this.store.drivesOfJob(name));
  }

  shipBack(actor: Actor, input: { jobName: unknown; carrierName: unknown; trackingNumber: unknown; carrierAccountNumber?: unknown; driveIds?: unknown }): JobView {
    this.checkActor(actor);
    const tracking = normalizeCode(input?.trackingNumber, 'tracking number');
    if (typeof input.carrierName !== 'string' || !input.carrierName.trim() || input.carrierName.length > 64) fail('BAD_INPUT', 'The return carrier is required.');
    const carrierName = input.carrierName.trim();
    return this.op(() => {
      const job = this.liveJob(input.jobName);
      if (job.state !== 'Packaging') fail('SHIP_NOT_READY', `Job ${job.name} is ${job.state}: drives ship back from Packaging.`);
      const missing = missingAddressFields(job.returnAddress);
      if (missing.length) fail('ADDRESS_INCOMPLETE', `The return address of ${job.name} is missing: ${missing.join(', ')}.`, { fields: missing });
      const drives = this.returnDrives(job.name);
      const busy = drives.filter((d) => d.state === 'Transferring' || d.state === 'Faulted');
      if (busy.length) fail('SHIP_NOT_READY', `Drives not ready to leave: ${busy.map((d) => `${d.driveId} (${d.state})`).join(', ')}.`);
      if (input.driveIds !== undefined) {
        if (!Array.isArray(input.driveIds)) fail('BAD_INPUT', 'driveIds must be a list of serials.');
        const boxed = input.driveIds.map((s) => normalizeCode(s, 'drive serial'));
        const foreign = boxed.filter((s) => !drives.some((d) => d.driveId === s));
        if (foreign.length) fail('DRIVE_NOT_IN_JOB', `Not drives of ${job.name} waiting to go back: ${foreign.join(', ')}.`, { driveIds: foreign });
        const notBoxed = drives.filter((d) => !boxed.includes(d.driveId));
        if (notBoxed.length) fail('SHIP_NOT_READY', `Drives of ${job.name} still missing from the box: ${notBoxed.map((d) => d.driveId).join(', ')}.`, { driveIds: notBoxed.map((d) => d.driveId) });
      }
      if (!drives.length) fail('SHIP_NOT_READY', `Job ${job.name} has no drive at the dock to ship back.`);
      const now = this.nowUtc();
      const returnPackage = { carrierName, trackingNumber: tracking, driveCount: drives.length, shipDate: now.slice(0, 10) };
      const account = typeof input.carrierAccountNumber === 'string' ? input.carrierAccountNumber.trim().slice(0, 64) : job.returnShipping?.carrierAccountNumber;
      for (const d of drives) {
        this.moveDrive(actor, d, job, 'ShippedBack', 'shippedBack', { tracking, sets: { active: 0, bitlocker_key: null }, detail: { returnTracking: tracking } });
      }
      const after = this.store.job(job.name)!;
      const errors = jobErrors(after, this.store.allDrivesOfJob(job.name));
      this.store.run('UPDATE jobs SET return_package = ? WHERE name = ?', JSON.stringify(returnPackage), job.name);
      this.moveJob(actor, after, errors.length ? 'Closed' : 'Completed', errors.length ? 'shippedBackWithErrors' : 'shippedBack',
        errors.length ? errors.join('; ').slice(0, MAX_REASON) : null, { finished_at: now });
      this.custody(actor, { action: 'job.returnPackage', subject: 'package', jobName: job.name, trackingNumber: tracking, detail: { ...returnPackage, carrierAccountNumber: account ?? null } });
      return this.jobView(job.name);
    });
  }

  /**
   * Held drives go back to the sender when no one can be reached to make the job ready (DOMAIN.md: after
   * 2 weeks staff try to return them). The return address is the one given, else the job's; it must be
   * complete. Each drive leaves the dock: Specified → ShippedBack, with the return tracking in custody.
   */
  returnHeldDrives(actor: Actor, input: { driveIds: unknown; carrierName: unknown; trackingNumber: unknown; carrierAccountNumber?: unknown; address?: unknown; reason?: unknown }): { returnPackage: { carrierName: string; trackingNumber: string; driveCount: number; shipDate: string }; driveIds: string[]; address: Partial<ReturnAddress> } {
    this.checkActor(actor);
    if (!Array.isArray(input?.driveIds) || !input.driveIds.length || input.driveIds.length > 100) fail('BAD_INPUT', 'List 1 to 100 held drive serials to return.');
    const tracking = normalizeCode(input.trackingNumber, 'tracking number');
    if (typeof input.carrierName !== 'string' || !input.carrierName.trim() || input.carrierName.length > 64) fail('BAD_INPUT', 'The return carrier is required.');
    const carrierName = input.carrierName.trim();
    if (input.address !== undefined && (input.address === null || typeof input.address !== 'object' || Array.isArray(input.address))) fail('BAD_INPUT', 'The return address must be an address.');
    const why = this.reason(input.reason, false);
    const serials = [...new Set(input.driveIds.map((s) => normalizeCode(s, 'drive serial')))];
    return this.op(() => {
      if (this.store.get('SELECT 1 FROM custody WHERE action = ? AND tracking_number = ? LIMIT 1', 'drive.heldReturned', tracking)) {
        fail('BAD_INPUT', `Return tracking number ${tracking} was already used for a return of held drives.`);
      }
      const drives = serials.map((s) => this.liveDrive(s));
      const notHeld = drives.filter((d) => !d.heldSince);
      if (notHeld.length) fail('DRIVE_NOT_HELD', `Not held drives: ${notHeld.map((d) => d.driveId).join(', ')}. Drives of a ready job go back through the job's own shipment.`, { driveIds: notHeld.map((d) => d.driveId) });
      const jobNames = [...new Set(drives.map((d) => d.jobName))];
      const job = jobNames.length === 1 && jobNames[0] ? this.store.job(jobNames[0]) : null;
      const given = (input.address ?? null) as Partial<ReturnAddress> | null;
      const address: Partial<ReturnAddress> = given ? Object.fromEntries(Object.entries(given).filter(([, v]) => typeof v === 'string' && v.length <= 254).map(([k, v]) => [k, (v as string).trim()])) : (job?.returnAddress ?? {});
      const missing = missingAddressFields(address);
      if (missing.length) fail('ADDRESS_INCOMPLETE', `The return address for these held drives is missing: ${missing.join(', ')}.`, { fields: missing });
      const now = this.nowUtc();
      const returnPackage = { carrierName, trackingNumber: tracking, driveCount: drives.length, shipDate: now.slice(0, 10) };
      const account = typeof input.carrierAccountNumber === 'string' ? input.carrierAccountNumber.trim().slice(0, 64) : null;
      const packages = new Set<string>();
      for (const d of drives) {
        const owner = d.jobName ? this.store.job(d.jobName) : null;
        this.moveDrive(actor, d, owner, 'ShippedBack', 'heldReturned', {
          tracking, action: 'drive.heldReturned', reason: why ?? 'held drive returned to the sender',
          sets: { active: 0, held_since: null, hold_reason: null, bitlocker_key: null }, detail: { returnPackage, carrierAccountNumber: account, address, heldSince: d.heldSince, package: d.packageTracking },
        });
        if (d.packageTracking) packages.add(d.packageTracking);
      }
      for (const t of packages) {
        const left = this.store.get('SELECT 1 FROM drives WHERE package_tracking = ? AND held_since IS NOT NULL AND active = 1 LIMIT 1', t);
        const pkg = this.store.package(t);
        if (!left && pkg && pkg.state === 'held') {
          this.store.run("UPDATE packages SET state = 'closed', held_since = NULL WHERE tracking_number = ?", t);
          this.custody(actor, { action: 'package.holdEnded', subject: 'package', trackingNumber: t, stateBefore: 'held', stateAfter: 'closed', reason: 'every held drive was returned' });
          this.touch('packages', t);
        }
      }
      return { returnPackage, driveIds: serials, address };
    });
  }

  /**
   * A job in Packaging with nothing of it at the dock (every drive never received, or destroyed) cannot ship
   * a box: it ends Closed, with the reason.
   */
  closeWithoutShipment(actor: Actor, input: { jobName: unknown; reason?: unknown }): JobView {
    this.checkActor(actor);
    const why = this.reason(input?.reason, false) ?? 'nothing of the job is at the dock to ship back';
    return this.op(() => {
      const job = this.liveJob(input?.jobName);
      if (job.state !== 'Packaging') fail('TRANSITION_FORBIDDEN', `Job ${job.name} is ${job.state}: only a job in Packaging is closed without a shipment.`);
      this.moveJob(actor, job, 'Closed', 'closedNothingToShip', why, { finished_at: this.nowUtc() });
      return this.jobView(job.name);
    });
  }

  /** Secure destruction is custody too: method, operator, witness, date. */
  recordDestruction(actor: Actor, input: { driveIds: unknown; method: unknown; witness: unknown; reason?: unknown }): { certificate: { driveIds: string[]; jobNames: (string | null)[]; method: string; operator: string; witness: string; at: string; station: string } } {
    this.checkActor(actor);
    if (!Array.isArray(input?.driveIds) || !input.driveIds.length || input.driveIds.length > 100) fail('BAD_INPUT', 'List 1 to 100 drive serials to destroy.');
    if (typeof input.method !== 'string' || !input.method.trim()) fail('BAD_INPUT', 'The destruction method is required.');
    const notWitness = witnessRefusal(actor.operator, input.witness);
    if (notWitness) fail(notWitness.code, notWitness.message);
    const why = this.reason(input.reason, false);
    const serials = input.driveIds.map((s) => normalizeCode(s, 'drive serial'));
    return this.op(() => {
      const now = this.nowUtc();
      const drives = serials.map((s) => this.liveDrive(s));
      for (const d of drives) {
        const job = d.jobName ? this.store.job(d.jobName) : null;
        const unreachable = job && ['Transferring', 'Packaging'].includes(job.state) && missingAddressFields(job.returnAddress).length > 0;
        if (!d.heldSince && !unreachable) fail('DRIVE_NOT_HELD', `Drive ${d.driveId} is neither held nor of a job without a return address: it cannot be destroyed.`);
      }
      for (const d of drives) {
        this.store.run('UPDATE drives SET destroyed_at = ?, active = 0, bitlocker_key = NULL WHERE id = ?', now, d.id);
        this.custody(actor, { action: 'drive.destroyed', subject: 'drive', jobName: d.jobName, driveId: d.driveId, trackingNumber: d.packageTracking, reason: why, stateBefore: d.state, stateAfter: d.state, detail: { row: d.id, method: input.method, witness: (input.witness as string).trim() } });
        this.touch('drives', d.driveId); this.touch('jobs', d.jobName);
      }
      for (const name of new Set(drives.map((d) => d.jobName))) {
        const job = name ? this.store.job(name) : null;
        if (job) this.maybePackaging(actor, job);
      }
      return { certificate: { driveIds: serials, jobNames: drives.map((d) => d.jobName), method: (input.method as string).trim(), operator: actor.operator, witness: (input.witness as string).trim(), at: isoWithZone(this.clock.now()), station: actor.station } };
    });
  }

  // ---- deadlines ---------------------------------------------------------------------------------

  /** Applies whatever is due; running it twice changes nothing the second time. */
  sweep(actor: Actor): SweepResult {
    this.checkActor(actor);
    return this.op(() => {
      const now = this.clock.now().getTime();
      const iso = (t: number) => new Date(t).toISOString();
      const out: SweepResult = { deletedJobs: [], neverReceived: [], closedJobs: [], purgedJobs: [] };
      for (const r of this.store.all("SELECT * FROM jobs WHERE state = 'Creating' AND deleted_at IS NULL AND creating_since <= ?", iso(now - DEADLINES.creatingDeleted))) {
        const job = jobFromRow(r);
        this.store.run('UPDATE jobs SET deleted_at = ? WHERE name = ?', iso(now), job.name);
        this.store.run('UPDATE drives SET active = 0 WHERE job_name = ? AND held_since IS NULL', job.name);
        this.detachFromJob(actor, job.name, 'job deleted after 2 weeks in Creating');
        this.custody(actor, { action: 'job.deleted', subject: 'job', jobName: job.name, reason: '2 weeks in Creating', stateBefore: job.state, stateAfter: job.state });
        this.touch('jobs', job.name);
        out.deletedJobs.push(job.name);
      }
      for (const r of this.store.all(`SELECT * FROM jobs WHERE state = 'Shipping' AND deleted_at IS NULL AND shipping_since <= ? AND ${NO_BOX_YET}`, iso(now - DEADLINES.shippingOverdue))) {
        const job = jobFromRow(r);
        if (job.waitUntil && ms(job.waitUntil) > now) continue;
        for (const d of this.store.drivesOfJob(job.name)) {
          if (d.role === 'listed' && d.state === 'Specified' && !d.heldSince) {
            this.moveDrive(actor, d, job, 'NeverReceived', 'shippingTimedOut', { reason: '2 weeks in Shipping and the package never arrived' });
            out.neverReceived.push(d.driveId);
          }
        }
        if (job.notifiedAt && ms(job.notifiedAt) + DEADLINES.noticeClosed <= now) {
          this.moveJob(actor, job, 'Closed', 'noReplyAfterNotice', 'no reply 30 days after the customer was notified', { finished_at: iso(now) });
          // a drive of this job that did reach the dock (in another box) is not forgotten: it is held
          for (const d of drivesAtDock(this.store.drivesOfJob(job.name))) this.holdDrive(actor, d, null, 'job Closed: no reply from the customer');
          out.closedJobs.push(job.name);
        }
      }
      for (const r of this.store.all("SELECT name, state FROM jobs WHERE state IN ('Completed','Closed') AND finished_at <= ?", iso(now - DEADLINES.finishedPurged))) {
        const name = String(r.name);
        this.store.run('DELETE FROM drives WHERE job_name = ? AND active = 0', name);
        this.detachFromJob(actor, name, 'job purged 90 days after it ended');
        this.store.run('DELETE FROM package_jobs WHERE job_name = ?', name);
        this.store.run('DELETE FROM jobs WHERE name = ?', name);
        this.custody(actor, { action: 'job.purged', subject: 'job', jobName: name, reason: '90 days after the job ended', stateBefore: String(r.state), stateAfter: null });
        this.touch('jobs', name);
        out.purgedJobs.push(name);
      }
      return out;
    });
  }

  /** What comes due next, soonest first (already overdue first of all). */
  upcomingDeadlines(limit = 50): Deadline[] {
    const lim = Math.max(1, Math.min(500, Math.floor(limit)));
    const now = this.clock.now().getTime();
    const out: Deadline[] = [];
    const add = (kind: Deadline['kind'], base: string | null, delta: number, d: Partial<Deadline>, what: string) => {
      if (!base) return;
      const due = ms(base) + delta;
      out.push({ kind, dueAt: new Date(due).toISOString(), overdue: due <= now, jobName: d.jobName ?? null, driveId: d.driveId ?? null, trackingNumber: d.trackingNumber ?? null, what });
    };
    for (const r of this.store.all("SELECT name, creating_since FROM jobs WHERE state = 'Creating' AND deleted_at IS NULL ORDER BY creating_since LIMIT ?", lim)) {
      add('creatingDeletion', r.creating_since as string, DEADLINES.creatingDeleted, { jobName: String(r.name) }, 'job deleted: 2 weeks in Creating');
    }
    for (const r of this.store.all(`SELECT name, shipping_since, wait_until, notified_at, delivery_tracking FROM jobs WHERE state = 'Shipping' AND deleted_at IS NULL AND ${NO_BOX_YET} ORDER BY shipping_since LIMIT ?`, lim)) {
      const job = { jobName: String(r.name), trackingNumber: r.delivery_tracking as string | null };
      if (r.notified_at) add('noticeClose', r.notified_at as string, DEADLINES.noticeClosed, job, 'job Closed: no reply 30 days after the customer was notified');
      else if (r.wait_until) add('shippingOverdue', r.wait_until as string, 0, job, 'extended wait for the package ends');
      else add('shippingOverdue', r.shipping_since as string, DEADLINES.shippingOverdue, job, 'package overdue: notify the customer');
    }
    for (const r of this.store.all('SELECT drive_id, job_name, package_tracking, held_since FROM drives WHERE held_since IS NOT NULL AND active = 1 ORDER BY held_since LIMIT ?', lim)) {
      const d = { driveId: String(r.drive_id), jobName: r.job_name as string | null, trackingNumber: r.package_tracking as string | null };
      const since = r.held_since as string;
      if (ms(since) + DEADLINES.heldReturnDue > now) add('heldReturn', since, DEADLINES.heldReturnDue, d, 'held drive: try to return it');
      add('heldDestruction', since, DEADLINES.heldDestructionDue, d, 'held drive: securely destroy it if it cannot be returned');
    }
    for (const r of this.store.all("SELECT name, finished_at FROM jobs WHERE state IN ('Completed','Closed') AND finished_at IS NOT NULL ORDER BY finished_at LIMIT ?", lim)) {
      add('purge', r.finished_at as string, DEADLINES.finishedPurged, { jobName: String(r.name) }, 'job record purged: 90 days after it ended');
    }
    return out.sort((a, b) => a.dueAt.localeCompare(b.dueAt)).slice(0, lim);
  }

  // ---- queries -----------------------------------------------------------------------------------

  jobView(name: unknown): JobView {
    if (typeof name !== 'string' || !name.trim()) fail('BAD_INPUT', 'A job name is required.');
    const job = this.store.job(name.trim());
    if (!job) fail('JOB_UNKNOWN', `There is no job named "${name}".`);
    return jobView(job, this.store.allDrivesOfJob(job.name));
  }

  packageView(tracking: string): PackageView | null {
    const pkg = this.store.package(tracking);
    if (!pkg) return null;
    const jobs = pkg.jobNames.map((n) => this.store.job(n)).filter((j): j is JobRecord => j !== null).map((j) => {
      const drives = this.store.drivesOfJob(j.name);
      const expected = drives.filter((d) => d.role === 'listed');
      return {
        name: j.name, jobType: j.jobType, state: j.state, cancelRequested: j.cancelRequested, held: j.state === 'Creating' || Boolean(j.deletedAt),
        expected: expected.map(driveView), extra: drives.filter((d) => d.role !== 'listed').map(driveView),
        receivedCount: expected.filter((d) => d.packageTracking !== null && d.state !== 'NeverReceived').length,
        expectedCount: expected.length,
      };
    });
    const scanned = this.store.all(`SELECT ${DRIVE_COLUMNS} FROM drives WHERE package_tracking = ? ORDER BY received_at, id`, tracking)
      .map(driveFromRow).map((d) => ({ ...driveView(d), jobName: d.jobName }));
    return {
      trackingNumber: pkg.trackingNumber, carrierName: pkg.carrierName, state: pkg.state, held: pkg.heldSince !== null,
      station: pkg.station, openedBy: pkg.openedBy, openedAt: pkg.openedAt, closedAt: pkg.closedAt, jobs, scanned,
    };
  }

  openPackage(station: string): PackageView | null {
    const p = this.store.openPackageOf(station);
    return p ? this.packageView(p.trackingNumber) : null;
  }

  /** "What may happen to this job now, and why not the rest?" */
  jobPossibilities(name: unknown): Possibility<JobState, JobTrigger>[] {
    if (typeof name !== 'string') fail('BAD_INPUT', 'A job name is required.');
    const job = this.store.job(name);
    if (!job) fail('JOB_UNKNOWN', `There is no job named "${name}".`);
    return jobPossibilities({ job, drives: this.store.allDrivesOfJob(job.name) });
  }

  drivePossibilities(serial: unknown): Possibility<DriveState, DriveTrigger>[] {
    const drive = this.liveDrive(serial);
    return drivePossibilities({ drive, job: drive.jobName ? this.store.job(drive.jobName) : null });
  }

  /** Jobs by name prefix, delivery or return tracking, or drive serial; paged on the server. */
  searchJobs(input: { query?: unknown; state?: unknown; limit?: unknown; offset?: unknown } = {}): { total: number; items: { name: string; jobType: string; state: JobState; trackingNumber: string | null; updatedAt: string; cancelRequested: boolean; deleted: boolean }[] } {
    const q = typeof input.query === 'string' ? input.query.trim() : '';
    if (q.length > 64) fail('BAD_INPUT', 'A search is at most 64 characters.');
    const state = input.state;
    if (state !== undefined && state !== null && state !== '' && !(JOB_STATES as readonly string[]).includes(String(state))) fail('BAD_INPUT', `Unknown job state "${String(state)}".`);
    const limit = Math.max(1, Math.min(200, Number(input.limit ?? 50) || 50));
    const offset = Math.max(0, Number(input.offset ?? 0) || 0);
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (q) {
      const up = q.toUpperCase();
      where.push(`(name >= ? AND name < ? OR delivery_tracking = ? OR delivery_tracking_base = ? OR name IN (SELECT job_name FROM drives WHERE drive_id = ?)
        OR name IN (SELECT job_name FROM custody WHERE tracking_number = ? AND job_name IS NOT NULL))`);
      params.push(q, q + '\uffff', up, up, up, up);
    }
    if (state) { where.push('state = ?'); params.push(String(state)); }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = Number(this.store.db.prepare(`SELECT count(*) AS n FROM jobs ${w}`).get(...params)?.n ?? 0);
    const rows = this.store.db.prepare(`SELECT name, job_type, state, delivery_tracking, updated_at, cancel_requested, deleted_at FROM jobs ${w} ORDER BY updated_at DESC, name LIMIT ? OFFSET ?`).all(...params, limit, offset);
    return {
      total,
      items: rows.map((r) => ({
        name: String(r.name), jobType: String(r.job_type), state: String(r.state) as JobState, trackingNumber: (r.delivery_tracking as string | null) ?? null,
        updatedAt: String(r.updated_at), cancelRequested: Number(r.cancel_requested) === 1, deleted: r.deleted_at !== null,
      })),
    };
  }

  custodyOf(input: { jobName?: unknown; driveId?: unknown; trackingNumber?: unknown; limit?: unknown; beforeSeq?: unknown }): CustodyRecord[] {
    const limit = Math.max(1, Math.min(1000, Number(input.limit ?? 200) || 200));
    const before = Number(input.beforeSeq ?? Number.MAX_SAFE_INTEGER) || Number.MAX_SAFE_INTEGER;
    let col: string; let v: string;
    if (typeof input.jobName === 'string' && input.jobName) { col = 'job_name'; v = input.jobName; }
    else if (input.driveId !== undefined) { col = 'drive_id'; v = normalizeCode(input.driveId, 'drive serial'); }
    else if (input.trackingNumber !== undefined) { col = 'tracking_number'; v = normalizeCode(input.trackingNumber, 'tracking number'); }
    else fail('BAD_INPUT', 'Give a job name, drive serial or tracking number.');
    return this.store.all(`SELECT * FROM custody WHERE ${col} = ? AND seq < ? ORDER BY seq DESC LIMIT ?`, v, before, limit).map(custodyFromRow);
  }

  /** The custody records of a job as CSV, oldest first. */
  custodyCsv(jobName: unknown): string {
    if (typeof jobName !== 'string' || !jobName) fail('BAD_INPUT', 'A job name is required.');
    const rows = this.store.all('SELECT * FROM custody WHERE job_name = ? ORDER BY seq', jobName).map(custodyFromRow);
    if (!rows.length && !this.store.job(jobName)) fail('JOB_UNKNOWN', `There is no job named "${jobName}".`);
    const cols = ['seq', 'at', 'operator', 'station', 'action', 'jobName', 'driveId', 'trackingNumber', 'stateBefore', 'stateAfter', 'reason'] as const;
    // the details (destruction method and witness, return carrier and account …) as JSON, minus the row id
    const detail = (r: CustodyRecord) => {
      if (!r.detail) return '';
      const { row: _row, ...rest } = r.detail;
      return Object.keys(rest).length ? JSON.stringify(rest) : '';
    };
    return csvDocument([[...cols, 'detail'], ...rows.map((r) => [...cols.map((c) => r[c]), detail(r)])]);
  }

  /** Every drive at the dock that a person must act on, with what to do next and by when. */
  exceptions(): ExceptionRow[] {
    const now = this.clock.now().getTime();
    const rows: ExceptionRow[] = [];
    const L = 500;
    for (const r of this.store.all(`SELECT ${DRIVE_COLUMNS} FROM drives WHERE role = 'extra' AND active = 1 AND held_since IS NULL LIMIT ?`, L).map(driveFromRow)) {
      rows.push({ kind: 'extraDrive', jobName: r.jobName, driveId: r.driveId, trackingNumber: r.packageTracking, since: r.receivedAt, dueAt: null, next: 'Keep with the job; it goes back when the job ships.', action: null });
    }
    for (const r of this.store.all(`SELECT d.drive_id, d.job_name, d.package_tracking, j.updated_at FROM drives d JOIN jobs j ON j.name = d.job_name WHERE d.state = 'NeverReceived' AND d.active = 1 AND j.state NOT IN ('Completed','Closed') LIMIT ?`, L)) {
      rows.push({ kind: 'neverReceived', jobName: r.job_name as string, driveId: String(r.drive_id), trackingNumber: null, since: String(r.updated_at), dueAt: null, next: 'Tell the customer; if it arrives later, scan it in any package.', action: null });
    }
    for (const r of this.store.all(`SELECT ${DRIVE_COLUMNS} FROM drives WHERE held_since IS NOT NULL AND active = 1 ORDER BY held_since LIMIT ?`, L).map(driveFromRow)) {
      const since = ms(r.heldSince);
      const returnDue = since + DEADLINES.heldReturnDue;
      const destroyDue = since + DEADLINES.heldDestructionDue;
      const job = r.jobName ? this.store.job(r.jobName) : null;
      const releasable = job && !job.deletedAt && !['Creating', 'Completed', 'Closed'].includes(job.state);
      rows.push({
        kind: destroyDue <= now ? 'destructionDue' : 'held', jobName: r.jobName, driveId: r.driveId, trackingNumber: r.packageTracking, since: r.heldSince,
        dueAt: new Date(destroyDue <= now ? destroyDue : returnDue <= now ? destroyDue : returnDue).toISOString(),
        next: releasable ? `Job ${job.name} is ${job.state}: release the held package.` : destroyDue <= now ? 'Securely destroy the drive with a witness.' : returnDue <= now ? 'Return the drive to the customer; destroy it if it cannot be returned.' : 'Contact the customer.',
        action: releasable ? 'releaseHold' : destroyDue <= now ? 'recordDestruction' : null,
      });
    }
    const overdueBefore = new Date(now - DEADLINES.shippingOverdue).toISOString();
    for (const r of this.store.all(`SELECT * FROM jobs WHERE state = 'Shipping' AND deleted_at IS NULL AND shipping_since <= ? AND ${NO_BOX_YET} ORDER BY shipping_since LIMIT ?`, overdueBefore, L).map(jobFromRow)) {
      if (r.waitUntil && ms(r.waitUntil) > now) continue;
      if (r.notifiedAt) {
        rows.push({ kind: 'customerNotified', jobName: r.name, driveId: null, trackingNumber: r.deliveryPackage?.trackingNumber ?? null, since: r.notifiedAt, dueAt: new Date(ms(r.notifiedAt) + DEADLINES.noticeClosed).toISOString(), next: 'Waiting for the customer; with no reply the job is Closed.', action: 'extendWait' });
      } else {
        rows.push({ kind: 'packageOverdue', jobName: r.name, driveId: null, trackingNumber: r.deliveryPackage?.trackingNumber ?? null, since: r.shippingSince, dueAt: new Date(Math.max(ms(r.shippingSince) + DEADLINES.shippingOverdue, r.waitUntil ? ms(r.waitUntil) : 0)).toISOString(), next: 'Notify the customer, then extend the wait or cancel.', action: 'notifyCustomer' });
      }
    }
    for (const r of this.store.all("SELECT * FROM jobs WHERE state IN ('Shipping','Received','Transferring','Packaging') AND deleted_at IS NULL LIMIT ?", 5000).map(jobFromRow)) {
      const missing = missingAddressFields(r.returnAddress);
      if (!missing.length) continue;
      rows.push({ kind: 'addressMissing', jobName: r.name, driveId: null, trackingNumber: null, since: r.updatedAt, dueAt: null, next: `Contact the customer for the return address (missing: ${missing.join(', ')}).`, action: 'updateJob' });
      if (rows.length > 2000) break;
    }
    for (const r of this.store.all(`SELECT d.drive_id, d.job_name, d.package_tracking, d.received_at FROM drives d WHERE d.active = 1 AND d.role = 'listed' AND d.package_tracking IS NOT NULL AND d.job_name IS NOT NULL
        AND d.held_since IS NULL AND d.state <> 'NeverReceived' AND NOT EXISTS (SELECT 1 FROM package_jobs pj WHERE pj.tracking_number = d.package_tracking AND pj.job_name = d.job_name) LIMIT ?`, L)) {
      rows.push({ kind: 'otherJobPackage', jobName: r.job_name as string, driveId: String(r.drive_id), trackingNumber: r.package_tracking as string, since: r.received_at as string | null, dueAt: null, next: 'Arrived in another job\'s package: keep it with its own job.', action: null });
    }
    for (const r of this.store.all("SELECT * FROM jobs WHERE state = 'Faulted' AND deleted_at IS NULL ORDER BY updated_at LIMIT ?", L).map(jobFromRow)) {
      rows.push({ kind: 'faultedJob', jobName: r.name, driveId: null, trackingNumber: null, since: r.updatedAt, dueAt: null, next: `Faulted (${r.faultReason ?? 'no reason'}): contact the customer, then resolve back to ${r.faultedFrom ?? 'its state'}.`, action: 'resolveJob' });
    }
    for (const r of this.store.all(`SELECT ${DRIVE_COLUMNS} FROM drives WHERE state = 'Faulted' AND active = 1 LIMIT ?`, L).map(driveFromRow)) {
      rows.push({ kind: 'faultedDrive', jobName: r.jobName, driveId: r.driveId, trackingNumber: r.packageTracking, since: r.receivedAt, dueAt: null, next: `Faulted (${r.faultReason ?? 'no reason'}): resolve back to ${r.faultedFrom ?? 'its state'} once fixed.`, action: 'resolveDrive' });
    }
    // a held box with nothing held in it (a box of no job closed empty) still needs a person
    for (const r of this.store.all(`SELECT p.tracking_number, p.held_since, p.opened_at FROM packages p WHERE p.state = 'held'
        AND NOT EXISTS (SELECT 1 FROM drives d WHERE d.package_tracking = p.tracking_number AND d.held_since IS NOT NULL AND d.active = 1) LIMIT ?`, L)) {
      const since = String(r.held_since ?? r.opened_at);
      rows.push({ kind: 'heldPackage', jobName: null, driveId: null, trackingNumber: String(r.tracking_number), since, dueAt: new Date(ms(since) + DEADLINES.heldReturnDue).toISOString(), next: 'A held box with no drive in it: check the box, then return or discard the packaging.', action: null });
    }
    // the most urgent first: what is overdue, then what comes due soonest, then what has no deadline
    const key = (x: ExceptionRow) => (x.dueAt ? ms(x.dueAt) : Number.POSITIVE_INFINITY);
    return rows.sort((a, b) => key(a) - key(b));
  }
}

export interface ExceptionRow {
  kind: 'extraDrive' | 'neverReceived' | 'held' | 'destructionDue' | 'packageOverdue' | 'customerNotified' | 'addressMissing' | 'otherJobPackage'
    | 'faultedJob' | 'faultedDrive' | 'heldPackage';
  jobName: string | null;
  driveId: string | null;
  trackingNumber: string | null;
  since: string | null;
  dueAt: string | null;
  next: string;
  action: 'releaseHold' | 'recordDestruction' | 'notifyCustomer' | 'extendWait' | 'updateJob' | 'resolveJob' | 'resolveDrive' | null;
}

export { IntakeError };
export type { ReturnAddress };
