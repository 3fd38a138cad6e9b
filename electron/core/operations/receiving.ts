// Receiving: a box opened by its tracking number, drives scanned into it with every case the dock meets, the box
// closed (what was not in it becomes NeverReceived), and the last scan at a station undone.
import { fail } from '../errors.ts';
import type { Actor, CustodyRecord, DriveRecord, DriveState, DriveView, JobRecord, JobState, PackageRecord } from '../model.ts';
import { checkJob, effectiveState, isJobsOwnBox, requireAction, takesDrives, type DriveTrigger } from '../rules.ts';
import { normalizeCode } from '../scan.ts';
import { driveView, type PackageView } from '../queries/views.ts';
import { packageContextOf, packageViewOf } from '../queries/jobs.ts';
import type { Context } from './context.ts';
import { holdDrive } from './holds.ts';
import { deadlineReads } from './deadlines.ts';
import { DRIVE_SCAN_ACTIONS } from '../store/custody.ts';
import { because, type StationReason } from '../reasons.ts';

export type ScanOutcome = 'received' | 'arrivedLater' | 'alreadyReceived' | 'extra' | 'otherJob' | 'held' | 'exportAdded';

/** How the station should sound and look for an outcome. */
export type Tone = 'accepted' | 'warning' | 'notice';

/** Why a scanned drive was put on hold. */
export type HoldCause = 'noJob' | 'jobCreating' | 'jobEnded';

/** Everything the screens need to word a scan's outcome in any language, without the English `message`. */
export interface ScanParams {
  serial: string;
  /** The drive's job, or null for a drive of no job. */
  job: string | null;
  /** That job's state when the drive was scanned. */
  jobState: JobState | null;
  /** The package the drive was scanned into, and the jobs it holds. */
  tracking: string;
  packageJobs: string[];
  /** Set when the drive was put on hold, saying why. */
  hold: HoldCause | null;
  /** The drive is not on its job's list. */
  extra: boolean;
  /** A drive of a job that is not among the package's jobs. */
  otherPackage: boolean;
}

export interface ScanResult {
  /** What happened: the code the screens word, with `params`. */
  outcome: ScanOutcome;
  params: ScanParams;
  tone: Tone;
  serial: string;
  jobName: string | null;
  drive: DriveView;
  /** The same in plain English, for logs and for callers without the screens' words. */
  message: string;
  package: PackageView;
}

/** Opens the box whose carrier tracking number was scanned. Shared boxes find every job `X-1`, `X-2` …. */
export function receivePackage(c: Context, actor: Actor, input: { trackingNumber: unknown; carrierName?: unknown }): PackageView {
  c.checkActor(actor);
  const tracking = normalizeCode(input?.trackingNumber, 'tracking number');
  const carrier = typeof input?.carrierName === 'string' && input.carrierName.trim() ? input.carrierName.trim().slice(0, 64) : null;
  return c.op(
    () => {
      refuseReceivedBox(c, tracking);
      const open = c.read.openPackageOf(actor.station);
      if (open)
        fail('ANOTHER_PACKAGE_OPEN', `Package ${open.trackingNumber} is still open: close it before receiving ${tracking}.`, {
          trackingNumber: open.trackingNumber,
        });
      const jobs = c.read.jobsDeliveredIn(tracking);
      const now = c.nowUtc();
      // nothing in a box is processed unless one of its jobs takes drives now (past Creating, not ended)
      const held = !jobs.some(takesDrives);
      c.tx.insertPackage({
        trackingNumber: tracking,
        carrierName: carrier ?? jobs[0]?.deliveryPackage?.carrierName ?? null,
        station: actor.station,
        openedBy: actor.operator,
        openedAt: now,
        heldSince: held ? now : null,
        jobNames: jobs.map((j) => j.name),
      });
      c.custody(actor, {
        action: held ? 'package.receivedHeld' : 'package.received',
        subject: 'package',
        trackingNumber: tracking,
        jobName: jobs.length === 1 ? jobs[0]!.name : null,
        stateBefore: null,
        stateAfter: 'open',
        reason: held
          ? !jobs.length
            ? because('noJob')
            : jobs.some((j) => j.state === 'Creating')
              ? because('packageJobCreating')
              : because('jobEnded', { state: jobs[0]!.state })
          : null,
        detail: { jobs: jobs.map((j) => j.name) },
      });
      c.touch('packages', tracking);
      for (const j of jobs) c.touch('jobs', j.name);
      // the box as the screen shows it and the jobs' deadlines, read with the writes above in one go
      c.readAhead((r) => {
        packageViewOf(r, tracking);
        deadlineReads(
          r,
          jobs.map((j) => j.name),
        );
      });
      return packageViewOf(c.read, tracking)!;
    },
    {
      // what receiving a box reads first: whether it was received before, the box open here, its jobs and their drives
      reads: (r) => {
        r.package(tracking);
        r.openPackageOf(actor.station);
        for (const j of r.jobsDeliveredIn(tracking)) r.drivesOfJob(j.name);
        r.drivesInPackage(tracking);
      },
    },
  );
}

