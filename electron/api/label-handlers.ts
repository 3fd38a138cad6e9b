// The label operations of the contract: draw the label from the records (electron/core/labels), then hand
// it to an output (PDF, ZPL printer, system printer). Kept apart from dispatcher.ts, which spreads these in.
import type { Intake } from '../core/intake.ts';
import { renderLabel, MIME_TYPES, type LabelRequest } from '../core/labels/index.ts';
import { PrinterError } from '../core/labels/errors.ts';
import type { LabelOutputs } from '../core/labels/outputs.ts';
import type { Output, ParsedInput } from './contract.ts';
import type { SettingsStore } from './settings-schema.ts';

type LabelOps = 'labels.render' | 'labels.sendZpl' | 'labels.print';
type LabelHandlers = { [K in LabelOps]: (input: ParsedInput<K>) => Promise<Output<K>> };

export interface LabelHandlerOptions {
  intake: Intake;
  settings: SettingsStore;
  /** How labels leave the station. When absent, plain Node loads Chromium and TCP outputs on first use. */
  labels?: LabelOutputs | undefined;
}

function request(i: ParsedInput<'labels.sendZpl'>): LabelRequest {
  return {
    kind: i.kind, jobName: i.jobName, driveId: i.driveId, returnTrackingNumber: i.returnTrackingNumber,
    carrierName: i.carrierName, carrierAccountNumber: i.carrierAccountNumber, driveIds: i.driveIds, address: i.address,
  };
}

export function labelHandlers(o: LabelHandlerOptions): LabelHandlers {
  let loaded: Promise<LabelOutputs> | null = null;
  const outputs = (): Promise<LabelOutputs> => {
    if (o.labels) return Promise.resolve(o.labels);
    if (process.versions.electron) {
      return Promise.reject(new PrinterError('LABELS_UNAVAILABLE', 'This station was started without label printing; restart the app, and report it if it repeats.'));
    }
    // a variable specifier keeps Chromium's driver out of any bundle that does not need it
    const spec = '../labels/outputs-node.ts';
    loaded ??= (import(spec) as Promise<typeof import('../labels/outputs-node.ts')>).then((m) => m.nodeLabelOutputs());
    return loaded;
  };

  return {
    'labels.render': async (i) => {
      const format = i.format ?? 'pdf';
      const doc = renderLabel(o.intake, o.settings.get(), request(i), format);
      let bytes: Uint8Array;
      if (format === 'zpl') bytes = Buffer.from(doc.zpl!, 'utf8');
      else if (format === 'html') bytes = Buffer.from(doc.html!, 'utf8');
      else bytes = await (await outputs()).pdf(doc.html!, doc.size);
      return {
        filename: doc.filename, mimeType: MIME_TYPES[format], base64: Buffer.from(bytes).toString('base64'),
        kind: doc.data.kind, format, pageSize: { widthIn: doc.size.widthIn, heightIn: doc.size.heightIn },
      };
    },
    'labels.sendZpl': async (i) => {
      const printer = o.settings.get().zplPrinter;
      if (!printer || !printer.host.trim()) throw new PrinterError('PRINTER_NOT_SET', 'No ZPL label printer is set: enter its address and port in Settings, or print the PDF.');
      const doc = renderLabel(o.intake, o.settings.get(), request(i), 'zpl');
      const sent = await (await outputs()).sendZpl({ host: printer.host, port: printer.port }, doc.zpl!);
      return { bytes: sent.bytes, printer: `${printer.host}:${printer.port}` };
    },
    'labels.print': async (i) => {
      const out = await outputs();
      if (!out.print) throw new PrinterError('LABELS_UNAVAILABLE', 'Printing to a system printer is done by the desktop app; here, open the PDF and print it, or send it to the ZPL printer.');
      const saved = o.settings.get().labelPrinter;
      const doc = renderLabel(o.intake, o.settings.get(), request(i), 'html');
      await out.print(doc.html!, doc.size, { deviceName: saved, silent: saved !== null });
      return { printer: saved, silent: saved !== null };
    },
  };
}
