// A BitLocker key wiped from a drive's record must be gone from the disk as well. SQLite keeps old bytes in two
// places: the free space of a page the row was rewritten in (zeroed by PRAGMA secure_delete, which the store
// sets), and the WAL, whose frames keep every earlier image of a page until the WAL is reset. So a
// transaction that wiped a key is followed by a checkpoint that truncates the WAL to nothing.
import type { DatabaseSync } from 'node:sqlite';

/**
 * Watches the drives table of `db` for a key that goes: set to NULL, replaced, or deleted with its row,
 * whichever operation does it. Returns a function that says whether that happened since it was last asked.
 * The triggers are TEMP: they live with this connection, never in the store file.
 */
export function watchKeyWipes(db: DatabaseSync): () => boolean {
  let wiped = false;
  db.function('dock_key_wiped', () => {
    wiped = true;
    return null;
  });
  db.exec(`
    CREATE TEMP TRIGGER IF NOT EXISTS dock_key_changed AFTER UPDATE OF bitlocker_key ON main.drives
      WHEN OLD.bitlocker_key IS NOT NULL AND NEW.bitlocker_key IS NOT OLD.bitlocker_key
      BEGIN SELECT dock_key_wiped(); END;
    CREATE TEMP TRIGGER IF NOT EXISTS dock_key_deleted AFTER DELETE ON main.drives
      WHEN OLD.bitlocker_key IS NOT NULL
      BEGIN SELECT dock_key_wiped(); END;
  `);
  return () => {
    const was = wiped;
    wiped = false;
    return was;
  };
}

/**
 * Copies the WAL into the store file and truncates it to zero bytes. False when a reader held it back (another
 * connection in the middle of a read): the caller tries again after its next commit.
 */
export function truncateWal(db: DatabaseSync): boolean {
  const r = db.prepare('PRAGMA wal_checkpoint(TRUNCATE)').get() as { busy: number } | undefined;
  return !r || Number(r.busy) === 0;
}
