// Why the dock says no: every refusal and every "not now" is a rule code with its parameters. The code and
// parameters cross the boundary; the screens word them in their own language. The English built here is for
// logs, the HTTP API and the error's message, never for a screen to show in another language.
import { IntakeError, type ErrorCode } from '../errors.ts';

/** Parameters of a reason: names, states and lists of serials, nothing a screen cannot word itself. */
export type ReasonParams = Readonly<Record<string, string | number | readonly string[] | null>>;

/** Why a guard does not hold: the rule's code and what it names. */
export interface Reason {
  code: RuleCode;
  params: ReasonParams;
}

/** A reason as it travels: with the English message built from it. */
export interface Refusal extends Reason {
  message: string;
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const str = (v: ReasonParams[string] | undefined): string => (v === null || v === undefined ? '' : String(v));
/** "drive A1 is" / "drives A1, A2 are": English has one form for one and another for the rest. */
const drives = (v: unknown): string => {
  const ids = list(v);
  return `${ids.length === 1 ? 'drive' : 'drives'} ${ids.join(', ')}`;
};
const from = (p: ReasonParams): string => (p.faultedFrom ? ` (from ${str(p.faultedFrom)})` : '');
const be = (v: unknown): string => (list(v).length === 1 ? 'is' : 'are');
const either = (v: unknown): string => {
  const xs = list(v);
  return xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`;
};

interface RuleDef {
  /** The error code a refusal by this rule throws; absent, the action's own code decides. */
  error?: ErrorCode;
  en: (p: ReasonParams) => string;
}

/**
 * Every rule the dock keeps, by code. The params each names are the contract with the screens' wording:
 * `job` a job name, `driveIds` serials, `state` a state now, `needs` the states that would allow it.
 */
export const RULES = {
  // ---- jobs -------------------------------------------------------------------------------------
  JOB_DELETED: { error: 'JOB_DELETED', en: (p) => `Job ${str(p.job)} was deleted on ${str(p.on)} (2 weeks in Creating)` },
  JOB_STATE: {
    en: (p) => `Job ${str(p.job)} is ${str(p.state)}${p.faultedFrom ? ` (from ${str(p.faultedFrom)})` : ''}, not ${either(p.needs)}`,
  },
  DELIVERY_PACKAGE_MISSING: { error: 'GUARD_FAILED', en: () => 'Shipping needs the delivery package carrier and tracking number' },
  SHIPPING_ADDRESS_INCOMPLETE: {
    error: 'GUARD_FAILED',
    en: (p) => `Shipping needs a complete return address (missing: ${list(p.fields).join(', ')})`,
  },
  JOB_CANCELLED: { en: (p) => `Job ${str(p.job)} was cancelled: a cancelled job skips the data copy` },
  JOB_NOT_CANCELLED: { en: (p) => `Job ${str(p.job)} was not cancelled: only a cancelled job skips the data copy` },
  JOB_ALREADY_CANCELLED: { error: 'ALREADY_CANCELLED', en: (p) => `Job ${str(p.job)} is already cancelled` },
  CANCEL_TOO_LATE: {
    error: 'CANCEL_TOO_LATE',
    en: (p) => `Job ${str(p.job)} is ${str(p.state)}${from(p)}: a cancel is accepted only before Packaging`,
  },
  TOO_MANY_DRIVES: {
    error: 'TOO_MANY_DRIVES',
    en: (p) => `An import job has at most ${str(p.max)} drives; job ${str(p.job)} would have ${str(p.count)}`,
  },
  NO_DRIVE_TO_COPY: { en: (p) => `Job ${str(p.job)} has no received drive waiting for copy` },
  DRIVES_NOT_PROCESSED: { en: (p) => `${cap(drives(p.driveIds))} of job ${str(p.job)} ${be(p.driveIds)} not yet processed` },
  DRIVES_ARRIVED: {
    en: (p) =>
      `${cap(drives(p.driveIds))} of job ${str(p.job)} ${list(p.driveIds).length === 1 ? 'has' : 'have'} arrived: ` +
      'there is something to copy or resolve',
  },
  DRIVES_AT_DOCK: {
    en: (p) =>
      `${list(p.driveIds).length === 1 ? 'A drive' : 'Drives'} of job ${str(p.job)} ${be(p.driveIds)} still at the dock: ` +
      list(p.driveIds).join(', '),
  },
  JOB_HAD_ERRORS: {
    en: (p) =>
      `Job ${str(p.job)} had errors (${[
        p.cancelled ? 'cancelled' : '',
        list(p.neverReceived).length ? `never received: ${list(p.neverReceived).join(', ')}` : '',
        list(p.copyErrors).length ? `copy errors: ${list(p.copyErrors).join(', ')}` : '',
        list(p.notCopied).length ? `not copied: ${list(p.notCopied).join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; ')}), so it ends Closed`,
  },
  JOB_HAD_NO_ERRORS: { en: (p) => `Job ${str(p.job)} had no errors, so it ends Completed` },
  NOT_FAULTED_FROM: {
    en: (p) =>
      `A faulted ${p.driveIds ? 'drive' : 'job'} goes back to the state it left (${str(p.faultedFrom) || 'unknown'}), not ${str(p.to)}`,
  },
  NOT_NOTIFIED: { en: (p) => `The customer of job ${str(p.job)} has not been notified that the package is missing` },
  PACKAGE_ARRIVED: {
    en: (p) =>
      list(p.driveIds).length
        ? `${cap(drives(p.driveIds))} of job ${str(p.job)} ${be(p.driveIds)} at the dock: its package is not missing`
        : `A package of job ${str(p.job)} is at the dock: it is not missing`,
  },
  PACKAGE_NOT_HERE: { en: (p) => `No package of job ${str(p.job)} is open at the dock` },
  RETURN_ADDRESS_INCOMPLETE: {
    error: 'ADDRESS_INCOMPLETE',
    en: (p) => `The return address${p.job ? ` of ${str(p.job)}` : ''} is missing: ${list(p.fields).join(', ')}`,
  },
  RETURN_ADDRESS_REPORTED_WRONG: {
    error: 'ADDRESS_INCOMPLETE',
    en: (p) => `The return address of ${str(p.job)} was reported wrong (${str(p.why) || 'no reason given'}): correct it before shipping`,
  },
  DRIVES_BUSY: {
    error: 'SHIP_NOT_READY',
    en: (p) => `${cap(drives(p.driveIds))} of job ${str(p.job)} ${be(p.driveIds)} not ready to leave (still copying or faulted)`,
  },
  NOTHING_TO_SHIP: { error: 'SHIP_NOT_READY', en: (p) => `Job ${str(p.job)} has no drive at the dock to ship back` },
  DRIVES_NOT_BOXED: {
    error: 'SHIP_NOT_READY',
    en: (p) => `${cap(drives(p.driveIds))} of job ${str(p.job)} ${be(p.driveIds)} still missing from the box`,
  },
  DRIVES_NOT_RETURNING: {
    error: 'DRIVE_NOT_IN_JOB',
    en: (p) => `Not drives of job ${str(p.job)} waiting to go back: ${list(p.driveIds).join(', ')}`,
  },

  // ---- drives -----------------------------------------------------------------------------------
  DRIVE_STATE: { en: (p) => `${cap(drives(p.driveIds))}: ${str(p.state)}, not ${either(p.needs)}` },
  DRIVE_NOT_IN_JOB: { error: 'DRIVE_NOT_IN_JOB', en: (p) => `${cap(drives(p.driveIds))}: not a drive of job ${str(p.job)}` },
  DRIVE_NOT_LISTED: { en: (p) => `${cap(drives(p.driveIds))}: not on the job's list (extra drives and drives of no job are not copied)` },
  DRIVE_HELD: { en: (p) => `${cap(drives(p.driveIds))}: held, and a held drive is not processed` },
  DRIVE_OF_NO_JOB: { en: (p) => `${cap(drives(p.driveIds))}: of no job` },
  DRIVE_NOT_HELD: {
    error: 'DRIVE_NOT_HELD',
    en: (p) => `Not held: ${list(p.driveIds).join(', ')}. Drives of a ready job go back through the job's own shipment`,
  },
  DRIVE_NOT_AT_DOCK: {
    error: 'DRIVE_NOT_HELD',
    en: (p) => `${cap(drives(p.driveIds))} never reached the dock: only drives at the dock are held, returned or destroyed`,
  },
  HELD_RETURN_NOT_DUE: {
    error: 'RETURN_NOT_DUE',
    en: (p) => `${cap(drives(p.driveIds))}: held since ${str(p.since)}, return due on ${str(p.due)}; until then contact the customer`,
  },
  DRIVE_NOT_DESTROYABLE: {
    error: 'DRIVE_NOT_HELD',
    en: (p) =>
      `${cap(drives(p.driveIds))}: neither held nor of a job whose contact could not be reached about a wrong or missing return address, so not destroyed`,
  },
  DRIVE_NOT_MOVABLE: {
    error: 'DRIVE_NOT_MOVABLE',
    en: (p) =>
      `${cap(drives(p.driveIds))}: ${str(p.state)}${p.held ? ', held' : ''}; only a drive received and not yet copied or held ` +
      'is moved to another box',
  },
  DRIVE_IN_BOX_ALREADY: {
    error: 'DRIVE_NOT_MOVABLE',
    en: (p) => `${cap(drives(p.driveIds))} ${be(p.driveIds)} recorded in package ${str(p.trackingNumber)} already`,
  },
  COPY_STATUS_NOT_CLEAN: { en: (p) => `Copy status ${str(p.copyStatus) || 'none'}: only a clean copy (Completed) ends Completed` },
  COPY_STATUS_CLEAN: { en: () => 'A clean copy (Completed) ends Completed, not CompletedMoreInfo' },
  COPY_NOT_CORRECTABLE: {
    error: 'COPY_NOT_ALLOWED',
    en: (p) =>
      `${cap(drives(p.driveIds))}: ${p.job ? `job ${str(p.job)} is ${str(p.state)}` : 'of no job'}; ` +
      'a copy result is corrected only while its job is Transferring or Packaging',
  },

  // ---- packages ---------------------------------------------------------------------------------
  PACKAGE_STATE: { error: 'PACKAGE_NOT_OPEN', en: (p) => `Package ${str(p.trackingNumber)} is ${str(p.state)}, not ${either(p.needs)}` },
  ANOTHER_PACKAGE_OPEN: {
    error: 'ANOTHER_PACKAGE_OPEN',
    en: (p) => `Package ${str(p.open)} is still open at this station: close it first`,
  },
  BOX_NOT_OPEN_HERE: {
    error: 'PACKAGE_NOT_OPEN',
    en: (p) => `Package ${str(p.trackingNumber)} is not the package open at this station${p.open ? ` (${str(p.open)} is)` : ''}`,
  },
  NOTHING_TO_RELEASE: {
    en: (p) => `Nothing in package ${str(p.trackingNumber)} can be released: its jobs are still Creating, ended or unknown`,
  },
  JOB_FAULTED_IN_BOX: {
    en: (p) => `Job ${str(p.job)} is Faulted: resolve it before closing its package ${str(p.trackingNumber)}, so its drives are counted`,
  },

  // ---- the tables themselves --------------------------------------------------------------------
  CLOCK_NOT_TRUSTED: {
    en: (p) =>
      str(p.state) === 'behind'
        ? "Not now: this computer's clock is behind the station's last record; nothing is recorded until it is set right"
        : "Not now: this computer's clock jumped ahead; nothing is recorded until a person confirms the date on the Exceptions screen",
  },
  NO_SUCH_EDGE: { en: (p) => `A ${str(p.subject)} in ${str(p.from)} cannot go to ${str(p.to)} by ${str(p.trigger)}` },
} as const satisfies Record<string, RuleDef>;

export type RuleCode = keyof typeof RULES;
export const RULE_CODES = Object.keys(RULES) as RuleCode[];

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function reason(code: RuleCode, params: ReasonParams = {}): Reason {
  return { code, params };
}

/** The English of a reason, for logs, the API's message and tests. */
export function reasonMessage(r: Reason): string {
  return (RULES[r.code] as RuleDef).en(r.params);
}

export function refusal(r: Reason): Refusal {
  return { code: r.code, params: r.params, message: reasonMessage(r) };
}

/** The error a refusal throws: the rule's own code where it has one, else the action's. */
export function refusalError(r: Reason, actionError: ErrorCode): IntakeError {
  const code = (RULES[r.code] as RuleDef).error ?? actionError;
  return new IntakeError(code, `${reasonMessage(r)}.`, { rule: r.code, params: r.params });
}
