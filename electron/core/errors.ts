// Every refusal the station can answer has a stable code and a plain message; screens translate by code.
// This table is the only list of codes: the core's errors, the printer's errors, the transports' refusals,
// the contract's error body and the screens' translations all take their codes from it, so a code missing
// here does not compile. Each code's HTTP status says what kind of refusal it is:
//   400 the request itself is malformed (bad input: fix what was typed or sent)
//   409 the request is fine but the moment is not (a conflict with the state things are in)
//   403 the person may not do this (a wrong PIN, an operator who is not a supervisor)
//   422 the request asks for something the dock's records do not allow (unknown job, foreign drive…)
//   401/403/404/405/413/415/431 the transport's own refusals (token, origin, path, size…)
//   5xx the station or a device failed; nothing acknowledged is lost, and the message says what to do

/** Who raises a code: the core's rules, the label printers, the station's transports, or the page's client. */
type Origin = 'rules' | 'printer' | 'transport' | 'client';

const badInput = <O extends Origin>(from: O) => ({ from, status: 400 }) as const;
const conflict = <O extends Origin>(from: O) => ({ from, status: 409 }) as const;
const refused = <O extends Origin>(from: O) => ({ from, status: 422 }) as const;
const forbidden = <O extends Origin>(from: O) => ({ from, status: 403 }) as const;
const transport = <S extends 401 | 403 | 404 | 405 | 413 | 415 | 431>(status: S) => ({ from: 'transport', status }) as const;
const fault = <O extends Origin, S extends 500 | 502 | 503 | 504 | 507>(from: O, status: S) => ({ from, status }) as const;

export const ERRORS = {
  // ---- the core's rules
  BAD_INPUT: badInput('rules'),
  SCAN_EMPTY: badInput('rules'),
  SCAN_TOO_LONG: badInput('rules'),
  SCAN_BAD_CHARACTERS: badInput('rules'),
  SCAN_NOT_ASCII: refused('rules'),
  NO_OPEN_PACKAGE: conflict('rules'),
  PACKAGE_NOT_OPEN: conflict('rules'),
  PACKAGE_ALREADY_RECEIVED: conflict('rules'),
  PACKAGE_ALREADY_OPEN: conflict('rules'),
  DRIVE_ALREADY_SCANNED: conflict('rules'),
  CODE_IS_TRACKING: refused('rules'),
  CODE_IS_JOB: refused('rules'),
  CODE_IS_BADGE: refused('rules'),
  ANOTHER_PACKAGE_OPEN: conflict('rules'),
  RETURN_NOT_DUE: conflict('rules'),
  PACKAGE_UNKNOWN: refused('rules'),
  JOB_UNKNOWN: refused('rules'),
  JOB_EXISTS: conflict('rules'),
  JOB_DELETED: conflict('rules'),
  JOB_NOT_IN_PACKAGE: refused('rules'),
  AMBIGUOUS_JOB: refused('rules'),
  DRIVE_UNKNOWN: refused('rules'),
  DRIVE_IN_ANOTHER_JOB: conflict('rules'),
  DRIVE_NOT_IN_JOB: refused('rules'),
  TOO_MANY_DRIVES: refused('rules'),
  TRANSITION_FORBIDDEN: conflict('rules'),
  GUARD_FAILED: conflict('rules'),
  ADDRESS_INCOMPLETE: refused('rules'),
  DELIVERY_PACKAGE_INCOMPLETE: refused('rules'),
  CANCEL_TOO_LATE: conflict('rules'),
  ALREADY_CANCELLED: conflict('rules'),
  NOTHING_TO_UNDO: conflict('rules'),
  UNDO_SUPERSEDED: conflict('rules'),
  // a box closed by the next box's scan: its NeverReceived drives are confirmed first
  CLOSE_NOT_CONFIRMED: conflict('rules'),
  // a serial on no list, asked before it is recorded as an extra drive (labels carry model and WWN barcodes too)
  UNLISTED_NOT_CONFIRMED: conflict('rules'),
  DRIVE_NOT_MOVABLE: conflict('rules'),
  IMPORT_INVALID: refused('rules'),
  IMPORT_TOO_LARGE: refused('rules'),
  // a job of an import refused by itself (the rest of the file is still taken), or the import as previewed
  IMPORT_NOT_JSON: refused('rules'),
  IMPORT_EMPTY: refused('rules'),
  IMPORT_JOB_TWICE: refused('rules'),
  IMPORT_JOB_TOO_LATE: refused('rules'),
  IMPORT_EXPORT_LISTS_DRIVES: refused('rules'),
  IMPORT_DRIVE_TOO_LATE: refused('rules'),
  IMPORT_DRIVE_TWICE: refused('rules'),
  IMPORT_STALE: conflict('rules'),
  RESTORE_CONFLICT: conflict('rules'),
  BACKUP_TARGET_INVALID: refused('rules'),
  BACKUP_FAILED: fault('rules', 500),
  COPY_NOT_ALLOWED: conflict('rules'),
  SHIP_NOT_READY: conflict('rules'),
  DRIVE_NOT_HELD: conflict('rules'),
  WITNESS_IS_OPERATOR: refused('rules'),
  WITNESS_UNKNOWN: refused('rules'),
  // the station's clock: behind its last record, or jumped further than time passed (a person confirms the date)
  CLOCK_BEHIND: conflict('rules'),
  CLOCK_JUMPED: conflict('rules'),
  CLOCK_DATE_MISMATCH: refused('rules'),
  CLOCK_NOT_HELD: conflict('rules'),
  NOT_FOUND: refused('rules'),
  // ---- the station's own setup: settings are a supervisor's, behind their PIN
  PIN_REQUIRED: badInput('rules'),
  PIN_WRONG: forbidden('rules'),
  NOT_SUPERVISOR: forbidden('rules'),
  SETUP_DONE: conflict('rules'),
  STATION_NOT_EMPTY: conflict('rules'),
  OPERATOR_DUPLICATE: refused('rules'),
  SUPERVISOR_WITHOUT_PIN: refused('rules'),
  LAST_SUPERVISOR: conflict('rules'),
  STORE_FULL: fault('rules', 507),
  STORE_DAMAGED: fault('rules', 500),
  STORE_DISK_ERROR: fault('rules', 503),
  STORE_TOO_NEW: fault('rules', 500),
  STORE_UNREACHABLE: fault('rules', 503),
  // ---- label printing: the shipment stays unshipped until its label is out, so each says what to check
  PRINTER_NOT_SET: conflict('printer'),
  PRINTER_UNREACHABLE: fault('printer', 502),
  PRINTER_TIMEOUT: fault('printer', 504),
  PRINTER_REFUSED: fault('printer', 502),
  PRINTER_FAILED: fault('printer', 502),
  LABELS_UNAVAILABLE: fault('printer', 503),
  // ---- the transports (dispatcher, HTTP server, IPC)
  NOT_JSON: badInput('transport'),
  MALFORMED_REQUEST: badInput('transport'),
  TOKEN_REQUIRED: transport(401),
  TOKEN_WRONG: transport(401),
  TICKET_REQUIRED: badInput('transport'),
  TICKET_WRONG: transport(401),
  TICKET_USED: transport(401),
  TICKET_EXPIRED: transport(401),
  FOREIGN_HOST: transport(403),
  FOREIGN_ORIGIN: transport(403),
  FOREIGN_SENDER: transport(403),
  UNKNOWN_OPERATION: transport(404),
  NO_SUCH_PATH: transport(404),
  METHOD_NOT_ALLOWED: transport(405),
  BODY_TOO_LARGE: transport(413),
  UNSUPPORTED_MEDIA_TYPE: transport(415),
  HEADERS_TOO_LARGE: transport(431),
  INTERNAL: fault('transport', 500),
  // ---- the page's HTTP client, when no answer from the station can be read (the status a proxy would give)
  STATION_UNREACHABLE: fault('client', 503),
  BAD_REPLY: fault('client', 502),
} as const;

