// The station's thread waits for its PostgreSQL worker synchronously: a request goes to the worker, the thread
// sleeps on a shared word (Atomics.wait) until the worker has put the answer on a port, then takes it without
// the event loop (receiveMessageOnPort). This is the pattern of the `synckit` library, kept to what one
// connection per station needs: requests strictly in order, a deadline on each, a fresh worker (and so a fresh
// connection) after a worker that did not answer.
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { IntakeError } from '../errors.ts';
import type { BridgeEvent, BridgeReply, BridgeRequest, BridgeStep, WorkerData } from './pg-protocol.ts';

export interface BridgeOptions {
  url: string;
  /** How long one statement may take before the database is judged unreachable. */
  timeoutMs: number;
  connectTimeoutMs: number;
  readOnly: boolean;
  listen: boolean;
  applicationName: string;
  onEvent?: (e: BridgeEvent) => void;
}

/** A statement PostgreSQL refused, with its SQLSTATE (`40001`, `23505`, …). */
export class PgError extends Error {
  override name = 'PgError';
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** The database URL with its password (and any password parameter) replaced, for every message and log. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    for (const k of [...u.searchParams.keys()]) if (/pass/i.test(k)) u.searchParams.set(k, '***');
    return u.toString();
  } catch {
    return 'a database URL that cannot be read';
  }
}

/** Where the worker's code is: beside this file when run from source, beside the bundle in the packaged app. */
function workerFile(): string | URL {
  if (typeof __dirname === 'string') return join(__dirname, 'pg-worker.cjs');
  return fileURLToPath(new URL('./pg-worker.ts', import.meta.url));
}

export class PgBridge {
  readonly #opts: BridgeOptions;
  readonly #where: string;
  readonly #secrets: string[];
  #worker: Worker | null = null;
  #signal = new Int32Array(new SharedArrayBuffer(4));
  #replies: MessagePort | null = null;
  #events: MessagePort | null = null;
  #next = 0;
  #closed = false;

  constructor(opts: BridgeOptions) {
    this.#opts = opts;
    this.#where = redactUrl(opts.url);
    let password = '';
    try {
      password = decodeURIComponent(new URL(opts.url).password);
    } catch {
      // an unreadable URL is refused by the driver with its own words
    }
    this.#secrets = [password, encodeURIComponent(password)].filter((s) => s.length >= 3);
  }

  /** Takes out every form of the password from a text that may quote the URL. */
  redact(text: string): string {
    let out = text.split(this.#opts.url).join(this.#where);
    for (const s of this.#secrets) out = out.split(s).join('***');
    return out;
  }

  #start(): Worker {
    const replies = new MessageChannel();
    const events = new MessageChannel();
    this.#signal = new Int32Array(new SharedArrayBuffer(4));
    const data: WorkerData = {
      url: this.#opts.url,
      connectTimeoutMs: this.#opts.connectTimeoutMs,
      applicationName: this.#opts.applicationName,
      readOnly: this.#opts.readOnly,
      listen: this.#opts.listen,
      signal: this.#signal.buffer,
      replies: replies.port1,
      events: events.port1,
    };
    const file = workerFile();
    // a worker that cannot start would look like a database that does not answer: an incomplete install says so
    if (!existsSync(file))
      throw new Error(`The dock database's worker is missing (${String(file)}): the app is incomplete; install it again.`);
    const worker = new Worker(file, { workerData: data, transferList: [replies.port1, events.port1] });
    worker.unref();
    worker.on('error', () => {});
    worker.on('exit', () => {
      if (this.#worker === worker) this.#worker = null;
    });
    this.#replies = replies.port2;
    this.#events = events.port2;
    const onEvent = this.#opts.onEvent;
    if (onEvent) events.port2.on('message', (e: BridgeEvent) => onEvent(e));
    events.port2.unref();
    this.#worker = worker;
    return worker;
  }

  #unreachable(detail: string): IntakeError {
    return new IntakeError(
      'STORE_UNREACHABLE',
      `The dock database (${this.#where}) cannot be reached: ${this.redact(detail)}. This was not recorded, and everything ` +
        'recorded before it is kept. Check the dock network and the database server (or call IT), then do it again.',
      { database: this.#where },
    );
  }

  /** Runs `prelude` (simple SQL) then `text` with `params`, waiting for the answer; throws what the database said. */
  call(
    prelude: string | null,
    text: string | null,
    params: readonly unknown[] = [],
  ): { rows: Record<string, unknown>[]; rowCount: number } {
    const steps: BridgeStep[] = [];
    if (prelude) steps.push({ simple: prelude });
    if (text !== null) steps.push({ text, params });
    if (!steps.length) return { rows: [], rowCount: 0 };
    const r = this.send(steps);
    return { rows: text === null ? [] : r.rows[r.rows.length - 1]!, rowCount: text === null ? 0 : r.rowCounts[r.rowCounts.length - 1]! };
  }

  /**
   * Sends `steps` to the database in one go and waits for all their answers: the rows and the row count of each.
   * Throws what the database said about the first step that failed. `inTransaction`: they continue a transaction
   * an earlier request began, and are refused (unreachable) on a connection that no longer has it.
   */
  send(steps: BridgeStep[], opts: { inTransaction?: boolean } = {}): { rows: Record<string, unknown>[][]; rowCounts: number[] } {
    if (this.#closed) throw new Error('the dock database connection is closed');
    const worker = this.#worker ?? this.#start();
    const id = ++this.#next;
    const req: BridgeRequest = { id, steps, inTransaction: Boolean(opts.inTransaction) };
    Atomics.store(this.#signal, 0, 0);
    worker.postMessage(req);
    const deadline = Date.now() + this.#opts.timeoutMs;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0 || Atomics.wait(this.#signal, 0, 0, left) === 'timed-out') {
        // a worker that does not answer is replaced: its connection goes with it, and PostgreSQL rolls back
        // whatever it had begun
        this.#kill();
        throw this.#unreachable(`no answer within ${Math.round(this.#opts.timeoutMs / 1000)} s`);
      }
      const got = receiveMessageOnPort(this.#replies!);
      if (!got) {
        Atomics.store(this.#signal, 0, 0);
        continue;
      }
      const r = got.message as BridgeReply;
      if (r.id !== id) continue;
      if (r.ok) return { rows: r.rows, rowCounts: r.rowCounts };
      if (r.unreachable) throw this.#unreachable(r.message);
      if (r.code === '22021' || r.code === '22P05') {
        throw new IntakeError('BAD_INPUT', 'The text holds a character the dock database cannot store (a NUL or an unpaired code unit).');
      }
      throw new PgError(r.code, this.redact(r.message));
    }
  }

  #kill(): void {
    const w = this.#worker;
    this.#worker = null;
    this.#replies?.close();
    this.#events?.close();
    if (w) void w.terminate();
  }

  close(): void {
    this.#closed = true;
    this.#kill();
  }
}
