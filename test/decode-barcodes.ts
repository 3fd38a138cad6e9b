// The project's barcode proof: shared/tools/decode-barcodes (poppler-utils + zbar-tools) decodes every barcode
// of a label PDF or image. Found beside the checkout (CI clones the repo with shared/ next to it), at the
// workplace's own path, or where DECODE_BARCODES names it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const repo = join(import.meta.dirname, '..');
export const decodeBarcodesCandidates: readonly string[] = [
  process.env.DECODE_BARCODES,
  join(repo, '..', 'shared', 'tools', 'decode-barcodes'),
  '/work/shared/tools/decode-barcodes',
].filter((p): p is string => Boolean(p));

export const decodeBarcodesTool: string = decodeBarcodesCandidates.find((p) => existsSync(p)) ?? decodeBarcodesCandidates[0]!;

/** Every barcode in the file, as `TYPE:DATA` lines (e.g. `CODE-128:1Z999AA10123456784`). */
export function decodeBarcodes(file: string, dpi?: number): string[] {
  if (!existsSync(decodeBarcodesTool))
    throw new Error(`decode-barcodes not found (looked in ${decodeBarcodesCandidates.join(', ')}); set DECODE_BARCODES`);
  return execFileSync(decodeBarcodesTool, dpi ? [file, String(dpi)] : [file], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
}
