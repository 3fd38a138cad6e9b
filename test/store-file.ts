// A test's own connection to a station's store. The station's store keeps its connection to itself; a test
// dumps, checks or sets the scene through a second one: for a SQLite file WAL lets it read everything
// committed, and for a PostgreSQL database (its `path` is the database's URL) it is a second connection.
import { DatabaseSync, type SQLInputValue, type SQLOutputValue } from 'node:sqlite';
import { PgBridge } from '../electron/core/store/pg-bridge.ts';
import { toPostgres } from '../electron/core/store/postgres.ts';

/** What the tests read a store with: statements with `?` placeholders, rows as SQLite gives them. */
export interface StoreReader {
  prepare(sql: string): {
    get(...params: SQLInputValue[]): Record<string, SQLOutputValue> | undefined;
    all(...params: SQLInputValue[]): Record<string, SQLOutputValue>[];
  };
}

const readers = new Map<string, DatabaseSync>();
const pgReaders = new Map<string, PgBridge>();

/** Whether `path` names a PostgreSQL database rather than a SQLite file. */
export const isPostgres = (path: string) => /^postgres(ql)?:/.test(path);

function pgReader(url: string): StoreReader {
  let b = pgReaders.get(url);
  if (!b) {
    b = new PgBridge({
      url,
      timeoutMs: 30_000,
      connectTimeoutMs: 10_000,
      readOnly: true,
      listen: false,
      applicationName: 'dock test reader',
    });
    pgReaders.set(url, b);
  }
  const bridge = b;
  return {
    prepare(sql: string) {
      const text = toPostgres(sql);
      const rows = (params: SQLInputValue[]) => bridge.call(null, text, params).rows as Record<string, SQLOutputValue>[];
      return { get: (...p) => rows(p)[0], all: (...p) => rows(p) };
    },
  };
}

/** A read-only connection to the store at `path`, kept open for the rest of the test run. */
export function readStore(path: string): StoreReader {
  if (isPostgres(path)) return pgReader(path);
  return sqliteReader(path);
}

/** A read-only connection to a SQLite store file (for what only SQLite has: PRAGMAs, its schema table). */
export function sqliteReader(path: string): DatabaseSync {
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

/** Every table of the store, rows sorted: two dumps are equal when the stores are. */
export function dumpTables(path: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (isPostgres(path)) {
    const r = readStore(path);
    const tables = r
      .prepare("SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_version' ORDER BY 1")
      .all();
    for (const { name } of tables)
      out[String(name)] = r
        .prepare(`SELECT * FROM "${String(name)}"`)
        .all()
        .map((row) => JSON.stringify(row))
        .sort();
    return out;
  }
  const db = sqliteReader(path);
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
  for (const { name } of tables)
    out[name] = db
      .prepare(`SELECT * FROM "${name}"`)
      .all()
      .map((r) => JSON.stringify(r))
      .sort();
  return out;
}
