// How one operation of the contract is written: its input schema and what it runs, side by side. The
// contract's result types are read off `run`, so what an operation returns and what the screens are told it
// returns cannot differ.
import { z } from 'zod';
import type { Intake } from '../core/intake.ts';
import type { Actor } from '../core/model.ts';
import type { LabelOutputs } from '../core/labels/outputs.ts';
import type { SettingsStore } from './settings-schema.ts';

/** What every operation may use: the station's records and settings, and who is asking, through which door. */
export interface OperationContext {
  intake: Intake;
  settings: SettingsStore;
  transport: 'ipc' | 'http';
  version: string;
  /** The operator making a change, refused unless an operator of this station. */
  actor(operator: string): Actor;
  stationId(): string;
  /** How labels leave the station (PDF, ZPL, system printer), loaded on first use. */
  labelOutputs(): Promise<LabelOutputs>;
  /** How many demo jobs the first-run screen's demo button loads. */
  demoJobs: number;
}

/**
 * Where an operation may run. `read`: it only reads the store (and the settings and clock reading it is
 * handed), so a reader thread with a read-only connection may answer it while the station's own thread
 * commits scans. `write`: the station's own thread, because it writes, or needs what only that thread holds
 * (the settings file, the clock's watch, printers and Chromium, a transaction it rolls back).
 */
export type Access = 'read' | 'write';

export interface Operation<S extends z.ZodType, R> {
  readonly input: S;
  readonly run: (input: z.output<S>, ctx: OperationContext) => R;
  readonly access: Access;
}

/** One operation: `run` receives the input as parsed by `input`, never raw. It runs on the station's own thread. */
export function define<S extends z.ZodType, R>(
  input: S,
  run: (input: z.output<S>, ctx: OperationContext) => R,
  access: Access = 'write',
): Operation<S, R> {
  return { input, run, access };
}

/** An operation that only reads: a reader thread may answer it (see `Access`). */
export function read<S extends z.ZodType, R>(input: S, run: (input: z.output<S>, ctx: OperationContext) => R): Operation<S, R> {
  return define(input, run, 'read');
}

// ---- the pieces inputs are made of
export const name = z.string().trim().min(1).max(64);
export const code = z.string().max(256); // scans are checked by the core, which names what is wrong
export const reason = z.string().max(500);
const operator = z.string().trim().min(1).max(64);
/** Every change names the operator who made it. */
export const change = <T extends z.ZodRawShape>(shape: T) => z.object({ operator, ...shape }).strict();
export const query = <T extends z.ZodRawShape>(shape: T) => z.object(shape).strict();
export const anyJson = z.unknown();
