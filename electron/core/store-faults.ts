// When the store itself fails, staff need to know which failure it is: a full disk is fixed by freeing space
// and doing it again; a damaged store file is not fixed by trying again, and must be restored.
import { IntakeError } from './errors.ts';

// SQLite's primary result codes (the low byte of an extended code)
const SQLITE_IOERR = 10;
const SQLITE_CORRUPT = 11;
const SQLITE_FULL = 13;
const SQLITE_NOTADB = 26;

/** A store failure as a refusal with a code and what to do; null for anything else. */
export function storeFault(e: unknown): IntakeError | null {
  if (!e || typeof e !== 'object' || (e as { code?: unknown }).code !== 'ERR_SQLITE_ERROR') return null;
  const primary = Number((e as { errcode?: unknown }).errcode) & 0xff;
  if (primary === SQLITE_FULL) {
    return new IntakeError(
      'STORE_FULL',
      "The disk that holds the station's data is full: this was not recorded, and everything " +
        'recorded before it is kept. Free space on that disk (or call IT), then do it again.',
    );
  }
  if (primary === SQLITE_IOERR) {
    // the operating system refused a read or write: a quota or file size limit reached, a disk unplugged or failing
    return new IntakeError(
      'STORE_DISK_ERROR',
      "The station's disk refused to read or write its store: this was not recorded, " +
        'and everything recorded before it is kept. Check that the disk is connected and not at a limit (or call IT), then do it again.',
    );
  }
  if (primary === SQLITE_CORRUPT || primary === SQLITE_NOTADB) {
    return new IntakeError(
      'STORE_DAMAGED',
      "The station's store file is damaged: this was not recorded, and trying again will not " +
        'help. Stop recording here, keep the drives where they are, note by hand what arrives, and call IT to restore the store ' +
        'from its last copy. Do not delete the file.',
    );
  }
  return null;
}
