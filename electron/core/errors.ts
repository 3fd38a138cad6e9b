// Every rejection the dock can meet has a stable code and a plain message. Screens translate by code.

export const ERROR_CODES = [
  'BAD_INPUT',
  'SCAN_EMPTY',
  'SCAN_TOO_LONG',
  'SCAN_BAD_CHARACTERS',
  'SCAN_NOT_ASCII',
  'NO_OPEN_PACKAGE',
  'PACKAGE_NOT_OPEN',
  'PACKAGE_ALREADY_RECEIVED',
  'PACKAGE_ALREADY_OPEN',
  'DRIVE_ALREADY_SCANNED',
  'CODE_IS_TRACKING',
  'ANOTHER_PACKAGE_OPEN',
  'PACKAGE_UNKNOWN',
  'JOB_UNKNOWN',
  'JOB_EXISTS',
  'JOB_DELETED',
  'JOB_NOT_IN_PACKAGE',
  'AMBIGUOUS_JOB',
  'DRIVE_UNKNOWN',
  'DRIVE_IN_ANOTHER_JOB',
  'DRIVE_NOT_IN_JOB',
  'TOO_MANY_DRIVES',
  'TRANSITION_FORBIDDEN',
  'GUARD_FAILED',
  'ADDRESS_INCOMPLETE',
  'DELIVERY_PACKAGE_INCOMPLETE',
  'CANCEL_TOO_LATE',
  'ALREADY_CANCELLED',
  'NOTHING_TO_UNDO',
  'UNDO_SUPERSEDED',
  'IMPORT_INVALID',
  'IMPORT_TOO_LARGE',
  'COPY_NOT_ALLOWED',
  'SHIP_NOT_READY',
  'DRIVE_NOT_HELD',
  'WITNESS_IS_OPERATOR',
  'WITNESS_UNKNOWN',
  'NOT_FOUND',
  'STORE_FULL',
  'STORE_DAMAGED',
  'STORE_DISK_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

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
