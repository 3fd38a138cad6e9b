// Read models of jobs and packages: a job's view, a package as the Receive screen shows it, what may happen to a
// job or drive now, and the job search.
import { fail, shown } from '../errors.ts';
import {
  JOB_STATES,
  type DriveRecord,
  type DriveState,
  type JobRecord,
  type JobState,
  type JobView,
  type PackageRecord,
} from '../model.ts';
import {
  drivePossibilities,
  jobPossibilities,
  packagePossibilities,
  type DriveContext,
  type DriveTrigger,
  type JobContext,
  type JobTrigger,
  type PackageContext,
  type Possibility,
} from '../rules.ts';
import { normalizeCode } from '../scan.ts';
import type { StoreReads } from '../store/types.ts';
import { driveView, jobView, type PackageView } from './views.ts';

export function jobViewOf(s: StoreReads, name: unknown): JobView {
  if (typeof name !== 'string' || !name.trim()) fail('BAD_INPUT', 'A job name is required.');
  const job = s.job(name.trim());
  if (!job) fail('JOB_UNKNOWN', `There is no job named "${name}".`);
  return jobView(job, s.allDrivesOfJob(job.name));
}

export function packageViewOf(s: StoreReads, tracking: string): PackageView | null {
  const pkg = s.package(tracking);
  if (!pkg) return null;
  const jobs = pkg.jobNames
    .map((n) => s.job(n))
    .filter((j): j is JobRecord => j !== null)
    .map((j) => {
      const drives = s.drivesOfJob(j.name);
      const expected = drives.filter((d) => d.role === 'listed');
      return {
        name: j.name,
        jobType: j.jobType,
        state: j.state,
        cancelRequested: j.cancelRequested,
        held: j.state === 'Creating' || Boolean(j.deletedAt),
        expected: expected.map(driveView),
        extra: drives.filter((d) => d.role !== 'listed').map(driveView),
        receivedCount: expected.filter((d) => d.packageTracking !== null && d.state !== 'NeverReceived').length,
        expectedCount: expected.length,
      };
    });
  const scanned = s.drivesInPackage(tracking).map((d) => ({ ...driveView(d), jobName: d.jobName }));
  return {
    trackingNumber: pkg.trackingNumber,
    carrierName: pkg.carrierName,
    state: pkg.state,
    held: pkg.heldSince !== null,
    station: pkg.station,
    openedBy: pkg.openedBy,
    openedAt: pkg.openedAt,
    closedAt: pkg.closedAt,
    jobs,
    scanned,
  };
}

export function openPackageView(s: StoreReads, station: string): PackageView | null {
  const p = s.openPackageOf(station);
  return p ? packageViewOf(s, p.trackingNumber) : null;
}

// What the rule book is shown of a job, a drive or a box: built here once, for the operations that ask
// `requireAction` and for the possibilities the screens ask, so both judge the very same facts.

/** A job with every drive of it (shipped back and destroyed too) and the boxes that name it. */
export function jobContextOf(s: StoreReads, job: JobRecord, picked?: readonly string[]): JobContext {
  return { job, drives: s.allDrivesOfJob(job.name), boxes: s.packagesOfJob(job.name), ...(picked ? { picked } : {}) };
}

export function driveContextOf(s: StoreReads, drive: DriveRecord, now?: string): DriveContext {
  return { drive, job: drive.jobName ? s.job(drive.jobName) : null, ...(now ? { now } : {}) };
}

/** A box with its jobs, what is held in it, and the box open at the acting station. */
export function packageContextOf(s: StoreReads, pkg: PackageRecord, station: string): PackageContext {
  return {
    pkg,
    jobs: pkg.jobNames.map((n) => s.job(n)).filter((j): j is JobRecord => j !== null),
    held: s.heldDrivesInPackage(pkg.trackingNumber).map((drive) => ({ drive, job: drive.jobName ? s.job(drive.jobName) : null })),
    openAtStation: s.openPackageOf(station)?.trackingNumber ?? null,
  };
}

/** "What may happen to this job now, and why not the rest?" */
export function jobPossibilitiesOf(s: StoreReads, name: unknown): Possibility<JobState, JobTrigger>[] {
  if (typeof name !== 'string') fail('BAD_INPUT', 'A job name is required.');
  const job = s.job(name);
  if (!job) fail('JOB_UNKNOWN', `There is no job named "${name}".`);
  return jobPossibilities(jobContextOf(s, job));
}

export function drivePossibilitiesOf(s: StoreReads, serial: unknown, now: string): Possibility<DriveState, DriveTrigger>[] {
  const code = normalizeCode(serial, 'drive serial');
  const drive = s.activeDrive(code);
  if (!drive) fail('DRIVE_UNKNOWN', `No drive ${code} is at the dock or expected.`);
  return drivePossibilities(driveContextOf(s, drive, now));
}

/** What may be done with a box now at this station (release its hold, close it). */
export function packagePossibilitiesOf(s: StoreReads, tracking: unknown, station: string): Possibility[] {
  const t = normalizeCode(tracking, 'tracking number');
  const pkg = s.package(t);
  if (!pkg) fail('PACKAGE_UNKNOWN', `Package ${t} has not been received here.`);
  return packagePossibilities(packageContextOf(s, pkg, station));
}

/** Jobs by name prefix, delivery or return tracking, or drive serial; paged on the server. */
export function searchJobs(
  s: StoreReads,
  input: { query?: unknown; state?: unknown; limit?: unknown; offset?: unknown } = {},
): {
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
  const q = typeof input.query === 'string' ? input.query.trim() : '';
  if (q.length > 64) fail('BAD_INPUT', 'A search is at most 64 characters.');
  const state = input.state ?? '';
  if (state !== '' && (typeof state !== 'string' || !(JOB_STATES as readonly string[]).includes(state)))
    fail('BAD_INPUT', `Unknown job state "${shown(state)}".`);
  const limit = Math.max(1, Math.min(200, Number(input.limit ?? 50) || 50));
  const offset = Math.max(0, Number(input.offset ?? 0) || 0);
  return s.searchJobs({ query: q, state: state || null, limit, offset });
}
