// What a statement does to the dock's tables, for the PostgreSQL store's reads kept within one transaction:
// an answer read once is reused while no statement of the same transaction could have changed the tables it
// read. The station holds the dock's write lock for the whole transaction (and a snapshot sees one moment),
// so only the transaction's own statements can change them.
import { PG_MIGRATIONS } from './migrations.ts';

/** The dock's tables, as the migrations create them. */
const TABLES: ReadonlySet<string> = new Set(
  PG_MIGRATIONS.flatMap((m) => [...m.matchAll(/CREATE TABLE(?: IF NOT EXISTS)? (\w+)/gi)].map((x) => x[1]!.toLowerCase())),
);

/** Functions whose answer is not the tables' state (locks, notifications, sequences, clocks, chance). */
const VOLATILE = /\b(pg_\w+|nextval|setval|currval|random|clock_timestamp|timeofday|txid_\w+)\s*\(/i;

export interface StatementEffect {
  /** A SELECT whose answer depends only on the tables it names: it may be answered again from memory. */
  keepable: boolean;
  /** Whether it may change tables (anything not a SELECT). */
  writes: boolean;
  /** The dock's tables it names; null: none recognised, so a write is taken to touch them all. */
  tables: ReadonlySet<string> | null;
}

export function effectOf(text: string): StatementEffect {
  const words = new Set(text.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? []);
  const tables = new Set([...words].filter((w) => TABLES.has(w)));
  const select = /^\s*SELECT\b/i.test(text);
  return {
    keepable: select && !VOLATILE.test(text) && !/\bFOR\s+(UPDATE|SHARE|NO KEY|KEY)\b/i.test(text) && tables.size > 0,
    writes: !select,
    tables: tables.size ? tables : null,
  };
}

/** How many answers one transaction keeps at most. */
const MAX_KEPT = 4096;

/** Answers of keepable reads within one transaction, no longer given when a statement may have changed what they read. */
export class TransactionReads {
  readonly #kept = new Map<string, { seen: [string, number][]; rows: Record<string, unknown>[]; rowCount: number }>();
  /** How many writes each table has had in this transaction: an answer read before the latest one is stale. */
  readonly #writes = new Map<string, number>();

  #key(text: string, params: readonly unknown[]): string {
    return `${text}\u0000${JSON.stringify(params, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}`;
  }

  /** A copy of the answer kept for this statement with these parameters (the caller may change what it gets). */
  get(text: string, params: readonly unknown[]): { rows: Record<string, unknown>[]; rowCount: number } | undefined {
    const key = this.#key(text, params);
    const k = this.#kept.get(key);
    if (!k) return undefined;
    if (k.seen.some(([t, n]) => (this.#writes.get(t) ?? 0) !== n)) {
      this.#kept.delete(key);
      return undefined;
    }
    return { rows: k.rows.map((r) => ({ ...r })), rowCount: k.rowCount };
  }

  keep(text: string, params: readonly unknown[], effect: StatementEffect, rows: Record<string, unknown>[], rowCount: number): void {
    if (!effect.keepable || !effect.tables) return;
    // a bulk operation reads many things once: what it kept is let go rather than held to its end
    if (this.#kept.size >= MAX_KEPT) this.#kept.clear();
    const seen = [...effect.tables].map((t): [string, number] => [t, this.#writes.get(t) ?? 0]);
    this.#kept.set(this.#key(text, params), { seen, rows: rows.map((r) => ({ ...r })), rowCount });
  }

  /** A write to `tables` (null: any table) makes every answer that read one of them stale. */
  written(tables: ReadonlySet<string> | null): void {
    if (!tables) return this.clear();
    for (const t of tables) this.#writes.set(t, (this.#writes.get(t) ?? 0) + 1);
  }

  clear(): void {
    this.#kept.clear();
    this.#writes.clear();
  }
}
