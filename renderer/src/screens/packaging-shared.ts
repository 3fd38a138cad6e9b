// What the two boxes of the Packaging screen (a job's return box, and the return box of held drives) share:
// the answer shown after each scan or click, and label files turned into something the page can show.
import type { CoreError } from '../i18n.ts';
import type { Sound } from '../sounds.ts';
import type { LabelFile } from '../../../electron/api/contract.ts';
import type { PackKey } from './packaging-i18n.ts';

export type Tone = 'accepted' | 'warning' | 'notice' | 'rejected';
export interface Note {
  tone: Tone;
  key: PackKey;
  params?: Record<string, string | number>;
  error?: CoreError;
  /** Return address fields named by the note, put in words in the language shown (as `{fields}`). */
  fields?: string[];
}
export type Say = (n: Note) => void;

export const SOUND: Record<Tone, Sound> = { accepted: 'accepted', warning: 'otherJob', notice: 'notice', rejected: 'rejected' };

export function blobUrl(file: LabelFile): string {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
}
