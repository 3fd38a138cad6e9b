// The dock's store on PostgreSQL, for a dock whose stations share one database: the same table functions as
// the SQLite store, bound to a connection reached through a worker thread (pg-bridge.ts) so every operation
// stays one synchronous call. Each transaction is BEGIN … COMMIT on the station's one connection.
import { IntakeError } from '../errors.ts';
import * as custody from './custody.ts';
import * as deadlines from './deadlines.ts';
import * as drives from './drives.ts';
import * as exchange from './exchange.ts';
import * as jobs from './jobs.ts';
import { PG_MIGRATIONS } from './migrations.ts';
import * as packages from './packages.ts';
import { PgBridge, PgError, redactUrl } from './pg-bridge.ts';
import type { BridgeEvent, BridgeStep } from './pg-protocol.ts';
import { TransactionReads, effectOf, type StatementEffect } from './pg-reads.ts';
import type { Row, Sql } from './rows.ts';
import type { DockStore, RemoteChange, StoreReads, StoreTx } from './types.ts';

/** The first key of every advisory lock the station takes ('dock' in ASCII), the second says which. */
export const LOCK_CLASS = 0x646f636b;
const MIGRATION_LOCK = `SELECT pg_advisory_xact_lock(${LOCK_CLASS}, 0)`;
/**
 * Every writing transaction of every station holds this from its first statement to its COMMIT: writes are
 * serialized dock-wide. Each operation reads the newest custody record (the clock check) and appends one, so
 * any two writing transactions conflict anyway; under SERIALIZABLE one of them would nearly always fail and
 * be run again. Waiting for the lock instead does each operation once, and makes custody's sequence the
 * order in which transactions committed (one consistent order for every station).
 */
const WRITE_LOCK = `SELECT pg_advisory_xact_lock(${LOCK_CLASS}, 1)`;
/** A statement that only tries a lock of its own is run before the write lock (the deadline sweep's claim). */
const TRY_LOCK = /^\s*SELECT pg_try_advisory_xact_lock\(/;
/** How many times a transaction the database aborted as a serialization failure or deadlock is run again. */
const RETRIES = 5;
const RETRYABLE = new Set(['40001', '40P01']);

/** How many statements may wait in a transaction's queue before they are sent without waiting for a read. */
const MAX_QUEUED = 256;

/** A read `prefetch` found wanting. */
interface Wanted {
  t: string;
  params: unknown[];
  effect: StatementEffect;
}

/** Where the answer of a statement sent later goes: its row count, and the first value it returned. */
interface Answer {
  n: number | null;
  first: unknown;
}

export interface PostgresOptions {
  /** A reader beside running stations: every write refused by the database, nothing migrated, no LISTEN. */
  readOnly?: boolean;
  /** How long one statement may take before the database is judged unreachable (default 15 s). */
  timeoutMs?: number;
  connectTimeoutMs?: number;
  /** Migrate an older schema (default: true; a station whose role may not change the schema says so). */
  migrate?: boolean;
}

/** `?` placeholders as `$1`, `$2` … (quoted text left alone), and SQLite's index hints dropped. */
export function toPostgres(text: string): string {
  let n = 0;
  let out = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === "'") quoted = !quoted;
    out += ch === '?' && !quoted ? `$${++n}` : ch;
  }
  return out.replace(/\s+INDEXED BY \w+/g, '');
}

function bindTable(target: object, q: Sql, table: Record<string, unknown>): void {
  for (const [name, fn] of Object.entries(table)) {
    if (typeof fn === 'function') Object.defineProperty(target, name, { value: fn.bind(null, q), writable: true, configurable: true });
  }
}

