// Jobs in and results out. An import is previewed first: every job of every file is tried in one transaction
// that is then rolled back, each job inside its own savepoint, so the preview names exactly what confirming
// will write (new, updated, unchanged) and why each refused job is refused. Confirming tries the same files
// again on the same store (same last custody record), keeps what is accepted and commits it in one
// transaction; should anything come out differently, nothing is written and the screen previews again.
// A station's own results file restores its jobs and drives as recorded (custody says so).
import { IntakeError, fail } from '../errors.ts';
import { MAX_IMPORT_BYTES, MAX_IMPORT_JOBS, parseServiceJob, type JobInput } from '../importing.ts';
import type { Actor, JobRecord } from '../model.ts';
import { trackingBase } from '../scan.ts';
import { EXPORT_ACTION } from '../store/exchange.ts';
import {
  RESULTS_FORMAT,
  resultJob,
  resultJobIn,
  resultsMarker,
  sameRecords,
  type ResultJob,
  type ResultJobIn,
  type ResultsFile,
} from '../results-file.ts';
import type { Context } from './context.ts';
import { createJob, updateJob } from './jobs.ts';

export interface ImportFile {
  /** The file's name as chosen (shown in the preview, never read from disk by the station). */
  name: string;
  text: string;
}

export type ImportOutcome = 'new' | 'updated' | 'unchanged' | 'refused' | 'restored';

export interface RefusalReason {
  code: string;
  params: Record<string, string | number>;
}

export interface PreviewJob {
  name: string;
  file: string;
  outcome: ImportOutcome;
  /** The job's state once imported (or as the file has it, when refused). */
  state: string | null;
  drives: number;
  /** How many drives of it come with a BitLocker key: a count, never a key. */
  keys: number;
  /** What an update changes, by the service's field names. */
  changes: string[];
  reason?: RefusalReason;
}

export interface PreviewFile {
  name: string;
  jobs: number;
  /** A station's own results file: its jobs are restored as recorded. */
  stationExport: { station: string; exportedAt: string } | null;
  reason?: RefusalReason;
}

export interface ImportPlan {
  /** The store's last custody record when previewed: confirming on a store that moved on previews again. */
  basedOnSeq: number;
  files: PreviewFile[];
  jobs: PreviewJob[];
  counts: Record<ImportOutcome, number>;
}

export const MAX_IMPORT_FILES = 50;

// thrown out of the preview's transaction so that it rolls back; caught right there, by identity
const ROLLBACK = new Error('preview: roll back');

/** What an import would do, written nowhere. */
export function previewImport(c: Context, actor: Actor, files: ImportFile[]): ImportPlan {
  c.checkActor(actor);
  const basedOnSeq = c.store.lastSeq();
  let plan: ImportPlan | null = null;
  try {
    c.op(() => {
      plan = tryAll(c, actor, files, basedOnSeq);
      throw ROLLBACK;
    });
  } catch (e) {
    if (e !== ROLLBACK) throw e;
  }
  return plan!;
}

/** Writes what the preview showed, all of it in one transaction, or nothing (IMPORT_STALE) when the store moved on. */
export function confirmImport(
  c: Context,
  actor: Actor,
  files: ImportFile[],
  expected: { basedOnSeq: number; jobs: { name: string; outcome: string }[] },
): ImportPlan {
  c.checkActor(actor);
  return c.op(() => {
    const seq = c.read.lastSeq();
    if (seq !== expected.basedOnSeq) {
      fail('IMPORT_STALE', `The station recorded ${seq - expected.basedOnSeq} changes since the preview: preview the import again.`, {
        basedOnSeq: expected.basedOnSeq,
        lastSeq: seq,
      });
    }
    const plan = tryAll(c, actor, files, seq);
    const got = plan.jobs.map((j) => `${j.name}:${j.outcome}`).join('\n');
    const want = expected.jobs.map((j) => `${j.name}:${j.outcome}`).join('\n');
    if (got !== want) fail('IMPORT_STALE', 'The import would not write what the preview showed: preview it again.');
    return plan;
  });
}

