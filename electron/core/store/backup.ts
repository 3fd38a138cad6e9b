// A backup of the store: SQLite's online backup to a file beside the target, checked (integrity_check, schema
// version, last custody record) through its own connection, then renamed into place, so a file at the target
// is always a whole, checked copy. The station keeps scanning meanwhile.
import { DatabaseSync } from 'node:sqlite';
import { closeSync, existsSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fail } from '../errors.ts';
import type { DockStore } from './types.ts';

export interface BackupResult {
  path: string;
  bytes: number;
  pages: number;
  /** The newest custody record the copy holds: everything recorded up to it is in the backup. */
  lastSeq: number;
  version: number;
  integrity: 'ok';
}

/** What a store file holds, read through a read-only connection of its own: integrity, version, last record. */
export function inspectStoreFile(path: string): { integrity: string; version: number; lastSeq: number } {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const rows = db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[];
    const integrity = rows.map((r) => r.integrity_check).join('; ');
    const version = Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
    const hasCustody = db.prepare("SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = 'custody'").get();
    const lastSeq = hasCustody ? Number((db.prepare('SELECT max(seq) AS s FROM custody').get() as { s: number | null }).s ?? 0) : 0;
    return { integrity, version, lastSeq };
  } finally {
    db.close();
  }
}

export async function backupStore(store: DockStore, target: string): Promise<BackupResult> {
  const path = resolve(target);
  const own = resolve(store.path);
  if (store.path === ':memory:') fail('BACKUP_TARGET_INVALID', 'A store in memory has no file to back up.', { message: 'in memory' });
  if ([own, `${own}-wal`, `${own}-shm`, `${own}-journal`].includes(path)) {
    fail('BACKUP_TARGET_INVALID', `${path} is the station's own store: a backup goes to another file.`, { message: basename(path) });
  }
  if (!existsSync(dirname(path)) || !statSync(dirname(path)).isDirectory()) {
    fail('BACKUP_TARGET_INVALID', `The folder ${dirname(path)} does not exist.`, { message: dirname(path) });
  }
  if (existsSync(path) && statSync(path).isDirectory()) fail('BACKUP_TARGET_INVALID', `${path} is a folder.`, { message: path });
  const partial = `${path}.partial-${process.pid}-${Date.now()}`;
  try {
    // the copy holds every BitLocker key: it is the account's alone from its first byte, wherever it is written
    closeSync(openSync(partial, 'wx', 0o600));
    const { pages } = await store.backup(partial);
    // the copy is a file on its own: no WAL beside it to lose when it is copied, mailed or restored
    const copy = new DatabaseSync(partial);
    try {
      copy.exec('PRAGMA journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const check = inspectStoreFile(partial);
    if (check.integrity !== 'ok')
      fail('BACKUP_FAILED', `The copy did not pass its integrity check: ${check.integrity}`, { message: check.integrity });
    renameSync(partial, path);
    return { path, bytes: statSync(path).size, pages, lastSeq: check.lastSeq, version: check.version, integrity: 'ok' };
  } catch (e) {
    rmSync(partial, { force: true });
    if (e instanceof Error && e.name === 'IntakeError') throw e;
    fail('BACKUP_FAILED', `The backup to ${path} failed: ${e instanceof Error ? e.message : String(e)}`, {
      message: e instanceof Error ? e.message : String(e),
    });
  }
}
