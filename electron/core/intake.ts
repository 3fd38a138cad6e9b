// The operations dock staff perform, as one object the dispatcher, the server, the labels and the demo call.
// Each operation is a function of its workflow (operations/), each read model a function of queries/; this
// class only hands them the store and the clock. Every rejection is an IntakeError with a stable code.
import { type Clock, systemClock } from './clock.ts';
import { IntakeError } from './errors.ts';
import type { Actor, CustodyRecord, DriveRecord, DriveState, DriveView, JobState, JobView, ReturnAddress } from './model.ts';
import { STATION, reason, refusal, type DriveTrigger, type JobTrigger, type Possibility } from './rules.ts';
import type { DockStore } from './store/types.ts';
import { Context, type Change } from './operations/context.ts';
import * as copy from './operations/copy.ts';
import * as deadlines from './operations/deadlines.ts';
import * as exchange from './operations/exchange.ts';
import * as holds from './operations/holds.ts';
import * as jobs from './operations/jobs.ts';
import * as receiving from './operations/receiving.ts';
import * as returns from './operations/returns.ts';
import * as station from './operations/station.ts';
import { identifyCode, type CodeIdentity } from './queries/codes.ts';
import * as custody from './queries/custody.ts';
import {
  EXCEPTION_PAGE,
  exceptionsPage,
  type ExceptionDue,
  type ExceptionKind,
  type ExceptionPage,
  type ExceptionRow,
} from './queries/exceptions.ts';
import type { ClockStatus } from './clock.ts';
import { dockReport, type DockReport } from './queries/report.ts';
import { backupStore, type BackupResult } from './store/backup.ts';
import * as views from './queries/jobs.ts';
import type { PackageView } from './queries/views.ts';
import type { Deadline, SweepResult } from './operations/deadlines.ts';
import type { ScanResult } from './operations/receiving.ts';

export type { Change } from './operations/context.ts';
export type { StationChange } from './operations/station.ts';
export type { Deadline, SweepResult } from './operations/deadlines.ts';
export type { ScanOutcome, ScanResult, Tone } from './operations/receiving.ts';
export type { ExceptionGroup, ExceptionKind, ExceptionOffer, ExceptionPage, ExceptionRow } from './queries/exceptions.ts';
export type { CodeIdentity, PackageStatus } from './queries/codes.ts';
export type { HoldCause, ScanParams } from './operations/receiving.ts';

export interface IntakeOptions {
  store: DockStore;
  clock?: Clock;
  /**
   * Whether the station trusts its clock, when another thread judges it: a reader answers with the station's
   * own judgement, since the watch that tells a clock set from time passing lives with the station.
   */
  clockStatus?: () => ClockStatus;
}

export class Intake {
  readonly store: DockStore;
  readonly clock: Clock;
  private readonly c: Context;

  constructor(opts: IntakeOptions) {
    this.store = opts.store;
    this.clock = opts.clock ?? systemClock;
    this.c = new Context(this.store, this.clock, opts.clockStatus);
  }

  onChange(fn: (c: Change) => void): () => void {
    return this.c.onChange(fn);
  }

  // ---- jobs --------------------------------------------------------------------------------------