/** Every BitLocker key the data carries, so no refusal can repeat one. */
function keysIn(v: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) for (const x of v) keysIn(x, out);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (/bitlockerkey/i.test(k) && typeof x === 'string' && x.length) out.add(x);
      else keysIn(x, out);
    }
  }
  return out;
}

function withheld(s: string, keys: ReadonlySet<string>): string {
  let out = s;
  for (const k of keys) out = out.split(k).join('[key withheld]');
  return out;
}

function reasonOf(code: string, params: Record<string, unknown>, keys: ReadonlySet<string>): RefusalReason {
  const p: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) {
    if (typeof v === 'number') p[k] = v;
    else if (typeof v === 'string') p[k] = withheld(v, keys).slice(0, 300);
  }
  return { code, params: p };
}

function tryAll(c: Context, actor: Actor, files: ImportFile[], basedOnSeq: number): ImportPlan {
  if (!Array.isArray(files) || files.length === 0) fail('BAD_INPUT', 'Choose at least one file to import.');
  if (files.length > MAX_IMPORT_FILES) fail('IMPORT_TOO_LARGE', `At most ${MAX_IMPORT_FILES} files at once.`);
  const plan: ImportPlan = { basedOnSeq, files: [], jobs: [], counts: { new: 0, updated: 0, unchanged: 0, refused: 0, restored: 0 } };
  const seen = new Set<string>();
  const add = (j: PreviewJob) => {
    plan.jobs.push(j);
    plan.counts[j.outcome]++;
  };
  for (const f of files) {
    const name = String(f.name).slice(0, 200);
    if (Buffer.byteLength(f.text, 'utf8') > MAX_IMPORT_BYTES) {
      plan.files.push({
        name,
        jobs: 0,
        stationExport: null,
        reason: { code: 'IMPORT_TOO_LARGE', params: { file: name, max: MAX_IMPORT_BYTES } },
      });
      continue;
    }
    let data: unknown;
    try {
      data = JSON.parse(f.text);
    } catch (e) {
      plan.files.push({
        name,
        jobs: 0,
        stationExport: null,
        reason: { code: 'IMPORT_NOT_JSON', params: { file: name, problem: e instanceof Error ? e.message.slice(0, 200) : 'not JSON' } },
      });
      continue;
    }
    const keys = keysIn(data);
    const marker =
      data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>).dockIntakeExport : undefined;
    const station = marker === undefined ? null : resultsMarker.safeParse(marker);
    if (station && !station.success) {
      plan.files.push({
        name,
        jobs: 0,
        stationExport: null,
        reason: {
          code: 'IMPORT_INVALID',
          params: { file: name, problem: `dockIntakeExport: not a results file of format ${RESULTS_FORMAT}` },
        },
      });
      continue;
    }
    const list: unknown[] = Array.isArray(data)
      ? data
      : data && typeof data === 'object' && Array.isArray((data as { value?: unknown }).value)
        ? (data as { value: unknown[] }).value
        : [data];
    const from = station?.success ? { station: station.data.station, exportedAt: station.data.exportedAt } : null;
    if (list.length === 0) {
      plan.files.push({ name, jobs: 0, stationExport: from, reason: { code: 'IMPORT_EMPTY', params: { file: name } } });
      continue;
    }
    if (list.length > MAX_IMPORT_JOBS) {
      plan.files.push({
        name,
        jobs: list.length,
        stationExport: from,
        reason: { code: 'IMPORT_TOO_LARGE', params: { file: name, max: MAX_IMPORT_JOBS } },
      });
      continue;
    }
    plan.files.push({ name, jobs: list.length, stationExport: from });
    for (const item of list) {
      const row = from ? tryRestore(c, actor, item, name, from, keys) : tryServiceJob(c, actor, item, name, keys);
      if (row.outcome !== 'refused' && seen.has(row.name)) {
        add({ ...row, outcome: 'refused', changes: [], reason: { code: 'IMPORT_JOB_TWICE', params: { name: row.name } } });
        continue;
      }
      seen.add(row.name);
      add(row);
    }
  }
  return plan;
}

