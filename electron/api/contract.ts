// THE contract between the screens and the station: every operation and query, its input schema and its
// result type. The preload's `window.intake` and the HTTP client are both typed against `IntakeApi`.
import { z } from 'zod';
import type { CustodyRecord, DriveView, JobState, JobView } from '../core/model.ts';
import type { Change, Deadline, ExceptionRow, ScanResult, SweepResult } from '../core/intake.ts';
import type { PackageView } from '../core/views.ts';
import type { Possibility, JobTrigger, DriveTrigger } from '../core/rules.ts';
import type { DriveState } from '../core/model.ts';
import { settingsPatchSchema, type Settings, type SettingsProblem } from './settings-schema.ts';

const name = z.string().trim().min(1).max(64);
const code = z.string().max(256); // scans are checked by the core, which names what is wrong
const operator = z.string().trim().min(1).max(64);
const reason = z.string().max(500);
/** Every change names the operator who made it. */
const op = <T extends z.ZodRawShape>(shape: T) => z.object({ operator, ...shape }).strict();
const query = <T extends z.ZodRawShape>(shape: T) => z.object(shape).strict();
const anyJson = z.unknown();
/** Which label, for which job or drive. The return tracking number and carrier come from the Packaging screen. */
const labelRequest = {
  kind: z.enum(['return', 'held-return', 'drive-tag', 'destruction']),
  jobName: name.optional(),
  driveId: code.optional(),
  returnTrackingNumber: code.optional(),
  carrierName: z.string().max(64).optional(),
  carrierAccountNumber: z.string().max(64).optional(),
  driveIds: z.array(code).max(200).optional(),
  /** held-return: the address typed for held drives of no job (or of a job without a complete one). */
  address: z.record(z.string(), z.string().max(254)).optional(),
};

export const inputs = {
  // ---- queries
  'station.info': query({}),
  'jobs.get': query({ name }),
  'jobs.search': query({ query: z.string().max(64).optional(), state: z.string().max(20).optional(), limit: z.number().int().min(1).max(200).optional(), offset: z.number().int().min(0).max(10_000_000).optional() }),
  'jobs.possibilities': query({ name }),
  'drives.possibilities': query({ driveId: code }),
  'packages.get': query({ trackingNumber: code }),
  'packages.current': query({}),
  'packages.previewClose': query({ trackingNumber: code.optional() }),
  'exceptions.list': query({}),
  'deadlines.upcoming': query({ limit: z.number().int().min(1).max(500).optional() }),
  'custody.list': query({ jobName: name.optional(), driveId: code.optional(), trackingNumber: code.optional(), limit: z.number().int().min(1).max(1000).optional(), beforeSeq: z.number().int().min(0).optional() }),
  'custody.csv': query({ jobName: name }),
  'settings.get': query({}),
  'operators.identify': query({ code: z.string().max(64) }),
  // ---- operations
  'jobs.put': op({ job: anyJson }),
  'jobs.update': op({ name, patch: anyJson }),
  'jobs.import': op({ json: z.union([z.string().max(6 * 1024 * 1024), z.array(anyJson), z.record(z.string(), anyJson)]) }),
  'jobs.cancel': op({ name, reason: reason.optional() }),
  'jobs.fault': op({ name, reason }),
  'jobs.resolve': op({ name, reason }),
  'jobs.notifyCustomer': op({ name, note: reason.optional() }),
  'jobs.extendWait': op({ name, days: z.number().int().min(1).max(90), reason: reason.optional() }),
  'drives.fault': op({ driveId: code, reason }),
  'drives.resolve': op({ driveId: code, reason }),
  'packages.receive': op({ trackingNumber: code, carrierName: z.string().max(64).optional() }),
  'drives.scan': op({ serial: code, trackingNumber: code.optional(), jobName: name.optional() }),
  'packages.close': op({ trackingNumber: code.optional() }),
  'packages.releaseHold': op({ trackingNumber: code }),
  'scans.undo': op({}),
  'copy.start': op({ jobName: name, driveIds: z.array(code).min(1).max(100).optional() }),
  'copy.record': op({
    driveId: code, copyStatus: z.string().max(40).optional(), percentComplete: z.number().min(0).max(100).optional(),
    bytesSucceeded: z.number().int().min(0).optional(), errorLogUri: z.string().max(2048).optional(), verboseLogUri: z.string().max(2048).optional(),
  }),
  'shipments.shipBack': op({ jobName: name, carrierName: z.string().max(64), trackingNumber: code, carrierAccountNumber: z.string().max(64).optional(), driveIds: z.array(code).max(200).optional() }),
  'jobs.closeWithoutShipment': op({ jobName: name, reason: reason.optional() }),
  'shipments.returnHeld': op({
    driveIds: z.array(code).min(1).max(100), carrierName: z.string().max(64), trackingNumber: code, carrierAccountNumber: z.string().max(64).optional(),
    address: z.record(z.string(), z.string().max(254)).optional(), reason: reason.optional(),
  }),
  'drives.destroy': op({ driveIds: z.array(code).min(1).max(100), method: z.string().trim().min(1).max(120), witness: z.string().trim().min(1).max(64), reason: reason.optional() }),
  'deadlines.sweep': op({}),
  'settings.update': op({ patch: settingsPatchSchema }),
  // ---- labels: drawn from the records; printing changes nothing, so these need no operator
  'labels.render': query({ ...labelRequest, format: z.enum(['pdf', 'html', 'zpl']).optional() }),
  'labels.sendZpl': query(labelRequest),
  'labels.print': query(labelRequest),
} as const;