  /** Put: creates a job in `Creating` (or `Shipping` when asked and its guard holds). */
  putJob(actor: Actor, input: unknown): JobView {
    return jobs.putJob(this.c, actor, input);
  }
  /** Update: the service's PATCH. Any update while `Creating` keeps it `Creating` and restarts its 2 weeks. */
  updateJob(actor: Actor, name: unknown, patchInput: unknown): JobView {
    return jobs.updateJob(this.c, actor, name, patchInput);
  }
  /** Imports the service's `Get Job` JSON: one job, a list, or `{ value: [...] }`. All or nothing. */
  importJobs(actor: Actor, json: unknown): { created: string[]; updated: string[] } {
    return jobs.importJobs(this.c, actor, json);
  }
  cancelJob(actor: Actor, name: unknown, reason?: unknown): JobView {
    return jobs.cancelJob(this.c, actor, name, reason);
  }
  faultJob(actor: Actor, name: unknown, reason: unknown): JobView {
    return jobs.faultJob(this.c, actor, name, reason);
  }
  resolveJob(actor: Actor, name: unknown, reason: unknown): JobView {
    return jobs.resolveJob(this.c, actor, name, reason);
  }
  faultDrive(actor: Actor, serial: unknown, reason: unknown): DriveView {
    return jobs.faultDrive(this.c, actor, serial, reason);
  }
  resolveDrive(actor: Actor, serial: unknown, reason: unknown): DriveView {
    return jobs.resolveDrive(this.c, actor, serial, reason);
  }
  /** Staff told the customer their package has not arrived: the 30-day clock to `Closed` starts. */
  notifyCustomer(actor: Actor, name: unknown, note?: unknown): JobView {
    return jobs.notifyCustomer(this.c, actor, name, note);
  }
  /** Staff agreed with the customer to wait longer for the package. */
  extendWait(actor: Actor, name: unknown, days: unknown, reason?: unknown): JobView {
    return jobs.extendWait(this.c, actor, name, days, reason);
  }

  /** What importing these files would do (new, updated, unchanged, restored, refused and why), written nowhere. */
  previewImport(actor: Actor, files: exchange.ImportFile[]): exchange.ImportPlan {
    return exchange.previewImport(this.c, actor, files);
  }
  /** Writes exactly what the preview showed, in one transaction; IMPORT_STALE when the store moved on since. */
  confirmImport(
    actor: Actor,
    files: exchange.ImportFile[],
    expected: { basedOnSeq: number; jobs: { name: string; outcome: string }[] },
  ): exchange.ImportPlan {
    return exchange.confirmImport(this.c, actor, files, expected);
  }
  /** The results file (the service's `Get Job` JSON, no key): jobs changed since the last one, or chosen jobs. */
  exportResults(actor: Actor, choice: exchange.ExportChoice): exchange.ExportResult {
    return exchange.exportResults(this.c, actor, choice, actor.station);
  }

  // ---- packages and scans ------------------------------------------------------------------------

  /** Opens the box whose carrier tracking number was scanned. Shared boxes find every job `X-1`, `X-2` …. */
  receivePackage(actor: Actor, input: { trackingNumber: unknown; carrierName?: unknown }): PackageView {
    return receiving.receivePackage(this.c, actor, input);
  }
  /** A drive serial scanned into the open package. */
  scanDrive(actor: Actor, input: { serial: unknown; trackingNumber?: unknown; jobName?: unknown; unlisted?: unknown }): ScanResult {
    return receiving.scanDrive(this.c, actor, input);
  }

  receiveNext(actor: Actor, input: { trackingNumber: unknown; confirmed?: unknown }) {
    return receiving.receiveNext(this.c, actor, input);
  }

  takeBack(actor: Actor, input: { serial: unknown }) {
    return receiving.takeBack(this.c, actor, input);
  }

  moveToBox(actor: Actor, input: { serial: unknown }) {
    return receiving.moveToBox(this.c, actor, input);
  }
  /** What closing the package would mark NeverReceived: the confirmation lists them. */
  previewClose(
    actor: Actor,
    tracking?: unknown,
  ): { trackingNumber: string; neverReceived: { jobName: string; driveId: string }[]; held: boolean } {
    return receiving.previewClose(this.c, actor, tracking);
  }
  /** Closes the package: expected drives not scanned become NeverReceived and its jobs Received. */
  closePackage(actor: Actor, input: { trackingNumber?: unknown } = {}): { package: PackageView; neverReceived: string[] } {
    return receiving.closePackage(this.c, actor, input);
  }
  /** A held package whose job is now Shipping is opened again: its held drives are received. */
  releaseHold(actor: Actor, input: { trackingNumber: unknown }): PackageView {
    return holds.releaseHold(this.c, actor, input);
  }
  /** Undo the last scan at this station, as a compensating custody record. */
  undoLastScan(actor: Actor): { driveId: string | null; trackingNumber: string | null; message: string } {
    return receiving.undoLastScan(this.c, actor);
  }