/** A box received before (open here or at another station, or closed) is not received again. */
function refuseReceivedBox(c: Context, tracking: string): void {
  const existing = c.read.package(tracking);
  if (!existing) return;
  if (existing.state === 'open')
    fail('PACKAGE_ALREADY_OPEN', `Package ${tracking} is already open at ${existing.station}.`, { trackingNumber: tracking });
  fail(
    'PACKAGE_ALREADY_RECEIVED',
    `Package ${tracking} was already received on ${existing.openedAt.slice(0, 10)} by ${existing.openedBy} (${existing.state}).`,
    { trackingNumber: tracking },
  );
}

/**
 * The next box's tracking number scanned while a box is open: the open box is closed and the next one opened,
 * in one step, so no drive can fall between them. When the close would make drives NeverReceived, the person
 * confirms first: `confirmed` lists the serials they were shown, and a close that would mark any other is
 * refused (`CLOSE_NOT_CONFIRMED`, naming them) with nothing changed.
 */
export function receiveNext(
  c: Context,
  actor: Actor,
  input: { trackingNumber: unknown; confirmed?: unknown },
): { closed: { package: PackageView; neverReceived: string[] }; package: PackageView } {
  c.checkActor(actor);
  const tracking = normalizeCode(input?.trackingNumber, 'tracking number');
  const confirmed = Array.isArray(input?.confirmed) ? input.confirmed.filter((x): x is string => typeof x === 'string') : [];
  return c.op(() => {
    const open = c.read.openPackageOf(actor.station);
    if (!open) fail('NO_OPEN_PACKAGE', `No package is open to close before ${tracking}: scan it on its own.`);
    if (open.trackingNumber === tracking)
      fail('PACKAGE_ALREADY_OPEN', `Package ${tracking} is the package open here.`, { trackingNumber: tracking });
    refuseReceivedBox(c, tracking);
    if (!c.read.jobsDeliveredIn(tracking).length)
      fail('PACKAGE_UNKNOWN', `No job expects package ${tracking}: package ${open.trackingNumber} stays open.`, {
        trackingNumber: tracking,
      });
    const never = previewClose(c, actor, open.trackingNumber).neverReceived.map((d) => d.driveId);
    const unseen = never.filter((d) => !confirmed.includes(d));
    if (unseen.length)
      fail(
        'CLOSE_NOT_CONFIRMED',
        `Closing package ${open.trackingNumber} makes ${unseen.join(', ')} NeverReceived: confirm it before ${tracking} is opened. ` +
          'Nothing was changed.',
        { trackingNumber: open.trackingNumber, next: tracking, neverReceived: never },
      );
    const closed = closePackage(c, actor, { trackingNumber: open.trackingNumber });
    return { closed, package: receivePackage(c, actor, { trackingNumber: tracking }) };
  });
}

export function packageForScan(c: Context, actor: Actor, tracking: unknown): PackageRecord {
  if (tracking !== undefined && tracking !== null && tracking !== '') {
    const t = normalizeCode(tracking, 'tracking number');
    const p = c.read.package(t);
    if (!p) fail('PACKAGE_UNKNOWN', `Package ${t} has not been received here.`);
    if (p.state !== 'open') fail('PACKAGE_NOT_OPEN', `Package ${t} is ${p.state}, not open.`);
    return p;
  }
  const open = c.read.openPackageOf(actor.station);
  if (!open) fail('NO_OPEN_PACKAGE', "No package is open: scan the package's tracking number first.");
  return open;
}

