// What dock staff (and copy bays) do, as one table: each action, its subject and its guards in order. An
// operation asks `requireAction` before it writes anything and adds no check of its own; `possibilities`
// answers from the very same guards, so the station never offers what it would then refuse.
import type { ErrorCode } from '../errors.ts';
import type { DriveRecord, DriveState, JobRecord, JobState, PackageState } from '../model.ts';
import {
  CANCELLABLE,
  driveLimit,
  drivesAtDock,
  drivesToCopy,
  effectiveState,
  isAtDock,
  missingAddressFields,
  takesDrives,
} from './facts.ts';
import { reason, refusal, refusalError, type Reason, type Refusal } from './reasons.ts';
import {
  DRIVE_TRANSITIONS,
  FAULTABLE_DRIVE,
  FAULTABLE_JOB,
  JOB_TRANSITIONS,
  STATION,
  copyable,
  correctable,
  heldAtDock,
  notCancelled,
  returnDue,
  packageMissing,
  type DriveContext,
  type DriveTrigger,
  type Guard,
  type JobContext,
  type JobTrigger,
  type Transition,
} from './transitions.ts';

export interface PackageContext {
  pkg: { trackingNumber: string; state: PackageState };
  /** The jobs the box was received for. */
  jobs: readonly JobRecord[];
  /** Drives held in this box, each with its job (null for no job). */
  held: readonly { drive: DriveRecord; job: JobRecord | null }[];
  /** The box open at the acting station, if any. */
  openAtStation: string | null;
}

interface ActionDef<C> {
  subject: 'job' | 'drive' | 'package';
  /** In English, what the action does (the screens word it by the action's name). */
  rule: string;
  /** The error a refusal throws when its rule has no code of its own. */
  error: ErrorCode;
  guards: readonly Guard<C>[];
}

// ---- guards actions share -----------------------------------------------------------------------

const jobIn =
  (states: readonly JobState[]): Guard<JobContext> =>
  ({ job }) =>
    states.includes(job.state)
      ? null
      : reason('JOB_STATE', { job: job.name, state: job.state, faultedFrom: job.faultedFrom, needs: states });
const driveIn =
  (states: readonly DriveState[]): Guard<DriveContext> =>
  ({ drive }) =>
    states.includes(drive.state) ? null : reason('DRIVE_STATE', { driveIds: [drive.driveId], state: drive.state, needs: states });
const packageIn =
  (states: readonly PackageState[]): Guard<PackageContext> =>
  ({ pkg }) =>
    states.includes(pkg.state) ? null : reason('PACKAGE_STATE', { trackingNumber: pkg.trackingNumber, state: pkg.state, needs: states });

const notDeleted: Guard<JobContext> = ({ job }) =>
  job.deletedAt ? reason('JOB_DELETED', { job: job.name, on: job.deletedAt.slice(0, 10) }) : null;

const notYetCancelled: Guard<JobContext> = ({ job }) => (job.cancelRequested ? reason('JOB_ALREADY_CANCELLED', { job: job.name }) : null);
const cancellable: Guard<JobContext> = ({ job }) =>
  CANCELLABLE.includes(effectiveState(job))
    ? null
    : reason('CANCEL_TOO_LATE', { job: job.name, state: job.state, faultedFrom: job.faultedFrom });

/** The drives a copy starts on: the ones named (each must be waiting for it), else every listed drive waiting. */
const copyPick = ({ job, drives, picked }: JobContext): Reason | null => {
  if (!picked) return drivesToCopy(drives).length ? null : reason('NO_DRIVE_TO_COPY', { job: job.name });
  const here = drives.filter((d) => d.state !== 'ShippedBack' && !d.destroyedAt);
  const foreign = picked.filter((s) => !here.some((d) => d.driveId === s));
  if (foreign.length) return reason('DRIVE_NOT_IN_JOB', { job: job.name, driveIds: foreign });
  for (const s of picked) {
    const d = here.find((x) => x.driveId === s)!;
    const why = copyable({ drive: d, job }) ?? driveIn(['Received'])({ drive: d, job });
    if (why) return why;
  }
  return null;
};

