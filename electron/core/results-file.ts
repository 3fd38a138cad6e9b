// The results file: what the dock did, in the service's own `Get Job` shape (a list response, `{ value: [...] }`),
// for a connected machine to upload. It never holds a BitLocker key. It also marks itself as a station's own
// export, with the dock's facts beside the service's fields, so importing it into a fresh station restores
// every job and drive as recorded (see operations/exchange.ts).
import { z } from 'zod';
import { driveStatus } from './queries/views.ts';
import { DRIVE_STATES, JOB_STATES, type DriveRecord, type DriveStatus, type JobRecord } from './model.ts';
import { jobPercentComplete } from './rules.ts';

export const RESULTS_FORMAT = 1;
export const JOB_TYPE = 'Microsoft.ImportExport/jobs';

/** A drive as the results file writes it: the service's `DriveStatus`, no key, ever. */
export type DriveStatusOut = DriveStatus;

/** The dock's own facts of a drive, which the service's fields do not carry. */
export interface DockDriveFacts {
  driveId: string;
  role: DriveRecord['role'];
  faultedFrom: string | null;
  faultReason: string | null;
  heldSince: string | null;
  holdReason: string | null;
  packageTrackingNumber: string | null;
  receivedAt: string | null;
  destroyedAt: string | null;
}

export interface ResultJob {
  name: string;
  type: typeof JOB_TYPE;
  properties: {
    jobType: string;
    state: string;
    cancelRequested: boolean;
    percentComplete: number;
    deliveryPackage?: unknown;
    returnAddress?: unknown;
    returnShipping?: unknown;
    returnPackage?: unknown;
    diagnosticsPath?: string;
    logLevel: string;
    incompleteBlobListUri?: string;
    driveList: DriveStatusOut[];
    provisioningState: 'Succeeded';
  };
  dock: {
    createdAt: string;
    updatedAt: string;
    creatingSince: string | null;
    shippingSince: string | null;
    notifiedAt: string | null;
    waitUntil: string | null;
    finishedAt: string | null;
    faultedFrom: string | null;
    faultReason: string | null;
    extraDrives: DriveStatusOut[];
    drives: DockDriveFacts[];
  };
}

export interface ResultsFile {
  /** Marks a station's own export: importing it restores states as recorded instead of taking jobs in. */
  dockIntakeExport: { format: number; station: string; exportedAt: string; throughSeq: number; sinceSeq: number | null };
  value: ResultJob[];
}

/** One job as the results file writes it. Built field by field, so nothing the record holds slips out unnamed. */
export function resultJob(job: JobRecord, drives: readonly DriveRecord[]): ResultJob {
  const p: ResultJob['properties'] = {
    jobType: job.jobType,
    state: job.state,
    cancelRequested: job.cancelRequested,
    percentComplete: jobPercentComplete(job, drives),
    logLevel: job.logLevel,
    driveList: drives.filter((d) => d.role === 'listed').map(driveStatus),
    provisioningState: 'Succeeded',
  };
  if (job.deliveryPackage) p.deliveryPackage = job.deliveryPackage;
  if (job.returnAddress) p.returnAddress = job.returnAddress;
  if (job.returnShipping) p.returnShipping = job.returnShipping;
  if (job.returnPackage) p.returnPackage = job.returnPackage;
  if (job.diagnosticsPath) p.diagnosticsPath = job.diagnosticsPath;
  if (job.incompleteBlobListUri) p.incompleteBlobListUri = job.incompleteBlobListUri;
  return {
    name: job.name,
    type: JOB_TYPE,
    properties: p,
    dock: {
      createdAt: job.createdAt,
      updatedAt: job.updatedAt,
      creatingSince: job.creatingSince,
      shippingSince: job.shippingSince,
      notifiedAt: job.notifiedAt,
      waitUntil: job.waitUntil,
      finishedAt: job.finishedAt,
      faultedFrom: job.faultedFrom,
      faultReason: job.faultReason,
      extraDrives: drives.filter((d) => d.role !== 'listed').map(driveStatus),
      drives: drives.map((d) => ({
        driveId: d.driveId,
        role: d.role,
        faultedFrom: d.faultedFrom,
        faultReason: d.faultReason,
        heldSince: d.heldSince,
        holdReason: d.holdReason,
        packageTrackingNumber: d.packageTracking,
        receivedAt: d.receivedAt,
        destroyedAt: d.destroyedAt,
      })),
    },
  };
}

// ---- reading a station's own export back (a restore)
const iso = z.string().max(40);
const opt = <T extends z.ZodType>(s: T) => s.nullable().optional();
const driveStatusIn = z
  .object({
    driveId: z.string().min(1).max(64),
    state: z.enum(DRIVE_STATES),
    copyStatus: z.string().max(40).optional(),
    percentComplete: z.number().min(0).max(100),
    bytesSucceeded: z.number().int().min(0),
    errorLogUri: z.string().max(2048).optional(),
    verboseLogUri: z.string().max(2048).optional(),
    manifestUri: z.string().max(2048).optional(),
    manifestFile: z.string().max(1024).optional(),
    manifestHash: z.string().max(256).optional(),
  })
  .loose();
const dockDriveIn = z.object({
  driveId: z.string().min(1).max(64),
  role: z.enum(['listed', 'extra', 'orphan']),
  faultedFrom: opt(z.enum(DRIVE_STATES)),
  faultReason: opt(z.string().max(500)),
  heldSince: opt(iso),
  holdReason: opt(z.string().max(500)),
  packageTrackingNumber: opt(z.string().max(64)),
  receivedAt: opt(iso),
  destroyedAt: opt(iso),
});
export const resultJobIn = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/),
    properties: z
      .object({
        jobType: z.enum(['Import', 'Export']),
        state: z.enum(JOB_STATES),
        cancelRequested: z.boolean(),
        deliveryPackage: z.record(z.string(), z.unknown()).optional(),
        returnAddress: z.record(z.string(), z.unknown()).optional(),
        returnShipping: z.record(z.string(), z.unknown()).optional(),
        returnPackage: z.record(z.string(), z.unknown()).optional(),
        diagnosticsPath: z.string().max(1024).optional(),
        logLevel: z.enum(['Error', 'Verbose']),
        incompleteBlobListUri: z.string().max(2048).optional(),
        driveList: z.array(driveStatusIn).max(1000),
      })
      .loose(),
    dock: z.object({
      createdAt: iso,
      updatedAt: iso,
      creatingSince: opt(iso),
      shippingSince: opt(iso),
      notifiedAt: opt(iso),
      waitUntil: opt(iso),
      finishedAt: opt(iso),
      faultedFrom: opt(z.enum(JOB_STATES)),
      faultReason: opt(z.string().max(500)),
      extraDrives: z.array(driveStatusIn).max(1000),
      drives: z.array(dockDriveIn).max(2000),
    }),
  })
  .loose();
export type ResultJobIn = z.infer<typeof resultJobIn>;

export const resultsMarker = z.object({
  format: z.literal(RESULTS_FORMAT),
  station: z.string().max(64),
  exportedAt: iso,
  throughSeq: z.number().int().min(0),
  sinceSeq: z.number().int().min(0).nullable(),
});

/** Two results-file jobs are the same records when everything but the export's own moment agrees. */
export function sameRecords(a: unknown, b: unknown): boolean {
  return stable(a) === stable(b);
}

function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}
