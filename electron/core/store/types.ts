// The store boundary: every read and write the core makes, as typed functions per table, reached through one
// interface with explicit transactions. node:sqlite implements it today (sqlite.ts); a second backend
// implements the same functions and stands beside it.
import type * as custody from './custody.ts';
import type * as deadlines from './deadlines.ts';
import type * as drives from './drives.ts';
import type * as exchange from './exchange.ts';
import type * as jobs from './jobs.ts';
import type * as packages from './packages.ts';
import type { Sql } from './rows.ts';

/** A table function with its connection already given. */
type Bound<F> = F extends (q: Sql, ...args: infer A) => infer R ? (...args: A) => R : never;
type BoundAll<M> = { [K in keyof M]: Bound<M[K]> };

type Writes =
  | 'insertJob'
  | 'setJob'
  | 'deleteJob'
  | 'insertDrive'
  | 'setDrive'
  | 'claimOrphan'
  | 'detachDrive'
  | 'deleteDrive'
  | 'deleteInactiveDrivesOfJob'
  | 'deactivateUnheldDrivesOfJob'
  | 'insertPackage'
  | 'addJobToPackage'
  | 'removeJobFromPackages'
  | 'closePackageRecord'
  | 'reopenPackage'
  | 'endPackageHold'
  | 'deletePackage'
  | 'appendCustody'
  | 'insertRestoredJob'
  | 'insertRestoredDrive'
  | 'setClockSeenAt'
  | 'setJobDeadline'
  | 'setAddressWrong'
  | 'setContact'
  | 'wipeKeysOfJob'
  | 'refreshOtherBox'
  | 'announceChange'
  | 'claimOnce';

type AllTables = BoundAll<typeof jobs> &
  BoundAll<typeof drives> &
  BoundAll<typeof packages> &
  BoundAll<Omit<typeof custody, 'DRIVE_SCAN_ACTIONS'>> &
  BoundAll<typeof deadlines> &
  BoundAll<Omit<typeof exchange, 'EXPORT_ACTION'>>;

/** What a station's committed operation touched, as another station hears of it. */
export interface RemoteChange {
  jobs: string[];
  packages: string[];
  drives: string[];
  seq: number;
}

/** Everything an operation may do inside its transaction: every read, and every write. */
export type StoreTx = AllTables;

/** What may be read outside a transaction (the read models, the labels). */
export type StoreReads = Omit<AllTables, Writes>;

/**
 * The store the core opens. Synchronous on purpose: node:sqlite is, and so is every operation, so an
 * operation and its custody record commit in one call with nothing interleaved.
 */
export interface DockStore extends StoreReads {
  readonly path: string;
  /** The schema version: the number of migrations applied. */
  readonly version: number;
  /** One transaction: all of `fn` is written, or none of it. A transaction begun inside another joins it. */
  transaction<T>(fn: (tx: StoreTx) => T): T;
  /** Inside a transaction: `fn`'s writes are kept, or undone alone when it throws (the rest of the transaction goes on). */
  savepoint<T>(fn: () => T): T;
  /**
   * Changes other stations on the same database committed (PostgreSQL's NOTIFY); absent where no other
   * station can write (SQLite). An empty change means "look again": some may have been missed.
   */
  onRemoteChange?(fn: (c: RemoteChange) => void): () => void;
  /**
   * Inside a transaction: the reads `fn` makes fetched together now, so the operation's own reads of them wait
   * for nothing (PostgreSQL, where each read is a round trip to the database); absent where reads are calls in
   * the station's own thread (SQLite). `fn` only reads; what it returns is not used. `later`: fetched with the
   * transaction's next statement that is waited for, after the writes queued before it.
   */
  prefetch?(fn: (r: StoreReads) => void, opts?: { later?: boolean }): void;
  /** A consistent copy of the store to `path` while the station keeps writing (SQLite's online backup). */
  backup(path: string): Promise<{ pages: number }>;
  close(): void;
}
