// Where a label goes, once drawn: the ways out the station has. The core only describes them; the Node
// implementation (electron/labels/outputs-node.ts) and the Electron one (electron/print.ts) provide them.
import type { PageSize } from './types.ts';

export interface LabelOutputs {
  /** The PDF of a label document, its pages exactly `size`, no margins. */
  pdf(html: string, size: PageSize): Promise<Uint8Array>;
  /** Raw ZPL to a network printer. */
  sendZpl(target: { host: string; port: number }, zpl: string): Promise<{ bytes: number }>;
  /** Prints on a system printer (the desktop app only). Silent when a label printer is chosen in settings. */
  print?(html: string, size: PageSize, o: { deviceName: string | null; silent: boolean }): Promise<void>;
  /** The system's printers (the desktop app only: a browser has no list of them to give). */
  printers?(): Promise<SystemPrinter[]>;
}

export interface SystemPrinter {
  /** The system's name, what printing is asked of. */
  name: string;
  /** What people call it. */
  displayName: string;
  isDefault: boolean;
}
