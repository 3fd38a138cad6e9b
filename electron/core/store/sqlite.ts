// The dock's store on node:sqlite: one file, WAL with synchronous=FULL, numbered migrations, cached statements,
// and an index for every lookup a scan makes. Nothing here loads the store whole into memory.
import { DatabaseSync, backup, type StatementSync, type SQLInputValue } from 'node:sqlite';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { IntakeError } from '../errors.ts';
import * as custody from './custody.ts';
import * as deadlines from './deadlines.ts';
import * as drives from './drives.ts';
import * as exchange from './exchange.ts';
import * as jobs from './jobs.ts';
import { MIGRATIONS } from './migrations.ts';
import * as packages from './packages.ts';
import type { Row, Sql } from './rows.ts';
import type { DockStore, StoreTx } from './types.ts';
import { truncateWal, watchKeyWipes } from './key-wipes.ts';

/** Idle this long after a commit, the store checkpoints its WAL: at a person's scanning pace no scan pays for it. */
const IDLE_CHECKPOINT_MS = 1_000;
/**
 * WAL pages (4 KiB) before a commit checkpoints anyway, for bursts with no idle moment (imports, the demo,
 * the benchmark): about 40 MB, one checkpoint per thousand scans rather than SQLite's default one per hundred.
 */
const WAL_AUTOCHECKPOINT_PAGES = 10_000;

/** Gives every function of a table module its connection, as methods of `target`. */
function bindTable(target: object, q: Sql, table: Record<string, unknown>): void {
  for (const [name, fn] of Object.entries(table)) {
    if (typeof fn === 'function') Object.defineProperty(target, name, { value: fn.bind(null, q), writable: true, configurable: true });
  }
}

// the table functions are bound onto each store in its constructor (bindTable); only an interface merged
// into the class can tell TypeScript so, which is the merging these two rules warn of
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface SqliteStore extends StoreTx {}

