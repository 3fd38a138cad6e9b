// The in-process side of the contract: validates every input at the boundary, calls the core, and turns
// every failure into `{ code, message }`. IPC and HTTP both hand calls to this one dispatcher.
import type { Intake } from '../core/intake.ts';
import { IntakeError } from '../core/errors.ts';
import { knownOperatorName, witnessRefusal } from '../core/witness.ts';
import { storeFault } from '../core/store-faults.ts';
import { upperAscii } from '../core/scan.ts';
import type { Actor } from '../core/model.ts';
import { inputs, type ApiErrorBody, type Change, type OpName, type Output, type ParsedInput, type Reply, type StationInfo } from './contract.ts';
import type { SettingsStore } from './settings-schema.ts';
import { labelHandlers } from './label-handlers.ts';
import { PrinterError } from '../core/labels/errors.ts';
import type { LabelOutputs } from '../core/labels/outputs.ts';

export interface DispatcherOptions {
  intake: Intake;
  settings: SettingsStore;
  transport: StationInfo['transport'];
  version?: string;
  /** How labels leave the station (PDF, ZPL, system printer); plain Node provides its own when absent. */
  labels?: LabelOutputs;
}

type Handlers = { [K in OpName]: (input: ParsedInput<K>) => Output<K> | Promise<Output<K>> };

export interface Dispatcher {
  dispatch(op: string, input: unknown): Promise<Reply<OpName>>;
  isOp(op: string): op is OpName;
  onChange(listener: (c: Change) => void): () => void;
  readonly handlers: Handlers;
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

export function createDispatcher(opts: DispatcherOptions): Dispatcher {
  const { intake, settings } = opts;
  const actor = (operator: string): Actor => {
    const s = settings.get();
    const known = s.operators.find((o) => o.name === operator);
    if (s.operators.length && !known) {
      throw new IntakeError('BAD_INPUT', `"${operator}" is not an operator of this station: sign in again.`);
    }
    return { operator, station: s.stationId };
  };
  const station = () => settings.get().stationId;

  const handlers: Handlers = {
    'station.info': () => {
      const s = settings.get();
      return {
        stationId: s.stationId, dockName: s.dockName, language: s.language, sounds: s.sounds,
        operators: s.operators.map((o) => ({ name: o.name, hasBadge: Boolean(o.badge) })),
        transport: opts.transport, settingsProblem: settings.problem, version: opts.version ?? '0.1.0',
      };
    },
    'jobs.get': (i) => intake.jobView(i.name),
    'jobs.search': (i) => intake.searchJobs(i),
    'jobs.possibilities': (i) => intake.jobPossibilities(i.name),
    'drives.possibilities': (i) => intake.drivePossibilities(i.driveId),
    'packages.get': (i) => {
      const v = intake.packageView(upperAscii(i.trackingNumber.trim()));
      if (!v) throw new IntakeError('PACKAGE_UNKNOWN', `Package ${i.trackingNumber} has not been received here.`);
      return v;
    },
    'packages.current': () => intake.openPackage(station()),
    'packages.previewClose': (i) => intake.previewClose({ operator: 'preview', station: station() }, i.trackingNumber),
    'exceptions.list': () => intake.exceptions(),
    'deadlines.upcoming': (i) => intake.upcomingDeadlines(i.limit ?? 50),
    'custody.list': (i) => intake.custodyOf(i),
    'custody.csv': (i) => ({ filename: `custody-${i.jobName}.csv`, csv: intake.custodyCsv(i.jobName) }),
    'settings.get': () => settings.get(),
    'operators.identify': (i) => {
      const c = i.code.trim();
      const o = settings.get().operators.find((x) => (x.badge && x.badge.toUpperCase() === c.toUpperCase()) || x.name.toLowerCase() === c.toLowerCase());
      if (!o) throw new IntakeError('BAD_INPUT', 'This badge is not an operator of this station.');
      return { name: o.name };
    },
    'jobs.put': (i) => intake.putJob(actor(i.operator), i.job),
    'jobs.update': (i) => intake.updateJob(actor(i.operator), i.name, i.patch),
    'jobs.import': (i) => intake.importJobs(actor(i.operator), i.json),
    'jobs.cancel': (i) => intake.cancelJob(actor(i.operator), i.name, i.reason),
    'jobs.fault': (i) => intake.faultJob(actor(i.operator), i.name, i.reason),
    'jobs.resolve': (i) => intake.resolveJob(actor(i.operator), i.name, i.reason),
    'jobs.notifyCustomer': (i) => intake.notifyCustomer(actor(i.operator), i.name, i.note),
    'jobs.extendWait': (i) => intake.extendWait(actor(i.operator), i.name, i.days, i.reason),
    'drives.fault': (i) => intake.faultDrive(actor(i.operator), i.driveId, i.reason),
    'drives.resolve': (i) => intake.resolveDrive(actor(i.operator), i.driveId, i.reason),
    'packages.receive': (i) => intake.receivePackage(actor(i.operator), i),
    'drives.scan': (i) => intake.scanDrive(actor(i.operator), i),
    'packages.close': (i) => intake.closePackage(actor(i.operator), i),
    'packages.releaseHold': (i) => intake.releaseHold(actor(i.operator), i),
    'scans.undo': (i) => intake.undoLastScan(actor(i.operator)),
    'copy.start': (i) => intake.startCopy(actor(i.operator), i),
    'copy.record': (i) => intake.recordCopyResult(actor(i.operator), i),
    'shipments.shipBack': (i) => intake.shipBack(actor(i.operator), i),
    'jobs.closeWithoutShipment': (i) => intake.closeWithoutShipment(actor(i.operator), i),
    'shipments.returnHeld': (i) => intake.returnHeldDrives(actor(i.operator), i) as Output<'shipments.returnHeld'>,
    'drives.destroy': (i) => {
      const who = actor(i.operator);
      // a witness is another operator of this station, whatever the case or spacing it was typed in
      const operators = settings.get().operators.map((o) => o.name);
      const refusal = witnessRefusal(who.operator, i.witness, operators);
      if (refusal) throw new IntakeError(refusal.code, refusal.message);
      return intake.recordDestruction(who, { ...i, witness: knownOperatorName(i.witness, operators) ?? i.witness });
    },
    'deadlines.sweep': (i) => intake.sweep(actor(i.operator)),
    'settings.update': (i) => {
      actor(i.operator);
      return settings.update(i.patch);
    },
    ...labelHandlers({ intake, settings, labels: opts.labels }),
  };

  const isOp = (op: string): op is OpName => Object.prototype.hasOwnProperty.call(inputs, op);

  return {
    handlers,
    isOp,
    onChange: (l) => intake.onChange(l),
    async dispatch(op, input) {
      if (typeof op !== 'string' || !isOp(op)) return { ok: false, error: { code: 'UNKNOWN_OPERATION', message: `There is no operation "${String(op).slice(0, 64)}".` } };
      const parsed = inputs[op].safeParse(input ?? {});
      if (!parsed.success) return { ok: false, error: toErrorBody(parsed.error) };
      try {
        const run = handlers[op] as (i: unknown) => unknown;
        const result = await run(parsed.data);
        return { ok: true, result } as Reply<OpName>;
      } catch (e) {
        const body = toErrorBody(e);
        if (body.code === 'INTERNAL' || body.code.startsWith('STORE_')) {
          console.error(`[intake] ${op} failed:`, e instanceof Error ? e.message : e);
        }
        return { ok: false, error: body };
      }
    },
  };
}
