// The label operations of the contract: draw the label from the records (electron/core/labels), then hand
// it to an output (PDF, ZPL printer, system printer). Printing changes nothing, so these need no operator.
import { z } from 'zod';
import { renderLabel, MIME_TYPES, type LabelRequest } from '../core/labels/index.ts';
import { PrinterError } from '../core/labels/errors.ts';
import type { LabelOutputs } from '../core/labels/outputs.ts';
import { code, define, name, query } from './operation.ts';

/** Which label, for which job or drive. The return tracking number and carrier come from the Packaging screen. */
const labelRequest = {
  kind: z.enum(['return', 'held-return', 'drive-tag', 'destruction']),
  jobName: name.optional(),
  driveId: code.optional(),
  returnTrackingNumber: code.optional(),
  carrierName: z.string().max(64).optional(),
  carrierAccountNumber: z.string().max(64).optional(),
  driveIds: z.array(code).max(200).optional(),
  /** held-return: the address typed for held drives of no job (or of a job without a complete one). */
  address: z.record(z.string(), z.string().max(254)).optional(),
};
const labelRequestSchema = query(labelRequest);
const labelFileSchema = query({ ...labelRequest, format: z.enum(['pdf', 'html', 'zpl']).optional() });

/** A rendered label: the file's bytes in base64, ready to save, show or print. */
export interface LabelFile {
  filename: string;
  mimeType: string;
  base64: string;
  kind: LabelRequest['kind'];
  format: 'pdf' | 'html' | 'zpl';
  pageSize: { widthIn: number; heightIn: number };
}

function request(i: z.output<typeof labelRequestSchema>): LabelRequest {
  return {
    kind: i.kind,
    jobName: i.jobName,
    driveId: i.driveId,
    returnTrackingNumber: i.returnTrackingNumber,
    carrierName: i.carrierName,
    carrierAccountNumber: i.carrierAccountNumber,
    driveIds: i.driveIds,
    address: i.address,
  };
}

/** The label outputs a station uses: the ones it was given, or (plain Node only) Chromium and TCP on first use. */
export function labelOutputsLoader(given: LabelOutputs | undefined): () => Promise<LabelOutputs> {
  let loaded: Promise<LabelOutputs> | null = null;
  return () => {
    if (given) return Promise.resolve(given);
    if (process.versions.electron) {
      return Promise.reject(
        new PrinterError(
          'LABELS_UNAVAILABLE',
          'This station was started without label printing; restart the app, and report it if it repeats.',
        ),
      );
    }
    // a variable specifier keeps Chromium's driver out of any bundle that does not need it
    const spec = '../labels/outputs-node.ts';
    loaded ??= (import(spec) as Promise<typeof import('../labels/outputs-node.ts')>).then((m) => m.nodeLabelOutputs());
    return loaded;
  };
}

export const labelOperations = {
  'labels.render': define(labelFileSchema, async (i, ctx): Promise<LabelFile> => {
    const format = i.format ?? 'pdf';
    const doc = renderLabel(ctx.intake, ctx.settings.get(), request(i), format);
    let bytes: Uint8Array;
    if (format === 'zpl') bytes = Buffer.from(doc.zpl!, 'utf8');
    else if (format === 'html') bytes = Buffer.from(doc.html!, 'utf8');
    else bytes = await (await ctx.labelOutputs()).pdf(doc.html!, doc.size);
    return {
      filename: doc.filename,
      mimeType: MIME_TYPES[format],
      base64: Buffer.from(bytes).toString('base64'),
      kind: doc.data.kind,
      format,
      pageSize: { widthIn: doc.size.widthIn, heightIn: doc.size.heightIn },
    };
  }),
  'labels.sendZpl': define(labelRequestSchema, async (i, ctx) => {
    const printer = ctx.settings.get().zplPrinter;
    if (!printer || !printer.host.trim()) {
      throw new PrinterError('PRINTER_NOT_SET', 'No ZPL label printer is set: enter its address and port in Settings, or print the PDF.');
    }
    const doc = renderLabel(ctx.intake, ctx.settings.get(), request(i), 'zpl');
    const sent = await (await ctx.labelOutputs()).sendZpl({ host: printer.host, port: printer.port }, doc.zpl!);
    return { bytes: sent.bytes, printer: `${printer.host}:${printer.port}` };
  }),
  'labels.print': define(labelRequestSchema, async (i, ctx) => {
    const out = await ctx.labelOutputs();
    if (!out.print) {
      throw new PrinterError(
        'LABELS_UNAVAILABLE',
        'Printing to a system printer is done by the desktop app; here, open the PDF and print it, or send it to the ZPL printer.',
      );
    }
    const saved = ctx.settings.get().labelPrinter;
    const doc = renderLabel(ctx.intake, ctx.settings.get(), request(i), 'html');
    await out.print(doc.html!, doc.size, { deviceName: saved, silent: saved !== null });
    return { printer: saved, silent: saved !== null };
  }),
};