/** The box each station last scanned a drive into, by the operations' context: a guess for fetching reads ahead. */
const lastBox = new WeakMap<Context, Map<string, PackageRecord>>();

/** A drive serial scanned into the open package: listed, later arrival, another job's, extra, held or of no job. */
export function scanDrive(
  c: Context,
  actor: Actor,
  input: { serial: unknown; trackingNumber?: unknown; jobName?: unknown; unlisted?: unknown },
): ScanResult {
  c.checkActor(actor);
  const serial = normalizeCode(input?.serial, 'drive serial');
  return c.op(
    () => {
      const pkg = packageForScan(c, actor, input?.trackingNumber);
      const now = c.nowUtc();
      const existing = c.read.activeDrive(serial);
      const pkgJobs = pkg.jobNames.map((n) => c.read.job(n)!).filter((j) => j && !j.deletedAt);
      const result = (outcome: ScanOutcome, tone: Tone, drive: DriveRecord, message: string, hold: HoldCause | null = null): ScanResult => {
        lastBox.set(c, (lastBox.get(c) ?? new Map<string, PackageRecord>()).set(actor.station, pkg));
        // what the answer and the deadlines read after the scan's writes, fetched together
        c.readAhead((r) => {
          packageViewOf(r, pkg.trackingNumber);
          deadlineReads(r, drive.jobName ? [drive.jobName, ...pkg.jobNames] : pkg.jobNames);
        });
        const job = drive.jobName ? c.read.job(drive.jobName) : null;
        const params: ScanParams = {
          serial,
          job: drive.jobName,
          jobState: job?.state ?? null,
          tracking: pkg.trackingNumber,
          packageJobs: pkg.jobNames,
          hold,
          extra: drive.role !== 'listed',
          otherPackage: drive.jobName !== null && !pkg.jobNames.includes(drive.jobName),
        };
        return {
          outcome,
          params,
          tone,
          serial,
          jobName: drive.jobName,
          drive: driveView(drive),
          message,
          package: packageViewOf(c.read, pkg.trackingNumber)!,
        };
      };
      c.touch('packages', pkg.trackingNumber);

      if (existing) {
        const job = existing.jobName ? c.read.job(existing.jobName) : null;
        const inPackage = job ? pkg.jobNames.includes(job.name) : false;
        const whose = job ? `job ${job.name}` : 'no job';
        if (existing.packageTracking && ((existing.state !== 'Specified' && existing.state !== 'NeverReceived') || existing.heldSince)) {
          fail(
            'DRIVE_ALREADY_SCANNED',
            `Drive ${serial} was already scanned${existing.packageTracking === pkg.trackingNumber ? ' into this package' : ` in package ${existing.packageTracking}`} (${existing.state}${existing.heldSince ? ', held' : ''}).`,
            // the box it came in, so the screens name it (and offer to move it here when it came in another)
            {
              driveId: serial,
              jobName: existing.jobName,
              box: existing.packageTracking,
              here: existing.packageTracking === pkg.trackingNumber,
              state: existing.state,
              held: Boolean(existing.heldSince),
            },
          );
        }
        if (existing.state !== 'Specified' && existing.state !== 'NeverReceived') {
          fail('DRIVE_ALREADY_SCANNED', `Drive ${serial} of ${whose} is already ${existing.state}.`, {
            driveId: serial,
            jobName: existing.jobName,
          });
        }
        // a drive of a job that already ended (a box that came after the job was Closed) is held like one of
        // no job: nothing processes it any more, and unheld it would vanish with the job's purge
        const ended = job !== null && (job.state === 'Completed' || job.state === 'Closed');
        if (!job || job.state === 'Creating' || job.deletedAt || ended) {
          const cause: HoldCause = !job ? 'noJob' : ended ? 'jobEnded' : 'jobCreating';
          const d = holdDrive(c, actor, existing, pkg, holdReason(cause, job?.state));
          const whose = job ? `job ${job.name} is ${ended ? `already ${job.state}` : 'still Creating'}` : 'it belongs to no job';
          return result('held', 'warning', d, `Drive ${serial} is held: ${whose}. Contact the customer.`, cause);
        }
        const trigger: DriveTrigger = existing.state === 'NeverReceived' ? 'arrivedLater' : 'scanned';
        // what the answer and the deadlines read once the drive is received, fetched with its writes
        c.readAhead(
          (r) => {
            r.driveById(existing.id);
            packageViewOf(r, pkg.trackingNumber);
            deadlineReads(r, [job.name, ...pkg.jobNames]);
          },
          { later: true },
        );
        const d = c.moveDrive(actor, existing, job, 'Received', trigger, {
          tracking: pkg.trackingNumber,
          action: inPackage || trigger === 'arrivedLater' ? `drive.${trigger}` : 'drive.receivedInOtherPackage',
          sets: { package_tracking: pkg.trackingNumber, received_at: now },
          detail: inPackage ? { package: pkg.trackingNumber } : { package: pkg.trackingNumber, packageJobs: pkg.jobNames },
        });
        if (trigger === 'arrivedLater')
          return result(
            'arrivedLater',
            'accepted',
            d,
            `Drive ${serial} of job ${job.name} was NeverReceived and has now arrived${inPackage ? '' : ` in package ${pkg.trackingNumber}`}: Received.`,
          );
        if (!inPackage) {
          return result(
            'otherJob',
            'warning',
            d,
            `Drive ${serial} belongs to job ${job.name}, not to this package's job${pkgJobs.length > 1 ? 's' : ''}: received for ${job.name}; it goes back with ${job.name}.`,
          );
        }
        return result('received', 'accepted', d, `Drive ${serial} received for job ${job.name}.`);
      }

      // a carrier's tracking number scanned while a box is open is the next box, not an extra drive
      const box = c.read.trackingNumberOwner(serial);
      if (box) {
        fail(
          'CODE_IS_TRACKING',
          `${serial} is a package's tracking number${box.jobName ? ` (job ${box.jobName})` : ''}, not a drive serial. Close package ${pkg.trackingNumber} before receiving the next one.`,
          { trackingNumber: serial, open: pkg.trackingNumber },
        );
      }
      // a job's name (its label carries it as a barcode) is not a drive either: recorded, it would be an extra drive
      const named = c.read.jobByCode(codeSpellings(input?.serial, serial));
      if (named) {
        fail(
          'CODE_IS_JOB',
          `${serial} is the name of job ${named.name}, not a drive serial: scan the serial on the drive's own label. ` +
            'Nothing was recorded.',
          { jobName: named.name, code: serial },
        );
      }
      // a drive on no job's list: an extra drive of this package's job, or held when there is no job
      let owner: JobRecord | null = null;
      if (pkgJobs.length === 1) owner = pkgJobs[0]!;
      else if (pkgJobs.length > 1) {
        const named = typeof input?.jobName === 'string' ? input.jobName.trim() : '';
        if (!named)
          fail(
            'AMBIGUOUS_JOB',
            `Drive ${serial} is on no job's list and this box holds ${pkgJobs.length} jobs (${pkgJobs.map((j) => j.name).join(', ')}): choose the job written on the drive's label.`,
            { driveId: serial, jobs: pkgJobs.map((j) => j.name) },
          );
        owner = pkgJobs.find((j) => j.name === named) ?? null;
        if (!owner) fail('JOB_NOT_IN_PACKAGE', `Job "${named}" is not in package ${pkg.trackingNumber}.`);
      }
      if (!owner) {
        const d = c.insertDrive(
          actor,
          {
            driveId: serial,
            jobName: null,
            role: 'orphan',
            state: 'Specified',
            heldSince: now,
            holdReason: holdReason('noJob'),
            packageTracking: pkg.trackingNumber,
            receivedAt: now,
          },
          'drive.heldNoJob',
          pkg.trackingNumber,
        );
        return result('held', 'warning', d, `Drive ${serial} belongs to no job: held. Contact the customer.`, 'noJob');
      }
      // a drive label carries model and WWN barcodes beside the serial: asked, the station records a serial on no
      // list as an extra drive only once the person confirms it (the same code again, or a key)
      if (owner.jobType !== 'Export' && input?.unlisted === 'ask') {
        fail(
          'UNLISTED_NOT_CONFIRMED',
          `${serial} is on no list of job ${owner.name}: scan it again to record it as an extra drive ` +
            "(a drive's label carries model and WWN barcodes too). Nothing was recorded.",
          { driveId: serial, jobName: owner.name, trackingNumber: pkg.trackingNumber },
        );
      }
      // an export job's drives are its drives in every state: held while it is Creating (or ended), else received
      if (owner.jobType === 'Export') {
        const state = effectiveState(owner);
        if (state === 'Creating' || state === 'Completed' || state === 'Closed') {
          const why = state === 'Creating' ? 'job still Creating' : `job already ${state}`;
          const d = c.insertDrive(
            actor,
            {
              driveId: serial,
              jobName: owner.name,
              role: 'listed',
              state: 'Specified',
              heldSince: now,
              holdReason: why,
              packageTracking: pkg.trackingNumber,
              receivedAt: now,
            },
            'drive.held',
            pkg.trackingNumber,
          );
          return result(
            'held',
            'warning',
            d,
            `Drive ${serial} of export job ${owner.name} is held: the ${why.replace('job ', 'job is ')}.`,
          );
        }
        const d = c.insertDrive(
          actor,
          {
            driveId: serial,
            jobName: owner.name,
            role: 'listed',
            state: 'Received',
            packageTracking: pkg.trackingNumber,
            receivedAt: now,
          },
          'drive.exportReceived',
          pkg.trackingNumber,
        );
        return result('exportAdded', 'accepted', d, `Drive ${serial} received for export job ${owner.name}.`);
      }
      if (owner.state === 'Creating' || owner.state === 'Completed' || owner.state === 'Closed') {
        const cause: HoldCause = owner.state === 'Creating' ? 'jobCreating' : 'jobEnded';
        const why = holdReason(cause, owner.state);
        const d = c.insertDrive(
          actor,
          {
            driveId: serial,
            jobName: owner.name,
            role: 'extra',
            state: 'Specified',
            heldSince: now,
            holdReason: why,
            packageTracking: pkg.trackingNumber,
            receivedAt: now,
          },
          'drive.heldExtra',
          pkg.trackingNumber,
        );
        const message = `Drive ${serial} is not on job ${owner.name}'s list and the ${why.text.replace('job ', 'job is ')}: held.`;
        return result('held', 'warning', d, message, cause);
      }
      const d = c.insertDrive(
        actor,
        { driveId: serial, jobName: owner.name, role: 'extra', state: 'Received', packageTracking: pkg.trackingNumber, receivedAt: now },
        'drive.extra',
        pkg.trackingNumber,
      );
      return result(
        'extra',
        'warning',
        d,
        `Drive ${serial} is not on job ${owner.name}'s list: an extra drive. It is not copied and goes back with the job.`,
      );
    },
    {
      // what a scan reads first: the box open here, the drive, and their jobs
      reads: (r) => {
        // the box of this station's last scan is most likely still the open one: asked for at once, a wrong
        // guess costs a read, not a wait
        const guess = lastBox.get(c)?.get(actor.station);
        if (guess) {
          r.package(guess.trackingNumber);
          for (const n of guess.jobNames) r.job(n);
        }
        const pkg = input?.trackingNumber ? null : r.openPackageOf(actor.station);
        const drive = r.activeDrive(serial);
        for (const n of pkg?.jobNames ?? []) r.job(n);
        if (drive?.jobName) r.job(drive.jobName);
      },
    },
  );
}