/** The drives named are added to the job's list: together they keep to the limit of an import job. */
const withinDriveLimit: Guard<JobContext> = ({ job, drives, picked }) => {
  const listed = drives.filter((d) => d.role === 'listed' && d.state !== 'ShippedBack' && !d.destroyedAt).map((d) => d.driveId);
  return driveLimit(job, new Set([...listed, ...(picked ?? [])]).size);
};

const returnAddress: Guard<JobContext> = ({ job }) => {
  const missing = missingAddressFields(job.returnAddress);
  return missing.length ? reason('RETURN_ADDRESS_INCOMPLETE', { job: job.name, fields: missing }) : null;
};
const addressNotReportedWrong: Guard<JobContext> = ({ job }) =>
  job.addressWrongAt ? reason('RETURN_ADDRESS_REPORTED_WRONG', { job: job.name, why: job.addressWrongReason ?? '' }) : null;
const notBusy: Guard<JobContext> = ({ job, drives }) => {
  const busy = drivesAtDock(drives).filter((d) => d.state === 'Transferring' || d.state === 'Faulted');
  return busy.length ? reason('DRIVES_BUSY', { job: job.name, driveIds: busy.map((d) => d.driveId) }) : null;
};
const boxMatches: Guard<JobContext> = ({ job, drives, picked }) => {
  if (!picked) return null;
  const going = drivesAtDock(drives);
  const foreign = picked.filter((s) => !going.some((d) => d.driveId === s));
  if (foreign.length) return reason('DRIVES_NOT_RETURNING', { job: job.name, driveIds: foreign });
  const left = going.filter((d) => !picked.includes(d.driveId));
  return left.length ? reason('DRIVES_NOT_BOXED', { job: job.name, driveIds: left.map((d) => d.driveId) }) : null;
};
const somethingToShip: Guard<JobContext> = ({ job, drives }) =>
  drivesAtDock(drives).length ? null : reason('NOTHING_TO_SHIP', { job: job.name });

/**
 * A drive is destroyed when held, or when its job (Transferring or Packaging) has a wrong or missing return
 * address and its contact was recorded as unreachable about it.
 */
const destroyable: Guard<DriveContext> = ({ drive, job }) => {
  if (!isAtDock(drive)) return reason('DRIVE_NOT_AT_DOCK', { driveIds: [drive.driveId] });
  const unreachable =
    job !== null &&
    ['Transferring', 'Packaging'].includes(job.state) &&
    Boolean(job.addressWantingSince) &&
    job.contactOutcome === 'unreachable';
  return drive.heldSince || unreachable ? null : reason('DRIVE_NOT_DESTROYABLE', { driveIds: [drive.driveId] });
};

/**
 * A drive recorded in the wrong box is moved to the box open at this station: only while it sits at the dock as
 * received (not yet copied, not held), so the move corrects where it came in and nothing that happened after.
 */
const movable: Guard<DriveContext> = ({ drive }) =>
  isAtDock(drive) && drive.state === 'Received' && !drive.heldSince && drive.packageTracking
    ? null
    : reason('DRIVE_NOT_MOVABLE', { driveIds: [drive.driveId], state: drive.state, held: drive.heldSince ? 1 : 0 });
const intoBoxOpenHere: Guard<DriveContext> = ({ drive, box }) => {
  if (!box || box.state !== 'open' || box.openAtStation !== box.trackingNumber)
    return reason('BOX_NOT_OPEN_HERE', { trackingNumber: box?.trackingNumber ?? '', open: box?.openAtStation ?? null });
  return drive.packageTracking === box.trackingNumber
    ? reason('DRIVE_IN_BOX_ALREADY', { driveIds: [drive.driveId], trackingNumber: box.trackingNumber })
    : null;
};