  // ---- copy --------------------------------------------------------------------------------------

  startCopy(actor: Actor, input: { jobName: unknown; driveIds?: unknown }): JobView {
    return copy.startCopy(this.c, actor, input);
  }
  /** A copy bay's report for one drive: progress, or the final status with its logs. */
  recordCopyResult(actor: Actor, input: Parameters<typeof copy.recordCopyResult>[2]): DriveView {
    return copy.recordCopyResult(this.c, actor, input);
  }
  /** A recorded copy result put right, as a new record with its reason, before the drive leaves. */
  correctCopyResult(actor: Actor, input: Parameters<typeof copy.correctCopyResult>[2]): DriveView {
    return copy.correctCopyResult(this.c, actor, input);
  }

  // ---- return ------------------------------------------------------------------------------------

  /** Drives that go back in the job's return box: every drive of the job at the dock, extras included. */
  returnDrives(name: string): DriveRecord[] {
    return returns.returnDrives(this.c, name);
  }
  shipBack(
    actor: Actor,
    input: { jobName: unknown; carrierName: unknown; trackingNumber: unknown; carrierAccountNumber?: unknown; driveIds?: unknown },
  ): JobView {
    return returns.shipBack(this.c, actor, input);
  }
  /** Held drives go back to the sender when no one can be reached to make the job ready. */
  returnHeldDrives(actor: Actor, input: Parameters<typeof holds.returnHeldDrives>[2]): ReturnType<typeof holds.returnHeldDrives> {
    return holds.returnHeldDrives(this.c, actor, input);
  }
  /** A job in Packaging with nothing of it at the dock cannot ship a box: it ends Closed, with the reason. */
  closeWithoutShipment(actor: Actor, input: { jobName: unknown; reason?: unknown }): JobView {
    return returns.closeWithoutShipment(this.c, actor, input);
  }
  /** Secure destruction is custody too: method, operator, witness, date. */
  recordDestruction(
    actor: Actor,
    input: { driveIds: unknown; method: unknown; witness: unknown; reason?: unknown },
  ): {
    certificate: {
      driveIds: string[];
      jobNames: (string | null)[];
      method: string;
      operator: string;
      witness: string;
      at: string;
      station: string;
    };
  } {
    return holds.recordDestruction(this.c, actor, input);
  }

  // ---- deadlines ---------------------------------------------------------------------------------

  /** Applies whatever is due; running it twice changes nothing the second time. */
  sweep(actor: Actor): SweepResult {
    return deadlines.sweep(this.c, actor);
  }
  /** What comes due next, soonest first (already overdue first of all). */
  upcomingDeadlines(limit = 50): Deadline[] {
    return deadlines.upcomingDeadlines(this.c, limit);
  }
  /** Whether the station trusts its clock now (behind its last record, or jumped ahead unconfirmed, it does not). */
  clockStatus(): ClockStatus {
    return this.c.clockStatus();
  }
  /** A person confirms the date the clock shows, typing it: deadlines and changes go on. */
  confirmClock(actor: Actor, input: { date: unknown }): ClockStatus {
    return deadlines.confirmClock(this.c, actor, input);
  }
  /** Staff report a job's return address wrong though complete: its 90-day destruction deadline starts. */
  reportAddressWrong(actor: Actor, name: unknown, reason: unknown): JobView {
    deadlines.reportAddressWrong(this.c, actor, name, reason);
    return this.jobView(name);
  }
  /** Staff tried the contact of a job whose return address is wrong or missing: reached, or not. */
  recordContact(actor: Actor, input: { name: unknown; reached: unknown; note?: unknown }): JobView {
    const job = deadlines.recordContact(this.c, actor, input);
    return this.jobView(job.name);
  }

  // ---- queries -----------------------------------------------------------------------------------

