// The in-process side of the contract: validates every input at the boundary with the operation's own
// schema, runs the operation, and turns every failure into `{ code, message }`. IPC and HTTP both hand calls
// to this one dispatcher.
import type { Intake } from '../core/intake.ts';
import { IntakeError } from '../core/errors.ts';
import { storeFault } from '../core/store-faults.ts';
import { PrinterError } from '../core/labels/errors.ts';
import type { LabelOutputs } from '../core/labels/outputs.ts';
import type { ApiErrorBody, Change, OpName, Reply, StationInfo } from './contract.ts';
import type { SettingsStore } from './settings-schema.ts';
import type { OperationContext } from './operation.ts';
import { operations } from './operations.ts';
import { labelOutputsLoader } from './label-operations.ts';
import type { CallInputs, ReaderPool } from './readers.ts';

export interface DispatcherOptions {
  intake: Intake;
  settings: SettingsStore;
  transport: StationInfo['transport'];
  version?: string;
  /** How labels leave the station (PDF, ZPL, system printer); plain Node provides its own when absent. */
  labels?: LabelOutputs;
  /** How many demo jobs the first-run screen's demo button loads. */
  demoJobs?: number;
  /** Reader threads that answer the operations marked `read`; without them every call runs on this thread. */
  readers?: ReaderPool | null;
}

export interface Dispatcher {
  dispatch(op: string, input: unknown): Promise<Reply<OpName>>;
  isOp(op: string): op is OpName;
  onChange(listener: (c: Change) => void): () => void;
}

export function toErrorBody(e: unknown): ApiErrorBody {
  if (e instanceof IntakeError) return e.toJSON();
  if (e instanceof PrinterError) return e.toJSON();
  const fault = storeFault(e);
  if (fault) return fault.toJSON();
  if (e && typeof e === 'object' && 'issues' in e && Array.isArray((e as { issues: unknown[] }).issues)) {
    const issues = (e as { issues: { path: PropertyKey[]; message: string }[] }).issues;
    const first = issues.slice(0, 3).map((i) => `${i.path.length ? i.path.map(String).join('.') : 'input'}: ${i.message}`);
    return { code: 'BAD_INPUT', message: `The request is not valid: ${first.join('; ')}.` };
  }
  // an unexpected failure is reported without internals (paths, SQL, keys)
  return { code: 'INTERNAL', message: 'The station could not complete this; nothing was changed. Try again, and report it if it repeats.' };
}

/** Any one operation, seen from the dispatcher: which one is known only at run time. */
interface AnyOperation {
  input: { safeParse(input: unknown): { success: true; data: unknown } | { success: false; error: unknown } };
  run(input: unknown, ctx: OperationContext): unknown;
  access: 'read' | 'write';
}

export function createDispatcher(opts: DispatcherOptions): Dispatcher {
  const { intake, settings } = opts;
  const ctx: OperationContext = {
    intake,
    settings,
    transport: opts.transport,
    version: opts.version ?? '0.1.0',
    actor(operator) {
      const s = settings.get();
      const known = s.operators.find((o) => o.name === operator);
      if (s.operators.length && !known) {
        throw new IntakeError('BAD_INPUT', `"${operator}" is not an operator of this station: sign in again.`);
      }
      return { operator, station: s.stationId };
    },
    stationId: () => settings.get().stationId,
    labelOutputs: labelOutputsLoader(opts.labels),
    demoJobs: opts.demoJobs ?? 24,
  };

  const isOp = (op: string): op is OpName => Object.prototype.hasOwnProperty.call(operations, op);
  const readers = opts.readers ?? null;

  const failed = (op: OpName, e: unknown): Reply<OpName> => {
    const body = toErrorBody(e);
    if (body.code === 'INTERNAL' || body.code.startsWith('STORE_')) {
      console.error(`[intake] ${op} failed:`, e instanceof Error ? e.message : e);
    }
    return { ok: false, error: body };
  };
  const here = async (op: OpName, operation: AnyOperation, input: unknown): Promise<Reply<OpName>> => {
    try {
      const result = await operation.run(input, ctx);
      return { ok: true, result } as Reply<OpName>;
    } catch (e) {
      return failed(op, e);
    }
  };
  /** What a read depends on besides the store, as this thread sees it now (a reader answers with exactly this). */
  const callInputs = (): CallInputs => ({
    now: intake.clock.now().getTime(),
    clock: intake.clockStatus(),
    settings: settings.get(),
    settingsProblem: settings.problem,
    transport: ctx.transport,
    version: ctx.version,
    demoJobs: ctx.demoJobs,
  });

  return {
    isOp,
    onChange: (l) => intake.onChange(l),
    async dispatch(op, input) {
      if (typeof op !== 'string' || !isOp(op)) {
        return { ok: false, error: { code: 'UNKNOWN_OPERATION', message: `There is no operation "${String(op).slice(0, 64)}".` } };
      }
      const operation: AnyOperation = operations[op];
      const parsed = operation.input.safeParse(input ?? {});
      if (!parsed.success) return { ok: false, error: toErrorBody(parsed.error) };
      if (operation.access !== 'read' || !readers?.available) return here(op, operation, parsed.data);
      let call: CallInputs;
      try {
        call = callInputs();
      } catch (e) {
        return failed(op, e);
      }
      return readers.run(op, parsed.data, call, () => here(op, operation, parsed.data));
    },
  };
}
