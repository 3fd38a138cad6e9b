// A test's own connection to a station's store file. The station's store keeps its connection to itself; WAL
// lets a second connection read everything committed, so a test dumps, checks or sets the scene through this.
import { DatabaseSync } from 'node:sqlite';

const readers = new Map<string, DatabaseSync>();

/** A read-only connection to the store file at `path`, kept open for the rest of the test run. */
export function readStore(path: string): DatabaseSync {
  let db = readers.get(path);
  if (!db || !db.isOpen) {
    db = new DatabaseSync(path, { readOnly: true });
    readers.set(path, db);
  }
  return db;
}

/** A writable connection, for a test that must put the file in a state no operation makes; the caller closes it. */
export function writeStore(path: string): DatabaseSync {
  const db = new DatabaseSync(path);
  db.exec('PRAGMA busy_timeout = 5000');
  return db;
}

/** Every table of the store, rows sorted, and its schema version: two dumps are equal when the stores are. */
export function dumpTables(path: string): Record<string, string[]> {
  const db = readStore(path);
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
  const out: Record<string, string[]> = {};
  for (const { name } of tables)
    out[name] = db
      .prepare(`SELECT * FROM "${name}"`)
      .all()
      .map((r) => JSON.stringify(r))
      .sort();
  return out;
}