function holdReason(cause: HoldCause, state?: JobState): StationReason {
  if (cause === 'noJob') return because('noJob');
  return cause === 'jobCreating' ? because('jobCreating') : because('jobEnded', { state: state ?? 'Closed' });
}

/** The spellings a scanned code may name a job by: as scanned (trimmed), and as normalised. */
export function codeSpellings(raw: unknown, normalized: string): string[] {
  const asScanned = typeof raw === 'string' ? raw.trim() : normalized;
  return [asScanned, normalized, normalized.toLowerCase()];
}

/** What closing the package would mark NeverReceived: the confirmation lists them. */
export function previewClose(
  c: Context,
  actor: Actor,
  tracking?: unknown,
): { trackingNumber: string; neverReceived: { jobName: string; driveId: string }[]; held: boolean } {
  const pkg = packageForScan(c, actor, tracking);
  const out: { jobName: string; driveId: string }[] = [];
  for (const name of pkg.jobNames) {
    const job = c.read.job(name);
    if (!job || job.deletedAt || job.state !== 'Shipping' || !isJobsOwnBox(job, pkg.trackingNumber)) continue;
    for (const d of c.read.drivesOfJob(name)) {
      if (d.role === 'listed' && d.state === 'Specified' && !d.heldSince) out.push({ jobName: name, driveId: d.driveId });
    }
  }
  const heldCount = c.read.countHeldInPackage(pkg.trackingNumber);
  return { trackingNumber: pkg.trackingNumber, neverReceived: out, held: heldCount > 0 || pkg.jobNames.length === 0 };
}

