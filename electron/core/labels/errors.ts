// Printing failures, with stable codes (from the one table of codes) the screens translate. The shipment
// stays unshipped until the label is out, so every one of these says what to check and that a reprint is possible.
import { ERROR_CODES, ERRORS, type CodeFrom } from '../errors.ts';

export type PrinterErrorCode = CodeFrom<'printer'>;
export const PRINTER_ERROR_CODES = ERROR_CODES.filter((c): c is PrinterErrorCode => ERRORS[c].from === 'printer');

export class PrinterError extends Error {
  readonly code: PrinterErrorCode;
  readonly detail: Record<string, unknown> | undefined;
  constructor(code: PrinterErrorCode, message: string, detail?: Record<string, unknown>) {
    super(message);
    this.name = 'PrinterError';
    this.code = code;
    this.detail = detail;
  }
  toJSON(): { code: PrinterErrorCode; message: string; detail?: Record<string, unknown> } {
    return this.detail ? { code: this.code, message: this.message, detail: this.detail } : { code: this.code, message: this.message };
  }
}