const noOtherOpen: Guard<PackageContext> = ({ pkg, openAtStation }) =>
  openAtStation && openAtStation !== pkg.trackingNumber
    ? reason('ANOTHER_PACKAGE_OPEN', { trackingNumber: pkg.trackingNumber, open: openAtStation })
    : null;
const somethingReleasable: Guard<PackageContext> = ({ pkg, held }) =>
  held.some((h) => takesDrives(h.job)) ? null : reason('NOTHING_TO_RELEASE', { trackingNumber: pkg.trackingNumber });
const noJobFaultedUnreceived: Guard<PackageContext> = ({ pkg, jobs }) => {
  const f = jobs.find((j) => !j.deletedAt && j.state === 'Faulted' && j.faultedFrom === 'Shipping');
  return f ? reason('JOB_FAULTED_IN_BOX', { job: f.name, trackingNumber: pkg.trackingNumber }) : null;
};

// ---- the action table ---------------------------------------------------------------------------

const job = (rule: string, error: ErrorCode, guards: Guard<JobContext>[]): ActionDef<JobContext> => ({
  subject: 'job',
  rule,
  error,
  guards: [notDeleted, ...guards],
});
const drive = (rule: string, error: ErrorCode, guards: Guard<DriveContext>[]): ActionDef<DriveContext> => ({
  subject: 'drive',
  rule,
  error,
  guards,
});
const pack = (rule: string, error: ErrorCode, guards: Guard<PackageContext>[]): ActionDef<PackageContext> => ({
  subject: 'package',
  rule,
  error,
  guards,
});

export const JOB_ACTIONS = {
  ship: job('the customer shipped: the job goes Shipping', 'TRANSITION_FORBIDDEN', [jobIn(['Creating'])]),
  cancel: job('cancel the job', 'CANCEL_TOO_LATE', [notYetCancelled, cancellable]),
  faultJob: job('record a fault with a reason', 'TRANSITION_FORBIDDEN', [jobIn(FAULTABLE_JOB)]),
  resolveJob: job('resolve the fault back to the state it left', 'TRANSITION_FORBIDDEN', [jobIn(['Faulted'])]),
  notifyCustomer: job('tell the customer their package has not arrived', 'TRANSITION_FORBIDDEN', [jobIn(['Shipping']), packageMissing]),
  extendWait: job('wait longer for the package', 'TRANSITION_FORBIDDEN', [jobIn(['Shipping'])]),
  startCopy: job('start the data copy', 'COPY_NOT_ALLOWED', [notCancelled, jobIn(['Received', 'Transferring']), copyPick]),
  shipBack: job('ship the drives back', 'SHIP_NOT_READY', [
    jobIn(['Packaging']),
    returnAddress,
    addressNotReportedWrong,
    notBusy,
    boxMatches,
    somethingToShip,
  ]),
  closeWithoutShipment: job('close the job: nothing of it is at the dock to ship', 'TRANSITION_FORBIDDEN', [jobIn(['Packaging'])]),
  changeDeliveryPackage: job('change the delivery package', 'TRANSITION_FORBIDDEN', [jobIn(['Creating', 'Shipping'])]),
  addDrives: job('add drives to the job', 'TRANSITION_FORBIDDEN', [jobIn(['Creating']), withinDriveLimit]),
} satisfies Record<string, ActionDef<JobContext>>;