/** Closes the package: expected drives not scanned become NeverReceived and its jobs Received. */
export function closePackage(
  c: Context,
  actor: Actor,
  input: { trackingNumber?: unknown } = {},
): { package: PackageView; neverReceived: string[] } {
  c.checkActor(actor);
  return c.op(
    () => {
      const pkg = packageForScan(c, actor, input?.trackingNumber);
      const now = c.nowUtc();
      const never: string[] = [];
      requireAction('closeBox', c.packageContext(pkg, actor));
      for (const name of pkg.jobNames) {
        const job = c.read.job(name);
        if (!job || job.deletedAt || job.state !== 'Shipping' || !isJobsOwnBox(job, pkg.trackingNumber)) continue;
        for (const d of c.read.drivesOfJob(name)) {
          if (d.role === 'listed' && d.state === 'Specified' && !d.heldSince) {
            c.moveDrive(actor, d, job, 'NeverReceived', 'missingAtClose', {
              tracking: pkg.trackingNumber,
              reason: because('notInPackage', { tracking: pkg.trackingNumber }),
            });
            never.push(d.driveId);
          }
        }
        const received = c.moveJob(actor, c.read.job(name)!, 'Received', 'packageReceived', null, {}, pkg.trackingNumber);
        if (received.cancelRequested)
          c.moveJob(actor, received, 'Packaging', 'copySkipped', because('cancelSkipsCopy'), {}, pkg.trackingNumber);
        else if (checkJob('Packaging', 'nothingToCopy', c.jobContext(received)).ok) {
          c.moveJob(actor, received, 'Packaging', 'nothingToCopy', because('nothingArrived'), {}, pkg.trackingNumber);
        }
      }
      const held = c.read.countHeldInPackage(pkg.trackingNumber) > 0;
      const state = held ? 'held' : 'closed';
      c.tx.closePackageRecord(pkg.trackingNumber, state, now, held ? (pkg.heldSince ?? now) : null);
      // one record per job in the box, so every job's custody shows its box closing
      for (const jobName of pkg.jobNames.length ? pkg.jobNames : [null]) {
        c.custody(actor, {
          action: 'package.closed',
          subject: 'package',
          jobName,
          trackingNumber: pkg.trackingNumber,
          stateBefore: 'open',
          stateAfter: state,
          detail: { neverReceived: never },
        });
      }
      c.touch('packages', pkg.trackingNumber);
      // the closed box as the screen shows it and its jobs' deadlines, read with the writes above in one go
      c.readAhead((r) => {
        packageViewOf(r, pkg.trackingNumber);
        deadlineReads(r, pkg.jobNames);
      });
      return { package: packageViewOf(c.read, pkg.trackingNumber)!, neverReceived: never };
    },
    {
      // what closing a box reads first: the box, what the rule book asks of it, its jobs and their drives
      reads: (r) => {
        const t = typeof input?.trackingNumber === 'string' && input.trackingNumber ? input.trackingNumber : null;
        const pkg = t ? r.package(t) : r.openPackageOf(actor.station);
        if (!pkg) return;
        packageContextOf(r, pkg, actor.station);
        for (const n of pkg.jobNames) r.drivesOfJob(n);
        r.countHeldInPackage(pkg.trackingNumber);
      },
    },
  );
}