export type AnyErrorCode = keyof typeof ERRORS;
/** The codes raised by `from`. */
export type CodeFrom<O extends Origin> = { [K in AnyErrorCode]: (typeof ERRORS)[K]['from'] extends O ? K : never }[AnyErrorCode];
/** The codes the core's rules raise (`IntakeError`). */
export type ErrorCode = CodeFrom<'rules'>;
export type ErrorStatus = (typeof ERRORS)[AnyErrorCode]['status'];

export const ERROR_CODES = Object.keys(ERRORS) as AnyErrorCode[];
/** The codes of the core's rules, in table order. */
export const RULE_ERROR_CODES = ERROR_CODES.filter((c): c is ErrorCode => ERRORS[c].from === 'rules');

export function isErrorCode(code: string): code is AnyErrorCode {
  return Object.prototype.hasOwnProperty.call(ERRORS, code);
}

/** The HTTP status of a code. Only a value smuggled past the types can miss the table: that is the station's fault. */
export function statusOf(code: string): number {
  return isErrorCode(code) ? ERRORS[code].status : 500;
}

export class IntakeError extends Error {
  readonly code: ErrorCode;
  readonly detail: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message: string, detail?: Record<string, unknown>) {
    super(message);
    this.name = 'IntakeError';
    this.code = code;
    this.detail = detail;
  }
  toJSON(): { code: ErrorCode; message: string; detail?: Record<string, unknown> } {
    return this.detail ? { code: this.code, message: this.message, detail: this.detail } : { code: this.code, message: this.message };
  }
}

export function fail(code: ErrorCode, message: string, detail?: Record<string, unknown>): never {
  throw new IntakeError(code, message, detail);
}

/**
 * A value sent from outside, as a refusal quotes it: text, a number or true/false as it is; anything else by
 * its kind, since an object would read "[object Object]" and a list would pass for the text inside it.
 */
export function shown(v: unknown): string {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v === null || v === undefined) return String(v);
  return Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}