  /** What a scanned code is at this station: a command, a package, a job, a drive, a held drive, or unknown. */
  identifyCode(code: string, station: string): CodeIdentity {
    return identifyCode(this.store, code, station);
  }
  jobView(name: unknown): JobView {
    return views.jobViewOf(this.store, name);
  }
  packageView(tracking: string): PackageView | null {
    return views.packageViewOf(this.store, tracking);
  }
  openPackage(station: string): PackageView | null {
    return views.openPackageView(this.store, station);
  }
  /** "What may happen to this job now, and why not the rest?" */
  jobPossibilities(name: unknown): Possibility<JobState, JobTrigger>[] {
    return this.whileClockHeld(views.jobPossibilitiesOf(this.store, name));
  }
  drivePossibilities(serial: unknown): Possibility<DriveState, DriveTrigger>[] {
    return this.whileClockHeld(views.drivePossibilitiesOf(this.store, serial, this.c.nowUtc()));
  }
  packagePossibilities(tracking: unknown, actor: Actor): Possibility[] {
    return this.whileClockHeld(views.packagePossibilitiesOf(this.store, tracking, actor.station));
  }
  /** A clock the station does not trust refuses every record: no staff action is possible until it is put right. */
  private whileClockHeld<P extends Possibility>(list: P[]): P[] {
    const s = this.c.clockStatus();
    if (s.state === 'ok') return list;
    const why = refusal(reason('CLOCK_NOT_TRUSTED', { state: s.state }));
    return list.map((p) => (p.action === STATION || !p.allowed ? p : { ...p, allowed: false, reason: why }));
  }
  /** Jobs by name prefix, delivery or return tracking, or drive serial; paged on the server. */
  searchJobs(input: { query?: unknown; state?: unknown; limit?: unknown; offset?: unknown } = {}): {
    total: number;
    items: {
      name: string;
      jobType: string;
      state: JobState;
      trackingNumber: string | null;
      updatedAt: string;
      cancelRequested: boolean;
      deleted: boolean;
    }[];
  } {
    return views.searchJobs(this.store, input);
  }
  custodyOf(input: {
    jobName?: unknown;
    driveId?: unknown;
    trackingNumber?: unknown;
    limit?: unknown;
    beforeSeq?: unknown;
  }): CustodyRecord[] {
    return custody.custodyOf(this.store, input);
  }
  /** The custody records of a job as CSV, oldest first. */
  custodyCsv(jobName: unknown): string {
    return custody.custodyCsv(this.store, jobName);
  }
  /** The daily dock report of local days `from` to `to` (YYYY-MM-DD). */
  dockReport(from: unknown, to: unknown): DockReport {
    return dockReport(this.store, from, to);
  }
  /** A consistent copy of the store to `path` while scanning goes on. */
  backup(path: string): Promise<BackupResult> {
    return backupStore(this.store, path);
  }
  /** A page of everything at the dock that a person must act on, with what to do next and by when. */
  exceptionsPage(
    input: { limit?: number; after?: string | null; kinds?: readonly ExceptionKind[]; due?: ExceptionDue; by?: 'row' | 'job' } = {},
  ): ExceptionPage {
    return exceptionsPage(this.store, this.c.clockStatus(), input);
  }
  /** The most urgent rows of the Exceptions list (its first page at the largest size). */
  exceptions(): ExceptionRow[] {
    return this.exceptionsPage({ limit: EXCEPTION_PAGE.max }).rows;
  }

  // ---- the station itself ------------------------------------------------------------------------

  /** Records changes to the station's settings and applies them, in one transaction. */
  recordStationChanges(actor: Actor, changes: readonly station.StationChange[], apply: () => void, before?: () => void): number[] {
    return station.recordStationChanges(this.c, actor, changes, apply, before);
  }
  /** The station's own custody records, newest first. */
  stationCustody(limit = 50, beforeSeq = Number.MAX_SAFE_INTEGER): CustodyRecord[] {
    return this.store.custodyOfSubject('station', beforeSeq, Math.max(1, Math.min(1000, limit)));
  }
  /** True when the station has never held a job, drive or package (a demo may be loaded into it). */
  isEmpty(): boolean {
    const n = this.store.counts();
    return n.jobs === 0 && n.drives === 0 && n.packages === 0;
  }
}

export { IntakeError };
export type { ReturnAddress };
