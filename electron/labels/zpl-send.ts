// Raw ZPL to a network label printer (the "raw" port, 9100 by default). Nothing but the printer is contacted.
// A printer that cannot be found, says no, or stops answering gets a PrinterError with a stable code.
import { connect } from 'node:net';
import { PrinterError } from '../core/labels/errors.ts';

export const DEFAULT_ZPL_PORT = 9100;
export const DEFAULT_ZPL_TIMEOUT_MS = 5000;

export interface ZplTarget {
  host: string;
  port?: number;
  /** Connecting plus writing must finish within this. */
  timeoutMs?: number;
}

/** Sends the whole label and waits until every byte is written to the printer's connection. */
export function sendZpl(target: ZplTarget, zpl: string): Promise<{ bytes: number }> {
  const host = target.host.trim();
  const port = target.port ?? DEFAULT_ZPL_PORT;
  const timeoutMs = target.timeoutMs ?? DEFAULT_ZPL_TIMEOUT_MS;
  const where = `${host}:${port}`;
  if (!host) return Promise.reject(new PrinterError('PRINTER_NOT_SET', 'No ZPL printer is set: enter its address in Settings.'));
  const data = Buffer.from(zpl, 'utf8');
  return new Promise((resolve, reject) => {
    let connected = false;
    let settled = false;
    const socket = connect({ host, port });
    const finish = (err: PrinterError | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.removeAllListeners('data');
      if (err) {
        socket.destroy();
        reject(err);
      } else {
        socket.destroy();
        resolve({ bytes: data.length });
      }
    };
    const timer = setTimeout(() => {
      finish(
        new PrinterError(
          'PRINTER_TIMEOUT',
          connected
            ? `The label printer at ${where} stopped taking data after ${timeoutMs} ms: check it has labels and is not paused, then print again.`
            : `The label printer at ${where} did not answer within ${timeoutMs} ms: check it is on and on the network, then print again.`,
          { host, port, timeoutMs },
        ),
      );
    }, timeoutMs);
    socket.on('connect', () => {
      connected = true;
      // end() sends the label and half-closes. Raw printers send no acknowledgement: once every byte is
      // written the job is the printer's; wait a moment for it to close its side, then let go.
      socket.end(data, () => {
        setTimeout(() => finish(null), 250).unref();
      });
    });
    // a printer's status reply is not needed; reading keeps the socket flowing
    socket.on('data', () => {});
    socket.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ECONNREFUSED')
        finish(
          new PrinterError(
            'PRINTER_REFUSED',
            `The label printer at ${where} refused the connection: check the port (raw printing is usually ${DEFAULT_ZPL_PORT}) and that it accepts raw jobs.`,
            { host, port },
          ),
        );
      else if (e.code === 'ETIMEDOUT')
        finish(
          new PrinterError(
            'PRINTER_TIMEOUT',
            `The label printer at ${where} did not answer: check it is on and on the network, then print again.`,
            { host, port, timeoutMs },
          ),
        );
      else if (e.code === 'ECONNRESET' || e.code === 'EPIPE')
        finish(
          new PrinterError(
            'PRINTER_REFUSED',
            `The label printer at ${where} closed the connection before the label was sent: print again.`,
            { host, port },
          ),
        );
      else
        finish(
          new PrinterError(
            'PRINTER_UNREACHABLE',
            `The label printer at ${where} cannot be reached (${e.code ?? 'network error'}): check its address in Settings.`,
            { host, port, cause: e.code ?? null },
          ),
        );
    });
    socket.on('close', (hadError) => {
      if (!hadError) {
        if (connected) finish(null);
        else finish(new PrinterError('PRINTER_UNREACHABLE', `The label printer at ${where} cannot be reached.`, { host, port }));
      }
    });
  });
}
