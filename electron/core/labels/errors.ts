// Printing failures, with stable codes the screens translate. The shipment stays unshipped until the label
// is out, so every one of these says what to check and that a reprint is possible.

export const PRINTER_ERROR_CODES = [
  'PRINTER_NOT_SET', 'PRINTER_UNREACHABLE', 'PRINTER_TIMEOUT', 'PRINTER_REFUSED', 'PRINTER_FAILED', 'LABELS_UNAVAILABLE',
] as const;
export type PrinterErrorCode = (typeof PRINTER_ERROR_CODES)[number];

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
