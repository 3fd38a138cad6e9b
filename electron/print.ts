// Label output in the Electron app: the label document is loaded into a hidden, sandboxed window and printed
// by Chromium itself, either to a system printer (silent when a label printer is saved in settings) or to PDF.
// Thin on purpose: drawing the label is electron/core/labels; this only hands the page to Chromium. The
// page never touches the disk: it is served from memory at app://label/<id> in a session of its own
// (security-policy.ts says what that session may load), and forgotten when printed.
import { BrowserWindow, session, type Session } from 'electron';
import { randomUUID } from 'node:crypto';
import type { LabelOutputs, SystemPrinter } from './core/labels/outputs.ts';
import type { PageSize } from './core/labels/types.ts';
import { PrinterError } from './core/labels/errors.ts';
import { sendZpl } from './labels/zpl-send.ts';
import { APP_SCHEME, LABEL_CONTENT_SECURITY_POLICY, LABEL_PARTITION, labelIdOf, labelMayLoad, labelUrl } from './security-policy.ts';

const MICRONS_PER_INCH = 25_400;

/** Label documents waiting to be printed, by id; each is taken out once its window is done. */
const pages = new Map<string, string>();
let labelSession: Session | null = null;

/** The labels' own in-memory session: it answers app://label/<id> from `pages`, and loads nothing else. */
function labelsSession(): Session {
  if (labelSession) return labelSession;
  const ses = session.fromPartition(LABEL_PARTITION);
  ses.protocol.handle(APP_SCHEME, (request) => {
    const id = labelIdOf(request.url);
    const html = id === null ? undefined : pages.get(id);
    if (html === undefined) return new Response(null, { status: 404 });
    return new Response(html, {
      status: 200,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': LABEL_CONTENT_SECURITY_POLICY,
        'cache-control': 'no-store',
      },
    });
  });
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !labelMayLoad(details.url) }));
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  labelSession = ses;
  return ses;
}

/** Loads the label into a window nobody sees; no script, no preload, nothing but the page itself. */
async function labelWindow(html: string): Promise<{ win: BrowserWindow; done: () => void }> {
  const id = randomUUID();
  pages.set(id, html);
  const win = new BrowserWindow({
    show: false,
    webPreferences: {
      session: labelsSession(),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
      spellcheck: false,
      devTools: false,
    },
  });
  const done = () => {
    pages.delete(id);
    if (!win.isDestroyed()) win.destroy();
  };
  try {
    await win.loadURL(labelUrl(id));
  } catch (e) {
    done();
    throw e;
  }
  return { win, done };
}

export async function printLabelToPdf(html: string, size: PageSize): Promise<Uint8Array> {
  const { win, done } = await labelWindow(html);
  try {
    return await win.webContents.printToPDF({
      pageSize: { width: size.widthIn, height: size.heightIn },
      margins: { top: 0, bottom: 0, left: 0, right: 0 },
      printBackground: true,
      preferCSSPageSize: false,
    });
  } finally {
    done();
  }
}

/** Prints on a system printer: `deviceName` is the system's name of the printer (null: the default one). */
export async function printLabel(html: string, size: PageSize, o: { deviceName: string | null; silent: boolean }): Promise<void> {
  const { win, done } = await labelWindow(html);
  try {
    await new Promise<void>((resolve, reject) => {
      win.webContents.print(
        {
          silent: o.silent,
          printBackground: true,
          ...(o.deviceName ? { deviceName: o.deviceName } : {}),
          margins: { marginType: 'none' },
          pageSize: { width: Math.round(size.widthIn * MICRONS_PER_INCH), height: Math.round(size.heightIn * MICRONS_PER_INCH) },
        },
        (success, failureReason) => {
          if (success) resolve();
          else if (/cancel/i.test(failureReason))
            reject(
              new PrinterError('PRINTER_FAILED', 'Printing was cancelled; the label was not printed. Print again when ready.', {
                reason: failureReason,
              }),
            );
          else if (/invalid device|no printer|not found/i.test(failureReason))
            reject(
              new PrinterError(
                'PRINTER_UNREACHABLE',
                `The printer ${o.deviceName ?? '(default)'} is missing: choose a label printer in Settings.`,
                { reason: failureReason },
              ),
            );
          else
            reject(
              new PrinterError(
                'PRINTER_FAILED',
                `The printer ${o.deviceName ?? '(default)'} did not print the label (${failureReason}). Print again.`,
                { reason: failureReason },
              ),
            );
        },
      );
    });
  } finally {
    done();
  }
}

/** The system's printers, as Chromium sees them from the station's own window (or a hidden one). */
export async function listPrinters(): Promise<SystemPrinter[]> {
  const open = BrowserWindow.getAllWindows().find((w) => !w.isDestroyed());
  const win = open ?? new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, javascript: false } });
  try {
    const list = await win.webContents.getPrintersAsync();
    return list.map((p) => ({
      name: p.name,
      displayName: p.displayName || p.name,
      isDefault: Boolean((p as { isDefault?: boolean }).isDefault),
    }));
  } finally {
    if (!open) win.destroy();
  }
}

/** What main.ts passes to the dispatcher as `labels`. */
export function electronLabelOutputs(): LabelOutputs {
  return {
    pdf: printLabelToPdf,
    sendZpl: (target, zpl) => sendZpl(target, zpl),
    print: printLabel,
    printers: listPrinters,
  };
}