function nameOf(item: unknown): string {
  const n = item && typeof item === 'object' ? (item as { name?: unknown }).name : undefined;
  return typeof n === 'string' && n.trim() ? n.trim().slice(0, 64) : '—';
}

/** One job of the service's JSON: created, updated with what differs, or left as it is. */
function tryServiceJob(c: Context, actor: Actor, item: unknown, file: string, keys: ReadonlySet<string>): PreviewJob {
  const parsed = parseServiceJob(item);
  if (!parsed.job) {
    const r = parsed.refusal;
    return {
      name: nameOf(item),
      file,
      outcome: 'refused',
      state: null,
      drives: 0,
      keys: 0,
      changes: [],
      reason: reasonOf(r.code, r.params, keys),
    };
  }
  const j = parsed.job;
  const base = {
    name: j.name,
    file,
    state: j.state ?? 'Creating',
    drives: j.driveList.length,
    keys: j.driveList.filter((d) => d.bitLockerKey).length,
  };
  try {
    return c.savepoint(() => {
      const existing = c.read.job(j.name);
      if (!existing || existing.deletedAt) {
        createJob(c, actor, j, 'job.imported');
        return { ...base, outcome: 'new' as const, state: c.read.job(j.name)!.state, changes: [] };
      }
      const patch = differences(c, existing, j);
      const changes = Object.keys(patch);
      if (!changes.length) return { ...base, outcome: 'unchanged' as const, state: existing.state, changes };
      updateJob(c, actor, j.name, patch);
      return { ...base, outcome: 'updated' as const, state: c.read.job(j.name)!.state, changes };
    });
  } catch (e) {
    if (!(e instanceof IntakeError)) throw e;
    return {
      ...base,
      outcome: 'refused',
      changes: [],
      reason: reasonOf(e.code, { name: j.name, message: e.message, ...(e.detail ?? {}) }, keys),
    };
  }
}

/** What the service's record says that the station's does not yet: the update's patch. */
function differences(c: Context, existing: JobRecord, j: JobInput): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const early = existing.state === 'Creating' || existing.state === 'Shipping';
  if (j.deliveryPackage && early && !sameRecords(j.deliveryPackage, existing.deliveryPackage)) patch.deliveryPackage = j.deliveryPackage;
  if (j.returnAddress && !sameRecords({ ...(existing.returnAddress ?? {}), ...j.returnAddress }, existing.returnAddress ?? {})) {
    patch.returnAddress = j.returnAddress;
  }
  if (j.returnShipping && !sameRecords(j.returnShipping, existing.returnShipping)) patch.returnShipping = j.returnShipping;
  if (existing.state === 'Creating' && j.driveList.length) {
    const listed = new Set(c.read.drivesOfJob(existing.name).map((d) => d.driveId));
    const adding = j.driveList.filter((d) => !listed.has(d.driveId));
    if (adding.length) patch.driveList = adding;
  }
  if (j.state === 'Shipping' && existing.state === 'Creating') patch.state = 'Shipping';
  if (j.cancelRequested && !existing.cancelRequested) patch.cancelRequested = true;
  return patch;
}

