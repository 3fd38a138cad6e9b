// Label outputs in plain Node (the station server, the label command, tests): PDF through Chromium, ZPL over
// TCP. No system printing here: the browser prints the PDF.
import type { LabelOutputs } from '../core/labels/outputs.ts';
import { sharedPdfRenderer } from './pdf.ts';
import { sendZpl } from './zpl-send.ts';

export function nodeLabelOutputs(): LabelOutputs {
  return {
    pdf: (html, size) => sharedPdfRenderer().render(html, size),
    sendZpl: (target, zpl) => sendZpl(target, zpl),
  };
}
