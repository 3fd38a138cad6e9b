// How the station opens its store, in one place: the station opens its own connection with these options,
// and a reader on another thread opens a second one from the very same options. Another backend adds its own
// options here and answers both functions for them.
import { PostgresStore } from './postgres.ts';
import { SqliteStore } from './sqlite.ts';
import type { DockStore, StoreTx } from './types.ts';

/** What a store is opened from: the options the station was opened with, handed as they are to its readers. */
export interface StoreOptions {
  /** The store file (node:sqlite); ':memory:' is a store no other connection can see. */
  path: string;
  /** Only to look: every write is refused by the database itself, and nothing is migrated. */
  readOnly?: boolean;
  /** The dock's PostgreSQL database (`postgres://…`): when given, the store is there and `path` is not used. */
  database?: string;
}

/** A connection that only reads, for another thread: `snapshot` gives each answer one consistent view. */
export interface StoreReader {
  readonly store: DockStore;
  snapshot<T>(fn: () => T): T;
  close(): void;
}

export function openStore(opts: StoreOptions): DockStore & StoreTx {
  if (opts.database) return new PostgresStore(opts.database, { readOnly: Boolean(opts.readOnly) });
  return new SqliteStore(opts.path, { readOnly: Boolean(opts.readOnly) });
}

/**
 * Whether another connection can read what the station commits: a store in a file can (SQLite's WAL lets a
 * reader see every commit while the station writes); a store in memory belongs to its one connection.
 */
export function readerPossible(opts: StoreOptions): boolean {
  if (opts.database) return true;
  return opts.path !== ':memory:' && opts.path !== '';
}

/** A second connection to the store the options name, read-only: what a reader thread answers from. */
export function openReader(opts: StoreOptions): StoreReader {
  if (!readerPossible(opts)) throw new Error('A store in memory cannot be read from another connection.');
  const store = opts.database ? new PostgresStore(opts.database, { readOnly: true }) : new SqliteStore(opts.path, { readOnly: true });
  return { store, snapshot: (fn) => store.snapshot(fn), close: () => store.close() };
}