/** Undo the last scan at this station, as a compensating custody record. */
export function undoLastScan(c: Context, actor: Actor): { driveId: string | null; trackingNumber: string | null; message: string } {
  c.checkActor(actor);
  return c.op(() => {
    const rec = c.read.lastScanAt(actor.station);
    if (!rec) fail('NOTHING_TO_UNDO', 'There is no scan to undo at this station.');
    if (rec.action === 'scan.undone' || rec.action === 'package.receiveUndone')
      fail('NOTHING_TO_UNDO', `The last scan (${rec.driveId ?? rec.trackingNumber}) was already undone.`);
    if (rec.action === 'package.received' || rec.action === 'package.receivedHeld') return undoReceipt(c, actor, rec);
    return undoScan(c, actor, rec);
  });
}

/** The drive scans a line of the open box may be taken back from (each undone by a compensating record). */
const SCANS: ReadonlySet<string> = new Set(DRIVE_SCAN_ACTIONS);

/**
 * Takes back any line of the box open at this station, not only the last scan: the drive's own last record
 * must be its scan into this box (a drive moved or changed since is refused), and the compensating record is
 * the same an undo writes. Taken back, the drive may be scanned again and taken back again.
 */
export function takeBack(
  c: Context,
  actor: Actor,
  input: { serial: unknown },
): { driveId: string; trackingNumber: string; message: string } {
  c.checkActor(actor);
  const serial = normalizeCode(input?.serial, 'drive serial');
  return c.op(() => {
    const open = packageForScan(c, actor, undefined);
    const drive = c.read.activeDrive(serial);
    if (!drive || drive.packageTracking !== open.trackingNumber)
      fail('NOTHING_TO_UNDO', `Drive ${serial} is not recorded in package ${open.trackingNumber}: there is nothing to take back.`, {
        driveId: serial,
        trackingNumber: open.trackingNumber,
      });
    const rec = c.read.custodyBy('drive_id', serial, Number.MAX_SAFE_INTEGER, 1)[0];
    if (!rec || !SCANS.has(rec.action) || rec.trackingNumber !== open.trackingNumber)
      fail(
        'UNDO_SUPERSEDED',
        `Drive ${serial} has a later record than its scan into package ${open.trackingNumber} (${rec?.action ?? 'none'}): ` +
          'it cannot be taken back here.',
        { driveId: serial, trackingNumber: open.trackingNumber },
      );
    const r = undoScan(c, actor, rec);
    return { driveId: r.driveId, trackingNumber: open.trackingNumber, message: `Scan of ${serial} taken back.` };
  });
}

