// The store as the rest of the app opens it: node:sqlite today, behind the DockStore interface.
export { SqliteStore as Store } from './sqlite.ts';
export { MIGRATIONS } from './migrations.ts';
export type { DockStore, StoreReads, StoreTx } from './types.ts';
export { openStore, openReader, readerPossible, type StoreOptions, type StoreReader } from './open.ts';