export const DRIVE_ACTIONS = {
  faultDrive: drive('record a fault with a reason', 'TRANSITION_FORBIDDEN', [driveIn(FAULTABLE_DRIVE)]),
  resolveDrive: drive('resolve the fault back to the state it left', 'TRANSITION_FORBIDDEN', [driveIn(['Faulted'])]),
  copyDrive: drive('start the copy of this drive', 'COPY_NOT_ALLOWED', [copyable, driveIn(['Received'])]),
  copyResult: drive("record a copy bay's report", 'COPY_NOT_ALLOWED', [driveIn(['Transferring'])]),
  correctCopy: drive('put a recorded copy result right, with a reason', 'COPY_NOT_ALLOWED', [
    driveIn(['Completed', 'CompletedMoreInfo']),
    correctable,
  ]),
  returnHeld: drive('return the held drive to the sender once its return is due', 'DRIVE_NOT_HELD', [heldAtDock, returnDue]),
  destroy: drive('securely destroy the drive, with a witness', 'DRIVE_NOT_HELD', [destroyable]),
  moveToBox: drive('move a drive recorded in the wrong box to the box open here', 'DRIVE_NOT_MOVABLE', [movable, intoBoxOpenHere]),
} satisfies Record<string, ActionDef<DriveContext>>;

export const PACKAGE_ACTIONS = {
  releaseHold: pack('release the held box: its drives are received', 'TRANSITION_FORBIDDEN', [
    packageIn(['held']),
    noOtherOpen,
    somethingReleasable,
  ]),
  closeBox: pack('close the box', 'TRANSITION_FORBIDDEN', [packageIn(['open']), noJobFaultedUnreceived]),
} satisfies Record<string, ActionDef<PackageContext>>;

export type JobAction = keyof typeof JOB_ACTIONS;
export type DriveAction = keyof typeof DRIVE_ACTIONS;
export type PackageAction = keyof typeof PACKAGE_ACTIONS;
export type ActionName = JobAction | DriveAction | PackageAction;

type ContextOf<A extends ActionName> = A extends JobAction ? JobContext : A extends DriveAction ? DriveContext : PackageContext;

function def(name: ActionName): ActionDef<unknown> {
  return ((JOB_ACTIONS as Record<string, unknown>)[name] ??
    (DRIVE_ACTIONS as Record<string, unknown>)[name] ??
    (PACKAGE_ACTIONS as Record<string, unknown>)[name]) as ActionDef<unknown>;
}

/** The first guard of the action that does not hold, or null when the action may be taken now. */
export function checkAction<A extends ActionName>(name: A, ctx: ContextOf<A>): Reason | null {
  for (const g of def(name).guards) {
    const why = g(ctx);
    if (why) return why;
  }
  return null;
}

/**
 * The one gate of every operation: throws the refusal (the rule's code and parameters, its error code) when
 * the action may not be taken now. Given several subjects (drives to return or destroy), the first rule
 * broken is named once with every subject that breaks it.
 */
export function requireAction<A extends ActionName>(name: A, ctx: ContextOf<A> | readonly ContextOf<A>[]): void {
  const all = (Array.isArray(ctx) ? ctx : [ctx]) as ContextOf<A>[];
  const reasons = all.map((c) => checkAction(name, c)).filter((r): r is Reason => r !== null);
  if (!reasons.length) return;
  const first = reasons[0]!;
  const same = reasons.filter((r) => r.code === first.code);
  const ids = [...new Set(same.flatMap((r) => (Array.isArray(r.params.driveIds) ? (r.params.driveIds as string[]) : [])))];
  throw refusalError(ids.length > 1 ? { code: first.code, params: { ...first.params, driveIds: ids } } : first, def(name).error);
}

// ---- edges --------------------------------------------------------------------------------------

export type Verdict = { ok: true } | { ok: false; reason: Reason };

function checkEdge<S extends string, T extends string, C>(
  table: readonly Transition<S, T, C>[],
  subject: string,
  from: S,
  to: S,
  trigger: T,
  ctx: C,
): Verdict {
  const rows = table.filter((t) => t.from === from && t.to === to && t.trigger === trigger);
  if (!rows.length) return { ok: false, reason: reason('NO_SUCH_EDGE', { subject, from, to, trigger }) };
  let first: Reason | null = null;
  for (const r of rows) {
    const why = r.guard?.(ctx) ?? null;
    if (!why) return { ok: true };
    first ??= why;
  }
  return { ok: false, reason: first! };
}

