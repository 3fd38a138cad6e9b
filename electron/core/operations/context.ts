// What every operation shares: the store and the clock, one transaction per operation, the actor and reason
// checks, the custody record, and the moves of jobs and drives, which the rule book allows or refuses.
import { type Clock, type ClockStatus, ClockWatch, isoWithZone, ms } from '../clock.ts';
import { fail } from '../errors.ts';
import type { Actor, CustodyRecord, DriveRecord, DriveState, JobRecord, JobState, PackageRecord } from '../model.ts';
import {
  reason,
  refusalError,
  requireDriveEdge,
  requireJobEdge,
  type DriveContext,
  type DriveTrigger,
  type JobContext,
  type JobTrigger,
  type PackageContext,
} from '../rules.ts';
import { normalizeCode } from '../scan.ts';
import { reasonDetail, reasonText, type StationReason } from '../reasons.ts';
import type { DriveInput } from '../importing.ts';
import { driveContextOf, jobContextOf, packageContextOf } from '../queries/jobs.ts';
import type { DriveSets } from '../store/drives.ts';
import type { JobSets } from '../store/jobs.ts';
import type { DockStore, StoreReads, StoreTx } from '../store/types.ts';
import { clockRefusal, deadlineReads, keepDeadlines } from './deadlines.ts';

export interface Change {
  jobs: string[];
  packages: string[];
  drives: string[];
  seq: number;
}

interface Touched {
  jobs: Set<string>;
  packages: Set<string>;
  drives: Set<string>;
}

export const MAX_REASON = 500;

/** Another station is doing this dock-wide task right now: this station leaves it to that one. */
export class ClaimedElsewhere extends Error {
  override name = 'ClaimedElsewhere';
  constructor(task: string) {
    super(`another station is running the ${task} now`);
  }
}

/** NOTIFY carries at most 8,000 bytes: a change too large to list is sent naming nothing ("look again"). */
const MAX_PAYLOAD = 7_000;

function changePayload(t: Touched, seq: number): string {
  const full = JSON.stringify({ jobs: [...t.jobs], packages: [...t.packages], drives: [...t.drives], seq });
  return Buffer.byteLength(full) <= MAX_PAYLOAD ? full : JSON.stringify({ jobs: [], packages: [], drives: [], seq });
}

export class Context {
  readonly store: DockStore;
  readonly clock: Clock;
  private listeners = new Set<(c: Change) => void>();
  private touched: Touched | null = null;
  private current: StoreTx | null = null;
  /** The custody records the running operation appended (their sequence numbers are there when asked for). */
  #appended: { readonly seq: number }[] = [];
  private readonly watch: ClockWatch;
  private readonly judged: (() => ClockStatus) | undefined;

  constructor(store: DockStore, clock: Clock, judged?: () => ClockStatus) {
    this.store = store;
    this.clock = clock;
    this.judged = judged;
    // the last moment the store saw: its newest record, or the last sweep of a quiet station
    const seen = [ms(store.lastRecordAt()), ms(store.clockSeenAt())].filter((t) => !Number.isNaN(t));
    this.watch = new ClockWatch(clock, seen.length ? Math.max(...seen) : null);
    // what other stations on the same database committed reaches this station's screens like its own changes
    store.onRemoteChange?.((c) => this.#tell(c));
  }

  #tell(change: Change): void {
    for (const l of this.listeners) {
      try {
        l(change);
      } catch {
        /* a listener never breaks a committed operation */
      }
    }
  }

  /** Whether the station may trust its clock now: not behind its last record, not jumped ahead unconfirmed. */
  clockStatus(): ClockStatus {
    if (this.judged) return this.judged();
    return this.watch.status(ms(this.read.lastRecordAt()));
  }

  /** A person confirmed the date the clock shows. */
  trustClock(): void {
    this.watch.confirm();
  }