export type OpName = keyof typeof inputs;
export type Input<K extends OpName> = z.input<(typeof inputs)[K]>;
export type ParsedInput<K extends OpName> = z.output<(typeof inputs)[K]>;

export interface StationInfo {
  stationId: string;
  dockName: string;
  language: Settings['language'];
  sounds: Settings['sounds'];
  operators: { name: string; hasBadge: boolean }[];
  transport: 'ipc' | 'http';
  settingsProblem: SettingsProblem | null;
  version: string;
}

export interface JobSearchResult {
  total: number;
  items: { name: string; jobType: string; state: JobState; trackingNumber: string | null; updatedAt: string; cancelRequested: boolean; deleted: boolean }[];
}

export interface Outputs {
  'station.info': StationInfo;
  'jobs.get': JobView;
  'jobs.search': JobSearchResult;
  'jobs.possibilities': Possibility<JobState, JobTrigger>[];
  'drives.possibilities': Possibility<DriveState, DriveTrigger>[];
  'packages.get': PackageView;
  'packages.current': PackageView | null;
  'packages.previewClose': { trackingNumber: string; neverReceived: { jobName: string; driveId: string }[]; held: boolean };
  'exceptions.list': ExceptionRow[];
  'deadlines.upcoming': Deadline[];
  'custody.list': CustodyRecord[];
  'custody.csv': { filename: string; csv: string };
  'settings.get': Settings;
  'operators.identify': { name: string };
  'jobs.put': JobView;
  'jobs.update': JobView;
  'jobs.import': { created: string[]; updated: string[] };
  'jobs.cancel': JobView;
  'jobs.fault': JobView;
  'jobs.resolve': JobView;
  'jobs.notifyCustomer': JobView;
  'jobs.extendWait': JobView;
  'drives.fault': DriveView;
  'drives.resolve': DriveView;
  'packages.receive': PackageView;
  'drives.scan': ScanResult;
  'packages.close': { package: PackageView; neverReceived: string[] };
  'packages.releaseHold': PackageView;
  'scans.undo': { driveId: string | null; trackingNumber: string | null; message: string };
  'copy.start': JobView;
  'copy.record': DriveView;
  'shipments.shipBack': JobView;
  'jobs.closeWithoutShipment': JobView;
  'shipments.returnHeld': { returnPackage: { carrierName: string; trackingNumber: string; driveCount: number; shipDate: string }; driveIds: string[]; address: Record<string, string> };
  'drives.destroy': { certificate: { driveIds: string[]; jobNames: (string | null)[]; method: string; operator: string; witness: string; at: string; station: string } };
  'deadlines.sweep': SweepResult;
  'settings.update': Settings;
  'labels.render': LabelFile;
  'labels.sendZpl': { bytes: number; printer: string };
  'labels.print': { printer: string | null; silent: boolean };
}

/** A rendered label: the file's bytes in base64, ready to save, show or print. */
export interface LabelFile {
  filename: string;
  mimeType: string;
  base64: string;
  kind: 'return' | 'held-return' | 'drive-tag' | 'destruction';
  format: 'pdf' | 'html' | 'zpl';
  pageSize: { widthIn: number; heightIn: number };
}

// every operation has an output type, and nothing else does
type _Exact = [Exclude<OpName, keyof Outputs>, Exclude<keyof Outputs, OpName>] extends [never, never] ? true : never;
export const contractIsExact: _Exact = true;

export type Output<K extends OpName> = Outputs[K];

/** Errors cross every transport as `{ code, message }`. */
export interface ApiErrorBody {
  code: string;
  message: string;
  detail?: Record<string, unknown>;
}

export class ApiError extends Error {
  readonly code: string;
  readonly detail: Record<string, unknown> | undefined;
  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.detail = body.detail;
  }
}

export type Reply<K extends OpName> = { ok: true; result: Output<K> } | { ok: false; error: ApiErrorBody };

/** What the renderer sees, whichever way the app runs: `window.intake` (IPC) or the HTTP client. */
export interface IntakeApi {
  call<K extends OpName>(op: K, input: Input<K>): Promise<Output<K>>;
  /** Main pushes what changed, so every open window shows the truth. Returns an unsubscribe. */
  onChange(listener: (change: Change) => void): () => void;
}

export type { Change };

/** HTTP transport: the paths and header, shared by the server and its client. */
export const HTTP = {
  callPath: (op: OpName) => `/api/call/${op}`,
  callPrefix: '/api/call/',
  eventsPath: '/api/events',
  /** Where a one-time ticket from the page's address is exchanged for the token (the one path without it). */
  ticketPath: '/api/ticket',
  tokenHeader: 'x-intake-token',
  maxBodyBytes: 8 * 1024 * 1024,
} as const;

/** IPC transport: the channels, shared by preload and main. */
export const IPC = {
  call: 'intake:call',
  change: 'intake:change',
} as const;