/**
 * A drive recorded in the wrong box (the previous box, closed by the next one's scan) is moved to the box open
 * at this station: one custody record in each box, the drive's state unchanged. The rule book says when.
 */
export function moveToBox(c: Context, actor: Actor, input: { serial: unknown }): { driveId: string; from: string; package: PackageView } {
  c.checkActor(actor);
  const serial = normalizeCode(input?.serial, 'drive serial');
  return c.op(() => {
    const drive = c.liveDrive(serial);
    const open = c.read.openPackageOf(actor.station);
    const box = open
      ? { trackingNumber: open.trackingNumber, state: open.state, openAtStation: open.trackingNumber }
      : { trackingNumber: '', state: 'closed' as const, openAtStation: null };
    requireAction('moveToBox', { ...c.driveContext(drive), box });
    const from = drive.packageTracking!;
    const to = open!.trackingNumber;
    c.tx.setDrive(drive.id, { package_tracking: to });
    const base = {
      subject: 'drive' as const,
      jobName: drive.jobName,
      driveId: drive.driveId,
      stateBefore: drive.state,
      stateAfter: drive.state,
    };
    c.custody(actor, { ...base, action: 'drive.movedOut', trackingNumber: from, detail: { row: drive.id, to } });
    c.custody(actor, { ...base, action: 'drive.movedIn', trackingNumber: to, detail: { row: drive.id, from } });
    c.touch('drives', drive.driveId);
    c.touch('jobs', drive.jobName);
    c.touch('packages', from);
    c.touch('packages', to);
    return { driveId: drive.driveId, from, package: packageViewOf(c.read, to)! };
  });
}