  onChange(fn: (c: Change) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** The transaction of the operation running now: writes happen only inside one. */
  get tx(): StoreTx {
    if (!this.current) throw new Error("a write outside an operation's transaction");
    return this.current;
  }

  /** Reads see the running operation's own writes; outside an operation they read the store as committed. */
  get read(): StoreReads {
    return this.current ?? this.store;
  }

  nowUtc(): string {
    return this.clock.now().toISOString();
  }

  /**
   * Runs one operation: checks the clock, validates, writes state and custody in one transaction, keeps the
   * deadlines of what it touched, then tells listeners. Every operation records through here, so none records
   * on a clock behind the last record, or jumped ahead before a person confirmed the date.
   */
  op<T>(
    fn: () => T,
    opts: {
      clock?: 'check' | 'confirming';
      claim?: 'deadline sweep';
      /** The reads the operation will make first, fetched together with the clock check's (see `readAhead`). */
      reads?: (r: StoreReads) => void;
    } = {},
  ): T {
    const outer = this.touched === null;
    if (outer) this.touched = { jobs: new Set(), packages: new Set(), drives: new Set() };
    const previous = this.current;
    // the newest record as the transaction left it: this station's screens are told it when the transaction commits
    let seq = 0;
    try {
      // run again from the start when the store runs the transaction again (PostgreSQL after a serialization failure)
      const result = this.store.transaction((tx) => {
        this.current = tx;
        if (outer) {
          this.touched = { jobs: new Set(), packages: new Set(), drives: new Set() };
          this.#appended = [];
        }
        if (outer && opts.claim && !tx.claimOnce(opts.claim)) throw new ClaimedElsewhere(opts.claim);
        if (outer) {
          const first = opts.reads;
          this.readAhead((r) => {
            if (opts.clock !== 'confirming') r.lastRecordAt();
            first?.(r);
          });
        }
        if (outer && opts.clock !== 'confirming') {
          const s = this.clockStatus();
          if (s.state !== 'ok') clockRefusal(s);
        }
        const r = fn();
        if (outer) {
          const t = this.touched!;
          this.readAhead((r) => deadlineReads(r, t.jobs));
          keepDeadlines(this, t.jobs, t.drives);
          if (t.jobs.size || t.packages.size || t.drives.size) {
            // under the store's one writer, the newest record is the operation's own last one when it appended any
            seq = this.#appended.length ? this.#appended.reduce((m, a) => Math.max(m, a.seq), 0) : tx.lastSeq();
            tx.announceChange(changePayload(t, seq));
          }
        }
        return r;
      });
      if (outer) {
        const t = this.touched!;
        this.touched = null;
        if (t.jobs.size || t.packages.size || t.drives.size) {
          this.#tell({ jobs: [...t.jobs], packages: [...t.packages], drives: [...t.drives], seq });
        }
      }
      return result;
    } finally {
      this.current = previous;
      if (outer) this.touched = null;
    }
  }

  /**
   * Inside an operation: `fn`'s writes are kept, or undone alone when it throws (the operation goes on without
   * them, and its custody records are not counted among the operation's).
   */
  savepoint<T>(fn: () => T): T {
    const kept = this.#appended.length;
    try {
      return this.store.savepoint(fn);
    } catch (e) {
      this.#appended.length = kept;
      throw e;
    }
  }

  /**
   * The reads `fn` makes, fetched together now: on a store where each read waits for the database (PostgreSQL),
   * an operation names what it is about to read so it waits once, not once a read. Nothing else changes: the
   * operation still reads each one itself, and a read named here that it never makes costs nothing more.
   * `later`: the reads the operation makes after the writes it is about to make, fetched with them.
   */
  readAhead(fn: (r: StoreReads) => void, opts: { later?: boolean } = {}): void {
    if (this.current) this.store.prefetch?.(fn, opts);
  }

  touch(kind: keyof Touched, key: string | null | undefined): void {
    if (key && this.touched) this.touched[kind].add(key);
  }

  checkActor(actor: Actor): void {
    if (!actor || typeof actor.operator !== 'string' || !actor.operator.trim()) {
      fail('BAD_INPUT', 'Sign in first: every change records the operator who made it.');
    }
    if (typeof actor.station !== 'string' || !actor.station.trim()) fail('BAD_INPUT', 'The station id is missing.');
  }

  reason(r: unknown, required: boolean): string | null {
    if (r === undefined || r === null || (typeof r === 'string' && !r.trim())) {
      if (required) fail('BAD_INPUT', 'A reason is required for this action.');
      return null;
    }
    if (typeof r !== 'string') fail('BAD_INPUT', 'The reason must be text.');
    if (r.length > MAX_REASON) fail('BAD_INPUT', `The reason is too long (at most ${MAX_REASON} characters).`);
    return r.trim();
  }

  /** A custody record; a reason the station wrote keeps its code and parameters in the detail, for the screens. */
  custody(
    actor: Actor,
    c: Partial<Omit<CustodyRecord, 'seq' | 'at' | 'operator' | 'station' | 'reason'>> & {
      action: string;
      subject: CustodyRecord['subject'];
      reason?: string | StationReason | null;
    },
  ): { readonly seq: number } {
    const coded = reasonDetail(c.reason);
    const detail = coded ? { ...(c.detail ?? {}), ...coded } : (c.detail ?? null);
    const appended = this.tx.appendCustody({
      at: isoWithZone(this.clock.now()),
      operator: actor.operator.trim(),
      station: actor.station.trim(),
      action: c.action,
      subject: c.subject,
      jobName: c.jobName ?? null,
      driveId: c.driveId ?? null,
      trackingNumber: c.trackingNumber ?? null,
      reason: reasonText(c.reason),
      stateBefore: c.stateBefore ?? null,
      stateAfter: c.stateAfter ?? null,
      detail,
    });
    this.#appended.push(appended);
    return appended;
  }

  liveJob(name: unknown): JobRecord {
    if (typeof name !== 'string' || !name.trim()) fail('BAD_INPUT', 'A job name is required.');
    const job = this.read.job(name.trim());
    if (!job) fail('JOB_UNKNOWN', `There is no job named "${name}".`);
    if (job.deletedAt) throw refusalError(reason('JOB_DELETED', { job: job.name, on: job.deletedAt.slice(0, 10) }), 'JOB_DELETED');
    return job;
  }

  liveDrive(serial: unknown): DriveRecord {
    const code = normalizeCode(serial, 'drive serial');
    const drive = this.read.activeDrive(code);
    if (!drive) fail('DRIVE_UNKNOWN', `No drive ${code} is at the dock or expected.`);
    return drive;
  }

  /** What the rule book is shown of a job, a drive or a box: the same facts `possibilities` judges. */
  jobContext(job: JobRecord, picked?: readonly string[]): JobContext {
    return jobContextOf(this.read, job, picked);
  }

  driveContext(drive: DriveRecord): DriveContext {
    return driveContextOf(this.read, drive, this.nowUtc());
  }

  packageContext(pkg: PackageRecord, actor: Actor): PackageContext {
    return packageContextOf(this.read, pkg, actor.station);
  }

  moveJob(
    actor: Actor,
    job: JobRecord,
    to: JobState,
    trigger: JobTrigger,
    reason: string | StationReason | null,
    extra: JobSets = {},
    tracking: string | null = null,
  ): JobRecord {
    requireJobEdge(to, trigger, this.jobContext(job));
    const now = this.nowUtc();
    this.tx.setJob(job.name, { state: to, updated_at: now, ...extra });
    this.custody(actor, {
      action: `job.${trigger}`,
      subject: 'job',
      jobName: job.name,
      trackingNumber: tracking,
      reason,
      stateBefore: job.state,
      stateAfter: to,
    });
    this.touch('jobs', job.name);
    return this.tx.job(job.name)!;
  }

  moveDrive(
    actor: Actor,
    drive: DriveRecord,
    job: JobRecord | null,
    to: DriveState,
    trigger: DriveTrigger,
    opts: {
      reason?: string | StationReason | null;
      copyStatus?: string;
      tracking?: string | null;
      action?: string;
      detail?: Record<string, unknown>;
      sets?: DriveSets;
    } = {},
  ): DriveRecord {
    requireDriveEdge(to, trigger, { drive, job, ...(opts.copyStatus ? { copyStatus: opts.copyStatus } : {}) });
    this.tx.setDrive(drive.id, { state: to, ...(opts.sets ?? {}) });
    this.custody(actor, {
      action: opts.action ?? `drive.${trigger}`,
      subject: 'drive',
      jobName: drive.jobName,
      driveId: drive.driveId,
      trackingNumber: opts.tracking ?? drive.packageTracking,
      reason: opts.reason ?? null,
      stateBefore: drive.state,
      stateAfter: to,
      detail: { row: drive.id, ...(opts.detail ?? {}) },
    });
    this.touch('drives', drive.driveId);
    this.touch('jobs', drive.jobName);
    return this.tx.driveById(drive.id)!;
  }

  insertDrive(
    actor: Actor,
    d: {
      driveId: string;
      jobName: string | null;
      role: DriveRecord['role'];
      state: DriveState;
      heldSince?: string | null;
      holdReason?: string | StationReason | null;
      packageTracking?: string | null;
      receivedAt?: string | null;
      input?: DriveInput;
    },
    action: string,
    tracking: string | null = null,
  ): DriveRecord {
    const existing = this.tx.activeDrive(d.driveId);
    if (existing)
      fail(
        'DRIVE_IN_ANOTHER_JOB',
        `Drive ${d.driveId} is already at the dock for ${existing.jobName ? `job ${existing.jobName}` : 'no job'}.`,
        { driveId: d.driveId, jobName: existing.jobName },
      );
    const id = this.tx.insertDrive({
      driveId: d.driveId,
      jobName: d.jobName,
      role: d.role,
      state: d.state,
      heldSince: d.heldSince ?? null,
      holdReason: reasonText(d.holdReason),
      packageTracking: d.packageTracking ?? null,
      receivedAt: d.receivedAt ?? null,
      bitLockerKey: d.input?.bitLockerKey ?? null,
      manifestFile: d.input?.manifestFile ?? null,
      manifestHash: d.input?.manifestHash ?? null,
      manifestUri: d.input?.manifestUri ?? null,
    });
    this.custody(actor, {
      action,
      subject: 'drive',
      jobName: d.jobName,
      driveId: d.driveId,
      trackingNumber: tracking,
      reason: d.heldSince ? (d.holdReason ?? null) : null,
      stateBefore: null,
      stateAfter: d.state,
      detail: { row: id, role: d.role, held: Boolean(d.heldSince) },
    });
    this.touch('drives', d.driveId);
    this.touch('jobs', d.jobName);
    return this.tx.driveById(id)!;
  }
}