// the table functions are bound onto each store in its constructor (bindTable), as on SqliteStore
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface PostgresStore extends StoreTx {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class PostgresStore implements DockStore {
  /** The database URL without its password: what messages and logs name. */
  readonly path: string;
  readonly #bridge: PgBridge;
  readonly #readOnly: boolean;
  readonly #texts = new Map<string, string>();
  readonly #changeListeners = new Set<(c: RemoteChange) => void>();
  /** True when this open created the dock's schema (the database was empty). */
  readonly created: boolean;
  #depth = 0;
  #savepoints = 0;
  /** Inside a transaction: BEGIN not yet sent (it goes with the first statement), the write lock not yet taken. */
  #beginPending = false;
  /** How the pending BEGIN is worded: a snapshot begins a read-only transaction that sees one moment. */
  #begin = 'BEGIN';
  #lockPending = false;
  /** Whether this transaction's BEGIN has gone to the database (so an error must roll it back there). */
  #begun = false;
  /** Whether nobody else can change the tables until this transaction ends: it holds the dock's write lock, or reads one moment. */
  #steady = false;
  /**
   * Statements of this transaction not sent yet, with where their row counts go: a write nobody waits on goes
   * with the next statement that is waited for (or the COMMIT), in one round trip.
   */
  #queue: { step: BridgeStep; count: Answer | null }[] = [];
  readonly #reads = new TransactionReads();
  /** The table functions once more, reading only what this transaction already has (see `prefetch`). */
  readonly #ahead: StoreReads;
  /** While `prefetch` looks for what its reads need: the reads not had yet, by statement and parameters. */
  #wanted: Map<string, Wanted> | null = null;
  /** Reads to fetch after whatever the transaction sends next (see `prefetch`'s `later`). */
  #later = new Map<string, Wanted>();
  readonly #effects = new Map<string, StatementEffect>();

  readonly #url: string;
  readonly #opts: PostgresOptions;

  constructor(url: string, opts: PostgresOptions = {}) {
    this.path = redactUrl(url);
    this.#url = url;
    this.#opts = opts;
    this.#readOnly = Boolean(opts.readOnly);
    this.#bridge = new PgBridge({
      url,
      timeoutMs: opts.timeoutMs ?? 15_000,
      connectTimeoutMs: opts.connectTimeoutMs ?? 5_000,
      readOnly: this.#readOnly,
      listen: !this.#readOnly,
      applicationName: this.#readOnly ? 'dock-intake reader' : 'dock-intake station',
      onEvent: (e) => this.#remote(e),
    });
    try {
      this.created = !this.#readOnly && this.version === 0;
      if (this.#readOnly || opts.migrate === false) this.#checkVersion();
      else this.#migrate();
    } catch (e) {
      this.#bridge.close();
      throw e;
    }
    const q: Sql = {
      dialect: 'postgres',
      get: <T = Row>(text: string, ...params: unknown[]) => this.#query(text, params).rows[0] as T | undefined,
      all: <T = Row>(text: string, ...params: unknown[]) => this.#query(text, params).rows as T[],
      run: (text: string, ...params: unknown[]) => this.#write(text, params),
    };
    for (const table of [jobs, drives, packages, custody, deadlines, exchange]) bindTable(this, q, table);
    const ahead: Sql = {
      dialect: 'postgres',
      get: <T = Row>(text: string, ...params: unknown[]) => this.#had(text, params)?.rows[0] as T | undefined,
      all: <T = Row>(text: string, ...params: unknown[]) => (this.#had(text, params)?.rows ?? []) as T[],
      run: () => ({ changes: 0, lastInsertRowid: 0 }),
    };
    this.#ahead = {} as StoreReads;
    for (const table of [jobs, drives, packages, custody, deadlines, exchange]) bindTable(this.#ahead, ahead, table);
  }

  /** A read as `prefetch` sees it: the answer this transaction already has, or nothing yet (and it is wanted). */
  #had(text: string, params: unknown[]): { rows: Record<string, unknown>[]; rowCount: number } | undefined {
    const { t, effect } = this.#text(text);
    if (!effect.keepable) return undefined;
    const had = this.#reads.get(t, params);
    if (had) return had;
    if (this.#wanted && this.#wanted.size < 64) this.#wanted.set(`${t}\u0000${JSON.stringify(params)}`, { t, params, effect });
    return undefined;
  }

  /**
   * Fetches in as few round trips as it takes the reads `fn` makes: `fn` runs against answers this transaction
   * already has, every read it lacks is sent at once, and again with what those answers lead to, until it lacks
   * none. The operation then reads them from memory. Only inside a transaction that holds the dock's write lock
   * (or a snapshot); `fn` must only read, and nothing it returns is used.
   * `later`: what `fn` lacks now is not sent now but after the transaction's next statement that is waited for
   * (its writes queued before it included), in the same round trip: reads the operation makes once its writes
   * are done.
   */
  prefetch(fn: (r: StoreReads) => void, opts: { later?: boolean } = {}): void {
    if (this.#depth === 0) return;
    this.#open();
    if (!this.#steady) return;
    for (let pass = 0; pass < 4; pass++) {
      const wanted = new Map<string, Wanted>();
      this.#wanted = wanted;
      try {
        fn(this.#ahead);
      } catch {
        // code reading "nothing yet" may stumble on it: what it asked for before is still wanted
      } finally {
        this.#wanted = null;
      }
      if (opts.later) {
        for (const [k, w] of wanted) this.#later.set(k, w);
        return;
      }
      if (!wanted.size) return;
      const list = [...wanted.values()];
      const answers = this.#send(...list.map((w) => ({ text: w.t, params: w.params })));
      list.forEach((w, i) => this.#reads.keep(w.t, w.params, w.effect, answers[i]!.rows, answers[i]!.rowCount));
    }
  }

  get version(): number {
    const exists = this.#bridge.call(null, "SELECT to_regclass('schema_version') IS NOT NULL AS t").rows[0]!.t;
    if (!exists) return 0;
    return Number(this.#bridge.call(null, 'SELECT version FROM schema_version').rows[0]?.version ?? 0);
  }

  #tooNew(current: number): IntakeError {
    return new IntakeError(
      'STORE_TOO_NEW',
      `The dock database ${this.path} is at version ${current}, written by a newer release of the app; ` +
        `this release knows versions up to ${PG_MIGRATIONS.length}. Update the app to open it.`,
      { storeVersion: current, knownVersion: PG_MIGRATIONS.length },
    );
  }

  #checkVersion(): void {
    const v = this.version;
    if (v > PG_MIGRATIONS.length) throw this.#tooNew(v);
    if (v !== PG_MIGRATIONS.length) {
      throw new Error(
        `The dock database ${this.path} is at schema version ${v}, not ${PG_MIGRATIONS.length}: ` +
          'set it up or update it first (npm run db:setup).',
      );
    }
  }

  /** Each step in its own transaction, under a lock, so two stations starting at once migrate it once. */
  #migrate(): void {
    // an up-to-date schema needs no lock and no right to change it (a station's role has none)
    const found = this.version;
    if (found > PG_MIGRATIONS.length) throw this.#tooNew(found);
    if (found === PG_MIGRATIONS.length) return;
    for (;;) {
      this.#bridge.call(`BEGIN; ${MIGRATION_LOCK}`, null);
      try {
        this.#bridge.call(null, 'CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)');
        const current = Number(this.#bridge.call(null, 'SELECT version FROM schema_version').rows[0]?.version ?? 0);
        if (current > PG_MIGRATIONS.length) throw this.#tooNew(current);
        if (current === PG_MIGRATIONS.length) {
          this.#bridge.call('COMMIT', null);
          return;
        }
        if (current === 0) this.#requireByteOrder();
        this.#bridge.call(PG_MIGRATIONS[current]!, null);
        this.#bridge.call(
          current === 0 ? 'INSERT INTO schema_version (version) VALUES (1)' : `UPDATE schema_version SET version = ${current + 1}`,
          null,
        );
        this.#bridge.call('COMMIT', null);
      } catch (e) {
        this.#rollbackQuietly();
        if (e instanceof PgError && e.code === '42501') {
          throw new Error(
            `The dock database ${this.path} needs its schema updated, which this station's role may not do: ` +
              'run npm run db:setup with the database owner.',
            { cause: e },
          );
        }
        throw e;
      }
    }
  }

  /**
   * Text sorts and compares byte by byte in the dock's lists and searches, as in SQLite: a database created
   * with a language's collation would order job names and serials differently from station to station's
   * expectations and break a search by prefix.
   */
  #requireByteOrder(): void {
    const c = String(this.#bridge.call(null, 'SELECT datcollate FROM pg_database WHERE datname = current_database()').rows[0]?.datcollate);
    if (c !== 'C' && c !== 'POSIX') {
      throw new Error(
        `The dock database ${this.path} sorts text by ${c}; the dock's store needs byte order (LC_COLLATE C). ` +
          "Create it with npm run db:setup, or CREATE DATABASE … LOCALE 'C' ENCODING 'UTF8' TEMPLATE template0.",
      );
    }
  }

  #rollbackQuietly(): void {
    try {
      this.#bridge.call('ROLLBACK', null);
    } catch {
      // a connection that is gone has rolled back by itself
    }
  }

  #text(text: string): { t: string; effect: StatementEffect } {
    let t = this.#texts.get(text);
    if (t === undefined) {
      t = toPostgres(text);
      this.#texts.set(text, t);
    }
    let effect = this.#effects.get(t);
    if (!effect) {
      effect = effectOf(t);
      this.#effects.set(t, effect);
    }
    return { t, effect };
  }

  /** A statement whose answer is waited for: sent now, with whatever of the transaction is still queued before it. */
  #query(text: string, params: unknown[]): { rows: Record<string, unknown>[]; rowCount: number } {
    const { t, effect } = this.#text(text);
    this.#open(TRY_LOCK.test(text));
    const keep = this.#steady && effect.keepable;
    if (keep) {
      const kept = this.#reads.get(t, params);
      if (kept) return kept;
    }
    if (effect.writes) this.#reads.written(effect.tables);
    const [r] = this.#send({ text: t, params });
    if (keep) this.#reads.keep(t, params, effect, r!.rows, r!.rowCount);
    return r!;
  }

  /**
   * A statement whose rows nobody reads: inside a transaction it waits in the queue for the next statement that
   * is sent (its row count is fetched only when asked for); a failure comes out of that statement, inside the
   * same transaction, which then rolls back whole.
   */
  #write(text: string, params: unknown[]): { readonly changes: number; readonly lastInsertRowid: number } {
    if (this.#depth === 0) {
      const r = this.#query(text, params);
      const row = r.rows[0];
      return { changes: r.rowCount, lastInsertRowid: Number((row ? Object.values(row)[0] : null) ?? 0) };
    }
    const { t, effect } = this.#text(text);
    this.#open(TRY_LOCK.test(text));
    if (effect.writes) this.#reads.written(effect.tables);
    const count: Answer = { n: null, first: null };
    this.#queue.push({ step: { text: t, params }, count });
    // a bulk operation's writes go in requests of a bounded size, each well inside the statement deadline
    if (this.#queue.length >= MAX_QUEUED) this.#flush();
    const flush = () => this.#flush();
    return {
      get changes() {
        if (count.n === null) flush();
        return count.n ?? 0;
      },
      /** What an INSERT … RETURNING returned first (the new row's key), as SQLite's row id. */
      get lastInsertRowid() {
        if (count.n === null) flush();
        return Number(count.first ?? 0);
      },
    };
  }

  /** Puts BEGIN, then the dock's write lock, at the head of the transaction's statements when they are due. */
  #open(onlyTryingALock = false): void {
    if (this.#depth === 0) return;
    const parts: string[] = [];
    if (this.#beginPending) {
      parts.push(this.#begin);
      this.#beginPending = false;
    }
    if (this.#lockPending && !onlyTryingALock) {
      parts.push(WRITE_LOCK);
      this.#lockPending = false;
      this.#steady = true;
    }
    if (parts.length) this.#queue.push({ step: { simple: parts.join('; ') }, count: null });
  }

  /** Sends what is queued, then `last`, in one round trip; answers the rows and row count of each of `last`. */
  #send(...last: BridgeStep[]): { rows: Record<string, unknown>[]; rowCount: number }[] {
    const queued = this.#queue;
    this.#queue = [];
    // reads waiting for the transaction's next statement go after it, so they see every write before them; not
    // after the end of the transaction or a savepoint, whose answers would not be this transaction's
    const later = this.#steady && last.every((l) => !('simple' in l)) ? [...this.#later.values()] : [];
    this.#later.clear();
    const steps = [...queued.map((q) => q.step), ...last, ...later.map((w) => ({ text: w.t, params: w.params }))];
    if (!steps.length) return [];
    const continuing = this.#depth > 0 && this.#begun;
    if (this.#depth > 0) this.#begun = true;
    const r = this.#bridge.send(steps, { inTransaction: continuing });
    later.forEach((w, i) => {
      const at = queued.length + last.length + i;
      this.#reads.keep(w.t, w.params, w.effect, r.rows[at] ?? [], r.rowCounts[at] ?? 0);
    });
    queued.forEach((q, i) => {
      if (!q.count) return;
      q.count.n = r.rowCounts[i] ?? 0;
      const row = r.rows[i]?.[0];
      q.count.first = row ? (Object.values(row)[0] ?? null) : null;
    });
    return last.map((_, i) => ({ rows: r.rows[queued.length + i] ?? [], rowCount: r.rowCounts[queued.length + i] ?? 0 }));
  }

  #flush(): void {
    this.#send();
  }

  /** A transaction ends (committed, rolled back or abandoned): nothing of it stays queued or remembered. */
  #end(): void {
    this.#queue = [];
    this.#later.clear();
    this.#reads.clear();
    this.#beginPending = false;
    this.#lockPending = false;
    this.#begun = false;
    this.#steady = false;
  }

  /**
   * One transaction per operation: all of it is written, or none of it. Nested calls join the outer one. A
   * transaction the database aborts as a serialization failure or a deadlock is run again from the start:
   * `fn` touches nothing but the store, so running it again is safe. It has committed when this returns.
   */
  transaction<T>(fn: (tx: StoreTx) => T): T {
    if (this.#depth > 0) return fn(this);
    for (let attempt = 1; ; attempt++) {
      this.#depth++;
      this.#beginPending = true;
      this.#lockPending = !this.#readOnly;
      try {
        const result = fn(this);
        if (this.#queue.length || this.#begun) this.#send({ simple: 'COMMIT' });
        return result;
      } catch (e) {
        this.#queue = [];
        if (this.#begun && !(e instanceof IntakeError && e.code === 'STORE_UNREACHABLE')) this.#rollbackQuietly();
        if (e instanceof PgError && RETRYABLE.has(e.code) && attempt < RETRIES) continue;
        throw e;
      } finally {
        this.#depth--;
        this.#end();
      }
    }
  }

  /**
   * Reads in one snapshot, as SqliteStore's: every statement of `fn` sees the dock as committed when the first
   * one ran (REPEATABLE READ, read only), and the snapshot ends with `fn`, so the next call sees everything
   * committed since. Inside a transaction it joins it.
   */
  snapshot<T>(fn: () => T): T {
    if (this.#depth > 0) return fn();
    this.#depth++;
    this.#beginPending = true;
    this.#begin = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';
    this.#steady = true;
    try {
      const result = fn();
      if (this.#queue.length || this.#begun) this.#send({ simple: 'COMMIT' });
      return result;
    } catch (e) {
      this.#queue = [];
      if (this.#begun && !(e instanceof IntakeError && e.code === 'STORE_UNREACHABLE')) this.#rollbackQuietly();
      throw e;
    } finally {
      this.#depth--;
      this.#begin = 'BEGIN';
      this.#end();
    }
  }

  savepoint<T>(fn: () => T): T {
    if (this.#depth === 0) throw new Error('a savepoint outside a transaction');
    const name = `sp${++this.#savepoints}`;
    this.#open();
    this.#send({ simple: `SAVEPOINT ${name}` });
    try {
      const result = fn();
      // what the savepoint wrote is sent before it is released, so a failure of it is the savepoint's
      this.#send({ simple: `RELEASE SAVEPOINT ${name}` });
      return result;
    } catch (e) {
      // statements queued inside the savepoint are dropped: rolling back to it would undo them anyway
      this.#queue = [];
      this.#later.clear();
      this.#reads.clear();
      if (!(e instanceof IntakeError && e.code === 'STORE_UNREACHABLE')) {
        this.#bridge.call(`ROLLBACK TO SAVEPOINT ${name}; RELEASE SAVEPOINT ${name}`, null);
      }
      throw e;
    } finally {
      this.#savepoints--;
    }
  }

  /** A dock database is backed up by PostgreSQL's own tools, on the database server. */
  backup(): Promise<{ pages: number }> {
    return Promise.reject(
      new Error('a dock database on PostgreSQL is backed up with pg_dump on the database server (see the README), not by a station'),
    );
  }

  /** Changes other stations committed, as they NOTIFY them (an empty change: look again, some may be missed). */
  onRemoteChange(fn: (c: RemoteChange) => void): () => void {
    this.#changeListeners.add(fn);
    return () => this.#changeListeners.delete(fn);
  }

  #remote(e: BridgeEvent): void {
    let change: RemoteChange = { jobs: [], packages: [], drives: [], seq: 0 };
    try {
      if (e.payload) change = { ...change, ...(JSON.parse(e.payload) as Partial<RemoteChange>) };
    } catch {
      // a payload this release cannot read still says that something changed
    }
    for (const l of this.#changeListeners) {
      try {
        l(change);
      } catch {
        /* a listener never stops the others */
      }
    }
  }

  /** Every table's rows, sorted, through this connection (tests and tools compare two of them). */
  dumpTables(): Record<string, string[]> {
    if (this.#depth > 0) this.#flush();
    const tables = this.#bridge
      .call(null, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_version' ORDER BY 1")
      .rows.map((r) => String(r.tablename));
    const out: Record<string, string[]> = {};
    for (const t of tables)
      out[t] = this.#bridge
        .call(null, `SELECT * FROM "${t}"`)
        .rows.map((r) => JSON.stringify(r))
        .sort();
    return out;
  }

  /** A statement of the caller's own, for tests and the setup command (never the core's operations). */
  sql(text: string, ...params: unknown[]): Record<string, unknown>[] {
    this.#open();
    this.#reads.clear();
    return this.#send({ text: toPostgres(text), params })[0]!.rows;
  }

  /**
   * A reader of the same database on a connection (and worker) of its own, for reads that must not wait behind
   * this station's writes: `path` has no password to open one with, so the store opens it.
   */
  openReader(): PostgresStore {
    return new PostgresStore(this.#url, { ...this.#opts, readOnly: true });
  }

  /** Statements of the caller's own, several at once, with no parameters (the setup command's grants). */
  exec(text: string): void {
    this.#open();
    this.#reads.clear();
    this.#send({ simple: text });
  }

  close(): void {
    this.#bridge.close();
  }
}
