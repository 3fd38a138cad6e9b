// THE contract between the screens and the station, as types: every operation and query, its input and its
// result, read off the one definition of each (operations.ts: input schema + what it runs). The preload's
// `window.intake` and the HTTP client are both typed against `IntakeApi`. Besides types this file holds only the
// transports' constants and `ApiError`, so the screens' bundle takes none of the station's code from here.
import type { z } from 'zod';
import type { Change } from '../core/intake.ts';
import type { AnyErrorCode } from '../core/errors.ts';
import type { ClockStatus } from '../core/clock.ts';
import type { Operations } from './operations.ts';
import type { Settings, SettingsProblem } from './settings-schema.ts';

export type OpName = keyof Operations;
/** What the screens send (before the schema's defaults and trimming). */
export type Input<K extends OpName> = z.input<Operations[K]['input']>;
/** What an operation runs with, after its schema. */
export type ParsedInput<K extends OpName> = z.output<Operations[K]['input']>;
/** What an operation answers: whatever its `run` returns, awaited. */
export type Output<K extends OpName> = Awaited<ReturnType<Operations[K]['run']>>;

export interface StationInfo {
  stationId: string;
  dockName: string;
  language: Settings['language'];
  sounds: Settings['sounds'];
  operators: { name: string; hasBadge: boolean }[];
  transport: 'ipc' | 'http';
  settingsProblem: SettingsProblem | null;
  version: string;
  /** Whether the station trusts its clock: the screens show a clock behind its record or jumped ahead. */
  clock: ClockStatus;
}

export type JobSearchResult = Output<'jobs.search'>;
export type { LabelFile } from './label-operations.ts';

/** Errors cross every transport as `{ code, message }`, the code one of the table's. */
export interface ApiErrorBody {
  code: AnyErrorCode;
  message: string;
  detail?: Record<string, unknown>;
}

export class ApiError extends Error {
  readonly code: AnyErrorCode;
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