export const checkJob = (to: JobState, trigger: JobTrigger, ctx: JobContext) =>
  checkEdge(JOB_TRANSITIONS, 'job', ctx.job.state, to, trigger, ctx);
export const checkDrive = (to: DriveState, trigger: DriveTrigger, ctx: DriveContext) =>
  checkEdge(DRIVE_TRANSITIONS, 'drive', ctx.drive.state, to, trigger, ctx);

/** The store's last line: no record takes an edge the table forbids, whichever operation asks. */
export function requireJobEdge(to: JobState, trigger: JobTrigger, ctx: JobContext): void {
  const v = checkJob(to, trigger, ctx);
  if (!v.ok) throw refusalError(v.reason, 'TRANSITION_FORBIDDEN');
}
export function requireDriveEdge(to: DriveState, trigger: DriveTrigger, ctx: DriveContext): void {
  const v = checkDrive(to, trigger, ctx);
  if (!v.ok) throw refusalError(v.reason, 'TRANSITION_FORBIDDEN');
}

// ---- possibilities ------------------------------------------------------------------------------

/**
 * One thing that may (or may not) happen now. `action` names who takes it: a staff action of the table, or
 * `station` for what the station does itself when a box closes, a copy ends or a deadline passes. Every edge
 * from the state now is listed, and every action of the subject (by its edges, or once without one): an
 * action may be taken exactly when one of its entries is allowed.
 */
export interface Possibility<S extends string = string, T extends string = string> {
  action: string;
  to: S | null;
  trigger: T | null;
  rule: string;
  allowed: boolean;
  /** Why not, as the rule's code and parameters with its English, when not allowed. */
  reason?: Refusal;
}

function possibilities<S extends string, T extends string, C>(
  table: readonly Transition<S, T, C>[],
  actions: Record<string, ActionDef<C>>,
  from: S,
  ctx: C,
): Possibility<S, T>[] {
  const out: Possibility<S, T>[] = [];
  const seen = new Set<string>();
  for (const t of table.filter((x) => x.from === from)) {
    const a = actions[t.by];
    const why = (a ? checkAction(t.by as ActionName, ctx as never) : null) ?? t.guard?.(ctx) ?? null;
    seen.add(t.by);
    out.push({ action: t.by, to: t.to, trigger: t.trigger, rule: t.rule, allowed: !why, ...(why ? { reason: refusal(why) } : {}) });
  }
  for (const [name, a] of Object.entries(actions)) {
    if (seen.has(name)) continue;
    const why = checkAction(name as ActionName, ctx as never);
    out.push({ action: name, to: null, trigger: null, rule: a.rule, allowed: !why, ...(why ? { reason: refusal(why) } : {}) });
  }
  return out;
}

export const jobPossibilities = (ctx: JobContext): Possibility<JobState, JobTrigger>[] =>
  possibilities(JOB_TRANSITIONS, JOB_ACTIONS, ctx.job.state, ctx);
export const drivePossibilities = (ctx: DriveContext): Possibility<DriveState, DriveTrigger>[] =>
  possibilities(DRIVE_TRANSITIONS, DRIVE_ACTIONS, ctx.drive.state, ctx);
export const packagePossibilities = (ctx: PackageContext): Possibility[] =>
  possibilities<string, string, PackageContext>([], PACKAGE_ACTIONS, ctx.pkg.state, ctx);

/** May the action be taken now, by what `possibilities` answers? (Absent means no.) */
export function mayByPossibilities(list: readonly Possibility[], action: string): { may: boolean; codes: string[] } {
  const mine = list.filter((p) => p.action === action);
  return { may: mine.some((p) => p.allowed), codes: [...new Set(mine.flatMap((p) => (p.reason ? [p.reason.code] : [])))] };
}

export { STATION };
