// What a scanned code is, at this station: a command, a package's tracking number, a job's name, a drive on a
// list, a held drive, or nothing known. The screens ask once and act on the answer; badges live in the station's
// settings, so the contract adds them in front of this answer.
import { COMMAND_PREFIX, parseCommand, type Command } from '../commands.ts';
import type { DriveRole, DriveState, JobState, PackageState } from '../model.ts';
import { normalizeCode, trackingBase } from '../scan.ts';
import type { JobRecord } from '../model.ts';
import type { StoreReads } from '../store/types.ts';
import { codeSpellings } from '../operations/receiving.ts';

/** Where a package stands here: open at this station or another, received before, or expected by a job. */
export type PackageStatus = 'openHere' | 'openElsewhere' | 'received' | 'expected';

export type CodeIdentity =
  | { kind: 'command'; code: string; command: Command | null }
  | {
      kind: 'package';
      code: string;
      trackingNumber: string;
      status: PackageStatus;
      packageState: PackageState | null;
      station: string | null;
      jobs: { name: string; state: JobState }[];
      /** The code is the common part of a shared box's trackings (`X` for `X-1`, `X-2` …), or one of them. */
      sharedBox: boolean;
    }
  | { kind: 'job'; code: string; jobName: string; state: JobState; deleted: boolean }
  | {
      kind: 'drive' | 'heldDrive';
      code: string;
      driveId: string;
      jobName: string | null;
      jobState: JobState | null;
      state: DriveState;
      role: DriveRole;
      packageTrackingNumber: string | null;
      heldSince: string | null;
    }
  | { kind: 'unknown'; code: string };

/**
 * What `raw` is at `station`. A scan no serial or tracking number could be (control characters, too long) is
 * refused with the scan's own code, as receiving it would be.
 */
export function identifyCode(s: StoreReads, raw: string, station: string): CodeIdentity {
  const trimmed = raw.trim();
  if (trimmed.toUpperCase().startsWith(COMMAND_PREFIX)) {
    const cmd = parseCommand(trimmed);
    return { kind: 'command', code: trimmed.toUpperCase(), command: cmd === 'unknown' ? null : cmd };
  }
  const code = normalizeCode(raw, 'drive serial');
  const drive = s.activeDrive(code);
  if (drive) {
    const job = drive.jobName ? s.job(drive.jobName) : null;
    return {
      kind: drive.heldSince ? 'heldDrive' : 'drive',
      code,
      driveId: drive.driveId,
      jobName: drive.jobName,
      jobState: job?.state ?? null,
      state: drive.state,
      role: drive.role,
      packageTrackingNumber: drive.packageTracking,
      heldSince: drive.heldSince,
    };
  }
  const pkg = s.package(code);
  if (pkg) {
    const jobs = pkg.jobNames.map((n) => s.job(n)).filter((j) => j !== null);
    const status: PackageStatus = pkg.state !== 'open' ? 'received' : pkg.station === station ? 'openHere' : 'openElsewhere';
    return {
      kind: 'package',
      code,
      trackingNumber: pkg.trackingNumber,
      status,
      packageState: pkg.state,
      station: pkg.station,
      jobs: jobs.map((j) => ({ name: j.name, state: j.state })),
      sharedBox: sharedBox(s, code, jobs),
    };
  }
  const expecting = s.jobsDeliveredIn(code);
  if (expecting.length) {
    return {
      kind: 'package',
      code,
      trackingNumber: code,
      status: 'expected',
      packageState: null,
      station: null,
      jobs: expecting.map((j) => ({ name: j.name, state: j.state })),
      sharedBox: sharedBox(s, code, expecting),
    };
  }
  const job = s.jobByCode(codeSpellings(raw, code));
  if (job) return { kind: 'job', code, jobName: job.name, state: job.state, deleted: job.deletedAt !== null };
  return { kind: 'unknown', code };
}

/** A box shared by several jobs: its code is their common part (`X` for `X-1`, `X-2` …), or one of their trackings. */
function sharedBox(s: StoreReads, code: string, jobs: readonly JobRecord[]): boolean {
  if (jobs.some((j) => j.deliveryPackage?.trackingNumber !== code)) return true;
  const base = trackingBase(code);
  return base !== null && s.jobsDeliveredIn(base).some((j) => j.deliveryPackage?.trackingNumber !== code);
}