/** The compensating record of one drive scan (the last at the station, or a line taken back). */
function undoScan(c: Context, actor: Actor, rec: CustodyRecord): { driveId: string; trackingNumber: string | null; message: string } {
  {
    const row = Number(rec.detail?.row);
    const drive = c.read.driveById(row);
    const later = c.read.anyDriveRecordAfter(rec.driveId, rec.seq);
    if (!drive || later) fail('UNDO_SUPERSEDED', `Drive ${rec.driveId} has changed since it was scanned; it cannot be undone here.`);
    const pkg = rec.trackingNumber ? c.read.package(rec.trackingNumber) : null;
    if (pkg && pkg.state !== 'open')
      fail('UNDO_SUPERSEDED', `Package ${pkg.trackingNumber} is already ${pkg.state}; the scan can no longer be undone.`);
    const base = {
      action: 'scan.undone',
      subject: 'drive' as const,
      jobName: drive.jobName,
      driveId: drive.driveId,
      trackingNumber: rec.trackingNumber,
      reason: because('undo', { seq: rec.seq }),
    };
    if (rec.stateBefore === null) {
      // the scan created the drive (extra or of no job): the drive record goes, the custody stays
      c.tx.deleteDrive(drive.id);
      c.custody(actor, { ...base, stateBefore: drive.state, stateAfter: null, detail: { row, undoes: rec.seq } });
    } else if (rec.stateBefore === rec.stateAfter) {
      c.tx.setDrive(drive.id, { held_since: null, hold_reason: null, package_tracking: null, received_at: null });
      c.custody(actor, { ...base, stateBefore: drive.state, stateAfter: drive.state, detail: { row, undoes: rec.seq } });
    } else {
      const job = drive.jobName ? c.read.job(drive.jobName) : null;
      const prev = c.read.trackingBefore(drive.driveId, rec.seq);
      c.moveDrive(actor, drive, job, rec.stateBefore as DriveState, 'scanUndone', {
        action: 'scan.undone',
        reason: base.reason,
        tracking: rec.trackingNumber,
        sets: { package_tracking: rec.stateBefore === 'NeverReceived' ? prev : null, received_at: null },
        detail: { undoes: rec.seq },
      });
    }
    c.touch('drives', drive.driveId);
    c.touch('jobs', drive.jobName);
    c.touch('packages', rec.trackingNumber);
    return { driveId: drive.driveId, trackingNumber: rec.trackingNumber, message: `Scan of ${drive.driveId} undone.` };
  }
}

/** A box opened by mistake, with nothing scanned into it yet, is put back unopened. */
export function undoReceipt(c: Context, actor: Actor, rec: CustodyRecord): { driveId: null; trackingNumber: string; message: string } {
  const t = rec.trackingNumber!;
  const pkg = c.read.package(t);
  if (!pkg || pkg.state !== 'open')
    fail('UNDO_SUPERSEDED', `Package ${t} is already ${pkg?.state ?? 'gone'}; its receipt can no longer be undone.`);
  if (c.read.anyDriveInPackage(t) || c.read.anyPackageRecordAfter(t, rec.seq)) {
    fail('UNDO_SUPERSEDED', `Drives were scanned into package ${t}: undo those scans first, or close it.`);
  }
  c.tx.deletePackage(t);
  for (const jobName of pkg.jobNames.length ? pkg.jobNames : [null]) {
    c.custody(actor, {
      action: 'package.receiveUndone',
      subject: 'package',
      jobName,
      trackingNumber: t,
      reason: because('undo', { seq: rec.seq }),
      stateBefore: 'open',
      stateAfter: null,
      detail: { undoes: rec.seq },
    });
  }
  c.touch('packages', t);
  for (const j of pkg.jobNames) c.touch('jobs', j);
  return { driveId: null, trackingNumber: t, message: `Package ${t} put back unopened.` };
}