/** node:sqlite, one connection: the store is its own transaction, so `transaction` hands itself to `fn`. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the interface above, on purpose
export class SqliteStore implements DockStore {
  readonly path: string;
  /** Told of every statement run, as written (a test checks each one against its query plan). */
  onStatement: ((text: string) => void) | null = null;
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();
  #depth = 0;
  #savepoints = 0;
  #backups = 0;
  #idle: ReturnType<typeof setTimeout> | null = null;
  #keyWiped: () => boolean = () => false;
  readonly #readOnly: boolean;
  #walHoldsWipedKey = false;

  /**
   * `readOnly`: a reader beside a running station (tools that only look): SQLite refuses every write, and
   * nothing is migrated; a store of another schema version is refused rather than read wrongly.
   */
  constructor(path: string, opts: { readOnly?: boolean } = {}) {
    this.path = path;
    this.#readOnly = Boolean(opts.readOnly);
    if (!opts.readOnly && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.#db = opts.readOnly ? new DatabaseSync(path, { readOnly: true }) : new DatabaseSync(path);
    try {
      if (opts.readOnly) {
        this.#db.exec('PRAGMA busy_timeout = 5000');
        if (this.version > MIGRATIONS.length) this.#migrate();
        if (this.version !== MIGRATIONS.length) {
          throw new Error(
            `The store ${path} is at schema version ${this.version}, not ${MIGRATIONS.length}: open it in the station once first.`,
          );
        }
      } else {
        this.#db.exec('PRAGMA journal_mode = WAL');
        this.#db.exec('PRAGMA synchronous = FULL');
        this.#db.exec('PRAGMA foreign_keys = ON');
        this.#db.exec('PRAGMA busy_timeout = 5000');
        this.#db.exec(`PRAGMA wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
        // a bounded page cache (32 MB): the index pages a scan walks stay in memory; the store is never loaded whole
        this.#db.exec('PRAGMA cache_size = -32768');
        this.#db.exec('PRAGMA temp_store = MEMORY');
        // a wiped BitLocker key is zeroed in the file, not left in the page's free space
        this.#db.exec('PRAGMA secure_delete = ON');
        this.#migrate();
        this.#keyWiped = watchKeyWipes(this.#db);
      }
    } catch (e) {
      this.#db.close();
      throw e;
    }
    const q: Sql = {
      get: <T = Row>(text: string, ...params: SQLInputValue[]) => this.#sql(text).get(...params) as T | undefined,
      all: <T = Row>(text: string, ...params: SQLInputValue[]) => this.#sql(text).all(...params) as T[],
      run: (text: string, ...params: SQLInputValue[]) => this.#sql(text).run(...params),
    };
    for (const table of [jobs, drives, packages, custody, deadlines, exchange]) bindTable(this, q, table);
  }

  /**
   * Checkpoints the WAL once the station has been idle a moment, so no scan waits for one. A checkpoint on
   * the commit path (SQLite's own, every 1,000 pages by default) put one scan in a hundred at several ms.
   */
  #checkpointWhenIdle(): void {
    if (this.path === ':memory:') return;
    if (this.#idle) {
      this.#idle.refresh();
      return;
    }
    this.#idle = setTimeout(() => {
      this.#idle = null;
      // never while a backup copies pages: the next commit after it schedules the checkpoint again
      if (this.#backups > 0) return;
      if (!this.#db.isOpen || this.#db.isTransaction) return;
      try {
        this.#db.exec('PRAGMA wal_checkpoint(PASSIVE)');
      } catch (e) {
        // a full disk fails the checkpoint, not the station: the WAL keeps every commit and is copied later
        console.error('[intake] WAL checkpoint failed:', e instanceof Error ? e.message : e);
      }
    }, IDLE_CHECKPOINT_MS);
    this.#idle.unref();
  }

  get version(): number {
    return Number((this.#db.prepare('PRAGMA user_version').get() as Row).user_version);
  }

  /** How this connection writes: WAL, and every commit synced to disk (synchronous=FULL is 2). */
  settings(): { journalMode: string; synchronous: number } {
    return {
      journalMode: String((this.#db.prepare('PRAGMA journal_mode').get() as Row).journal_mode),
      synchronous: Number((this.#db.prepare('PRAGMA synchronous').get() as Row).synchronous),
    };
  }

  /**
   * Caps how many pages the store file may grow to on this connection: a disk that fills up at a chosen
   * size, for the drills and tests that prove a full disk loses nothing acknowledged.
   */
  capPages(pages: number): void {
    if (!Number.isSafeInteger(pages) || pages < 1) throw new RangeError('a page count is a whole number from 1');
    this.#db.exec(`PRAGMA max_page_count = ${pages}`);
  }

  #migrate(): void {
    const current = this.version;
    // a newer release's store may hold what this one cannot read or would write wrongly: it is left untouched
    if (current > MIGRATIONS.length) {
      throw new IntakeError(
        'STORE_TOO_NEW',
        `The store at ${this.path} is at version ${current}, written by a newer release of the app; ` +
          `this release knows versions up to ${MIGRATIONS.length}. Update the app to open it.`,
        { storeVersion: current, knownVersion: MIGRATIONS.length },
      );
    }
    for (let i = current; i < MIGRATIONS.length; i++) {
      this.#db.exec('BEGIN IMMEDIATE');
      try {
        this.#db.exec(MIGRATIONS[i]!);
        this.#db.exec(`PRAGMA user_version = ${i + 1}`);
        this.#db.exec('COMMIT');
      } catch (e) {
        this.#db.exec('ROLLBACK');
        throw e;
      }
    }
  }

  /** A cached prepared statement: a scan prepares nothing. */
  #sql(text: string): StatementSync {
    this.onStatement?.(text);
    let s = this.#statements.get(text);
    if (!s) {
      s = this.#db.prepare(text);
      this.#statements.set(text, s);
    }
    return s;
  }

  /** One transaction per operation: all of it is written, or none of it. Nested calls join the outer one. */
  transaction<T>(fn: (tx: StoreTx) => T): T {
    if (this.#depth > 0) return fn(this);
    this.#db.exec('BEGIN IMMEDIATE');
    this.#depth++;
    try {
      const result = fn(this);
      this.#db.exec('COMMIT');
      if (this.#keyWiped()) this.#walHoldsWipedKey = true;
      this.#forgetWipedKeys();
      this.#checkpointWhenIdle();
      return result;
    } catch (e) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      this.#keyWiped();
      throw e;
    } finally {
      this.#depth--;
    }
  }

  /**
   * Reads in one snapshot: every statement of `fn` sees the store as committed when its first one ran, and the
   * snapshot ends with `fn`, so the next call sees everything committed since (a connection that only reads,
   * on another thread, would otherwise see a scan land between two statements of one answer). Inside a
   * transaction it joins it.
   */
  snapshot<T>(fn: () => T): T {
    if (this.#depth > 0) return fn();
    this.#db.exec('BEGIN DEFERRED');
    this.#depth++;
    try {
      return fn();
    } finally {
      this.#depth--;
      if (this.#db.isTransaction) this.#db.exec('COMMIT');
    }
  }

  savepoint<T>(fn: () => T): T {
    if (this.#depth === 0) throw new Error('a savepoint outside a transaction');
    const name = `sp${++this.#savepoints}`;
    this.#db.exec(`SAVEPOINT ${name}`);
    try {
      const result = fn();
      this.#db.exec(`RELEASE ${name}`);
      return result;
    } catch (e) {
      this.#db.exec(`ROLLBACK TO ${name}`);
      this.#db.exec(`RELEASE ${name}`);
      throw e;
    } finally {
      this.#savepoints--;
    }
  }

  /**
   * SQLite's online backup, off the event loop: the copy is the store as it stood when the copy began (every
   * record acknowledged by then), while scans go on committing.
   */
  async backup(path: string): Promise<{ pages: number }> {
    this.#backups++;
    try {
      // from a reader of its own, in one step: WAL gives that reader one consistent snapshot while this
      // connection goes on committing scans (stepping through the writing connection itself failed now and
      // then when a scan committed between two steps)
      const reader = new DatabaseSync(this.path, { readOnly: true });
      try {
        const pages = await backup(reader, path, { rate: 2 ** 30 });
        return { pages };
      } finally {
        reader.close();
      }
    } finally {
      this.#backups--;
    }
  }

  /**
   * After a commit that wiped a key, the WAL's older frames still hold it: truncate the WAL now. The commit
   * stands whatever happens here; a checkpoint that cannot run yet is retried after the next commit.
   */
  #forgetWipedKeys(): void {
    if (!this.#walHoldsWipedKey || this.path === ':memory:') return;
    try {
      this.#walHoldsWipedKey = !truncateWal(this.#db);
    } catch (e) {
      console.error('[intake] could not truncate the WAL after a BitLocker key was wiped:', e instanceof Error ? e.message : e);
    }
  }

  close(): void {
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    this.#statements.clear();
    if (this.#db.isOpen) {
      if (this.path !== ':memory:' && !this.#readOnly) {
        try {
          truncateWal(this.#db);
        } catch {
          // closing checkpoints the WAL and deletes it all the same
        }
      }
      this.#db.close();
    }
  }
}