/** One job of a station's own results file: written with its recorded states, custody saying where it came from. */
function tryRestore(
  c: Context,
  actor: Actor,
  item: unknown,
  file: string,
  from: { station: string; exportedAt: string },
  keys: ReadonlySet<string>,
): PreviewJob {
  const r = resultJobIn.safeParse(item);
  if (!r.success) {
    const first = r.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || 'job'}: ${i.message}`)
      .join('; ');
    return {
      name: nameOf(item),
      file,
      outcome: 'refused',
      state: null,
      drives: 0,
      keys: 0,
      changes: [],
      reason: reasonOf('IMPORT_INVALID', { problem: first }, keys),
    };
  }
  const j = r.data;
  const base = { name: j.name, file, state: j.properties.state, drives: j.dock.drives.length, keys: 0, changes: [] as string[] };
  try {
    return c.savepoint(() => {
      const existing = c.read.job(j.name);
      if (existing && !existing.deletedAt) {
        const here = resultJob(existing, c.read.allDrivesOfJob(existing.name));
        if (sameRecords(withoutMoment(here), withoutMoment(j))) return { ...base, outcome: 'unchanged' as const };
        fail('RESTORE_CONFLICT', `Job ${j.name} is already at this station (${existing.state}) with other records.`, {
          name: j.name,
          state: existing.state,
        });
      }
      restoreJob(c, actor, j, from);
      return { ...base, outcome: 'restored' as const };
    });
  } catch (e) {
    if (!(e instanceof IntakeError)) throw e;
    return { ...base, outcome: 'refused', reason: reasonOf(e.code, { name: j.name, message: e.message, ...(e.detail ?? {}) }, keys) };
  }
}

/** The dock's updatedAt moves with every record; the states are what a restore must reproduce. */
function withoutMoment(j: ResultJob | ResultJobIn): unknown {
  const copy = JSON.parse(JSON.stringify(j)) as { dock: Record<string, unknown>; properties: Record<string, unknown> };
  delete copy.dock.updatedAt;
  return { name: (j as { name: string }).name, properties: copy.properties, dock: copy.dock };
}

function restoreJob(c: Context, actor: Actor, j: ResultJobIn, from: { station: string; exportedAt: string }): void {
  const p = j.properties;
  const d = j.dock;
  const existing = c.read.job(j.name);
  if (existing) {
    c.tx.deleteInactiveDrivesOfJob(j.name);
    c.tx.removeJobFromPackages(j.name);
    c.tx.deleteJob(j.name);
  }
  const tracking = typeof p.deliveryPackage?.trackingNumber === 'string' ? p.deliveryPackage.trackingNumber : null;
  const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
  c.tx.insertRestoredJob({
    name: j.name,
    jobType: p.jobType,
    state: p.state,
    cancelRequested: p.cancelRequested,
    faultedFrom: d.faultedFrom ?? null,
    faultReason: d.faultReason ?? null,
    deliveryPackage: json(p.deliveryPackage),
    deliveryTracking: tracking,
    deliveryTrackingBase: tracking ? trackingBase(tracking) : null,
    returnAddress: json(p.returnAddress),
    returnShipping: json(p.returnShipping),
    returnPackage: json(p.returnPackage),
    diagnosticsPath: p.diagnosticsPath ?? null,
    logLevel: p.logLevel,
    incompleteBlobListUri: p.incompleteBlobListUri ?? null,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    creatingSince: d.creatingSince ?? null,
    shippingSince: d.shippingSince ?? null,
    notifiedAt: d.notifiedAt ?? null,
    waitUntil: d.waitUntil ?? null,
    finishedAt: d.finishedAt ?? null,
  });
  const detail = { fromStation: from.station, exportedAt: from.exportedAt };
  c.custody(actor, { action: 'job.restored', subject: 'job', jobName: j.name, stateBefore: null, stateAfter: p.state, detail });
  c.touch('jobs', j.name);
  const status = new Map([...p.driveList, ...d.extraDrives].map((s) => [s.driveId, s]));
  for (const f of d.drives) {
    const s = status.get(f.driveId);
    if (!s)
      fail('IMPORT_INVALID', `Drive ${f.driveId} of job ${j.name} has no status in the file.`, {
        problem: `drive ${f.driveId} has no status`,
      });
    const active = s.state !== 'ShippedBack' && !f.destroyedAt;
    if (active) {
      const other = c.read.activeDrive(f.driveId);
      if (other)
        fail(
          'DRIVE_IN_ANOTHER_JOB',
          `Drive ${f.driveId} is already at the dock for ${other.jobName ? `job ${other.jobName}` : 'no job'}.`,
          { driveId: f.driveId },
        );
    }
    const id = c.tx.insertRestoredDrive({
      driveId: f.driveId,
      jobName: j.name,
      role: f.role,
      state: s.state,
      active,
      faultedFrom: f.faultedFrom ?? null,
      faultReason: f.faultReason ?? null,
      copyStatus: s.copyStatus ?? null,
      percentComplete: s.percentComplete,
      bytesSucceeded: s.bytesSucceeded,
      errorLogUri: s.errorLogUri ?? null,
      verboseLogUri: s.verboseLogUri ?? null,
      manifestUri: s.manifestUri ?? null,
      manifestFile: s.manifestFile ?? null,
      manifestHash: s.manifestHash ?? null,
      heldSince: f.heldSince ?? null,
      holdReason: f.holdReason ?? null,
      packageTracking: f.packageTrackingNumber ?? null,
      receivedAt: f.receivedAt ?? null,
      destroyedAt: f.destroyedAt ?? null,
    });
    c.custody(actor, {
      action: 'drive.restored',
      subject: 'drive',
      jobName: j.name,
      driveId: f.driveId,
      trackingNumber: f.packageTrackingNumber ?? null,
      stateBefore: null,
      stateAfter: s.state,
      detail: { row: id, role: f.role, ...detail },
    });
    c.touch('drives', f.driveId);
  }
}

// ---- results out

export type ExportChoice = { sinceLast: true } | { jobs: string[] };

export interface ExportResult {
  filename: string;
  /** The results file, ready to write: UTF-8 JSON. */
  json: string;
  jobs: string[];
  /** The custody record the file covers up to. */
  throughSeq: number;
  /** Where "since the last export" started (null for chosen jobs). */
  sinceSeq: number | null;
  /** More jobs changed than one file holds: the mark stays, export again for the rest. */
  more: boolean;
}

export const MAX_EXPORT_JOBS = 2000;

/** The results file of the jobs changed since the last one, or of chosen jobs; custody records each job sent. */
export function exportResults(c: Context, actor: Actor, choice: ExportChoice, station: string): ExportResult {
  c.checkActor(actor);
  return c.op(() => {
    const throughSeq = c.read.lastSeq();
    let names: string[];
    let sinceSeq: number | null = null;
    let more = false;
    if ('sinceLast' in choice) {
      sinceSeq = c.read.lastExportThrough();
      names = c.read.jobsChangedAfter(sinceSeq, MAX_EXPORT_JOBS + 1);
      more = names.length > MAX_EXPORT_JOBS;
      names = names.slice(0, MAX_EXPORT_JOBS);
    } else {
      const wanted = [...new Set(choice.jobs.map((n) => String(n).trim()).filter(Boolean))];
      if (!wanted.length) fail('BAD_INPUT', 'Choose at least one job to export.');
      if (wanted.length > MAX_EXPORT_JOBS) fail('BAD_INPUT', `At most ${MAX_EXPORT_JOBS} jobs in one results file.`);
      const found = new Set(
        c.read
          .jobsNamed(wanted)
          .filter((j) => !j.deletedAt)
          .map((j) => j.name),
      );
      const missing = wanted.find((n) => !found.has(n));
      if (missing) fail('JOB_UNKNOWN', `There is no job named "${missing}".`, { name: missing });
      names = wanted.sort();
    }
    const exportedAt = c.nowUtc();
    const value = c.read.jobsNamed(names).map((j) => resultJob(j, c.read.allDrivesOfJob(j.name)));
    const file: ResultsFile = { dockIntakeExport: { format: RESULTS_FORMAT, station, exportedAt, throughSeq, sinceSeq }, value };
    const filename = `results-${station}-${exportedAt.slice(0, 19).replace(/[:T]/g, '').replace(/-/g, '')}.json`;
    const sinceLast = 'sinceLast' in choice && !more;
    for (const j of value) {
      c.custody(actor, {
        action: EXPORT_ACTION,
        subject: 'job',
        jobName: j.name,
        stateBefore: j.properties.state,
        stateAfter: j.properties.state,
        detail: { sinceLast, throughSeq, file: filename },
      });
    }
    return { filename, json: `${JSON.stringify(file, null, 2)}\n`, jobs: value.map((j) => j.name), throughSeq, sinceSeq, more };
  });
}
